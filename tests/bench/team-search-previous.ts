/**
 * The team search statement as schema 14 ran it, kept for `npm run bench team-search` only: the
 * baseline that the statement of schema 15 is measured beside, on the same stories in the same
 * run. `installPrevious` gives a database at schema 15 what that statement used (the matching of
 * migration 0010, under its own name, and the GIN index of the vector alone); the bench hides one
 * index set from each statement in turn (dropped inside a transaction that is rolled back).
 */
import type pg from 'pg';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nameKey, queryWords } from '../../electron/core/search/analyze';
import type { SourceHit, SourceQuery } from '../../electron/core/store/types';
import { migrationsDir } from '../../electron/core/team/migrate';
import { COUNT_CAP, snippetPattern, tsQueries } from '../../electron/core/team/pg-search';
import { mediaTopics } from '../../electron/core/vocab/mediatopics';

const RECENT = 500;
const CANDIDATES = 60;
const WINDOW_BEFORE = 80;
const WINDOW_LENGTH = 420;

interface Row {
  total: number;
  id: string | null;
  score: number | null;
  headline: string;
  byline: string;
  status: string;
  desk: string | null;
  language: string;
  updated: string;
  window: string;
  clipped_start: boolean;
  clipped_end: boolean;
}

/** Adds schema 14's matching function (as search_candidates_schema14) and its vector index. */
export async function installPrevious(owner: pg.ClientBase): Promise<void> {
  const sql = readFileSync(join(migrationsDir(), '0010_search_speed.sql'), 'utf8');
  const start = sql.indexOf('CREATE FUNCTION mihbara.search_candidates(');
  const end = sql.indexOf('$$;', sql.indexOf('AS $$', start)) + 3;
  if (start < 0 || end < 3) throw new Error('search_candidates not found in migration 0010');
  await owner.query(
    sql.slice(start, end).replace('mihbara.search_candidates(', 'mihbara.search_candidates_schema14('),
  );
  await owner.query(
    `GRANT EXECUTE ON FUNCTION mihbara.search_candidates_schema14(tsquery, jsonb, integer, integer)
       TO mihbara_editor, mihbara_desk_chief, mihbara_admin`,
  );
  await owner.query('CREATE INDEX stories_search_schema14 ON mihbara.stories USING gin (search_all)');
  await owner.query('ANALYZE mihbara.stories');
}

/** What the statement runs on: a connection, a pool, or the bench's wrapper of one. */
export interface Queryable {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The search of schema 14's statement through `client`. */
export function previousSearch(client: Queryable) {
  return {
    async search(query: SourceQuery) {
      const params: unknown[] = [];
      const p = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const where: string[] = [];
      const f = query.filters;
      /** the same filters for mihbara.matching_stories (migration 0008) */
      const given: Record<string, unknown> = {};
      if (f.status) where.push(`s.status = ${p((given.status = f.status))}`);
      if (f.desk) where.push(`s.desk = ${p((given.desk = f.desk))}`);
      if (f.tag) where.push(`s.tag_keys @> ARRAY[${p((given.tag = nameKey(f.tag)))}::text]`);
      if (f.subject)
        where.push(`s.subjects && ${p((given.subjects = mediaTopics().withNarrower(f.subject)))}::text[]`);
      if (f.author) {
        const key = (given.authorKey = nameKey(f.author));
        given.author = f.author;
        where.push(
          key
            ? `(${p(f.author)} = ANY (s.authors) OR strpos(s.byline_key, ${p(key)}) > 0)`
            : `${p(f.author)} = ANY (s.authors)`,
        );
      }
      if (f.from !== undefined)
        where.push(`s.updated_at >= ${p((given.from = new Date(f.from).toISOString()))}`);
      if (f.to !== undefined) where.push(`s.updated_at <= ${p((given.to = new Date(f.to).toISOString()))}`);

      const words = queryWords(query.text);
      if (words.length === 0 && where.length === 0) return { total: 0, hits: [] };
      // One more than the cap, to know whether there are more.
      const cap = COUNT_CAP + 1;
      const offset = Math.max(0, query.offset);
      const limit = Math.max(0, Math.min(query.limit, 200));
      const pattern = snippetPattern(words);
      const ts = tsQueries(words, query.mode);
      const text = `concat_ws(' — ', nullif(s.doc ->> 'subheadline', ''), mihbara.body_text(s.doc -> 'body'))`;
      const windowAt = () =>
        pattern ? `greatest(0, regexp_instr(t.text, ${p(pattern)}) - 1 - ${WINDOW_BEFORE})` : '0';
      // What a page row shows: the list's fields and the snippet's window of the text.
      const shown = `
        s.doc ->> 'headline' AS headline, coalesce(s.doc ->> 'byline', '') AS byline, s.status,
        s.desk, coalesce(s.doc ->> 'language', 'ar') AS language, s.doc ->> 'updatedAt' AS updated,
        substr(t.text, w.at + 1, ${WINDOW_LENGTH}) AS window, w.at > 0 AS clipped_start,
        w.at + ${WINDOW_LENGTH} < length(t.text) AS clipped_end`;
      const textOf = (at: string) =>
        `CROSS JOIN LATERAL (SELECT ${text} AS text) AS t CROSS JOIN LATERAL (SELECT ${at} AS at) AS w`;

      let sql: string;
      if (words.length > 0 && query.sort === 'relevance') {
        // The filters go once more, as the function's jsonb: the parameters above stay unused.
        params.length = 0;
        const match = p(ts.match);
        const filters = p(given);
        const exact = p(ts.exact);
        const stems = p(ts.stems);
        const at = windowAt();
        sql = `
          WITH m AS MATERIALIZED (
            SELECT id, updated_at, total FROM mihbara.search_candidates_schema14(to_tsquery('simple', ${match}),
              ${filters}::jsonb, ${p(Math.max(RECENT, offset + limit))}, ${p(cap)})
          ), top AS (
            SELECT r.id, r.updated_at, ts_rank(s.search_head, to_tsquery('simple', ${exact})) AS cheap
            FROM m r JOIN mihbara.stories s ON s.id = r.id
            ORDER BY cheap DESC, r.updated_at DESC, r.id LIMIT ${p(Math.max(CANDIDATES, offset + limit))}
          ), ranked AS (
            SELECT top.id, top.updated_at, top.cheap + ts_rank_cd(s.search_all, to_tsquery('simple', ${exact}))
                + 0.25 * ts_rank_cd(s.search_all, to_tsquery('simple', ${stems})) AS score
            FROM top JOIN mihbara.stories s ON s.id = top.id
            ORDER BY score DESC, top.updated_at DESC, top.id OFFSET ${p(offset)} LIMIT ${p(limit)}
          )
          SELECT (SELECT max(total) FROM m) AS total, r.id, r.score, ${shown}
          FROM (SELECT 1) AS one
          LEFT JOIN (ranked r JOIN mihbara.stories s ON s.id = r.id ${textOf(at)}) ON true
          ORDER BY r.score DESC, r.updated_at DESC, r.id`;
      } else if (words.length > 0) {
        // Words, newest first: the matches as for relevance, then the page by date.
        params.length = 0;
        const match = p(ts.match);
        const filters = p(given);
        const at = windowAt();
        sql = `
          WITH m AS MATERIALIZED (
            SELECT id, updated_at, total FROM mihbara.search_candidates_schema14(to_tsquery('simple', ${match}),
              ${filters}::jsonb, ${p(Math.max(1, offset + limit))}, ${p(cap)})
          ), page AS (
            SELECT id, updated_at FROM m ORDER BY updated_at DESC, id DESC OFFSET ${p(offset)} LIMIT ${p(limit)}
          )
          SELECT (SELECT max(total) FROM m) AS total, page.id,
            extract(epoch FROM page.updated_at)::float8 * 1000 AS score, ${shown}
          FROM (SELECT 1) AS one
          LEFT JOIN (page JOIN mihbara.stories s ON s.id = page.id ${textOf(at)}) ON true
          ORDER BY page.updated_at DESC, page.id DESC`;
      } else {
        // A filter alone (newest first): a composite index (desk or state, then date) or the date
        // index gives the page; the count runs on the filters' own indexes, up to the cap.
        const at = windowAt();
        const filter = where.join(' AND ');
        sql = `
          WITH page AS (
            SELECT s.id, s.updated_at FROM mihbara.stories s WHERE ${filter}
            ORDER BY s.updated_at DESC, s.id DESC OFFSET ${p(offset)} LIMIT ${p(limit)}
          )
          SELECT (SELECT count(*) FROM (SELECT 1 FROM mihbara.stories s WHERE ${filter} LIMIT ${p(cap)}) AS c)::int
            AS total, page.id,
            extract(epoch FROM page.updated_at)::float8 * 1000 AS score, ${shown}
          FROM (SELECT 1) AS one
          LEFT JOIN (page JOIN mihbara.stories s ON s.id = page.id ${textOf(at)}) ON true
          ORDER BY page.updated_at DESC, page.id DESC`;
      }
      const result = { rows: (await client.query(sql, params)).rows as Row[] };
      const counted = result.rows[0]?.total ?? 0;
      const hits: SourceHit[] = result.rows
        .filter((row) => row.id !== null)
        .map((row) => ({
          id: row.id!,
          score: row.score ?? 0,
          headline: row.headline,
          byline: row.byline,
          status: row.status,
          ...(row.desk ? { desk: row.desk } : {}),
          language: row.language,
          updatedAt: row.updated,
          text: row.window ?? '',
          clippedStart: row.clipped_start,
          clippedEnd: row.clipped_end,
        }));
      return counted > COUNT_CAP ? { total: COUNT_CAP, totalAtLeast: true, hits } : { total: counted, hits };
    },
  };
}
