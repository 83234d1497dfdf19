/**
 * The story store's surface, as the services above it see it. The store is plain Node:
 * it never imports `electron`, so the app, the browser bridge and the command line share it.
 */
import type { StoryListQuery, StoryPage } from '../../../shared/story/list';
import type { Story, StoryEdit, StorySummary } from '../../../shared/story/schema';
import type { DurableFs } from './durable-file';
import type { Logger } from '../log';
import type { MediaStore } from './media';
import type { QuarantineEntry } from './quarantine';
import type { RecoveryDraft, RecoveryOffer, TakeOver, TakenOverDraft } from './recovery';
import type { RevisionInfo, StoryComparison } from './revisions';

/** Progress of long work (rebuild, verify, backup, restore, migration). */
export interface Progress {
  phase: string;
  done: number;
  total: number;
}

/** Lets long work report progress and be cancelled. */
export interface LongTaskOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/** Who made a save and why; stored in the revision it creates. */
export interface SaveMeta {
  /** user name; defaults to the OS user, or "editor" */
  actor?: string;
  /** set when the save restores an older revision */
  restoredFrom?: number;
}

export interface OpenStoreOptions {
  /**
   * `write` takes the store's lock (a second writer gets a `store-locked` ApiError);
   * `read` takes no lock and never writes (list, show, export, verify).
   */
  mode: 'write' | 'read';
  /** create the folder layout if it does not exist yet (default false: a missing store is an error) */
  create?: boolean;
  /**
   * write mode: ms after which a lock whose holder stopped refreshing it (a crash) is taken
   * over. Default 10 000; proper-lockfile's minimum is 2 000.
   */
  lockStaleMs?: number;
  /** write mode: keep trying to take a held lock this long before failing (default 0: fail at once) */
  lockWaitMs?: number;
  /** write mode: rewrite the index snapshot once the journal has this many lines (default 2000) */
  compactAfterLines?: number;
  /** replacement file system calls for story and revision writes (fault-injection tests) */
  fs?: Partial<DurableFs>;
  /** who saves, for revisions that do not name anyone (default: the OS user, else "editor") */
  actor?: string;
  /** write mode: do not upgrade an older store automatically (the `migrate` command does it) */
  noMigrate?: boolean;
  /** progress of an automatic migration at open */
  onProgress?: (progress: Progress) => void;
  /** where the store says what it repaired, moved aside or could not do (default: stderr) */
  log?: Logger;
}

/**
 * Newsroom-wide documents a backend keeps itself rather than in the workstation's folder (team
 * mode: the server). Offered by a store as its optional `shared` capability, so the services
 * that keep such documents (tags, gazetteer, saved searches, publishing) choose where they live
 * by asking the store, never by knowing which backend is in use.
 */
export interface SharedStorage {
  /** true when the backend keeps `path` (a path relative to the store folder) */
  keeps(path: string): boolean;
  /** the text at `path`, or null when there is none */
  read(path: string): Promise<string | null>;
  /**
   * Read-modify-write of `path`, serialized with every other workstation's update of it: `change`
   * gets the current text (null: none yet) and returns the text to store, or null to leave it.
   */
  update<R>(
    path: string,
    change: (current: string | null) => Promise<{ next: string | null; result: R }>,
  ): Promise<R>;
  /** replaces the text at `path` */
  write(path: string, text: string): Promise<void>;
  /** appends one line (an append-only log) */
  append(path: string, line: string): Promise<void>;
  remove(path: string): Promise<void>;
}

/** A query as a search source takes it: the words as typed, the filters as the API gives them. */
export interface SourceQuery {
  text: string;
  filters: {
    status?: string;
    /** a newsroom user id (authors) or a name found in the byline */
    author?: string;
    desk?: string;
    tag?: string;
    /** a Media Topic qcode: it admits its narrower topics too */
    subject?: string;
    /** inclusive bounds on the last change, ms since the epoch */
    from?: number;
    to?: number;
  };
  sort: 'relevance' | 'date';
  /** `all`: every word must match; `any`: some word (similar-story candidates) */
  mode: 'all' | 'any';
  offset: number;
  limit: number;
}

/** One story a search source found, with what the result list shows of it. */
export interface SourceHit {
  id: string;
  score: number;
  headline: string;
  byline: string;
  status: string;
  desk?: string;
  language: string;
  updatedAt: string;
  /** a window of the sub-headline and body text around the first match */
  text: string;
  /** whether the window starts after the text's start / ends before its end */
  clippedStart: boolean;
  clippedEnd: boolean;
}

/**
 * Search done by the backend itself (team mode: the newsroom's server answers every query, so
 * the workstation keeps no index of the archive). Offered by a store as its optional
 * `searchSource` capability: the search service asks the store, never knows the backend.
 */
export interface StorySearchSource {
  /** false while the backend is known to be unreachable (search then covers `offline`) */
  online(): boolean;
  /**
   * one query, ranked and paged by the backend; an `io` ApiError when it cannot be reached.
   * `totalAtLeast`: the backend stopped counting at `total` (there are more matches).
   */
  search(query: SourceQuery): Promise<{ total: number; totalAtLeast?: boolean; hits: SourceHit[] }>;
  idsWithTag(tag: string): Promise<string[]>;
  tagCounts(): Promise<{ name: string; count: number }[]>;
  /** the stories kept on this workstation: what search covers while the backend is away */
  offline: {
    ids(): Promise<string[]>;
    read(id: string): Promise<Story>;
  };
}

export interface StoryStore {
  /** absolute path of the store folder */
  readonly root: string;
  readonly mode: 'write' | 'read';
  /**
   * Set by a backend that keeps the newsroom's data itself (team mode: the server): its stories
   * are not files in `root`, and its shared documents live with it too.
   */
  readonly shared?: SharedStorage;
  /** set by a backend that answers searches itself (team mode: the server) */
  readonly searchSource?: StorySearchSource;
  /**
   * The backend's history, recovery journal and upkeep (the folder store and the team store
   * both keep them; a simple test double does not). Callers ask here; they never test for
   * methods or cast to a class.
   */
  readonly archive?: FolderStore;
  /** the backend's own image store (team mode: on the server); absent, the workstation's folder keeps them */
  readonly media?: MediaStore;
  /**
   * One page of the story list, filtered, newest change first: what the list and the queues
   * show. The backend answers it (the folder store from its index in memory, the team store with
   * one statement on the server), so no caller needs every story's summary.
   */
  listPage(query: StoryListQuery): Promise<StoryPage>;
  /**
   * Every story's summary, newest change first, from an index held in memory: offered only by a
   * backend that keeps one (the folder store). A backend whose list is on a server has none;
   * callers page through `listPage` (see `eachSummary`).
   */
  list?(): StorySummary[];
  /** how many stories the backend holds */
  count(): Promise<number>;
  has(id: string): Promise<boolean>;
  /** reads and validates one story; `not-found` or `store-damaged` ApiError otherwise */
  get(id: string): Promise<Story>;
  /**
   * Runs `change` on the current story (or `undefined` for a new id) and durably writes what it
   * returns. Calls are serialized per store, so a read-check-write inside `change` is atomic
   * with respect to other updates in this process; the lock keeps other processes out.
   * Resolves only once the story file and its index entry are on disk.
   */
  update(id: string, change: (current: Story | undefined) => Story, meta?: SaveMeta): Promise<Story>;
  /** writes pending index state and releases the lock */
  close(): Promise<void>;
}

/**
 * What the folder store offers beyond `StoryStore`: history, the recovery journal and upkeep.
 * A separate interface so simple test doubles of `StoryStore` stay simple.
 */
export interface StoryArchive {
  /** the story's history, oldest first; reads only that story's revision files */
  listRevisions(id: string): Promise<RevisionInfo[]>;
  /** one version of a story, rebuilt from its revisions (read-only: it is never written back) */
  getRevision(id: string, version: number): Promise<Story>;
  /** what changed between two versions of a story */
  compareRevisions(id: string, from: number, to: number): Promise<StoryComparison>;
  /** the editor's unsaved text (recovery journal) */
  putRecoveryDraft(
    id: string,
    baseVersion: number,
    draft: StoryEdit,
    author?: string,
  ): Promise<RecoveryDraft>;
  getRecoveryDraft(id: string): Promise<RecoveryDraft | null>;
  /** drafts that hold text not in the story (drafts that match it are removed) */
  listRecoveryDrafts(): Promise<RecoveryOffer[]>;
  /** the draft was saved: remove it if it holds nothing more than `saved` */
  settleRecoveryDraft(id: string, saved: Story): Promise<void>;
  /** the user declined the draft: it is moved aside, not deleted */
  discardRecoveryDraft(id: string): Promise<void>;
  /**
   * The text of `holder`, whose lock was taken over, kept for them out of the story (it
   * replaces what was kept for them before); read, listed and set aside by them.
   */
  keepTakenOverDraft(
    id: string,
    holder: string,
    baseVersion: number,
    draft: StoryEdit,
    takenOver: TakeOver,
  ): Promise<TakenOverDraft>;
  getTakenOverDraft(id: string, holder: string): Promise<TakenOverDraft | null>;
  listTakenOverDrafts(holder: string): Promise<TakenOverDraft[]>;
  discardTakenOverDraft(id: string, holder: string): Promise<void>;
  /** files this session moved into quarantine (at open or since) */
  quarantined(): QuarantineEntry[];
  /** rebuilds the index from the story files (in a worker thread), quarantining damaged files */
  rebuildIndex(options?: LongTaskOptions): Promise<{ stories: number; quarantined: number }>;
  /**
   * Rebuilds everything derivable: the index; story files from their revisions; a snapshot
   * revision where a chain is broken. Damaged files go to quarantine; orphan revisions (of
   * saves that never finished) are removed.
   */
  repair(options?: LongTaskOptions): Promise<RepairReport>;
  /** runs `task` with no save in progress and none starting until it settles (backups) */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
}

/** The store `openStore` gives: stories plus their history and upkeep. */
export type FolderStore = StoryStore & StoryArchive;

/** A folder store as `openStore` opens it: its whole list is in memory. */
export type LocalFolderStore = FolderStore & { list(): StorySummary[] };

export interface VerifyProblem {
  /** path relative to the store root */
  file: string;
  kind:
    | 'unreadable'
    | 'empty'
    | 'truncated'
    | 'not-utf8'
    | 'nul-filled'
    | 'invalid-json'
    | 'schema'
    | 'id-mismatch'
    | 'missing'
    | 'unindexed'
    | 'stale-index'
    | 'revision-chain'
    | 'orphan-revision'
    | 'newer-format'
    /** a workflow history whose lines no longer follow one another (edited, removed, reordered) */
    | 'history-chain'
    /** a media file whose bytes do not hash to its content name */
    | 'media-hash'
    /** a temp file of a write a crash interrupted: not damage; the next open for writing removes it */
    | 'crash-leftover';
  detail: string;
}

/** Problems that are the traces of an interrupted write, not damage: the next open for writing clears them. */
export const CRASH_TRACES: ReadonlySet<VerifyProblem['kind']> = new Set([
  'crash-leftover',
  'orphan-revision',
]);

export interface VerifyReport {
  storiesChecked: number;
  problems: VerifyProblem[];
}

export interface RepairReport {
  stories: number;
  quarantined: number;
  rebuiltFromRevisions: number;
  orphanRevisionsRemoved: number;
  snapshotsAdded: number;
}
