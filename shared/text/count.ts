/**
 * Live counts of a story: words (with `Intl.Segmenter`, so Arabic clitics and Latin runs are
 * counted the way readers see them), characters and reading time.
 */

const WORD_CONTENT = /[\p{L}\p{N}]/u;

let segmenter: Intl.Segmenter | undefined;
function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('ar', { granularity: 'word' });
  return segmenter;
}

/**
 * Counts the words of `text`: word-like segments that hold a letter or a digit ("5.25%" is one
 * word, "،" and "-" are none). Harakat and tatweel stay inside their word.
 */
export function countWords(text: string): number {
  if (text === '') return 0;
  let words = 0;
  for (const segment of wordSegmenter().segment(text)) {
    if (segment.isWordLike && WORD_CONTENT.test(segment.segment)) words += 1;
  }
  return words;
}

/**
 * Counts characters as a reader sees them: a letter with its harakah is one character (marks are
 * not counted), a character outside the BMP is one, and white space is not counted unless asked.
 */
export function countCharacters(text: string, withSpaces = false): number {
  let count = 0;
  const source = withSpaces ? text : text.replace(/\s+/gu, '');
  // Harakat combine with their letter (one grapheme); counting code points would inflate
  // fully vocalised text by half.
  for (const char of source) {
    const code = char.codePointAt(0)!;
    if (!((code >= 0x064b && code <= 0x065f) || code === 0x0670 || (code >= 0x0300 && code <= 0x036f))) {
      count += 1;
    }
  }
  return count;
}

/** Average Arabic news reading speed: slower than English's ~230, Arabic words carrying clitics. */
export const WORDS_PER_MINUTE = 180;

/** Whole minutes to read `words` words, at least one for any non-empty text. */
export function readingMinutes(words: number, wordsPerMinute = WORDS_PER_MINUTE): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / wordsPerMinute));
}

export interface TextCounts {
  words: number;
  characters: number;
  charactersWithSpaces: number;
  readingMinutes: number;
}

/** All the counts of one text at once. */
export function countText(text: string): TextCounts {
  const words = countWords(text);
  return {
    words,
    characters: countCharacters(text),
    charactersWithSpaces: countCharacters(text, true),
    readingMinutes: readingMinutes(words),
  };
}
