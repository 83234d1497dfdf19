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
 */
import { type FileHandle, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { ApiError } from '../../../shared/api/errors';
import {
  Story,
  StoryId,
  type StoryEdit,
  type StorySummary,
  summarize,
  wrapStrayListItems,
} from '../../../shared/story/schema';
import {
  DamagedFileError,
  type DurableFs,
  DurableJsonFile,
  TEMP_FILE_PATTERN,
  errorCode,
  parseJsonBytes,
  syncFolder,
  writeFileDurably,
} from './durable-file';
import {
  INDEX_NAME,
  IndexSnapshotHeader,
  JOURNAL_NAME,
  MARKER_NAME,
  MEDIA_DIR,
  QUARANTINE_DIR,
  BACKUPS_DIR,
  RECOVERY_DIR,
  REVISIONS_DIR,
  STORE_FORMAT_VERSION,
  STORIES_DIR,
  StoreMarker,
  type IndexSnapshot,
  type JournalEntry,
  isSummaryShape,
  journalLine,
  parseJournal,
  replayJournal,
  storyIdOfFileName,
} from './journal';
import { acquireWriterLock, type WriterLock } from './lock';
import { assertMayWrite, registerStore } from './writer-gate';
import { inside } from './paths';
import { migrateStore, pendingMigration } from './migrate';
import { type QuarantineEntry, quarantineFile } from './quarantine';
import { RecoveryJournal, draftMatches, recoveryOffers, type RecoveryOffer } from './recovery';
import {
  Revision,
  applyRevision,
  compareStories,
  makeRevision,
  storyHash as storyHashOf,
  revisionFolder,
  revisionInfo,
  revisionRelative,
  revisionVersions,
  type RevisionInfo,
} from './revisions';
import type {
  FolderStore,
  LongTaskOptions,
  OpenStoreOptions,
  RepairReport,
  SaveMeta,
  VerifyReport,
} from './types';
import { runStoreTask, type ScanResult } from './worker-client';
import { fileError } from '../errors';

const DEFAULT_COMPACT_AFTER_LINES = 2000;
/** Parallel file reads during recovery; unbounded parallelism dies with EMFILE at 50k files. */
const READ_CONCURRENCY = 16;

/** The name a revision records when the caller names nobody: the OS user, else "editor". */
export function defaultActor(): string {
  try {
    return userInfo().username || 'editor';
  } catch {
    return 'editor';
  }
}

function isFolderMissing(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}

export async function readMarker(root: string): Promise<StoreMarker | null> {
  let raw: unknown;
  try {
    raw = await new DurableJsonFile<unknown>(join(root, MARKER_NAME)).read();
  } catch (error) {
    if (errorCode(error) === 'ENOTDIR') {
      throw new ApiError('invalid-request', `${root} is a file, not a store folder`);
    }
    throw fileError(error, `the store marker ${join(root, MARKER_NAME)}`);
  }
  if (raw === null) return null;
  const marker = StoreMarker.safeParse(raw);
  if (!marker.success) {
    throw new ApiError(
      'store-damaged',
      `the store marker ${join(root, MARKER_NAME)} is not a Mihbara store marker`,
    );
  }
  if (marker.data.version > STORE_FORMAT_VERSION) {
    throw new ApiError(
      'invalid-request',
      `the store at ${root} has format ${marker.data.version}, written by a newer version of Mihbara; ` +
        `this version reads format ${STORE_FORMAT_VERSION} at most and will not downgrade it. Update Mihbara to open it.`,
    );
  }
  return marker.data;
}

/**
 * Makes `root` a new, empty store (creating the folder if needed). Does nothing if it is a
 * store already; refuses a folder that holds anything else, so pointing the app at the
 * wrong folder (Documents, a backup) can never scatter store files into it.
 */
export async function initStore(root: string): Promise<void> {
  root = resolve(root);
  if (await readMarker(root)) return;
  let entries: string[] = [];
  try {
    entries = await readdir(root);
  } catch (error) {
    if (!isFolderMissing(error)) throw fileError(error, root);
  }
  if (entries.length > 0) {
    throw new ApiError(
      'invalid-request',
      `${root} is not empty and is not a Mihbara store; choose an empty folder or an existing store`,
    );
  }
  try {
    await mkdir(root, { recursive: true });
    // The marker goes first: a crash after it leaves a store with missing parts (which open
    // creates), never a half-made folder that is neither empty nor a store.
    const marker: StoreMarker = {
      format: 'mihbara-store',
      version: STORE_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
    };
    await writeFileDurably(join(root, MARKER_NAME), JSON.stringify(marker, null, 2) + '\n');
    await ensureLayout(root);
    const empty: IndexSnapshot = { format: STORE_FORMAT_VERSION, generation: 0, stories: [] };
    await writeFileDurably(join(root, INDEX_NAME), JSON.stringify(empty) + '\n');
    await writeFileDurably(
      join(root, JOURNAL_NAME),
      journalLine({ op: 'gen', gen: 0, v: STORE_FORMAT_VERSION }),
    );
  } catch (error) {
    throw fileError(error, `the new store at ${root}`);
  }
}

async function ensureLayout(root: string): Promise<void> {
  for (const folder of [STORIES_DIR, MEDIA_DIR, REVISIONS_DIR, RECOVERY_DIR]) {
    await mkdir(join(root, folder), { recursive: true });
  }
}

/** Runs `task` over `items` with at most `limit` running at once. */
export async function eachLimited<T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Opens the store at `root`. Write mode takes the writer lock, repairs the index after a
 * crash and removes temp files a crash left; read mode takes no lock and changes nothing
 * on disk (its index is built in memory).
 */
export async function openStore(root: string, options: OpenStoreOptions): Promise<FolderStore> {
  root = resolve(root);
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
    lock = await acquireWriterLock(root, { staleMs: options.lockStaleMs, waitMs: options.lockWaitMs });
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
      await lock.release().catch(() => undefined);
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
  const store = new FolderStoryStore(root, options, lock, unregister);
  try {
    await store.load();
  } catch (error) {
    unregister();
    await lock?.release().catch(() => undefined);
    throw fileError(error, `the store at ${root}`);
  }
  return store;
}

type SortedSummary = { summary: StorySummary; time: number };

/** Folders whose files are not the store's own writes: kept as they are. */
const LEFT_ALONE = new Set([QUARANTINE_DIR, BACKUPS_DIR, '.migration']);
/** Temp names of the store's writers: durable files, media and the search index. */
const LEFTOVER = [TEMP_FILE_PATTERN, /\.\d+\.[0-9a-f]{12}\.tmp$/, /\.\d+\.tmp$/];

/** Removes the temp files an interrupted write left in `folder` (not below it). */
async function removeTempFilesIn(folder: string): Promise<void> {
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (LEFTOVER.some((pattern) => pattern.test(name)))
      await unlink(join(folder, name)).catch(() => undefined);
  }
}

class FolderStoryStore implements FolderStore {
  readonly root: string;
  readonly mode: 'write' | 'read';
  readonly #lock: WriterLock | undefined;
  readonly #compactAfter: number;
  readonly #fs: Partial<DurableFs> | undefined;
  readonly #actor: string;
  readonly #recovery: RecoveryJournal;
  readonly #index = new Map<string, StorySummary>();
  /** depth of each story's latest revision since its last snapshot, so a save need not read it */
  readonly #depths = new Map<string, { version: number; depth: number }>();
  readonly #quarantined: QuarantineEntry[] = [];
  #sorted: StorySummary[] | null = null;
  #generation = 0;
  /** append handle of the journal; null when the journal must be reset before the next append */
  #journal: FileHandle | null = null;
  #journalBytes = 0;
  #journalEntries = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  /** this store keeps its own history and recovery journal */
  get archive(): FolderStore {
    return this;
  }

  readonly #unregister: () => void;

  constructor(root: string, options: OpenStoreOptions, lock: WriterLock | undefined, unregister: () => void) {
    this.root = root;
    this.#unregister = unregister;
    this.mode = options.mode;
    this.#lock = lock;
    this.#compactAfter = Math.max(options.compactAfterLines ?? DEFAULT_COMPACT_AFTER_LINES, 2);
    this.#fs = options.fs;
    this.#actor = options.actor ?? defaultActor();
    this.#recovery = new RecoveryJournal(root, options.fs);
  }

  // ---------------------------------------------------------------- paths

  #storyFile(id: string): string {
    return inside(join(this.root, STORIES_DIR), `${id}.json`);
  }

  #relative(id: string): string {
    return `${STORIES_DIR}/${id}.json`;
  }

  // ---------------------------------------------------------------- quarantine

  /** Moves a damaged file aside (write mode only: a reader never changes the store). */
  async #quarantine(relative: string, kind: string, detail: string, action?: string): Promise<void> {
    if (this.mode !== 'write') return;
    const entry = await quarantineFile(this.root, relative, kind, detail, { action }).catch(
      (error: unknown) => {
        console.error(`[store] could not quarantine ${relative}: ${String(error)}`);
        return null;
      },
    );
    if (entry) this.#quarantined.push(entry);
  }

  quarantined(): QuarantineEntry[] {
    return [...this.#quarantined];
  }

  // ---------------------------------------------------------------- opening

  async load(): Promise<void> {
    const writing = this.mode === 'write';
    if (writing) {
      await ensureLayout(this.root);
      await this.#removeLeftoverTempFiles();
      await this.#recovery.prepare();
    }

    // Snapshot. It is derived data: if it is damaged, quarantine it and rebuild from the
    // story files rather than refuse to open the newsroom's work.
    let snapshotUsable = true;
    try {
      const db = new Low<unknown>(new DurableJsonFile<unknown>(join(this.root, INDEX_NAME)), null);
      await db.read();
      if (db.data !== null) {
        const header = IndexSnapshotHeader.safeParse(db.data);
        if (!header.success) throw new DamagedFileError(INDEX_NAME, 'invalid-json', 'not an index snapshot');
        this.#generation = header.data.generation;
        for (const entry of header.data.stories) {
          // A bad entry is dropped; reconciliation below re-reads its file.
          if (isSummaryShape(entry)) this.#index.set(entry.id, entry);
          else snapshotUsable = false;
        }
      }
    } catch (error) {
      console.error(`[store] ${INDEX_NAME} of ${this.root} is unusable, rebuilding it: ${String(error)}`);
      this.#index.clear();
      snapshotUsable = false;
      if (error instanceof DamagedFileError) {
        await this.#quarantine(
          INDEX_NAME,
          error.message.includes('not an index snapshot') ? 'schema' : error.kind,
          error.message,
          'index rebuilt from the story files',
        );
      }
    }

    // Journal.
    let journalText = '';
    try {
      journalText = await readFile(join(this.root, JOURNAL_NAME), 'utf8');
    } catch (error) {
      if (!isFolderMissing(error)) throw error;
    }
    const journal = parseJournal(journalText);
    const pending = replayJournal(this.#index, journal, this.#generation);
    if (journal.badLines.length > 0) {
      console.error(
        `[store] ${JOURNAL_NAME} of ${this.root}: skipped damaged lines ${journal.badLines.join(', ')}`,
      );
      // The journal is about to be replaced by a fresh one: keep a copy of what was damaged.
      if (writing) {
        const entry = await quarantineFile(
          this.root,
          JOURNAL_NAME,
          'invalid-json',
          `lines ${journal.badLines.join(', ')} are not journal entries`,
          { copy: true, action: 'the affected stories were re-read from their files' },
        ).catch(() => null);
        if (entry) this.#quarantined.push(entry);
      }
    }
    let repaired = !snapshotUsable || journal.badLines.length > 0 || journal.tornTail;
    // After damaged journal lines any story may be affected: check every file against the
    // index (a readdir plus one read per story; only after damage).
    const recheckAll = journal.badLines.length > 0;

    // An interrupted save: the file holds either the old or the new story (the write is
    // atomic); whichever it is, the index takes it from the file, and a revision written for
    // a version the file never reached is removed.
    const recheck = new Set(pending);
    if (recheckAll) for (const id of this.#index.keys()) recheck.add(id);
    await eachLimited([...recheck], READ_CONCURRENCY, async (id) => {
      repaired = true;
      const story = await this.#tryReadStory(id);
      // A damaged file is quarantined in write mode, so it leaves the index; a reader keeps
      // the entry (the file is still there, and `get` explains what is wrong with it).
      if (story === 'missing' || (story === 'damaged' && writing)) this.#index.delete(id);
      else if (story !== 'damaged') this.#index.set(id, summarize(story));
      // A file that cannot be read says nothing about which revisions are orphans: they all stay,
      // the only way back to the story's text.
      if (writing && pending.has(id) && story !== 'damaged') {
        await this.#removeOrphanRevisions(id, story === 'missing' ? 0 : story.version);
      }
    });

    // Story files the index does not know (a lost snapshot, files restored by hand): a
    // readdir is cheap, reading is only done for the few that are missing.
    let names: string[] = [];
    try {
      names = await readdir(join(this.root, STORIES_DIR));
    } catch (error) {
      if (!isFolderMissing(error)) throw error;
    }
    const unindexed = names
      .map(storyIdOfFileName)
      .filter((id): id is string => id !== null && !this.#index.has(id) && StoryId.safeParse(id).success);
    await eachLimited(unindexed, READ_CONCURRENCY, async (id) => {
      const story = await this.#tryReadStory(id);
      if (story !== 'missing' && story !== 'damaged') {
        this.#index.set(id, summarize(story));
        repaired = true;
      }
    });

    if (writing) {
      // A journal that continues an older snapshot, or one that was just repaired, is folded
      // into a fresh snapshot now so this session appends to a clean journal (a torn tail
      // must not have new lines glued to it).
      const current = journal.generation === this.#generation && journal.entries.length === 0;
      if (repaired || !current || journalText === '') await this.#compact();
      else await this.#openJournal(Buffer.byteLength(journalText));
    }
  }

  async #removeLeftoverTempFiles(): Promise<void> {
    // Only the lock holder may do this: the temp file of a live writer would vanish under it.
    // Every folder a write goes to, and one level below (history, workflow, publishing…); the
    // revisions of a story whose save was interrupted are cleaned when the journal names it.
    const folders = [this.root];
    for (const entry of await readdir(this.root, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory() || LEFT_ALONE.has(entry.name)) continue;
      const folder = join(this.root, entry.name);
      folders.push(folder);
      if (entry.name === REVISIONS_DIR || entry.name === STORIES_DIR) continue;
      for (const inner of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
        if (inner.isDirectory()) folders.push(join(folder, inner.name));
      }
    }
    await Promise.all(folders.map((folder) => removeTempFilesIn(folder)));
  }

  /** Revisions newer than the story file are the trace of a save that never completed. */
  async #removeOrphanRevisions(id: string, fileVersion: number): Promise<void> {
    await removeTempFilesIn(join(this.root, REVISIONS_DIR, id));
    for (const version of await revisionVersions(this.root, id)) {
      if (version > fileVersion) {
        await unlink(join(this.root, revisionRelative(id, version))).catch(() => undefined);
      }
    }
    this.#depths.delete(id);
  }

  /**
   * Reads a story for recovery: a damaged file is quarantined (and rebuilt from its revisions
   * when they allow it), never fatal.
   */
  async #tryReadStory(id: string): Promise<Story | 'missing' | 'damaged'> {
    try {
      return (await this.#readStory(id)) ?? 'missing';
    } catch (error) {
      const rescued = await this.#rescue(id, error);
      return rescued ?? 'damaged';
    }
  }

  /** Reads and validates one story file through lowdb; null when there is no file. */
  async #readStory(id: string): Promise<Story | null> {
    const db = new Low<unknown>(new DurableJsonFile<unknown>(this.#storyFile(id)), null);
    try {
      await db.read();
    } catch (error) {
      throw fileError(error, `story file ${this.#relative(id)}`);
    }
    if (db.data === null) return null;
    let parsed: ReturnType<typeof Story.safeParse>;
    try {
      parsed = Story.safeParse(wrapStrayListItems(db.data));
    } catch (error) {
      // Whatever the validation itself throws, the file is what is wrong.
      throw new ApiError(
        'store-damaged',
        `story file ${this.#relative(id)} cannot be read: ${String(error)}`,
      );
    }
    if (!parsed.success) {
      throw new ApiError(
        'store-damaged',
        `story file ${this.#relative(id)} does not hold a valid story`,
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    if (parsed.data.id !== id) {
      throw new ApiError(
        'store-damaged',
        `story file ${this.#relative(id)} holds the story ${parsed.data.id}, not ${id}`,
      );
    }
    return parsed.data;
  }

  /**
   * A story file turned out damaged. In write mode it is quarantined, and the story is
   * rebuilt from its latest revision, which holds exactly what was last saved; without usable
   * revisions the story leaves the index (its file stays in quarantine for a person to rescue).
   * Resolves to the rebuilt story, or null.
   */
  async #rescue(id: string, error: unknown): Promise<Story | null> {
    console.error(`[store] ${this.#relative(id)} is damaged: ${String(error)}`);
    if (this.mode !== 'write' || !(error instanceof ApiError) || error.code !== 'store-damaged') return null;
    const kind = await this.#damageKind(this.#relative(id));
    let rebuilt: Story | null = null;
    const versions = await revisionVersions(this.root, id);
    const latest = versions.at(-1);
    if (latest !== undefined) {
      try {
        rebuilt = await this.#reconstruct(id, latest, versions);
      } catch (chainError) {
        console.error(`[store] the revisions of ${id} cannot rebuild it: ${String(chainError)}`);
      }
    }
    await this.#quarantine(
      this.#relative(id),
      kind,
      error.message,
      rebuilt ? `rebuilt from revision ${rebuilt.version}` : 'left out of the index: no usable revision',
    );
    if (!rebuilt) return null;
    await writeFileDurably(this.#storyFile(id), JSON.stringify(rebuilt, null, 2) + '\n', { fs: this.#fs });
    return rebuilt;
  }

  /** Which kind of damage a file shows, for the quarantine report. */
  async #damageKind(relative: string): Promise<string> {
    try {
      const parsed = parseJsonBytes(await readFile(join(this.root, relative)));
      if (!parsed.ok) return parsed.kind;
      const story = Story.safeParse(parsed.value);
      return story.success ? 'id-mismatch' : 'schema';
    } catch {
      return 'unreadable';
    }
  }

  // ---------------------------------------------------------------- revisions

  async #readRevision(id: string, version: number): Promise<Revision> {
    const relative = revisionRelative(id, version);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(this.root, relative));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        throw new ApiError('not-found', `story ${id} has no revision ${version}`);
      }
      throw fileError(error, relative);
    }
    const parsed = parseJsonBytes(bytes);
    const revision = parsed.ok ? Revision.safeParse(parsed.value) : null;
    if (revision?.success && revision.data.storyId === id && revision.data.version === version) {
      return revision.data;
    }
    const kind = parsed.ok ? 'schema' : parsed.kind;
    const detail = parsed.ok ? 'not a revision of this story' : parsed.detail;
    await this.#quarantine(relative, kind, detail, 'revision moved aside; the story file is untouched');
    throw new ApiError('store-damaged', `revision file ${relative} is damaged (${kind}): ${detail}`);
  }

  /** Rebuilds version `version` from the nearest snapshot at or before it. */
  async #reconstruct(id: string, version: number, known?: number[]): Promise<Story> {
    const versions = new Set(known ?? (await revisionVersions(this.root, id)));
    if (!versions.has(version)) throw new ApiError('not-found', `story ${id} has no revision ${version}`);
    const chain: Revision[] = [];
    for (let at = version; ; at -= 1) {
      if (!versions.has(at)) {
        throw new ApiError(
          'store-damaged',
          `the revision chain of ${id} is broken: revision ${at} is missing`,
        );
      }
      const revision = await this.#readRevision(id, at);
      chain.push(revision);
      if (revision.kind === 'snapshot') break;
    }
    let story: Story | undefined;
    for (const revision of chain.reverse()) {
      try {
        story = applyRevision(story, revision);
      } catch (error) {
        throw new ApiError(
          'store-damaged',
          `the revision chain of ${id} is broken: ${(error as Error).message}`,
        );
      }
    }
    return story as Story;
  }

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
        infos.push(revisionInfo(await this.#readRevision(id, version)));
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
    return this.#reconstruct(id, version);
  }

  async compareRevisions(id: string, from: number, to: number) {
    return compareStories(await this.getRevision(id, from), await this.getRevision(id, to));
  }

  // ---------------------------------------------------------------- recovery journal

  async putRecoveryDraft(id: string, baseVersion: number, draft: StoryEdit) {
    await await this.#assertWritable();
    if (!StoryId.safeParse(id).success) {
      throw new ApiError('invalid-request', `${id} is not a story id`);
    }
    return this.#recovery.put(id, baseVersion, draft).catch((error: unknown) => {
      throw fileError(error, `the recovery draft of ${id}`);
    });
  }

  getRecoveryDraft(id: string) {
    return this.#recovery.get(id);
  }

  listRecoveryDrafts(): Promise<RecoveryOffer[]> {
    return recoveryOffers(
      this.#recovery,
      (id) => this.#readStory(id).catch(() => null),
      // A draft that holds nothing the story does not is already saved: forget it.
      async (id) => {
        if (this.mode === 'write') await this.#recovery.remove(id).catch(() => undefined);
      },
    );
  }

  async settleRecoveryDraft(id: string, saved: Story): Promise<void> {
    if (this.mode !== 'write') return;
    const draft = await this.#recovery.get(id).catch(() => null);
    if (draft && draftMatches(draft.draft, saved)) await this.#recovery.remove(id);
  }

  async discardRecoveryDraft(id: string): Promise<void> {
    await this.#assertWritable();
    await this.#recovery.discard(id);
  }

  // ---------------------------------------------------------------- index and journal

  async #openJournal(bytes: number): Promise<void> {
    this.#journal = await open(join(this.root, JOURNAL_NAME), 'a');
    this.#journalBytes = bytes;
  }

  async #append(entry: JournalEntry): Promise<void> {
    if (!this.#journal) await this.#compact();
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
  async #compact(): Promise<void> {
    const generation = this.#generation + 1;
    const snapshot: IndexSnapshot = {
      format: STORE_FORMAT_VERSION,
      generation,
      stories: [...this.#index.values()],
    };
    const db = new Low<IndexSnapshot>(
      new DurableJsonFile<IndexSnapshot>(join(this.root, INDEX_NAME), { fs: this.#fs }),
      snapshot,
    );
    await db.write();
    // From here on the old journal must not be appended to: it is older than the snapshot.
    this.#generation = generation;
    const old = this.#journal;
    this.#journal = null;
    await old?.close().catch(() => undefined);
    const header = journalLine({ op: 'gen', gen: generation, v: STORE_FORMAT_VERSION });
    await writeFileDurably(join(this.root, JOURNAL_NAME), header, { fs: this.#fs });
    await this.#openJournal(Buffer.byteLength(header));
    this.#journalEntries = 0;
  }

  #setSummary(summary: StorySummary): void {
    this.#index.set(summary.id, summary);
    this.#sorted = null;
  }

  // ---------------------------------------------------------------- API

  list(): StorySummary[] {
    if (!this.#sorted) {
      const keyed: SortedSummary[] = [...this.#index.values()].map((summary) => ({
        summary,
        time: Date.parse(summary.updatedAt),
      }));
      keyed.sort((a, b) => b.time - a.time || (a.summary.id < b.summary.id ? -1 : 1));
      this.#sorted = keyed.map((entry) => entry.summary);
    }
    return [...this.#sorted];
  }

  count(): number {
    return this.#index.size;
  }

  has(id: string): boolean {
    return this.#index.has(id);
  }

  async get(id: string): Promise<Story> {
    if (!StoryId.safeParse(id).success) throw new ApiError('not-found', `no story with id ${id}`);
    let story: Story | null;
    try {
      story = await this.#readStory(id);
    } catch (error) {
      if (this.mode !== 'write' || !(error instanceof ApiError) || error.code !== 'store-damaged')
        throw error;
      // Rescue inside the save queue so it never races a save of the same story.
      return this.#enqueue(async () => {
        const again: Story | null | Error = await this.#readStory(id).catch((inner: unknown) =>
          inner instanceof Error ? inner : new Error(String(inner)),
        );
        if (!(again instanceof Error)) {
          if (again) return again;
          throw new ApiError('not-found', `no story with id ${id}`);
        }
        const rescued = await this.#rescue(id, again);
        if (rescued) {
          this.#setSummary(summarize(rescued));
          await this.#append({ op: 'put', summary: summarize(rescued) }).catch(() => {
            this.#journal = null;
          });
          return rescued;
        }
        this.#index.delete(id);
        this.#sorted = null;
        await this.#append({ op: 'drop', id }).catch(() => {
          this.#journal = null;
        });
        throw again;
      });
    }
    if (story) return story;
    if (this.#index.has(id)) {
      throw new ApiError(
        'store-damaged',
        `the index lists story ${id} but its file ${this.#relative(id)} is missing`,
      );
    }
    throw new ApiError('not-found', `no story with id ${id}`);
  }

  update(id: string, change: (current: Story | undefined) => Story, meta: SaveMeta = {}): Promise<Story> {
    // Checked at call time: saves queued before close() still run, later ones are refused.
    if (this.#closed) return Promise.reject(new ApiError('internal', `the store at ${this.root} is closed`));
    return this.#enqueue(async () => {
      await this.#assertWritable();
      if (!StoryId.safeParse(id).success) throw new ApiError('invalid-request', `${id} is not a story id`);
      // A damaged current file makes this throw: a save must not overwrite the only copy of
      // a story that may still be rescued.
      const current = (await this.#readStory(id)) ?? undefined;
      const parsed = Story.safeParse(change(current));
      if (!parsed.success) {
        throw new ApiError(
          'invalid-request',
          `the story ${id} is not valid`,
          parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        );
      }
      const story = parsed.data;
      if (story.id !== id)
        throw new ApiError('invalid-request', `a change to story ${id} returned story ${story.id}`);
      if (current && story.version <= current.version) {
        throw new ApiError(
          'invalid-request',
          `a change to story ${id} must raise its version above ${current.version} (revisions are never rewritten)`,
        );
      }

      try {
        await this.#append({ op: 'begin', id });
      } catch (error) {
        throw fileError(error, `the index journal (saving ${id})`);
      }

      // The revision first: if the story file then fails, the revision is removed again (or,
      // after a crash, by the next open), so history never shows a save that did not happen.
      const revisionFile = join(this.root, revisionRelative(id, story.version));
      const revision = makeRevision(current, story, await this.#previousDepth(id, current), {
        actor: meta.actor ?? this.#actor,
        at: story.updatedAt,
        ...(meta.restoredFrom !== undefined ? { restoredFrom: meta.restoredFrom } : {}),
      });
      try {
        const folder = revisionFolder(this.root, id);
        await mkdir(folder, { recursive: true });
        if (!current) await syncFolder(join(this.root, REVISIONS_DIR));
        await writeFileDurably(revisionFile, JSON.stringify(revision) + '\n', { fs: this.#fs });
      } catch (error) {
        throw fileError(error, `revision ${story.version} of story ${id}`);
      }

      const what = `story file ${this.#relative(id)}`;
      try {
        const db = new Low<Story>(
          new DurableJsonFile<Story>(this.#storyFile(id), { indent: 2, fs: this.#fs }),
          story,
        );
        await db.write();
      } catch (error) {
        // The file holds the old or (if only the folder sync failed) the new story; take
        // the index from whatever is there. The `begin` line makes the next open do the same.
        let onDisk: Story | null | 'damaged';
        try {
          onDisk = await this.#readStory(id);
        } catch {
          onDisk = 'damaged';
        }
        if (onDisk !== 'damaged' && onDisk?.version !== story.version) {
          await unlink(revisionFile).catch(() => undefined);
        }
        if (onDisk && onDisk !== 'damaged') this.#setSummary(summarize(onDisk));
        if (onDisk !== 'damaged' && onDisk?.version === story.version) return story;
        throw fileError(error, what);
      }
      this.#depths.set(id, { version: story.version, depth: revision.depth });
      const summary = summarize(story);
      this.#setSummary(summary);
      try {
        await this.#append({ op: 'put', summary });
      } catch (error) {
        // The story itself is safely on disk, and the `begin` line already on disk makes the
        // next open re-read it; failing the save now would make the editor retry a save that
        // happened. Compact at the next chance instead.
        console.error(
          `[store] could not record the index entry of ${id}; it will be rebuilt: ${String(error)}`,
        );
        this.#journal = null;
        return story;
      }
      if (this.#journalEntries >= this.#compactAfter) {
        await this.#compact().catch((error: unknown) => {
          // The journal still holds everything; only start-up time suffers.
          console.error(`[store] index compaction failed, will retry: ${String(error)}`);
          this.#journal = null;
        });
      }
      // The editor's recovery draft is now on disk as the story: forget it, unless it holds
      // text typed after this save.
      await this.settleRecoveryDraft(id, story).catch(() => undefined);
      return story;
    });
  }

  /** The depth of the current version's revision, from memory or its file; undefined starts a snapshot. */
  async #previousDepth(
    id: string,
    current: Story | undefined,
  ): Promise<{ version: number; depth: number } | undefined> {
    if (!current) return undefined;
    const cached = this.#depths.get(id);
    if (cached?.version === current.version) return cached;
    try {
      const revision = await this.#readRevision(id, current.version);
      return { version: revision.version, depth: revision.depth };
    } catch {
      return undefined;
    }
  }

  async rebuildIndex(options: LongTaskOptions = {}): Promise<{ stories: number; quarantined: number }> {
    return this.#enqueue(async () => {
      await this.#assertWritable();
      // The reading and parsing (seconds at 50k stories) happens in a worker thread; only the
      // quarantine moves and the index write happen here.
      const scan = await runStoreTask<ScanResult>({ kind: 'scan', root: this.root }, options);
      const before = this.#quarantined.length;
      for (const damaged of scan.damaged) {
        const id = storyIdOfFileName(damaged.file.slice(STORIES_DIR.length + 1));
        const rescued = id ? await this.#rescue(id, new ApiError('store-damaged', damaged.detail)) : null;
        if (!rescued) continue;
        scan.summaries.push(summarize(rescued));
      }
      this.#index.clear();
      for (const summary of scan.summaries) this.#index.set(summary.id, summary);
      this.#sorted = null;
      await this.#compact();
      return { stories: this.#index.size, quarantined: this.#quarantined.length - before };
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
    const found = await runStoreTask<VerifyReport>({ kind: 'verify', root: this.root }, options);
    await this.#enqueue(async () => {
      await this.#assertWritable();
      for (const problem of found.problems) {
        const revisionFile = /^revisions\/([^/]+)\/(\d{8})\.json$/.exec(problem.file);
        if (revisionFile && problem.kind === 'orphan-revision') {
          await unlink(join(this.root, problem.file)).catch(() => undefined);
          report.orphanRevisionsRemoved += 1;
        } else if (revisionFile) {
          await this.#quarantine(problem.file, problem.kind, problem.detail, 'revision moved aside');
          report.quarantined += 1;
        } else if (problem.kind === 'missing' && problem.file.startsWith(`${STORIES_DIR}/`)) {
          // The story file is gone but its history is not: the latest revision is the story.
          const id = storyIdOfFileName(problem.file.slice(STORIES_DIR.length + 1));
          const latest = id ? (await revisionVersions(this.root, id)).at(-1) : undefined;
          if (!id || latest === undefined) continue;
          try {
            const story = await this.#reconstruct(id, latest);
            await writeFileDurably(this.#storyFile(id), JSON.stringify(story, null, 2) + '\n', {
              fs: this.#fs,
            });
            this.#setSummary(summarize(story));
            report.rebuiltFromRevisions += 1;
          } catch (error) {
            console.error(`[store] could not rebuild ${id} from its revisions: ${String(error)}`);
          }
        }
      }
      // A story whose latest revision is missing or broken gets its file as a new snapshot,
      // so its history continues from what is certainly its content.
      for (const problem of found.problems.filter((entry) => entry.kind === 'revision-chain')) {
        const id = problem.file.slice(REVISIONS_DIR.length + 1);
        const story = await this.#readStory(id).catch(() => null);
        if (!story) continue;
        const versions = await revisionVersions(this.root, id);
        const latestOk = versions.includes(story.version)
          ? await this.#reconstruct(id, story.version).then(
              (rebuilt) => storyHashOf(rebuilt) === storyHashOf(story),
              () => false,
            )
          : false;
        if (latestOk) continue;
        if (versions.includes(story.version)) {
          await this.#quarantine(
            revisionRelative(id, story.version),
            'revision-chain',
            problem.detail,
            'replaced by a snapshot of the story file',
          );
        }
        const revision = makeRevision(undefined, story, undefined, {
          actor: 'mihbara (repair)',
          at: new Date().toISOString(),
        });
        await mkdir(revisionFolder(this.root, id), { recursive: true });
        await writeFileDurably(
          join(this.root, revisionRelative(id, story.version)),
          JSON.stringify({ ...revision, change: { ...revision.change, created: false } }) + '\n',
          { fs: this.#fs },
        );
        report.snapshotsAdded += 1;
      }
      await this.#compact();
    });
    return report;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Let queued saves finish first: close must never cut a save in half.
    await this.#queue.catch(() => undefined);
    if (this.mode === 'write') {
      try {
        if (this.#journalEntries > 0 || !this.#journal) await this.#compact();
      } catch (error) {
        // The journal still holds every change; the next open replays it.
        console.error(`[store] could not compact the index on close: ${String(error)}`);
      }
      await this.#journal?.close().catch(() => undefined);
      this.#journal = null;
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

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** What `openStoreForApp` opened, and why it is read-only when it is. */
export interface OpenedStore {
  store: FolderStore;
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
    console.error(`[store] ${error.message}; opening it read-only`);
    return { store: await openStore(root, { ...options, mode: 'read', create: false }), readOnly: true };
  }
}
