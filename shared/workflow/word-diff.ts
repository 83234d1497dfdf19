/**
 * Word-level differences between two versions of a story, for the desk chief's review.
 *
 * The `diff` library's default word splitter knows only Latin letters, so an Arabic word would
 * come apart into single letters and harakat. Words are cut with `Intl.Segmenter` instead, which
 * keeps Arabic words (with their harakat and attached particles) whole.
 */
import { diffWords } from 'diff';
import type { Story, StoryBody } from '../story/schema';
import { blockTexts } from './anchors';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Word segmenters by language; creating one is not free and diffs run per keystroke of review. */
const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** The words of a text as the diff sees them (for tests and for counting changed words). */
export function wordsOf(text: string, language = 'ar'): string[] {
  return [...segmenterFor(language).segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** Word-level difference of two plain texts. */
export function wordDiff(before: string, after: string, language = 'ar'): DiffPart[] {
  return diffWords(before, after, { intlSegmenter: segmenterFor(language) }).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

/**
 * Word-level difference of two bodies, as one list of parts per displayed block. Blocks are
 * compared as one text with a line break between blocks, so a paragraph added, removed or
 * moved shows as such and words are aligned across block boundaries.
 */
export function bodyDiff(before: StoryBody, after: StoryBody, language = 'ar'): DiffPart[][] {
  const parts = wordDiff(blockTexts(before).join('\n'), blockTexts(after).join('\n'), language);
  const blocks: DiffPart[][] = [[]];
  for (const part of parts) {
    part.text.split('\n').forEach((piece, index) => {
      if (index > 0) blocks.push([]);
      if (piece) blocks[blocks.length - 1]!.push({ kind: part.kind, text: piece });
    });
  }
  return blocks.filter((block) => block.length > 0);
}

export type MetadataField =
  'headline' | 'subheadline' | 'slugline' | 'byline' | 'place' | 'tags' | 'leadImage';

export interface MetadataChange {
  field: MetadataField;
  before: string;
  after: string;
  /** word diff of text fields */
  parts?: DiffPart[];
}

function imageText(image: Story['leadImage']): string {
  if (!image) return '';
  return [image.file, image.caption, image.credit, image.altText].join(' · ');
}

/** The metadata that changed between two versions: headline, tags, lead image and the rest. */
export function metadataChanges(before: Story, after: Story): MetadataChange[] {
  const fields: Array<[MetadataField, string, string, boolean]> = [
    ['headline', before.headline, after.headline, true],
    ['subheadline', before.subheadline, after.subheadline, true],
    ['slugline', before.slugline, after.slugline, true],
    ['byline', before.byline, after.byline, true],
    ['place', before.dateline.place, after.dateline.place, true],
    ['tags', before.tags.join('، '), after.tags.join('، '), false],
    ['leadImage', imageText(before.leadImage), imageText(after.leadImage), false],
  ];
  return fields
    .filter(([, a, b]) => a !== b)
    .map(([field, a, b, words]) => ({
      field,
      before: a,
      after: b,
      ...(words ? { parts: wordDiff(a, b, after.language) } : {}),
    }));
}
