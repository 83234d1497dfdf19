/**
 * The team store's LISTEN connection: the server's NOTIFY says that a story, a lock, a workflow
 * row or a shared document changed; what it changed to is read from the server, then told to
 * the push channel through the store's events. Notices are untrusted and checked (notices.ts).
 */
import type { EventEmitter } from 'node:events';
import pg from 'pg';
import type { StorySummary } from '../../../shared/story/schema';
import type { StoryLock } from '../../../shared/workflow/model';
import { clientConfig, type TeamConnection } from './connection';
import type { TeamEvents } from './events';
import { noticeLogger, parseNotice } from './notices';
import { run } from './query';
import { bestEffort, type Logger } from '../log';

/** The active locks on the server (one story's when `storyId` is given). */
export async function readLocks(pool: pg.Pool, storyId?: string): Promise<StoryLock[]> {
  const result = await run<{
    story_id: string;
    holder: string;
    holder_name: string;
    since: Date;
    touched_at: Date;
    expires_at: Date;
  }>(
    pool,
    'SELECT story_id, holder, holder_name, since, touched_at, expires_at FROM mihbara.locks' +
      (storyId ? ' WHERE story_id = $1' : ''),
    storyId ? [storyId] : [],
  );
  // Row-level security already hides expired locks.
  return result.rows.map((row) => ({
    storyId: row.story_id,
    holder: row.holder,
    holderName: row.holder_name,
    since: row.since.toISOString(),
    touchedAt: row.touched_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  }));
}

/** What the listener asks of the store it serves. */
export interface ListenerStore {
  log: Logger;
  connection: TeamConnection;
  pool: pg.Pool;
  events: EventEmitter<TeamEvents>;
  /**
   * A story changed on the server at `version` (undefined: not said). Resolves to true when
   * the store needs its new summary (it holds nothing as new already).
   */
  storyChanged(id: string, version: number | undefined): boolean;
  /** the story's summary as the server now has it */
  remember(summary: StorySummary): void;
  /** the connection ended while the store was open */
  lost(): void;
}

export class TeamListener {
  readonly #store: ListenerStore;
  readonly #logRefusedNotice: (reason: string) => void;
  #client: pg.Client | null = null;

  constructor(store: ListenerStore) {
    this.#store = store;
    this.#logRefusedNotice = noticeLogger(store.log);
  }

  get listening(): boolean {
    return this.#client !== null;
  }

  async start(): Promise<void> {
    const { events } = this.#store;
    const client = new pg.Client(clientConfig(this.#store.connection));
    // The connection's end (below) is what counts; an error before it is only said.
    client.on('error', (error) =>
      this.#store.log.warn(`[team] the listening connection failed: ${error.message}`),
    );
    client.on('end', () => {
      if (this.#client === client) this.#client = null;
      this.#store.lost();
    });
    await client.connect();
    client.on('notification', (message) => {
      const notice = parseNotice(message.channel, message.payload);
      if ('refused' in notice) return this.#logRefusedNotice(notice.refused);
      // A notice only says what changed; what it changed to is read from the server.
      if (notice.channel === 'mihbara_stories') void this.#onStoryNotice(notice);
      else if (notice.channel === 'mihbara_locks') void this.#onLockNotice(notice.storyId);
      else if (notice.channel === 'mihbara_workflow')
        events.emit('workflow', { table: notice.table, storyId: notice.storyId });
      else events.emit('shared', { path: notice.path });
    });
    await client.query(
      'LISTEN mihbara_stories; LISTEN mihbara_locks; LISTEN mihbara_workflow; LISTEN mihbara_shared',
    );
    this.#client = client;
  }

  async stop(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(bestEffort(this.#store.log, '[team] could not close the listening connection'));
  }

  async #onStoryNotice(notice: { id: string; version?: number }): Promise<void> {
    if (!this.#store.storyChanged(notice.id, notice.version)) return;
    const result = await run<{ summary: StorySummary }>(
      this.#store.pool,
      'SELECT summary FROM mihbara.stories WHERE id = $1',
      [notice.id],
    ).catch(
      bestEffort(this.#store.log, `[team] could not read the summary of ${notice.id} after its notice`),
    );
    const summary = result?.rows[0]?.summary;
    if (summary) this.#store.remember(summary);
  }

  async #onLockNotice(storyId: string): Promise<void> {
    const rows = await readLocks(this.#store.pool, storyId).catch(
      bestEffort(this.#store.log, `[team] could not read the lock of ${storyId} after its notice`),
    );
    if (rows) this.#store.events.emit('lock', { storyId, lock: rows[0] ?? null });
  }
}
