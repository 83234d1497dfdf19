import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiErrorCode } from '../../../shared/api/errors';
import { catalogues, UI_LANGUAGES, type Catalogue, type UiLanguage } from '../../../shared/i18n';

/** Flattened keys, with i18next's plural suffixes folded into the base key. */
function keysOf(catalogue: Catalogue, language: UiLanguage): Map<string, Set<string>> {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
  const keys = new Map<string, Set<string>>();
  const walk = (node: Catalogue, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      const key = prefix + name;
      if (typeof value !== 'string') {
        walk(value, `${key}.`);
        continue;
      }
      const plural = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
      // i18next also reads `_zero` in every language, for a count of exactly 0.
      const base = plural && (categories.includes(plural[2]!) || plural[2] === 'zero') ? plural[1]! : key;
      if (!keys.has(base)) keys.set(base, new Set());
      if (plural) keys.get(base)!.add(plural[2]!);
    }
  };
  walk(catalogue, '');
  return keys;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('UI catalogues', () => {
  const keys = Object.fromEntries(
    UI_LANGUAGES.map((language) => [language, keysOf(catalogues[language], language)]),
  );

  it('have exactly the same keys in Arabic and English', () => {
    expect([...keys['ar']!.keys()].sort()).toEqual([...keys['en']!.keys()].sort());
  });

  it('give every plural the forms its language needs', () => {
    for (const language of UI_LANGUAGES) {
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const [key, forms] of keys[language]!) {
        if (forms.size === 0) continue;
        expect(
          [...forms].filter((form) => form !== 'zero' || needed.includes('zero')).sort(),
          `${language}: ${key}`,
        ).toEqual([...needed].sort());
      }
    }
  });

  it('have no empty strings', () => {
    for (const language of UI_LANGUAGES) {
      const text = JSON.stringify(catalogues[language]);
      expect(text, language).not.toMatch(/:""/);
    }
  });

  it('contain every key the code asks for', () => {
    const used = new Map<string, string>();
    for (const file of [...sources('renderer/src'), ...sources('electron')]) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g))
        used.set(match[1]!, file);
    }
    expect(used.size).toBeGreaterThan(40);
    for (const language of UI_LANGUAGES) {
      const missing = [...used]
        .filter(([key]) => !keys[language]!.has(key))
        .map(([key, file]) => `${key} (${file})`);
      expect(missing, language).toEqual([]);
    }
  });

  it('name every API error code the page may show (t(`errors.${code}`))', () => {
    for (const language of UI_LANGUAGES) {
      for (const code of ApiErrorCode.options)
        expect(keys[language]!.has(`errors.${code}`), `${language}: ${code}`).toBe(true);
    }
  });
});
