/**
 * The one check every write into a store passes, at the moment of writing: does this process hold
 * the store's writer lock, still? A store opened read-only (another process holds the lock), or a
 * writer that lost its lock (frozen past the lock's staleness while another process took over),
 * writes nothing and says why.
 *
 * Stores register their folder when they open; the write primitives (durable files, appends,
 * renames and removals inside a store, the search index, media, backups) ask here with the path
 * they are about to write. A path inside no open store (an export folder the user chose, a
 * channel's folder) is not the gate's business.
 */
import { resolve, sep } from 'node:path';
import { ApiError } from '../../../shared/api/errors';

/** What the gate needs of a writer lock: whether it is held, and a check that it still is ours. */
export interface HeldLock {
  readonly held: boolean;
  /** rejects when the lock is no longer this process's (taken over, removed) */
  verify(): Promise<void>;
}

type Registration = { kind: 'writer'; lock: HeldLock | undefined } | { kind: 'reader' };

const stores = new Map<string, Set<Registration>>();

/** Registers an open store; the returned function unregisters it (at close). */
export function registerStore(root: string, registration: Registration): () => void {
  const key = resolve(root);
  let set = stores.get(key);
  if (!set) stores.set(key, (set = new Set()));
  set.add(registration);
  return () => {
    set.delete(registration);
    if (set.size === 0 && stores.get(key) === set) stores.delete(key);
  };
}

/** The open store whose folder holds `path`, if any (the deepest one, for a store inside a store). */
function storeOf(path: string): string | undefined {
  let found: string | undefined;
  const target = resolve(path);
  for (const root of stores.keys()) {
    if ((target === root || target.startsWith(root + sep)) && (!found || root.length > found.length)) {
      found = root;
    }
  }
  return found;
}

/**
 * Resolves when this process may write `path`; rejects with `store-locked` when the path is inside
 * a store this process opened read-only or whose writer lock it lost.
 */
export async function assertMayWrite(path: string): Promise<void> {
  const root = storeOf(path);
  if (!root) return;
  const registrations = [...stores.get(root)!];
  const writers = registrations.filter(
    (r): r is Extract<Registration, { kind: 'writer' }> => r.kind === 'writer',
  );
  for (const writer of writers) {
    if (!writer.lock) return;
    if (!writer.lock.held) continue;
    try {
      await writer.lock.verify();
      return;
    } catch {
      // lost: try another registration of this store, else refuse below
    }
  }
  if (writers.length > 0) {
    throw new ApiError(
      'store-locked',
      `this process lost the writer lock of ${root} (another Mihbara process took the store over); ` +
        `nothing was written. Close this window and open the store again.`,
    );
  }
  throw new ApiError(
    'store-locked',
    `the store at ${root} is open read-only here (another Mihbara window or command is writing to it); nothing was written`,
  );
}
