/**
 * The Media Topics vocabulary at run time: lookup by code, the path from the top concept, and a
 * search over Arabic and English labels (through the shared normalizer, so سياسه finds سياسة).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MediaTopic, MediaTopicsFile } from '../../../shared/vocab/mediatopics';
import { nameKey } from '../search/analyze';

interface Concept {
  code: string;
  en: string;
  ar: string;
  parent: string;
  /** normalized Arabic and English labels of the concept and its ancestors */
  keys: string[];
}

export interface MediaTopics {
  readonly credit: string;
  readonly licence: string;
  get(code: string, language?: 'ar' | 'en'): MediaTopic | null;
  /** the concept's code and every broader concept's code (for filters that include narrower topics) */
  withAncestors(code: string): string[];
  /** the concept's code and every narrower concept's code (what a filter on it admits) */
  withNarrower(code: string): string[];
  search(query: string, language?: 'ar' | 'en', limit?: number): MediaTopic[];
}

const qcode = (code: string) => `medtop:${code}`;

const SHIPPED = join('mediatopics', 'mediatopics.json');

/**
 * The shipped file: in a packaged app under `resources/standards` (electron-builder's
 * extraResources); from sources or the bundle, in the repository's `resources/standards`.
 */
export function shippedMediaTopicsPath(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = packaged ? [join(packaged, 'standards', SHIPPED)] : [];
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    candidates.push(join(dir, 'resources', 'standards', SHIPPED));
    if (dirname(dir) === dir) break;
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`the Media Topics vocabulary is missing (looked in ${candidates.join(', ')})`);
  return found;
}

export function loadMediaTopics(
  file: MediaTopicsFile = JSON.parse(readFileSync(shippedMediaTopicsPath(), 'utf8')) as MediaTopicsFile,
): MediaTopics {
  const concepts = new Map<string, Concept>();
  for (const [code, en, ar, parent] of file.concepts) concepts.set(code, { code, en, ar, parent, keys: [] });
  const chain = (code: string): Concept[] => {
    const out: Concept[] = [];
    for (let at = concepts.get(code); at && out.length < 10; at = concepts.get(at.parent)) out.unshift(at);
    return out;
  };
  for (const concept of concepts.values()) {
    concept.keys = [nameKey(concept.ar), nameKey(concept.en)].filter(Boolean);
  }
  const toTopic = (concept: Concept, language: 'ar' | 'en'): MediaTopic => {
    const label = (c: Concept) => (language === 'ar' && c.ar ? c.ar : c.en);
    return {
      code: qcode(concept.code),
      label: label(concept),
      labelLang: language === 'ar' && concept.ar ? 'ar' : 'en',
      labelEn: concept.en,
      path: chain(concept.code).map(label),
    };
  };
  const strip = (code: string) => code.replace(/^medtop:/, '');

  return {
    credit: file.credit,
    licence: file.licence,
    get(code, language = 'ar') {
      const concept = concepts.get(strip(code));
      return concept ? toTopic(concept, language) : null;
    },
    withAncestors(code) {
      return chain(strip(code)).map((concept) => qcode(concept.code));
    },
    withNarrower(code) {
      const root = strip(code);
      if (!concepts.has(root)) return [];
      const out: string[] = [];
      for (const concept of concepts.values())
        if (chain(concept.code).some((c) => c.code === root)) out.push(qcode(concept.code));
      return out;
    },
    search(query, language = 'ar', limit = 20) {
      const key = nameKey(query);
      if (key === '') return [];
      // Rank: label starts with the query, then a label word starts with it, then an ancestor matches.
      const scored: { concept: Concept; rank: number }[] = [];
      for (const concept of concepts.values()) {
        let rank = 0;
        if (concept.keys.some((k) => k.startsWith(key))) rank = 3;
        else if (concept.keys.some((k) => k.includes(` ${key}`) || k.includes(key))) rank = 2;
        else if (chain(concept.code).some((c) => c !== concept && c.keys.some((k) => k.startsWith(key))))
          rank = 1;
        if (rank > 0) scored.push({ concept, rank });
      }
      scored.sort((a, b) => b.rank - a.rank || chain(a.concept.code).length - chain(b.concept.code).length);
      return scored
        .slice(0, Math.max(1, Math.min(limit, 100)))
        .map(({ concept }) => toTopic(concept, language));
    },
  };
}

let cached: MediaTopics | null = null;
/** The shipped vocabulary, loaded once. */
export function mediaTopics(): MediaTopics {
  cached ??= loadMediaTopics();
  return cached;
}
