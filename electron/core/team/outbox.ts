/**
 * The team store's outbox: saves made while the server could not be reached, one durable file
 * each in the workstation's folder (`team/outbox/`), sent in order when it is back.
 *
 * A queued save that meets a newer server version is never applied silently: the local text is
 * kept as a recovery draft (offered to the user) and in `team/conflicts/`.
 */
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { parseStoredStory, type Story } from '../../../shared/story/schema';
import { errorCode, writeFileDurably } from '../store/durable-file';
import { editOf, type RecoveryJournal } from '../store/recovery';
import { canonicalJson } from '../store/revisions';
import { run } from './query';
import { bestEffort, type Logger } from '../log';

export interface OutboxEntry {
  seq: number;
  id: string;
  kind: 'create' | 'save';
  /** the server version the first queued save was based on (0 for a create) */
  serverBase: number;
  story: Story;
  actor: string;
  restoredFrom?: number;
}

const OUTBOX = 'team/outbox';
const CONFLICTS = 'team/conflicts';

export class TeamOutbox {
  /** the queued saves, oldest first; at most one per story */
  readonly entries: OutboxEntry[] = [];
  readonly #localRoot: string;
  readonly #log: Logger;
  #seq = 0;

  constructor(localRoot: string, log: Logger) {
    this.#localRoot = localRoot;
    this.#log = log;
  }

  async prepare(): Promise<void> {
    await mkdir(join(this.#localRoot, OUTBOX), { recursive: true });
    await mkdir(join(this.#localRoot, CONFLICTS), { recursive: true });
  }

  get length(): number {
    return this.entries.length;
  }

  find(id: string): OutboxEntry | undefined {
    return this.entries.find((entry) => entry.id === id);
  }

  has(id: string): boolean {
    return this.entries.some((entry) => entry.id === id);
  }

  #file(entry: Pick<OutboxEntry, 'seq' | 'id'>): string {
    return join(this.#localRoot, OUTBOX, `${String(entry.seq).padStart(10, '0')}-${entry.id}.json`);
  }

  /** Reads the saves a previous session left queued. */
  async load(): Promise<void> {
    for (const name of (await readdir(join(this.#localRoot, OUTBOX))).sort()) {
      if (!name.endsWith('.json')) continue;
      try {
        const entry = JSON.parse(await readFile(join(this.#localRoot, OUTBOX, name), 'utf8')) as OutboxEntry;
        const story = parseStoredStory(entry.story);
        if (!story.success) throw new Error(`outbox entry ${name} does not hold a valid story`);
        entry.story = story.data;
        this.entries.push(entry);
        this.#seq = Math.max(this.#seq, entry.seq);
      } catch {
        // A file cut short by a crash while it was being written; the save before it is intact.
      }
    }
  }

  /** Queues a save durably; a later save of the same story replaces it (keeping the server base). */
  async add(entry: Omit<OutboxEntry, 'seq'>): Promise<OutboxEntry> {
    const previous = this.find(entry.id);
    this.#seq += 1;
    const seq = this.#seq;
    const next: OutboxEntry = previous
      ? { ...entry, seq, kind: previous.kind, serverBase: previous.serverBase }
      : { ...entry, seq };
    await writeFileDurably(this.#file(next), JSON.stringify(next));
    if (previous) {
      this.entries.splice(this.entries.indexOf(previous), 1);
      // Left behind, the replaced save is loaded again at the next start and sent before this one.
      await unlink(this.#file(previous)).catch(
        bestEffort(this.#log, `[team] could not remove the replaced outbox entry of ${previous.id}`),
      );
    }
    this.entries.push(next);
    return next;
  }

  /** Takes the oldest entry off the queue once it was sent (or kept as a conflict). */
  async shift(entry: OutboxEntry): Promise<void> {
    this.entries.shift();
    await unlink(this.#file(entry)).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }

  /**
   * Sends one queued save; a newer server version keeps both texts and asks the user. Resolves
   * to the story as the server now has it (null when a conflict left it to the user).
   */
  async send(
    pool: pg.Pool,
    entry: OutboxEntry,
    conflicts: Set<string>,
    recovery: RecoveryJournal,
  ): Promise<Story | null> {
    const server = await run<{ doc: Story }>(pool, 'SELECT doc FROM mihbara.stories WHERE id = $1', [
      entry.id,
    ]);
    const current = server.rows[0]?.doc;
    if (entry.kind === 'create' && !current) {
      await run(pool, 'SELECT mihbara.create_story($1)', [{ ...entry.story, version: 1 }]);
      return { ...entry.story, version: 1 };
    }
    // Already there (a crash after the server committed but before the outbox file was removed).
    if (current && sameText(current, entry.story)) return current;
    if (current && current.version === entry.serverBase) {
      const doc: Story = { ...entry.story, version: entry.serverBase + 1 };
      await run(pool, 'SELECT mihbara.save_story($1, $2, $3, $4)', [
        entry.id,
        entry.serverBase,
        doc,
        entry.restoredFrom ?? null,
      ]);
      return doc;
    }
    // Someone saved in the meantime: nothing is merged silently.
    const at = new Date().toISOString();
    conflicts.add(entry.id);
    await writeFileDurably(
      join(this.#localRoot, CONFLICTS, `${entry.id}-${at.replace(/[:.]/g, '-')}.json`),
      JSON.stringify(
        { storyId: entry.id, at, serverVersion: current?.version ?? null, local: entry.story },
        null,
        2,
      ),
    );
    // The local text, every field an editor edits (the schema's list), kept as a recovery draft.
    const edit = editOf(entry.story);
    await recovery.put(entry.id, current?.version ?? entry.serverBase, edit);
    return current ?? null;
  }
}

const sameText = (a: Story, b: Story) =>
  canonicalJson({ ...a, version: 0, updatedAt: '' }) === canonicalJson({ ...b, version: 0, updatedAt: '' });
