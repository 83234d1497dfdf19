/**
 * Search answered by the newsroom's server (migration 0008): the store's `searchSource`. A query
 * is one SQL statement — matching on the GIN-indexed `search_all` vector, filters on their own
 * indexes, ranking, paging and the snippet's window — run as the workstation's login, so the
 * table's row-level security applies as to every other read.
 *
 * The query's words are analysed here with the local engine's own code (analyze.ts, stem.ts):
 * each word is the OR of the words its forms meet and of its stem, and the words are ANDed (ORed
 * for similar-story candidates). The server's vector holds the words and stems (migration 0008),
 * so both engines find the same stories.
 *
 * Every step's cost is bounded, whatever the archive's size (migrations 0010 and 0015):
 * - the matches are counted up to `COUNT_CAP` (and one more, so that the answer can say "more
 *   than 500" honestly: `totalAtLeast`);
 * - the newest `RECENT` matches (all of them, for any query of fewer) are found in the newest
 *   window of the archive that holds them (`mihbara.search_candidates`: one scan of the GIN
 *   index that holds the vector, the window's hours, the desk and the state, so no story's vector
 *   is read to find them), ordered by `ts_rank` on the small `search_head` vector (headline,
 *   sub-headline, tags, entities: stored inline, never detoasted), and the best `CANDIDATES` of
 *   those ranked by `ts_rank_cd` on the whole weighted vector, words at full weight and stems at
 *   a quarter (on the forms of the query's words that those candidates hold: the same rank as on
 *   every form, at a fraction of the cost). A word found in tens of thousands of stories is thus
 *   ranked among its newest 500 — what a newsroom looks for first;
 * - only the page's rows have their text read for the snippet's window, each stored document
 *   once;
 * - a filter alone pages through its composite index in date order.
 */
import type pg from 'pg';
import { isStemTerm, nameKey, queryWords, wordsWithForm } from '../search/analyze';
import type { SourceHit, SourceQuery, StorySearchSource } from '../store/types';
import { mediaTopics } from '../vocab/mediatopics';
import { run } from './query';

/** Matches counted at most: beyond, the total says "more than" this. */
export const COUNT_CAP = 500;
/** Matches, newest first, whose headline fields are ranked: every match, up to this many. */
const RECENT = 500;
/** Of those, the best ranked again with the whole vector (three pages of 20). */
const CANDIDATES = 60;
/** Characters of text around the first match sent for the snippet. */
const WINDOW_BEFORE = 80;
const WINDOW_LENGTH = 420;
/** Query words the snippet's window looks for (the first ones; highlights cover them all). */
const SNIPPET_WORDS = 8;

/** Every character that normalizes to `c`, as a regular expression (PostgreSQL ARE). */
function charPattern(c: string): string {
  if (c === 'ا') return '[اآأإٱ]';
  if (c === 'ي') return '[يى]';
  if (c === 'ه') return '[هة]';
  if (/[0-9]/.test(c)) {
    const d = Number(c);
    return `[${c}${String.fromCharCode(0x660 + d)}${String.fromCharCode(0x6f0 + d)}]`;
  }
  const upper = c.toUpperCase();
  if (upper !== c && upper.length === 1) return `[${c}${upper}]`;
  return c;
}

/** Harakat and tatweel the original text may hold between two letters of a word. */
const MARKS = '[\\u0640\\u064B-\\u065F\\u0670]*';

/**
 * A pattern that finds, in the original (not normalized) text, where a query word or its stem
 * first appears: the window of the snippet starts there. Only word characters reach it.
 */
export function snippetPattern(words: string[][]): string | null {
  const terms = new Set<string>();
  for (const forms of words.slice(0, SNIPPET_WORDS)) {
    const plain = forms.filter((form) => !isStemTerm(form));
    const stem = forms.find(isStemTerm);
    terms.add(plain[plain.length - 1]!);
    if (stem && stem.length > 2) terms.add(stem.slice(1));
  }
  const parts = [...terms]
    .filter((term) => term.length > 0)
    .map((term) => [...term].map(charPattern).join(MARKS));
  return parts.length ? parts.join('|') : null;
}

/**
 * tsqueries in to_tsquery's syntax: each query word is the OR of every indexed word one of its
 * forms meets (the server keeps whole words, the local engine their forms: the same matches)
 * and of its stem.
 */
export function tsQueries(words: string[][], mode: 'all' | 'any') {
  const exactOf = (forms: string[]) => [
    ...new Set(forms.filter((form) => !isStemTerm(form)).flatMap(wordsWithForm)),
  ];
  return {
    match: words
      .map((forms) => `(${[...exactOf(forms), ...forms.filter(isStemTerm)].join(' | ')})`)
      .join(mode === 'all' ? ' & ' : ' | '),
    exact: words.flatMap(exactOf).join(' | '),
    stems: words.flatMap((forms) => forms.filter(isStemTerm)).join(' | '),
  };
}

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

/** `online`: the store's view of the link; `offline`: its cached stories. */
export function pgSearchSource(
  pool: pg.Pool,
  online: () => boolean,
  offline: StorySearchSource['offline'],
): StorySearchSource {
  return {
    online,
    offline,
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
      const windowAt = () =>
        pattern ? `greatest(0, regexp_instr(t.text, ${p(pattern)}) - 1 - ${WINDOW_BEFORE})` : '0';
      // What a page row shows: the list's fields and the snippet's window of the text.
      const shown = `
        x.headline, coalesce(x.byline, '') AS byline, s.status, s.desk,
        coalesce(x.language, 'ar') AS language, x."updatedAt" AS updated,
        substr(w.text, w.at + 1, ${WINDOW_LENGTH}) AS window, w.at > 0 AS clipped_start,
        w.at + ${WINDOW_LENGTH} < length(w.text) AS clipped_end`;
      // The stored document is read (and decompressed) once for all its fields, and the text and
      // its window are worked out once a row: the subqueries are kept apart (OFFSET 0), or the
      // planner would copy their expressions into each place that uses them.
      const textOf = (at: string) => `
        CROSS JOIN LATERAL jsonb_to_record(s.doc)
          AS x(headline text, byline text, language text, "updatedAt" text, subheadline text, body jsonb)
        CROSS JOIN LATERAL (
          SELECT t.text, ${at} AS at FROM (
            SELECT concat_ws(' — ', nullif(x.subheadline, ''), mihbara.body_text(x.body)) AS text OFFSET 0
          ) AS t OFFSET 0
        ) AS w`;

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
            SELECT id, updated_at, total FROM mihbara.search_candidates(to_tsquery('simple', ${match}),
              ${filters}::jsonb, ${p(Math.max(RECENT, offset + limit))}, ${p(cap)})
          ), top AS (
            SELECT r.id, r.updated_at, ts_rank(s.search_head, to_tsquery('simple', ${exact})) AS cheap
            FROM m r JOIN mihbara.stories s ON s.id = r.id
            ORDER BY cheap DESC, r.updated_at DESC, r.id LIMIT ${p(Math.max(CANDIDATES, offset + limit))}
          ), present AS MATERIALIZED (
            -- The query's words these candidates hold (migration 0015): ts_rank_cd costs in
            -- proportion to the query's size (a word's prefixed forms make a hundred or more),
            -- and a word a story lacks adds nothing to its rank.
            SELECT mihbara.any_of_words(array_agg(DISTINCT l)) AS q
            FROM top JOIN mihbara.stories s ON s.id = top.id
            CROSS JOIN LATERAL unnest(tsvector_to_array(s.search_all)) AS l
            WHERE l = ANY (mihbara.query_words(to_tsquery('simple', ${exact})))
          ), ranked AS (
            SELECT top.id, top.updated_at, top.cheap
                + coalesce(ts_rank_cd(s.search_all, present.q), 0)
                + 0.25 * ts_rank_cd(s.search_all, to_tsquery('simple', ${stems})) AS score
            FROM top JOIN mihbara.stories s ON s.id = top.id CROSS JOIN present
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
            SELECT id, updated_at, total FROM mihbara.search_candidates(to_tsquery('simple', ${match}),
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
      const result = await run<Row>(pool, sql, params);
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

    async idsWithTag(tag) {
      const key = nameKey(tag);
      if (!key) return [];
      const result = await run<{ id: string }>(
        pool,
        'SELECT id FROM mihbara.stories WHERE tag_keys @> ARRAY[$1::text]',
        [key],
      );
      return result.rows.map((row) => row.id);
    },

    async tagCounts() {
      // Counted on the stored keys (no analysis per row); one written name per key, found through
      // the tag index.
      const result = await run<{ name: string; count: number }>(
        pool,
        `SELECT coalesce((
             SELECT t.tag FROM mihbara.stories s2
             CROSS JOIN LATERAL jsonb_array_elements_text(s2.doc -> 'tags') AS t(tag)
             WHERE s2.tag_keys @> ARRAY[k.key] AND mihbara.name_key(t.tag) = k.key
             ORDER BY s2.updated_at, s2.id LIMIT 1), k.key) AS name, k.count
         FROM (SELECT key, count(*)::int AS count FROM mihbara.stories s, unnest(s.tag_keys) AS key
               WHERE key <> '' GROUP BY key) AS k`,
        [],
      );
      return result.rows;
    },
  };
}
