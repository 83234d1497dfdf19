/**
 * Finds the gazetteer's people, places and organisations in a text. Names are compared word by
 * word through the shared normalizer and the prefix forms of search (analyze.ts), so وبغداد and
 * لبغداد mention بغداد, and احمد matches أحمد.
 */
import type { GazetteerEntry } from '../../../shared/search/api';
import { variants, words } from '../search/analyze';

interface CompiledName {
  entry: GazetteerEntry;
  /** the name's words, each as its set of forms */
  forms: string[][];
}

export interface EntityMatch {
  entry: GazetteerEntry;
  mentions: number;
}

export interface EntityMatcher {
  find(text: string): EntityMatch[];
}

export function compileMatcher(entries: GazetteerEntry[]): EntityMatcher {
  // First word's forms → the names starting with it.
  const byFirst = new Map<string, CompiledName[]>();
  for (const entry of entries) {
    for (const name of [entry.name, ...entry.aliases]) {
      const nameWords = words(name).map((word) => variants(word.norm));
      if (nameWords.length === 0) continue;
      const compiled = { entry, forms: nameWords };
      // Under every form of the first word: للعراق strips to عراق, not to العراق.
      for (const key of nameWords[0]!) {
        const list = byFirst.get(key);
        if (list) list.push(compiled);
        else byFirst.set(key, [compiled]);
      }
    }
  }
  const meets = (textForms: string[], nameForms: string[]) =>
    textForms.some((form) => nameForms.includes(form));

  return {
    find(text) {
      const textWords = words(text).map((word) => variants(word.norm));
      const counts = new Map<GazetteerEntry, number>();
      for (let i = 0; i < textWords.length;) {
        let best: CompiledName | null = null;
        const seen = new Set<CompiledName>();
        for (const form of textWords[i]!) {
          for (const candidate of byFirst.get(form) ?? []) {
            if (seen.has(candidate)) continue;
            seen.add(candidate);
            const n = candidate.forms.length;
            if (i + n > textWords.length) continue;
            let ok = true;
            for (let j = 0; j < n && ok; j += 1) ok = meets(textWords[i + j]!, candidate.forms[j]!);
            if (ok && (!best || n > best.forms.length)) best = candidate;
          }
        }
        if (best) {
          counts.set(best.entry, (counts.get(best.entry) ?? 0) + 1);
          i += best.forms.length;
        } else i += 1;
      }
      return [...counts]
        .map(([entry, mentions]) => ({ entry, mentions }))
        .sort((a, b) => b.mentions - a.mentions);
    },
  };
}
