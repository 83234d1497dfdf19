/**
 * The server's analysis (migration 0008) against the local engine's, on generated Arabic text:
 * the SQL normalizer against shared/text/normalize.ts, and the words and their light stems
 * against electron/core/search (analyze.ts, stem.ts). Any difference fails. (Prefix forms are
 * matched on the query's side: tests/unit/search/forms.test.ts.)
 * Property-based (fast-check); the seed is printed, and FC_SEED=<n> replays a run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stemTerm, words } from '../../../electron/core/search/analyze';
import { normalizeArabic } from '../../../shared/text/normalize';
import { newsroom, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';

const reason = skipReason();
const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));

const range = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((code) => String.fromCharCode(code));

/** Characters of Arabic newsroom text, weighted towards what the normalizer changes. */
const char = fc.oneof(
  { arbitrary: range(0x0600, 0x06ff), weight: 30 }, // Arabic: letters, hamza forms, harakat, digits
  {
    arbitrary: fc.constantFrom('أ', 'إ', 'آ', 'ٱ', 'ى', 'ة', 'ـ', 'َ', 'ً', 'ٌ', 'ّ', 'ْ', 'ٰ', 'ؤ', 'ئ'),
    weight: 15,
  },
  { arbitrary: range(0x0750, 0x077f), weight: 2 }, // Arabic Supplement
  { arbitrary: range(0xfb50, 0xfdff), weight: 2 }, // presentation forms A
  { arbitrary: range(0xfe70, 0xfefc), weight: 2 }, // presentation forms B
  { arbitrary: range(0x20, 0x7e), weight: 10 }, // ASCII
  { arbitrary: range(0xc0, 0x17f), weight: 4 }, // Latin-1 and Latin Extended-A
  { arbitrary: range(0x370, 0x4ff), weight: 3 }, // Greek and Cyrillic
  {
    arbitrary: fc.constantFrom(' ', '\n', '\t', '\u00a0', '\u200c', '\u200d', '،', '؛', '؟', 'İ', 'Σ'),
    weight: 8,
  },
);
const text = fc.array(char, { maxLength: 80 }).map((chars) => chars.join(''));

/** Arabic words built from the prefixes and suffixes the analysis strips, with harakat here and there. */
const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئةى';
const arabicWord = fc
  .tuple(
    fc.constantFrom('', 'و', 'ف', 'ب', 'ل', 'ك', 'ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'وب', 'ول', 'فل'),
    fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 6 }),
    fc.constantFrom('', 'ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي', 'ى', 'تها'),
    fc.array(fc.constantFrom('ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي', 'ى', 'ة'), { maxLength: 3 }),
    fc.array(fc.constantFrom('', '', '', 'َ', 'ُ', 'ّ', 'ـ'), { minLength: 0, maxLength: 3 }),
  )
  .map(([prefix, core, suffix, more, marks]) => {
    const word = [...prefix, ...core, ...suffix, ...more.join('')];
    for (const mark of marks) word.splice(Math.floor(word.length / 2), 0, mark);
    return word.join('');
  });
const englishWord = fc
  .tuple(
    fc.constantFrom('meet', 'city', 'class', 'talk', 'go', 'bus', 'analys', 'tie', 'need', 'embed', 'x'),
    fc.constantFrom('', 's', 'es', 'ies', 'ing', 'ed', 'ings', 'sses', 'Ing', 'S'),
  )
  .map(([stem, suffix]) => stem + suffix);
const sentence = fc
  .array(fc.oneof({ arbitrary: arabicWord, weight: 4 }, { arbitrary: englishWord, weight: 1 }, text), {
    maxLength: 12,
  })
  .map((parts) => parts.join(fc.sample(fc.constantFrom(' ', '، ', '\n', ' - '), 1)[0]));

describe.skipIf(reason !== null)(
  `the server's search analysis agrees with the local engine's${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let room: Newsroom;
    beforeAll(async () => {
      room = await newsroom();
      console.log(`search-sql: fast-check seed ${seed} (FC_SEED=${seed} replays it)`);
    }, 60_000);
    afterAll(async () => {
      await room?.close();
    });

    /** One round trip per batch: the SQL function over every string, in order. */
    const sql = async (fn: string, inputs: string[]): Promise<string[]> => {
      const result = await room.owner.query<{ out: string }>(
        `SELECT ${fn}(x) AS out FROM unnest($1::text[]) WITH ORDINALITY AS u(x, n) ORDER BY n`,
        [inputs],
      );
      return result.rows.map((row) => row.out);
    };

    it('normalizes exactly as shared/text/normalize.ts (20,000 generated strings)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(text, { minLength: 200, maxLength: 200 }), async (batch) => {
          const server = await sql('mihbara.normalize_text', batch);
          batch.forEach((input, at) => {
            expect(server[at], JSON.stringify(input)).toBe(normalizeArabic(input));
          });
        }),
        { seed, numRuns: 100 },
      );
    }, 120_000);

    it('splits the same words, with the same light stems (12,000 generated texts)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(sentence, { minLength: 200, maxLength: 200 }), async (batch) => {
          const server = await room.owner.query<{ w: string; s: string }>(
            `SELECT w, mihbara.word_stems(w) AS s
             FROM (SELECT mihbara.search_words(x) AS w, n FROM unnest($1::text[]) WITH ORDINALITY AS u(x, n)) AS t
             ORDER BY n`,
            [batch],
          );
          batch.forEach((input, at) => {
            const row = server.rows[at]!;
            const local = words(input).map((word) => word.norm);
            const split = (value: string) => value.split(' ').filter(Boolean);
            const label = JSON.stringify(input);
            expect(split(row.w), label).toEqual(local);
            expect(split(row.s), label).toEqual(local.map(stemTerm));
          });
        }),
        { seed, numRuns: 60 },
      );
    }, 120_000);

    it('is what the table keeps for a story, through its generated columns', async () => {
      // A spot check of the wiring: the words of each field reach the vector at its weight.
      const result = await room.owner.query<{ v: string }>(`SELECT mihbara.story_vector($1)::text AS v`, [
        {
          headline: 'المؤتمرات الصحفية',
          byline: 'ياسين أحمد',
          tags: ['سياسة'],
          body: [{ type: 'paragraph', children: [{ text: 'وبالعراق ' }, { text: 'أُكِّدَ', bold: true }] }],
        },
      ]);
      const vector = result.rows[0]!.v;
      expect(vector).toContain("'المؤتمرات':1A");
      expect(vector).toMatch(/'ـمؤتمر'( |$)/);
      expect(vector).toMatch(/'سياسه':\d+B/);
      expect(vector).toMatch(/'احمد':\d+C/);
      // Stems are lexemes without positions; prefixes are matched on the query's side.
      expect(vector).toMatch(/'وبالعراق':\d+( |$)/);
      expect(vector).toMatch(/'اكد':\d+( |$)/); // body: weight D, which is not printed
    });
  },
);
