/**
 * The one Arabic normalization of the project. Find and replace inside a story uses it, and
 * the store's search must import it rather than write its own: a query typed one way has to
 * find the text written another way everywhere, or users stop trusting search.
 *
 * The rules are Lucene's ArabicNormalizer (widely used in Arabic search): alef forms → ا,
 * ى → ي, ة → ه, tatweel and harakat removed, plus Arabic-Indic and Persian digits → ASCII.
 * ؤ and ئ are kept: folding them (as NFD would) merges words that differ in meaning.
 */

const TATWEEL = '\u0640';

/** Tashkeel: fathatan … sukun and the rest of the combining block, and the dagger alef. */
export function isHarakah(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code >= 0x064b && code <= 0x065f) || code === 0x0670;
}

/** Code points normalization removes entirely. */
function isRemoved(char: string): boolean {
  return char === TATWEEL || isHarakah(char);
}

/**
 * Folds one (non-removed) character; every result is exactly one UTF-16 unit. Alef with hamza
 * above/below, alef with madda and alef wasla → ا; alef maqsura → ي; ta marbuta → ه.
 */
function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code === 0x0622 || code === 0x0623 || code === 0x0625 || code === 0x0671) return '\u0627';
  if (code === 0x0649) return '\u064a';
  if (code === 0x0629) return '\u0647';
  if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(code - 0x0660 + 0x30);
  if (code >= 0x06f0 && code <= 0x06f9) return String.fromCharCode(code - 0x06f0 + 0x30);
  return char;
}

export interface NormalizeOptions {
  /** also fold Latin letters to lower case (default true: a search is case-insensitive) */
  lowerCase?: boolean;
}

/**
 * Normalizes Arabic text for matching: `normalizeArabic('أَحْمَـــد') === 'احمد'`.
 * Not for display: it changes the text.
 */
export function normalizeArabic(text: string, options: NormalizeOptions = {}): string {
  const lower = options.lowerCase !== false;
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (!isRemoved(char)) out += lower ? lowerOne(foldChar(char)) : foldChar(char);
  }
  return out;
}

/**
 * Lower case that never changes length (İ would grow to two units), so the mapped variant
 * below and this one always agree.
 */
function lowerOne(char: string): string {
  const lowered = char.toLowerCase();
  return lowered.length === 1 ? lowered : char;
}

/** Normalized text with, for each of its UTF-16 units, the offset it came from in the original. */
export interface MappedText {
  text: string;
  /** `sourceOffsets[i]` is the original offset of normalized unit `i`; one extra entry = length */
  sourceOffsets: number[];
}

/**
 * Like `normalizeArabic`, but remembers where each normalized character came from, so a
 * match found in normalized text can be mapped back to a range of the original.
 */
export function normalizeArabicMapped(text: string, options: NormalizeOptions = {}): MappedText {
  const lower = options.lowerCase !== false;
  let out = '';
  const sourceOffsets: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (isRemoved(char)) continue;
    out += lower ? lowerOne(foldChar(char)) : foldChar(char);
    sourceOffsets.push(i);
  }
  sourceOffsets.push(text.length);
  return { text: out, sourceOffsets };
}

/** A match of a search inside one string, as offsets into the original (not normalized) text. */
export interface TextMatch {
  start: number;
  end: number;
}

/**
 * Finds every non-overlapping occurrence of `query` in `text`. Normalized by default (احمد
 * finds أحمد, أَحْمَد and احمـــد); `exact` compares the raw characters. A match that ends
 * just before harakat takes them along, so replacing it does not leave stray marks behind.
 */
export function findMatches(text: string, query: string, exact = false): TextMatch[] {
  if (query === '' || text === '') return [];
  const matches: TextMatch[] = [];
  if (exact) {
    for (let at = text.indexOf(query); at !== -1; at = text.indexOf(query, at + query.length)) {
      matches.push({ start: at, end: at + query.length });
    }
    return matches;
  }
  const needle = normalizeArabic(query);
  if (needle === '') return [];
  const { text: hay, sourceOffsets } = normalizeArabicMapped(text);
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length)) {
    const start = sourceOffsets[at]!;
    let end = sourceOffsets[at + needle.length - 1]! + 1;
    while (end < text.length && isRemoved(text[end]!)) end += 1;
    matches.push({ start, end });
  }
  return matches;
}
