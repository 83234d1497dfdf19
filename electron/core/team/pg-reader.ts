/**
 * Reads stories from the newsroom server for the search worker, on the worker's own connection:
 * building the index of a team workstation (every story on the server) then runs beside the
 * main process instead of in it. Reads asked for in the same turn go as one query; after a
 * failed connection it answers "unreachable" at once for a few seconds, so an offline
 * workstation's searches do not try the server once per story.
 */
import pg from 'pg';
import { Story } from '../../../shared/story/schema';

/** How long the reader refuses at once after the server could not be reached (ms). */
const PAUSE_AFTER_FAILURE_MS = 5_000;

export interface StoryReader {
  read(id: string): Promise<Story>;
  close(): Promise<void>;
}

/** `config`: the workstation's connection (team/connection.ts `clientConfig`), cloned into the worker. */
export function pgStoryReader(config: pg.PoolConfig): StoryReader {
  const pool = new pg.Pool({ ...config, max: 1 });
  pool.on('error', () => undefined);
  let failedAt = 0;
  type Waiter = { resolve: (story: Story) => void; reject: (error: unknown) => void };
  let batch: Map<string, Waiter[]> | null = null;

  const flush = async (ids: Map<string, Waiter[]>) => {
    try {
      if (Date.now() - failedAt < PAUSE_AFTER_FAILURE_MS)
        throw new Error('the newsroom server cannot be reached');
      const result = await pool.query<{ id: string; doc: unknown }>(
        'SELECT id, doc FROM mihbara.stories WHERE id = ANY($1)',
        [[...ids.keys()]],
      );
      const docs = new Map(result.rows.map((row) => [row.id, row.doc]));
      for (const [id, waiters] of ids) {
        const doc = docs.get(id);
        for (const waiter of waiters) {
          if (doc === undefined) waiter.reject(new Error(`no story ${id} on the server`));
          else {
            const parsed = Story.safeParse(doc);
            if (parsed.success) waiter.resolve(parsed.data);
            else waiter.reject(new Error(`story ${id} on the server is not a valid story`));
          }
        }
      }
    } catch (error) {
      if (!(error as { code?: string }).code?.startsWith('MH')) failedAt = Date.now();
      for (const waiters of ids.values()) for (const waiter of waiters) waiter.reject(error);
    }
  };

  return {
    read: (id) =>
      new Promise<Story>((resolve, reject) => {
        if (!batch) {
          const next = new Map<string, Waiter[]>();
          batch = next;
          setImmediate(() => {
            if (batch === next) batch = null;
            void flush(next);
          });
        }
        const waiters = batch.get(id) ?? [];
        waiters.push({ resolve, reject });
        batch.set(id, waiters);
      }),
    close: () => pool.end().catch(() => undefined),
  };
}
