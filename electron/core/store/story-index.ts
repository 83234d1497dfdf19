/**
 * The story list of a folder store: every story's summary in memory, kept on disk as a
 * snapshot (`index.json`) plus the journal of changes since (`index.journal`, see journal.ts).
 *
 * Changes are appended to the journal one fsynced line at a time; once it holds
 * `compactAfter` lines the whole index is written as a new snapshot and the journal starts
 * again. This module only keeps the index and its files; what the lines mean for a save is
 * the save protocol's (save.ts) and reading them back after a crash is reconcile.ts's.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { StorySummary } from '../../../shared/story/schema';
import { type DurableFs, DamagedFileError, DurableJsonFile, writeFileDurably } from './durable-file';
import {
  INDEX_NAME,
  IndexSnapshotHeader,
  JOURNAL_NAME,
  STORE_FORMAT_VERSION,
  type IndexSnapshot,
  type JournalEntry,
  isSummaryShape,
  journalLine,
} from './journal';

type SortedSummary = { summary: StorySummary; time: number };

export class StoryIndex {
  readonly #root: string;
  readonly #compactAfter: number;
  readonly #fs: Partial<DurableFs> | undefined;
  readonly #summaries = new Map<string, StorySummary>();
  #sorted: StorySummary[] | null = null;
  #generation = 0;
  /** append handle of the journal; null when the journal must be reset before the next append */
  #journal: FileHandle | null = null;
  #journalBytes = 0;
  #journalEntries = 0;

  constructor(root: string, options: { compactAfter: number; fs?: Partial<DurableFs> }) {
    this.#root = root;
    this.#compactAfter = options.compactAfter;
    this.#fs = options.fs;
  }

  // ---------------------------------------------------------------- in memory

  /** the summaries themselves, for replaying the journal into them */
  get summaries(): Map<string, StorySummary> {
    return this.#summaries;
  }

  get generation(): number {
    return this.#generation;
  }

  get(id: string): StorySummary | undefined {
    return this.#summaries.get(id);
  }

  has(id: string): boolean {
    return this.#summaries.has(id);
  }

  get size(): number {
    return this.#summaries.size;
  }

  ids(): IterableIterator<string> {
    return this.#summaries.keys();
  }

  set(summary: StorySummary): void {
    this.#summaries.set(summary.id, summary);
    this.#sorted = null;
  }

  delete(id: string): void {
    this.#summaries.delete(id);
    this.#sorted = null;
  }

  /** Replaces the whole index (a rebuild from the story files). */
  replace(summaries: StorySummary[]): void {
    this.#summaries.clear();
    for (const summary of summaries) this.#summaries.set(summary.id, summary);
    this.#sorted = null;
  }

  /** Newest first (ties by id). */
  list(): StorySummary[] {
    return [...this.sorted()];
  }

  /** Newest first (ties by id), without a copy: not to be changed. */
  sorted(): readonly StorySummary[] {
    if (!this.#sorted) {
      const keyed: SortedSummary[] = [...this.#summaries.values()].map((summary) => ({
        summary,
        time: Date.parse(summary.updatedAt),
      }));
      // The list's order (shared/story/list.ts), with each time parsed once.
      keyed.sort((a, b) => b.time - a.time || (a.summary.id > b.summary.id ? -1 : 1));
      this.#sorted = keyed.map((entry) => entry.summary);
    }
    return this.#sorted;
  }

  // ---------------------------------------------------------------- snapshot

  /**
   * Reads the snapshot into memory. Resolves to false when some entries were unusable (they
   * are dropped: their files must be re-read); throws when the snapshot as a whole is.
   */
  async readSnapshot(): Promise<boolean> {
    let usable = true;
    const db = new Low<unknown>(new DurableJsonFile<unknown>(join(this.#root, INDEX_NAME)), null);
    await db.read();
    if (db.data !== null) {
      const header = IndexSnapshotHeader.safeParse(db.data);
      if (!header.success) throw new DamagedFileError(INDEX_NAME, 'invalid-json', 'not an index snapshot');
      this.#generation = header.data.generation;
      for (const entry of header.data.stories) {
        // A bad entry is dropped; reconciliation re-reads its file.
        if (isSummaryShape(entry)) this.#summaries.set(entry.id, entry);
        else usable = false;
      }
    }
    this.#sorted = null;
    return usable;
  }

  /** Forgets whatever was read (an unusable snapshot: the index is rebuilt from the files). */
  clear(): void {
    this.#summaries.clear();
    this.#sorted = null;
  }

  // ---------------------------------------------------------------- journal

  /** Continues the journal on disk, `bytes` long. */
  async openJournal(bytes: number): Promise<void> {
    this.#journal = await open(join(this.#root, JOURNAL_NAME), 'a');
    this.#journalBytes = bytes;
  }

  /** The journal must not be appended to as it is: the next append starts a fresh snapshot. */
  dropJournal(): void {
    this.#journal = null;
  }

  /** true when close should fold the journal into a snapshot */
  get hasChanges(): boolean {
    return this.#journalEntries > 0 || !this.#journal;
  }

  /** true when the journal is long enough to be folded into a snapshot */
  get dueForCompaction(): boolean {
    return this.#journalEntries >= this.#compactAfter;
  }

  async append(entry: JournalEntry): Promise<void> {
    if (!this.#journal) await this.compact();
    const journal = this.#journal as FileHandle;
    const line = journalLine(entry);
    try {
      await journal.write(line);
      await journal.datasync();
    } catch (error) {
      // Cut a partial line off again, so the next line does not get glued to it and lost.
      await journal.truncate(this.#journalBytes).catch(() => {
        this.#journal = null;
      });
      throw error;
    }
    this.#journalBytes += Buffer.byteLength(line);
    this.#journalEntries += 1;
  }

  /**
   * Writes the whole index as a new snapshot, then replaces the journal with one that
   * continues it. A crash between the two leaves an old journal that names an older
   * generation: the next open sees that and skips it (and replaying it would be harmless).
   */
  async compact(): Promise<void> {
    const generation = this.#generation + 1;
    const snapshot: IndexSnapshot = {
      format: STORE_FORMAT_VERSION,
      generation,
      stories: [...this.#summaries.values()],
    };
    const db = new Low<IndexSnapshot>(
      new DurableJsonFile<IndexSnapshot>(join(this.#root, INDEX_NAME), { fs: this.#fs }),
      snapshot,
    );
    await db.write();
    // From here on the old journal must not be appended to: it is older than the snapshot.
    this.#generation = generation;
    const old = this.#journal;
    this.#journal = null;
    // Every line of the old journal was synced when it was written; closing it can lose nothing.
    // eslint-disable-next-line no-restricted-syntax -- see above
    await old?.close().catch(() => undefined);
    const header = journalLine({ op: 'gen', gen: generation, v: STORE_FORMAT_VERSION });
    await writeFileDurably(join(this.#root, JOURNAL_NAME), header, { fs: this.#fs });
    await this.openJournal(Buffer.byteLength(header));
    this.#journalEntries = 0;
  }

  async closeJournal(): Promise<void> {
    // Every line was synced when it was written; closing the handle can lose nothing.
    // eslint-disable-next-line no-restricted-syntax -- see above
    await this.#journal?.close().catch(() => undefined);
    this.#journal = null;
  }
}
