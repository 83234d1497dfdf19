/**
 * A team search's cost is bounded whatever the archive's size (migration 0010): the count stops
 * at a cap and says so, and the newest matches found in a window of the date index are exactly
 * those of a scan of every match — ties of date included, with and without filters.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchWithSource } from '../../../electron/core/search/service';
import { queryWords } from '../../../electron/core/search/analyze';
import { COUNT_CAP, pgSearchSource, tsQueries } from '../../../electron/core/team/pg-search';
import type { Story } from '../../../shared/story/schema';
import { newsroom, story, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';

const reason = skipReason();
const STORIES = COUNT_CAP + 300;
const DESKS = ['politics', 'economy', 'sport'];

/**
 * Every story holds the word ظلمون; every thirteenth ضحكنا too, every 97th ظفرنا (so rare that the
 * first window holds too few and is widened). Every fifth has وللمصدر in its text, every seventh
 * المصدر in its headline (for the ranking). Two stories share each minute.
 */
function archive(): Story[] {
  return Array.from({ length: STORIES }, (_, i) => {
    const at = new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 2) * 60_000).toISOString();
    const words = `ظلمون${i % 13 === 0 ? ' ضحكنا' : ''}${i % 97 === 0 ? ' ظفرنا' : ''}${i % 5 === 0 ? ' وللمصدر' : ''}`;
    return {
      ...story(`s-${String((i * 7919) % 100_000).padStart(5, '0')}-${i}`, 'draft', ['yasin']),
      headline: i % 7 === 0 ? `خبر ${i} عن المصدر` : `خبر ${i}`,
      body: [{ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text: `قال المصدر ${words}.` }] }],
      desk: DESKS[i % DESKS.length]!,
      updatedAt: at,
      createdAt: at,
    } as Story;
  });
}

const newestFirst = (a: Story, b: Story) =>
  a.updatedAt === b.updatedAt ? (a.id < b.id ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1;

describe.skipIf(reason !== null)(
  `bounded team search on a real PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let room: Newsroom;
    let pool: pg.Pool;
    const stories = archive();
    const source = () =>
      pgSearchSource(pool, () => true, {
        ids: async () => [],
        read: async () => Promise.reject(new Error('none')),
      });
    beforeAll(async () => {
      room = await newsroom();
      await room.owner.query(
        `INSERT INTO mihbara.stories (id, doc, authors, updated_at)
         SELECT d ->> 'id', d, ARRAY['yasin'], (d ->> 'updatedAt')::timestamptz FROM jsonb_array_elements($1::jsonb) d`,
        [JSON.stringify(stories)],
      );
      // The row estimate the window starts from.
      await room.owner.query('ANALYZE mihbara.stories');
      pool = new pg.Pool({ connectionString: room.urlAs('huda'), max: 1 });
    }, 120_000);
    afterAll(async () => {
      await pool?.end();
      await room?.close();
    });

    it('stops counting at the cap and says "more than"; below it the count is exact', async () => {
      const common = await searchWithSource(source(), { query: 'ظلمون', sort: 'date', limit: 20 });
      expect(common.total).toBe(COUNT_CAP);
      expect(common.totalAtLeast).toBe(true);
      expect(common.hits.map((hit) => hit.id)).toEqual(
        [...stories]
          .sort(newestFirst)
          .slice(0, 20)
          .map((doc) => doc.id),
      );
      const ranked = await searchWithSource(source(), { query: 'ظلمون' });
      expect(ranked).toMatchObject({ total: COUNT_CAP, totalAtLeast: true });
      expect(ranked.hits).toHaveLength(20);

      const rare = stories.filter((_, i) => i % 13 === 0).sort(newestFirst);
      const second = await searchWithSource(source(), {
        query: 'ضحكنا',
        sort: 'date',
        offset: 20,
        limit: 20,
      });
      expect(second.total).toBe(rare.length);
      expect(second.totalAtLeast).toBeUndefined();
      expect(second.hits.map((hit) => hit.id)).toEqual(rare.slice(20, 40).map((doc) => doc.id));

      const desk = await searchWithSource(source(), { query: '', filters: { desk: 'sport' } });
      expect(desk.total).toBe(stories.filter((doc) => doc.desk === 'sport').length);
      expect(desk.totalAtLeast).toBeUndefined();
    });

    it('ranks on the query words its candidates hold exactly as on the whole query', async () => {
      // The statement ranks on the forms of the query's words that its candidates hold (migration
      // 0015); the rank must be the one of the whole query (every prefixed form of every word).
      const client = await room.as('huda');
      // ظلمونها: found by its stem alone (none of its own forms in any story).
      for (const query of ['المصدر', 'مصدر ضحكنا', 'للمصدر ظلمون', 'ظلمونها']) {
        const found = await searchWithSource(source(), { query, limit: 60 });
        expect(found.hits.length, query).toBeGreaterThan(0);
        const ts = tsQueries(queryWords(query), 'all');
        const direct = await client.query<{ id: string; score: number }>(
          `SELECT s.id, ts_rank(s.search_head, to_tsquery('simple', $2))
             + ts_rank_cd(s.search_all, to_tsquery('simple', $2))
             + 0.25 * ts_rank_cd(s.search_all, to_tsquery('simple', $3)) AS score
           FROM mihbara.stories s WHERE s.id = ANY ($1)`,
          [found.hits.map((hit) => hit.id), ts.exact, ts.stems],
        );
        const scores = new Map(direct.rows.map((row) => [row.id, row.score]));
        expect(
          found.hits.map((hit) => [hit.id, hit.score]),
          query,
        ).toEqual(found.hits.map((hit) => [hit.id, scores.get(hit.id)]));
        if (query !== 'ظلمونها')
          expect(new Set(direct.rows.map((row) => row.score)).size, query).toBeGreaterThan(1);
      }
    });

    it('finds in a window of the newest stories exactly the newest matches of a full scan', async () => {
      const client = await room.as('huda');
      const cases: Array<[string, Record<string, string>]> = [
        ['ظلمون', {}],
        ['ظلمون', { desk: 'economy' }],
        ['ضحكنا', {}],
        ['ضحكنا', { desk: 'politics', status: 'draft' }],
        ['ضحكنا', { desk: 'economy' }],
        ['ظفرنا', {}],
      ];
      // The window starts from the dates' histogram (migration 0017), or without one from the
      // first and last dates: both must give the same answers.
      const runs: Array<[string, string]> = [
        ['with the dates histogram', 'SET STATISTICS -1'],
        ['without statistics of the dates', 'SET STATISTICS 0'],
      ];
      for (const [statistics, setting] of runs) {
        await room.owner.query(`ALTER TABLE mihbara.stories ALTER COLUMN updated_at ${setting}`);
        await room.owner.query('ANALYZE mihbara.stories');
        // ANALYZE leaves a column's old statistics when told to keep none: removed by hand.
        if (setting.endsWith(' 0'))
          await room.owner.query(
            `DELETE FROM pg_statistic WHERE starelid = 'mihbara.stories'::regclass
               AND staattnum = (SELECT attnum FROM pg_attribute
                                WHERE attrelid = 'mihbara.stories'::regclass AND attname = 'updated_at')`,
          );
        const bounds = await client.query<{ b: string[] | null }>('SELECT mihbara.story_date_bounds() AS b');
        expect(bounds.rows[0]!.b === null, statistics).toBe(setting.endsWith(' 0'));
        for (const [word, filters] of cases) {
          for (const n of [1, 7, 64, 333]) {
            // A cap of 5: every case with five matches or more takes the window's way.
            const windowed = await client.query<{ id: string }>(
              `SELECT id FROM mihbara.search_candidates(to_tsquery('simple', $1), $2::jsonb, $3, 5)`,
              [word, filters, n],
            );
            const wanted = stories
              .filter(
                (doc, i) =>
                  (word === 'ظلمون' || i % (word === 'ضحكنا' ? 13 : 97) === 0) &&
                  (!filters.desk || doc.desk === filters.desk),
              )
              .sort(newestFirst)
              .slice(0, n)
              .map((doc) => doc.id);
            expect(
              windowed.rows.map((row) => row.id),
              `${statistics}: ${word} ${JSON.stringify(filters)} n=${n}`,
            ).toEqual(wanted);
          }
        }
      }
    });
  },
);
