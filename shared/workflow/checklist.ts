/**
 * The pre-publish checklist: run at submit and approve (never at save). Each item either passes
 * or fails; the desk's configuration says whether a failure blocks, only warns, or is ignored.
 */
import { bodyToText } from '../format/body-to-html';
import type { Story } from '../story/schema';
import { DEFAULT_SETTINGS } from '../text/house-style';
import { CHECKLIST_ITEMS, type ChecklistConfig, type ChecklistItemId, type ChecklistLevel } from './model';

/**
 * Unless a desk says otherwise: a headline, a byline, a body and a subject are what a story
 * cannot go to the desk without; the picture's absence, alt text and credit are told, not blocking
 * (a desk that wants them sets them to block at approve).
 */
export const DEFAULT_LEVELS: Record<ChecklistItemId, ChecklistLevel> = {
  headline: 'block',
  byline: 'block',
  body: 'block',
  'lead-image': 'warn',
  'image-alt': 'warn',
  'image-credit': 'warn',
  subject: 'block',
  slugline: 'warn',
  'headline-length': 'warn',
  'slugline-length': 'warn',
};

export const DEFAULT_CHECKLIST: ChecklistConfig = { levels: {}, sluglineMax: 40 };

/** The level an item has under `config`: the configured one, else the default. */
export function levelOf(config: ChecklistConfig, item: ChecklistItemId): ChecklistLevel {
  return config.levels[item] ?? DEFAULT_LEVELS[item];
}

export interface ChecklistResult {
  item: ChecklistItemId;
  level: ChecklistLevel;
  ok: boolean;
  /** for length items: the measured length and the limit */
  length?: number;
  limit?: number;
}

export interface ChecklistReport {
  results: ChecklistResult[];
  /** failed items whose level is `block` */
  blocking: ChecklistItemId[];
  warnings: ChecklistItemId[];
}

const filled = (value: string | undefined | null) => (value ?? '').trim().length > 0;
/** Length as a reader counts it: user-perceived characters, so harakat do not count. */
const length = (value: string) =>
  [...new Intl.Segmenter('ar', { granularity: 'grapheme' }).segment(value)].length;

/** When the checklist runs: sending to the desk, or the desk's approval (and publication). */
export type ChecklistStage = 'submit' | 'approve';

/**
 * Runs every item of the checklist on a story, at `stage` (an `approve` level blocks only there).
 * `headlineLimit` is the newsroom's one headline setting (`NewsroomSettings.headlineLimit`), the
 * same number the proofing guide shows beside the headline.
 */
export function runChecklist(
  story: Pick<Story, 'headline' | 'byline' | 'body' | 'leadImage' | 'tags' | 'subjects' | 'slugline'>,
  config: ChecklistConfig = DEFAULT_CHECKLIST,
  stage: ChecklistStage = 'approve',
  headlineLimit: number = DEFAULT_SETTINGS.headlineLimit,
): ChecklistReport {
  const image = story.leadImage;
  const headlineLength = length(story.headline.trim());
  const sluglineLength = length(story.slugline.trim());
  const passes: Record<ChecklistItemId, boolean> = {
    headline: filled(story.headline),
    byline: filled(story.byline),
    body: filled(bodyToText(story.body)),
    'lead-image': image !== null,
    // With no image at all, only the image item fails; alt and credit have nothing to describe.
    'image-alt': image === null || filled(image.altText),
    'image-credit': image === null || filled(image.credit),
    // A Media Topic (what partners understand) or a newsroom tag: either says what the story is about.
    subject: (story.subjects?.length ?? 0) > 0 || story.tags.length > 0,
    slugline: filled(story.slugline),
    'headline-length': headlineLength <= headlineLimit,
    'slugline-length': sluglineLength <= config.sluglineMax,
  };
  const results = CHECKLIST_ITEMS.map((item): ChecklistResult => {
    const result: ChecklistResult = {
      item,
      level: levelOf(config, item),
      ok: passes[item],
    };
    if (item === 'headline-length') Object.assign(result, { length: headlineLength, limit: headlineLimit });
    if (item === 'slugline-length')
      Object.assign(result, { length: sluglineLength, limit: config.sluglineMax });
    return result;
  });
  const effect = (level: ChecklistLevel): 'block' | 'warn' | 'off' =>
    level === 'approve' ? (stage === 'approve' ? 'block' : 'warn') : level;
  const failing = (wanted: 'block' | 'warn') =>
    results.filter((result) => !result.ok && effect(result.level) === wanted).map((result) => result.item);
  return { results, blocking: failing('block'), warnings: failing('warn') };
}
