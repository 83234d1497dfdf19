/**
 * The newsroom's shared documents on the server (`mihbara.shared_files`, schema 4): tags, the
 * tag change log, the gazetteer and saved searches, and publishing's channels and delivery log.
 * The team store offers this as its `shared` capability; `newsroomFile` and `filesOf` use it
 * whenever the store has it, so those services run unchanged on either backend.
 *
 * What stays in the workstation's own folder, and why:
 * - publishing's outbox (`publishing/outbox/`): a delivery is queued by the workstation whose
 *   transition the server committed (exactly one, by the story's version check), and only that
 *   workstation attempts it, so two workstations never send the same delivery;
 * - the watched wire folder and its Incoming queue (`incoming/`): the folder is a path on that
 *   machine's disk, and sharing its items would let two workstations take in one wire item twice;
 * - the search index, drafts, the story outbox and conflict copies: per workstation by nature.
 */
import type pg from 'pg';
import { ApiError } from '../../../shared/api/errors';
import type { SharedStorage } from '../store/types';
import { serverError } from '../errors';
import { rollback, rows as query } from './query';

/** The paths the server keeps (the rest of a workstation's folder stays local). */
export function keptByServer(path: string): boolean {
  return (
    /^newsroom\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(path) ||
    path === 'publishing/channels.json' ||
    path === 'publishing/deliveries.ndjson'
  );
}

/** `SharedStorage` over the server's `shared_files` table, through its checked functions. */
export function pgSharedStorage(pool: pg.Pool): SharedStorage {
  const refuseLocal = (path: string) => {
    if (!keptByServer(path))
      throw new ApiError('internal', `${path} is not one of the newsroom's shared documents`);
  };
  return {
    keeps: keptByServer,
    async read(path) {
      refuseLocal(path);
      // The document's text, then the lines appended to it (a log), in order.
      const rows = await query<{ content: string | null }>(
        pool,
        `SELECT CASE WHEN f.content IS NULL AND l.lines IS NULL THEN NULL
                     ELSE coalesce(f.content, '') || coalesce(l.lines, '') END AS content
           FROM (SELECT $1::text AS path) p
           LEFT JOIN mihbara.shared_files f ON f.path = p.path
           LEFT JOIN LATERAL (SELECT string_agg(line, '' ORDER BY seq) AS lines
                                FROM mihbara.shared_lines WHERE path = p.path) l ON true`,
        [path],
      );
      return rows[0]?.content ?? null;
    },
    async update(path, change) {
      refuseLocal(path);
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw serverError(error);
      }
      let open = false;
      try {
        await query(client, 'BEGIN', []);
        open = true;
        // Held until COMMIT: another workstation's update of this path waits here.
        const rows = await query<{ content: string | null; version: number | null }>(
          client,
          'SELECT content, version FROM mihbara.lock_file($1)',
          [path],
        );
        const { next, result } = await change(rows[0]?.content ?? null);
        if (next !== null)
          await query(client, 'SELECT mihbara.write_file($1, $2, $3)', [path, rows[0]?.version ?? 0, next]);
        await query(client, 'COMMIT', []);
        open = false;
        return result;
      } finally {
        if (open) await rollback(client);
        client.release();
      }
    },
    async write(path, text) {
      refuseLocal(path);
      await query(pool, 'SELECT mihbara.write_file($1, NULL, $2)', [path, text]);
    },
    async append(path, line) {
      refuseLocal(path);
      await query(pool, 'SELECT mihbara.append_file($1, $2)', [
        path,
        line.endsWith('\n') ? line : `${line}\n`,
      ]);
    },
    async remove(path) {
      refuseLocal(path);
      await query(pool, 'SELECT mihbara.remove_file($1)', [path]);
    },
  };
}
