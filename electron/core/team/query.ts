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
