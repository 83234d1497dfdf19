/**
 * Light stemming: a second field of the index, matched when a word's exact forms are not found
 * and ranked below them. The same rules run on the newsroom's server (migration 0008,
 * `mihbara.word_stems`); tests/unit/team/search-sql.test.ts checks the two agree word for word.
 *
 * Arabic: the light10 rules of Larkey, Ballesteros and Connell (2002), as Lucene's ArabicStemmer
 * applies them, on text the shared normalizer has already folded (so ة is ه and ى is ي):
 * - at most one prefix, the first that fits: ال، وال، بال، كال، فال، لل، و — two letters must
 *   remain, and و is stripped only from a word of four letters or more;
 * - then each suffix in turn, once, when two letters remain: ها، ان، ات، ون، ين، يه، ه، ي.
 *
 * What light stemming can conflate: a word with its article, its conjunction و, its plural and
 * dual endings and its attached pronoun — المؤتمرات, مؤتمرين, مؤتمره and مؤتمر meet on مؤتمر;
 * التأكيدات and تأكيده meet تأكيد. What it cannot: words that differ inside (broken plurals:
 * قرار/قرارات meet, but مدينة/مدن and كتاب/كتب do not) or in their pattern (the verbal noun
 * تأكيد and the verb أكد share only their root ا ك د, which needs a root stemmer and its
 * dictionary, and would also merge words of unrelated meaning).
 *
 * English: a small suffix stripper for lower-case Latin words — plural -ies → -y, -sses → -ss,
 * -s (not after s, u or i), then -ing and -ed when three letters remain. meetings, meeting and
 * meet meet; it does not know irregular forms (went/go).
 */

/** Marks a stem in an index so it is never taken for a word (tatweel: the normalizer removes it from words). */
export const STEM_MARK = '\u0640';

const ARABIC_PREFIXES = ['ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'و'];
const ARABIC_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

/** light10 on one normalized word (Arabic letters only are touched). */
export function arabicLightStem(word: string): string {
  let out = word;
  for (const prefix of ARABIC_PREFIXES) {
    if (prefix.length === 1 && out.length < 4) continue;
    if (out.length >= prefix.length + 2 && out.startsWith(prefix)) {
      out = out.slice(prefix.length);
      break;
    }
  }
  for (const suffix of ARABIC_SUFFIXES) {
    if (out.length >= suffix.length + 2 && out.endsWith(suffix)) out = out.slice(0, -suffix.length);
  }
  return out;
}

/** The simple English stemmer on one lower-case word; other words come back as they are. */
export function englishStem(word: string): string {
  if (!/^[a-z]+$/.test(word)) return word;
  let out = word;
  if (/^[a-z]{2,}ies$/.test(out)) out = `${out.slice(0, -3)}y`;
  else if (/^[a-z]+sses$/.test(out)) out = out.slice(0, -2);
  else if (/^[a-z]{2,}[a-hj-rtv-z]s$/.test(out)) out = out.slice(0, -1);
  if (/^[a-z]{3,}ing$/.test(out)) out = out.slice(0, -3);
  if (/^[a-z]{3,}ed$/.test(out)) out = out.slice(0, -2);
  return out;
}

/** The stem of a normalized word: light10 for Arabic, the English rules for Latin words. */
export function lightStem(word: string): string {
  return englishStem(arabicLightStem(word));
}
