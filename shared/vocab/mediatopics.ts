/**
 * IPTC Media Topics as the app uses them: the shipped compact vocabulary
 * (resources/standards/mediatopics/mediatopics.json, derived by
 * electron/core/vocab/derive-mediatopics.ts) and the shape the picker receives.
 */
import { z } from 'zod';

/** The shipped file: each concept is [code, English label, Arabic label or '', broader code or '']. */
export interface MediaTopicsFile {
  source: string;
  credit: string;
  licence: string;
  concepts: [string, string, string, string][];
}

/** A story's subject as stored: the IPTC qcode. */
export const SubjectCode = z.string().regex(/^medtop:\d{8}$/, 'not a Media Topic qcode');

/** One concept as the picker shows it. */
export const MediaTopic = z.object({
  code: SubjectCode,
  /** the label in the asked language, or English when the concept has no Arabic label */
  label: z.string(),
  /** the language `label` is in: a fallback is marked so the UI can set `lang="en"` on it */
  labelLang: z.enum(['ar', 'en']),
  labelEn: z.string(),
  /** labels from the top concept down to this one, e.g. ['سياسة', 'علاقات دولية', 'دبلوماسية'] */
  path: z.array(z.string()),
});
export type MediaTopic = z.infer<typeof MediaTopic>;
