/**
 * The shapes of a story's history and of recovery drafts as they cross the API: the list of
 * revisions, a comparison of two versions, and what the start-up recovery offer shows.
 */
import { z } from 'zod';

/** What a revision changed, for the revision list ("headline, 2 paragraphs added"). */
export const ChangeSummary = z.object({
  /** true for the first revision the store holds of a story (its creation, or an upgrade) */
  created: z.boolean().optional(),
  /** top-level fields whose value changed (`body` included) */
  fields: z.array(z.string()),
  blocksAdded: z.number().int().min(0),
  blocksRemoved: z.number().int().min(0),
  /** characters of body text gained (negative: lost) */
  textDelta: z.number().int(),
});
export type ChangeSummary = z.infer<typeof ChangeSummary>;

/** One line of a story's history, without its content. */
export const RevisionInfo = z.object({
  version: z.number().int().min(1),
  at: z.string(),
  /** who saved it */
  actor: z.string(),
  change: ChangeSummary,
  /** set when this revision restored an older one */
  restoredFrom: z.number().int().min(1).optional(),
  kind: z.enum(['snapshot', 'delta']),
});
export type RevisionInfo = z.infer<typeof RevisionInfo>;

/** Two versions of a story side by side: changed fields and a word diff of the body text. */
export const StoryComparison = z.object({
  from: z.number().int(),
  to: z.number().int(),
  fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  body: z.array(
    z.object({ value: z.string(), added: z.boolean().optional(), removed: z.boolean().optional() }),
  ),
});
export type StoryComparison = z.infer<typeof StoryComparison>;

/** A recovery draft as the start-up offer lists it. */
export const RecoveryOffer = z.object({
  id: z.string(),
  headline: z.string(),
  baseVersion: z.number().int().min(1),
  /** the story's version now; absent when the story itself is gone */
  currentVersion: z.number().int().min(1).optional(),
  savedAt: z.string(),
  /**
   * set on the text of someone whose lock was taken over: kept for them out of the story (to
   * copy, or set aside), never restored into it
   */
  takenOver: z.object({ byName: z.string(), at: z.string() }).optional(),
});
export type RecoveryOffer = z.infer<typeof RecoveryOffer>;
