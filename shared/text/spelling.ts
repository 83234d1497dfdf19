/**
 * What the spell checker looks at: words of a text with their offsets, and which dictionary
 * each belongs to (by script, so an English run inside an Arabic paragraph is checked in
 * English without any language marking). Pure: used by the worker, the editor and the bench.
 */

/**
 * A run of Arabic letters with harakat and tatweel (not Arabic punctuation or digits), or a run
 * of Latin letters with inner apostrophes ("don't"), or letters of another script. Splitting at
 * the change of script makes "وGoogle" two words, each for its own dictionary.
 */
const WORD =
  /[\u0621-\u065f\u0670-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdfb\ufe70-\ufefc]+|[A-Za-z\u00c0-\u024f\p{M}]+(?:['’][A-Za-z\u00c0-\u024f\p{M}]+)*|[\p{L}\p{M}]+/gu;
/** Web and mail addresses are not prose: their parts are never marked. */
const ADDRESS = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/gu;
const ARABIC = /^[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;
const LATIN = /^[A-Za-z\u00c0-\u024f]/u;

/** Longer words are not handed to Hunspell (its own limit is 100 bytes); they are flagged. */
export const MAX_CHECKED_LENGTH = 60;

export type SpellLanguage = 'ar' | 'en';

export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

/** The words of `text` worth checking: two letters or more, not all-capital acronyms (UNESCO). */
export function spellingWords(text: string): WordSpan[] {
  const words: WordSpan[] = [];
  const addresses = [...text.matchAll(ADDRESS)].map((m) => [m.index, m.index + m[0].length] as const);
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (languageOfWord(word) === undefined) continue;
    if (addresses.some(([from, to]) => match.index >= from && match.index < to)) continue;
    words.push({ word, start: match.index, end: match.index + word.length });
  }
  return words;
}

/** Which dictionary checks `word`; undefined for words no dictionary covers (or not to check). */
export function languageOfWord(word: string): SpellLanguage | undefined {
  if (word.length < 2) return undefined;
  if (ARABIC.test(word)) return 'ar';
  if (LATIN.test(word)) return /^[A-Z]+$/.test(word) ? undefined : 'en';
  return undefined;
}

/** The word around `offset` in `text` (a caret inside it or at either edge), if any. */
export function wordAt(text: string, offset: number): WordSpan | undefined {
  return spellingWords(text).find((span) => span.start <= offset && offset <= span.end);
}
