/**
 * How story text becomes search terms. The shared Arabic normalizer (shared/text) runs first,
 * so أحمد, احمد and أَحْمَـد are one word; then light prefix stripping (و، ف، ال، بال، لل، ب، ل، ك…)
 * adds the word's shorter forms, so بغداد is found in وبغداد and العراق in للعراق.
 *
 * A word is indexed under every form of its prefix chain (وبالعراق → وبالعراق، بالعراق، عراق),
 * and a query word matches when any of its forms meets any indexed form. That keeps recall
 * when two words strip differently (لبنان strips to بنان, بلبنان to لبنان: they still meet on
 * لبنان) without a dictionary.
 */
import { normalizeArabic } from '../../../shared/text/normalize';
import { lightStem, STEM_MARK } from './stem';

/** Letters, digits and combining marks (harakat are marks; tatweel is a letter modifier). */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Longest words kept; longer runs (a pasted hash, 10,000 letters) are cut, not refused. */
export const MAX_WORD_LENGTH = 40;

/** Query words beyond this many are ignored: a pasted page must not cost a full scan per word. */
export const MAX_QUERY_WORDS = 24;

const CONJUNCTIONS = ['و', 'ف'];
/** Article and preposition clusters, longest first; each keeps at least two letters behind. */
const ARTICLES = ['بال', 'كال', 'فال', 'وال', 'لل', 'ال'];
/** Single-letter prepositions; stripped only when three letters remain (بحث stays بحث). */
const PREPOSITIONS = ['ب', 'ل', 'ك'];

/** A word of a text with its offsets in the original (not normalized) string. */
export interface Word {
  start: number;
  end: number;
  /** the normalized word */
  norm: string;
}

/** Every word of `text`, normalized, with where it was. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const norm = normalizeArabic(match[0]).slice(0, MAX_WORD_LENGTH);
    if (norm !== '') out.push({ start: match.index, end: match.index + match[0].length, norm });
  }
  return out;
}

/**
 * The forms a normalized word is indexed and matched under: itself, then each shorter form
 * its prefix chain gives. `variants('وبالعراق')` → `['وبالعراق', 'بالعراق', 'عراق']`.
 */
export function variants(norm: string): string[] {
  const forms = [norm];
  let rest = norm;
  const conj = CONJUNCTIONS.find((c) => rest.startsWith(c) && rest.length - c.length >= 3);
  if (conj) {
    rest = rest.slice(conj.length);
    forms.push(rest);
  }
  const article = ARTICLES.find((a) => rest.startsWith(a) && rest.length - a.length >= 2);
  if (article) forms.push(rest.slice(article.length));
  else {
    const prep = PREPOSITIONS.find((p) => rest.startsWith(p) && rest.length - p.length >= 3);
    if (prep) forms.push(rest.slice(prep.length));
  }
  return forms;
}

/**
 * Every word whose forms include `form`: the form itself and each prefix chain that strips back
 * to it (`wordsWithForm('عراق')` has العراق، بالعراق، وبالعراق، للعراق…). A server that keeps
 * only whole words finds the index's matches by asking for these.
 */
export function wordsWithForm(form: string): string[] {
  const out = new Set<string>([form]);
  const heads = ['', ...ARTICLES, ...PREPOSITIONS];
  for (const conj of ['', ...CONJUNCTIONS])
    for (const head of heads) {
      const word = conj + head + form;
      if (word !== form && variants(word).includes(form)) out.add(word);
    }
  return [...out];
}

/** The most stripped form: what two spellings of one word most likely share. */
export function stem(norm: string): string {
  const forms = variants(norm);
  return forms[forms.length - 1]!;
}

/** The index term of a word's light stem (./stem.ts): a second field, marked so it never meets a word. */
export function stemTerm(norm: string): string {
  return STEM_MARK + lightStem(norm);
}

/** Whether an index term is a stem (ranked below a word's own forms). */
export function isStemTerm(term: string): boolean {
  return term.startsWith(STEM_MARK);
}

/**
 * The words of a query, each as its list of forms, its stem term last; duplicates and words past
 * `MAX_QUERY_WORDS` dropped. Punctuation, harakat and regex metacharacters are not words, so
 * a query of only those has no words (and finds nothing, at once).
 */
export function queryWords(query: string): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const word of words(query.slice(0, 20_000))) {
    if (seen.has(word.norm)) continue;
    seen.add(word.norm);
    out.push([...variants(word.norm), stemTerm(word.norm)]);
    if (out.length === MAX_QUERY_WORDS) break;
  }
  return out;
}

/** A key for comparing names and tags: normalized, spaces collapsed, tatweel and marks gone. */
export function nameKey(text: string): string {
  return words(text)
    .map((word) => word.norm)
    .join(' ');
}
