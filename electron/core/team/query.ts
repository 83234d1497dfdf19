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
