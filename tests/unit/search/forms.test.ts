/**
 * The server keeps whole words and asks, for each form of a query word, for every word whose
 * forms include it (analyze.ts `wordsWithForm`); the local engine indexes every word's forms.
 * Both must pair the same words: property-based over generated prefixed Arabic words (the seed
 * is printed; FC_SEED=<n> replays a run).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { variants, wordsWithForm } from '../../../electron/core/search/analyze';

/** The local index's rule: two words meet when they share a form. */
const sameWord = (a: string, b: string) => variants(a).some((form) => variants(b).includes(form));

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const prefix = fc.constantFrom(
  '',
  'و',
  'ف',
  'ب',
  'ل',
  'ك',
  'ال',
  'بال',
  'كال',
  'فال',
  'وال',
  'لل',
  'وب',
  'فل',
  'ولل',
  'وبال',
);
const core = fc
  .array(fc.constantFrom(...'ابتلكوفعرقدمن'), { minLength: 1, maxLength: 5 })
  .map((c) => c.join(''));
const word = fc.tuple(prefix, core).map(([p, c]) => p + c);

describe('prefix forms matched on the query side', () => {
  it('pair exactly the words the local index pairs', () => {
    console.log(`forms: fast-check seed ${seed} (FC_SEED=${seed} replays it)`);
    fc.assert(
      fc.property(word, word, (indexed, asked) => {
        const server = variants(asked).some((form) => wordsWithForm(form).includes(indexed));
        expect(server, `${indexed} / ${asked}`).toBe(sameWord(indexed, asked));
      }),
      { seed, numRuns: 20_000 },
    );
  });

  it('lists the prefixed words of a form', () => {
    expect(wordsWithForm('عراق')).toEqual(
      expect.arrayContaining(['عراق', 'العراق', 'بالعراق', 'وبالعراق', 'للعراق', 'والعراق']),
    );
    for (const form of ['بحث', 'عراق', 'ال'])
      for (const w of wordsWithForm(form)) expect(variants(w)).toContain(form);
  });
});
