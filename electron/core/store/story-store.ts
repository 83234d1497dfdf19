/**
 * The story store: one folder, one JSON file per story, a summary index for the story list.
 *
 *   <root>/mihbara-store.json   marker with the format version (a folder without it is not a store)
 *   <root>/stories/<id>.json    each story, written atomically and durably through lowdb
 *   <root>/media/               images and other files stories refer to
 *   <root>/index.json           snapshot of every story's summary (compact JSON)
 *   <root>/index.journal        NDJSON of index changes since the snapshot, each line fsynced
 *   <root>/revisions/<id>/      every saved version of each story (immutable; see revisions.ts)
 *   <root>/recovery/<id>.json   the editor's unsaved text (see recovery.ts)
 *   <root>/quarantine/          damaged files, moved aside with a report (see quarantine.ts)
 *   <root>/writer.lock          held by the one process that may write
 *
 * One file per story keeps a save's cost independent of the number of stories (the guide
 * measured 1.6 ms per durable save at 50k, against seconds for a single-file lowdb), and a
 * damaged file costs one story, not the newsroom's archive.
 *
 * A save appends `begin <id>` to the journal, writes the new revision file, writes the story
 * file, then appends `put <summary>`, each step on disk before the next. Whatever point a crash
 * interrupts, opening the store again yields an index that matches the files: a `begin` without
 * its `put` means "re-read this file", and a revision newer than its story file is the trace of
 * a save that never happened, so it is removed.
 *
 * This module is the facade: opening (lock, migration), the save queue, the writer gate and
 * the API. The parts it is made of:
 *   layout.ts       the marker, a new store's folders, leftover temp files
 *   story-index.ts  the summaries in memory, the snapshot and the journal
 *   story-files.ts  reading and checking story and revision files
 *   reconcile.ts    loading the index at open and bringing it in step with the files
 *   save.ts         the save protocol
 *   repair.ts       quarantine and rescue of damaged files, rebuild and repair
 */
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import {
  type Story,
  StoryId,
  type StoryEdit,
  type StorySummary,
  summarize,
} from '../../../shared/story/schema';
import { MARKER_NAME, STORE_FORMAT_VERSION } from './journal';
import { defaultActor, initStore, isFolderMissing, readMarker } from './layout';
import { acquireWriterLock, type WriterLock } from './lock';
import { assertMayWrite, registerStore } from './writer-gate';
import { migrateStore, pendingMigration } from './migrate';
import type { QuarantineEntry } from './quarantine';
import { loadAndReconcile } from './reconcile';
import { RecoveryJournal, draftMatches, recoveryOffers, type RecoveryOffer, type TakeOver } from './recovery';
import { findProblems, rebuildIndex, repairProblems, rescueStory } from './repair';
import { compareStories, revisionInfo, revisionVersions, type RevisionInfo } from './revisions';
import { saveStory } from './save';
import { type StoreParts, StoryFiles } from './story-files';
import { StoryIndex } from './story-index';
import type {
  FolderStore,
  LocalFolderStore,
  LongTaskOptions,
  OpenStoreOptions,
  RepairReport,
  SaveMeta,
} from './types';
import { pageOfList, type StoryListQuery, type StoryPage } from '../../../shared/story/list';
import { fileError } from '../errors';
import { bestEffort, consoleLogger, type Logger } from '../log';
import { oneAtATime, type Queue } from '../one-at-a-time';

const DEFAULT_COMPACT_AFTER_LINES = 2000;

export { defaultActor, initStore, readMarker };

/**
 * Opens the store at `root`. Write mode takes the writer lock, repairs the index after a
 * crash and removes temp files a crash left; read mode takes no lock and changes nothing
 * on disk (its index is built in memory).
 */
export async function openStore(root: string, options: OpenStoreOptions): Promise<LocalFolderStore> {
  root = resolve(root);
  const log = options.log ?? consoleLogger;
  const marker = await readMarker(root);
  if (!marker) {
    if (options.create && options.mode === 'write') {
      await initStore(root);
    } else {
      let exists = true;
      try {
        await readdir(root);
      } catch (error) {
        if (!isFolderMissing(error)) throw fileError(error, root);
        exists = false;
      }
      throw exists
        ? new ApiError('invalid-request', `${root} is not a Mihbara store (it has no ${MARKER_NAME})`)
        : new ApiError('not-found', `there is no Mihbara store at ${root}`);
    }
  }

  let lock: WriterLock | undefined;
  let unregister = () => {};
  if (options.mode === 'write') {
    lock = await acquireWriterLock(root, { staleMs: options.lockStaleMs, waitMs: options.lockWaitMs, log });
    unregister = registerStore(root, { kind: 'writer', lock });
    // An older store, or a migration a crash interrupted, is brought up to date under the lock
    // before anything reads it.
    try {
      if (await pendingMigration(root)) {
        if (options.noMigrate) {
          throw new ApiError(
            'invalid-request',
            `the store at ${root} has an older format; run "migrate --store ${root}" to upgrade it`,
          );
        }
        await migrateStore(root, { onProgress: options.onProgress });
      }
    } catch (error) {
      unregister();
      await lock.release().catch(bestEffort(log, `[store] could not release the writer lock of ${root}`));
      throw fileError(error, `the migration of the store at ${root}`);
    }
  } else if (marker && marker.version < STORE_FORMAT_VERSION && (await pendingMigration(root))) {
    // Reading an older store works (its files have the same shape) unless a migration is
    // half-way: then some files are new and some old, and only the writer can finish it.
    if (await pendingMigration(root, { onlyInterrupted: true })) {
      throw new ApiError(
        'store-locked',
        `the store at ${root} is being upgraded to a new format; open it again when that has finished`,
      );
    }
  }
  if (options.mode === 'read') unregister = registerStore(root, { kind: 'reader' });
  const store = new FolderStoryStore(root, options, log, lock, unregister);
  try {
    await store.load();
  } catch (error) {
    unregister();
    await lock?.release().catch(bestEffort(log, `[store] could not release the writer lock of ${root}`));
    throw fileError(error, `the store at ${root}`);
  }
  return store;
}

class FolderStoryStore implements LocalFolderStore {
  readonly root: string;
  readonly mode: 'write' | 'read';
  readonly #lock: WriterLock | undefined;
  readonly #parts: StoreParts;
  readonly #index: StoryIndex;
  readonly #files: StoryFiles;
  readonly #recovery: RecoveryJournal;
  /** saves, repairs and rescues, one at a time */
  readonly #enqueue: Queue = oneAtATime();
  #closed = false;

  /** this store keeps its own history and recovery journal */
  get archive(): FolderStore {
    return this;
  }

  readonly #unregister: () => void;

  readonly #log: Logger;

  constructor(
    root: string,
    options: OpenStoreOptions,
    log: Logger,
    lock: WriterLock | undefined,
    unregister: () => void,
  ) {
    this.#log = log;
    this.root = root;
    this.#unregister = unregister;
    this.mode = options.mode;
    this.#lock = lock;
    this.#index = new StoryIndex(root, {
      compactAfter: Math.max(options.compactAfterLines ?? DEFAULT_COMPACT_AFTER_LINES, 2),
      fs: options.fs,
    });
    this.#files = new StoryFiles(root, options.mode, options.fs, log);
    this.#recovery = new RecoveryJournal(root, options.fs, log);
    this.#parts = {
      root,
      mode: options.mode,
      fs: options.fs,
      actor: options.actor ?? defaultActor(),
      log,
      index: this.#index,
      files: this.#files,
      recovery: this.#recovery,
      depths: new Map(),
    };
  }

  quarantined(): QuarantineEntry[] {
    return this.#files.quarantined();
  }

  load(): Promise<void> {
    return loadAndReconcile(this.#parts);
  }

  // ---------------------------------------------------------------- API

  list(): StorySummary[] {
    return this.#index.list();
  }

  async listPage(query: StoryListQuery): Promise<StoryPage> {
    return pageOfList(this.#index.sorted(), query);
  }

  async count(): Promise<number> {
    return this.#index.size;
  }

  async has(id: string): Promise<boolean> {
    return this.#index.has(id);
  }

  async get(id: string): Promise<Story> {
    if (!StoryId.safeParse(id).success) throw new ApiError('not-found', `no story with id ${id}`);
    let story: Story | null;
    try {
      story = await this.#files.readStory(id);
    } catch (error) {
      if (this.mode !== 'write' || !(error instanceof ApiError) || error.code !== 'store-damaged')
        throw error;
      // Rescue inside the save queue so it never races a save of the same story.
      return this.#enqueue(async () => {
        const again: Story | null | Error = await this.#files
          .readStory(id)
          .catch((inner: unknown) => (inner instanceof Error ? inner : new Error(String(inner))));
        if (!(again instanceof Error)) {
          if (again) return again;
          throw new ApiError('not-found', `no story with id ${id}`);
        }
        const rescued = await rescueStory(this.#files, id, again);
        if (rescued) {
          this.#index.set(summarize(rescued));
          await this.#index.append({ op: 'put', summary: summarize(rescued) }).catch(() => {
            this.#index.dropJournal();
          });
          return rescued;
        }
        this.#index.delete(id);
        await this.#index.append({ op: 'drop', id }).catch(() => {
          this.#index.dropJournal();
        });
        throw again;
      });
    }
    if (story) return story;
    if (this.#index.has(id)) {
      throw new ApiError(
        'store-damaged',
        `the index lists story ${id} but its file ${this.#files.relative(id)} is missing`,
      );
    }
    throw new ApiError('not-found', `no story with id ${id}`);
  }

  update(id: string, change: (current: Story | undefined) => Story, meta: SaveMeta = {}): Promise<Story> {
    // Checked at call time: saves queued before close() still run, later ones are refused.
    if (this.#closed) return Promise.reject(new ApiError('internal', `the store at ${this.root} is closed`));
    return this.#enqueue(async () => {
      await this.#assertWritable();
      return saveStory(this.#parts, id, change, meta, (story) => this.settleRecoveryDraft(id, story));
    });
  }

  async rebuildIndex(options: LongTaskOptions = {}): Promise<{ stories: number; quarantined: number }> {
    return this.#enqueue(async () => {
      await this.#assertWritable();
      return rebuildIndex(this.#parts, options);
    });
  }

  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.#enqueue(task);
  }

  async repair(options: LongTaskOptions = {}): Promise<RepairReport> {
    const rebuilt = await this.rebuildIndex(options);
    const report: RepairReport = {
      stories: rebuilt.stories,
      quarantined: rebuilt.quarantined,
      rebuiltFromRevisions: 0,
      orphanRevisionsRemoved: 0,
      snapshotsAdded: 0,
    };
    const found = await findProblems(this.root, options);
    await this.#enqueue(async () => {
      await this.#assertWritable();
      await repairProblems(this.#parts, found, report);
    });
    return report;
  }

  // ---------------------------------------------------------------- revisions

  async listRevisions(id: string): Promise<RevisionInfo[]> {
    if (!StoryId.safeParse(id).success) throw new ApiError('not-found', `no story with id ${id}`);
    const versions = await revisionVersions(this.root, id);
    if (versions.length === 0 && !this.#index.has(id)) {
      throw new ApiError('not-found', `no story with id ${id}`);
    }
    const infos: RevisionInfo[] = [];
    const current = this.#index.get(id)?.version ?? Number.POSITIVE_INFINITY;
    for (const version of versions) {
      // A revision past the story's version belongs to a save that never finished.
      if (version > current) continue;
      try {
        infos.push(revisionInfo(await this.#files.readRevision(id, version)));
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'store-damaged')) throw error;
      }
    }
    return infos;
  }

  async getRevision(id: string, version: number): Promise<Story> {
    if (!StoryId.safeParse(id).success) throw new ApiError('not-found', `no story with id ${id}`);
    const current = this.#index.get(id)?.version;
    if (current !== undefined && version > current) {
      throw new ApiError('not-found', `story ${id} has no revision ${version}`);
    }
    return this.#files.reconstruct(id, version);
  }

  async compareRevisions(id: string, from: number, to: number) {
    return compareStories(await this.getRevision(id, from), await this.getRevision(id, to));
  }

  // ---------------------------------------------------------------- recovery journal

  async putRecoveryDraft(id: string, baseVersion: number, draft: StoryEdit, author?: string) {
    await await this.#assertWritable();
    if (!StoryId.safeParse(id).success) {
      throw new ApiError('invalid-request', `${id} is not a story id`);
    }
    return this.#recovery.put(id, baseVersion, draft, author).catch((error: unknown) => {
      throw fileError(error, `the recovery draft of ${id}`);
    });
  }

  getRecoveryDraft(id: string) {
    return this.#recovery.get(id);
  }

  listRecoveryDrafts(): Promise<RecoveryOffer[]> {
    return recoveryOffers(
      this.#recovery,
      (id) => this.#files.readStory(id).catch(() => null),
      // A draft that holds nothing the story does not is already saved: forget it.
      async (id) => {
        if (this.mode === 'write')
          await this.#recovery
            .remove(id)
            .catch(bestEffort(this.#log, `[store] could not forget the saved recovery draft of ${id}`));
      },
    );
  }

  async settleRecoveryDraft(id: string, saved: Story): Promise<void> {
    if (this.mode !== 'write') return;
    const draft = await this.#recovery.get(id).catch(() => null);
    if (draft && draftMatches(draft.draft, saved)) await this.#recovery.remove(id);
  }

  async keepTakenOverDraft(
    id: string,
    holder: string,
    baseVersion: number,
    draft: StoryEdit,
    takenOver: TakeOver,
  ) {
    await this.#assertWritable();
    return this.#recovery.keepTakenOver(id, holder, baseVersion, draft, takenOver).catch((error: unknown) => {
      throw fileError(error, `the kept text of ${holder} in ${id}`);
    });
  }

  getTakenOverDraft(id: string, holder: string) {
    return this.#recovery.getTakenOver(id, holder);
  }

  listTakenOverDrafts(holder: string) {
    return this.#recovery.takenOverOf(holder);
  }

  async discardTakenOverDraft(id: string, holder: string): Promise<void> {
    await this.#recovery.discardTakenOver(id, holder);
  }

  async discardRecoveryDraft(id: string): Promise<void> {
    await this.#assertWritable();
    await this.#recovery.discard(id);
  }

  // ---------------------------------------------------------------- closing and the queue

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Let queued saves finish first: close must never cut a save in half.
    await this.#enqueue(async () => undefined);
    if (this.mode === 'write') {
      try {
        if (this.#index.hasChanges) await this.#index.compact();
      } catch (error) {
        // The journal still holds every change; the next open replays it.
        this.#log.warn(`[store] could not compact the index on close: ${String(error)}`);
      }
      await this.#index.closeJournal();
      this.#unregister();
      await this.#lock?.release();
    } else this.#unregister();
  }

  /** The writer gate, asked before any change (the journal and revision writes do not pass it one by one). */
  async #assertWritable(): Promise<void> {
    if (this.mode !== 'write') {
      throw new ApiError(
        'store-locked',
        `the store at ${this.root} is open read-only (another Mihbara window or command is writing to it); it cannot save`,
      );
    }
    await assertMayWrite(this.root);
  }
}

/** What `openStoreForApp` opened, and why it is read-only when it is. */
export interface OpenedStore {
  store: LocalFolderStore;
  readOnly: boolean;
}

/**
 * How the app and the browser bridge open their store: for writing, or, when another process
 * holds the writer lock, read-only (and the caller says so to the user) instead of failing.
 */
export async function openStoreForApp(
  root: string,
  options: Omit<OpenStoreOptions, 'mode'> = {},
): Promise<OpenedStore> {
  try {
    return {
      store: await openStore(root, { ...options, mode: 'write', create: options.create ?? true }),
      readOnly: false,
    };
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'store-locked') throw error;
    (options.log ?? consoleLogger).warn(`[store] ${error.message}; opening it read-only`);
    return { store: await openStore(root, { ...options, mode: 'read', create: false }), readOnly: true };
  }
}
