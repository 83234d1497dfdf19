/**
 * A page of the story list answered by the newsroom's server: one SQL statement, run as the
 * workstation's login (row-level security applies as to every other read), that counts the
 * matches (up to `LIST_COUNT_CAP`, so a count costs the same at any archive size) and reads one
 * page of summaries in the order of the `(… updated_at DESC, id DESC)` indexes (migrations 0010
 * and 0012): the states, the desks and the date order each have one; the publication time has its
 * own (migration 0016).
 */
import type pg from 'pg';
import {
  LIST_COUNT_CAP,
  StoryListQuery,
  type StoryListFilter,
  type StoryPage,
} from '../../../shared/story/list';
import type { StorySummary } from '../../../shared/story/schema';
import { run } from './query';

/** The WHERE clause of a filter, its parameters appended to `params`. */
function conditions(filter: StoryListFilter, params: unknown[]): string[] {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filter.status) where.push(`status = ANY(${param(filter.status)}::text[])`);
  if (filter.desks)
    where.push(`(desk = ANY(${param(filter.desks)}::text[])${filter.orNoDesk ? ' OR desk IS NULL' : ''})`);
  if (filter.author !== undefined) where.push(`authors @> ARRAY[${param(filter.author)}::text]`);
  // Its own index (migration 16).
  const published = 'mihbara.published_instant(summary)';
  if (filter.publishedFrom !== undefined)
    where.push(`${published} >= ${param(filter.publishedFrom)}::timestamptz`);
  if (filter.publishedBefore !== undefined)
    where.push(`${published} < ${param(filter.publishedBefore)}::timestamptz`);
  return where;
}

export async function listPageOnServer(
  client: pg.Pool | pg.ClientBase,
  raw: StoryListQuery,
): Promise<StoryPage> {
  const query = StoryListQuery.parse(raw);
  const params: unknown[] = [];
  const where = conditions(query.filter, params);
  const matching = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const page = [...where];
  if (query.after) {
    params.push(query.after.updatedAt, query.after.id);
    page.push(`(updated_at, id) < ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(LIST_COUNT_CAP + 1, query.limit);
  const [cap, limit] = [`$${params.length - 1}`, `$${params.length}`];
  const result = await run<{ total: number; items: StorySummary[] }>(
    client,
    `SELECT
       (SELECT count(*) FROM (SELECT 1 FROM mihbara.stories ${matching} LIMIT ${cap}) AS counted)::int AS total,
       (SELECT coalesce(jsonb_agg(summary ORDER BY updated_at DESC, id DESC), '[]'::jsonb)
          FROM (SELECT summary, updated_at, id FROM mihbara.stories
                ${page.length ? `WHERE ${page.join(' AND ')}` : ''}
                ORDER BY updated_at DESC, id DESC LIMIT ${limit}) AS shown) AS items`,
    params,
  );
  const row = result.rows[0]!;
  return row.total > LIST_COUNT_CAP
    ? { total: LIST_COUNT_CAP, totalAtLeast: true, items: row.items }
    : { total: row.total, items: row.items };
}

/** How many stories the server holds (that this login may read). */
export async function countOnServer(client: pg.Pool | pg.ClientBase): Promise<number> {
  const result = await run<{ n: number }>(client, 'SELECT count(*)::int AS n FROM mihbara.stories');
  return result.rows[0]!.n;
}

export async function existsOnServer(client: pg.Pool | pg.ClientBase, id: string): Promise<boolean> {
  const result = await run<{ found: boolean }>(
    client,
    'SELECT EXISTS (SELECT 1 FROM mihbara.stories WHERE id = $1) AS found',
    [id],
  );
  return result.rows[0]!.found;
}
