/** Queries on the newsroom's server, with its refusals turned into ApiErrors. */
import type pg from 'pg';
import { ApiError } from '../../../shared/api/errors';
import { isUnreachable, serverError } from '../errors';

/** Runs `query` and turns the server's refusals into ApiErrors. */
export async function run<T extends pg.QueryResultRow>(
  pool: pg.Pool | pg.ClientBase,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<T>> {
  try {
    return await pool.query<T>(text, values);
  } catch (error) {
    throw serverError(error);
  }
}

/** Runs `query` and resolves to its rows; refusals as for `run`. */
export async function rows<T extends pg.QueryResultRow>(
  pool: pg.Pool | pg.ClientBase,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  return (await run<T>(pool, text, values)).rows;
}

/** The server could not be reached (rather than refusing what was asked). */
export const unreachable = (error: unknown) =>
  isUnreachable(error) ||
  (error instanceof ApiError && error.code === 'io' && /cannot be reached/.test(error.message));

/**
 * Rolls back the transaction a failed step left open. The step's own error is what the caller
 * throws; a rollback that fails too means the connection is broken, and a broken connection's
 * transaction is ended by the server, so nothing more is to be done or said here.
 */
export async function rollback(client: pg.ClientBase): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- see above
  await client.query('ROLLBACK').catch(() => undefined);
}

/**
 * Reads of stories asked for in the same turn go to the server as one query: the search index
 * reads many stories at once (sixteen at a time), and one round trip each would dominate.
 * Resolves to a story's stored document, or undefined when the server has none.
 */
export function batchedStoryReader(pool: pg.Pool): (id: string) => Promise<unknown> {
  type Waiter = { resolve: (doc: unknown) => void; reject: (error: unknown) => void };
  let batch: Map<string, Waiter[]> | null = null;
  const flushBatch = async (ids: Map<string, Waiter[]>) => {
    try {
      const result = await run<{ id: string; doc: unknown }>(
        pool,
        'SELECT id, doc FROM mihbara.stories WHERE id = ANY($1)',
        [[...ids.keys()]],
      );
      const docs = new Map(result.rows.map((row) => [row.id, row.doc]));
      for (const [id, waiters] of ids) for (const waiter of waiters) waiter.resolve(docs.get(id));
    } catch (error) {
      for (const waiters of ids.values()) for (const waiter of waiters) waiter.reject(error);
    }
  };
  return (id: string) =>
    new Promise<unknown>((resolve, reject) => {
      if (!batch || batch.size >= 500) {
        const next = new Map<string, Waiter[]>();
        batch = next;
        setImmediate(() => {
          if (batch === next) batch = null;
          void flushBatch(next);
        });
      }
      const waiters = batch.get(id) ?? [];
      waiters.push({ resolve, reject });
      batch.set(id, waiters);
    });
}
