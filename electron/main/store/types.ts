/**
 * The story store's surface, as the services above it see it. The store is plain Node:
 * it never imports `electron`, so the app, the browser bridge and the command line share it.
 */
import type { Story, StorySummary } from '../../../shared/story/schema';

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
}

export interface StoryStore {
  /** absolute path of the store folder */
  readonly root: string;
  readonly mode: 'write' | 'read';
  /** every story's summary from the index, newest change first; reads no story file */
  list(): StorySummary[];
  count(): number;
  has(id: string): boolean;
  /** reads and validates one story; `not-found` or `store-damaged` ApiError otherwise */
  get(id: string): Promise<Story>;
  /**
   * Runs `change` on the current story (or `undefined` for a new id) and durably writes what it
   * returns. Calls are serialized per store, so a read-check-write inside `change` is atomic
   * with respect to other updates in this process; the lock keeps other processes out.
   * Resolves only once the story file and its index entry are on disk.
   */
  update(id: string, change: (current: Story | undefined) => Story): Promise<Story>;
  /** writes pending index state and releases the lock */
  close(): Promise<void>;
}

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
    | 'stale-index';
  detail: string;
}

export interface VerifyReport {
  storiesChecked: number;
  problems: VerifyProblem[];
}
