import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSpellEngine, type SpellEngine } from '../../../shared/text/spell-engine';
import { spellingWords, wordAt } from '../../../shared/text/spelling';

const dictionaries = resolve(import.meta.dirname, '../../../resources/dictionaries');
const file = (path: string) => new Uint8Array(readFileSync(resolve(dictionaries, path)));

let engine: SpellEngine;
beforeAll(async () => {
  engine = await createSpellEngine(
    {
      ar: { aff: file('ar/ar.aff'), dic: file('ar/ar.dic') },
      en: { aff: file('en/en.aff'), dic: file('en/en.dic') },
    },
    ['الدبيبة'],
  );
}, 60_000);

describe('the spell engine (Hunspell with Ayaspell and SCOWL)', () => {
  it('accepts inflected Arabic words, with or without harakat', () => {
    expect(engine.misspelled(['المدرسة', 'والمدرسة', 'كتبت', 'كتبَ', 'العَرَبِيِّ', 'افتُتحت'])).toEqual([]);
  });
  it('marks misspelled Arabic and English words and suggests corrections', () => {
    expect(engine.misspelled(['الطالبه', 'wrold', 'world'])).toEqual(['الطالبه', 'wrold']);
    expect(engine.suggest('الطالبه')).toContain('الطالبة');
    expect(engine.suggest('wrold')).toContain('world');
  });
  it('accepts the newsroom list, given at load or added later, with or without harakat', () => {
    expect(engine.correct('الدبيبة')).toBe(true);
    expect(engine.correct('محمدوف')).toBe(false);
    engine.add('محمدوف');
    expect(engine.correct('محمدوف')).toBe(true);
    expect(engine.correct('مُحَمَّدوف')).toBe(true);
  });
  it('flags a 500-letter word without handing it to Hunspell, and suggests nothing for it', () => {
    const long = 'ب'.repeat(500);
    expect(engine.correct(long)).toBe(false);
    expect(engine.suggest(long)).toEqual([]);
  });
});

describe('spellingWords', () => {
  it('splits by script, skips addresses, acronyms, single letters and punctuation', () => {
    const text = "قال وGoogle «كتبَ» احمـــد، عبر https://example.org/a-b ٣٫٨٪ don't UNESCO و";
    expect(spellingWords(text).map((w) => w.word)).toEqual([
      'قال',
      'Google',
      'كتبَ',
      'احمـــد',
      'عبر',
      "don't",
    ]);
  });
  it('finds the word around an offset', () => {
    expect(wordAt('ذهبت الطالبه إلى', 7)?.word).toBe('الطالبه');
    expect(wordAt('ذهبت الطالبه إلى', 5)).toMatchObject({ start: 5, end: 12 });
  });
});
