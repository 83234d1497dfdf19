/**
 * The store's writer lock. Electron's single-instance lock is per user and per user-data
 * folder; it does not stop the command line, a second user, or a second machine on a shared
 * folder from writing the same store. `proper-lockfile` creates a lock folder with `mkdir`
 * (atomic on every file system, including network shares) and keeps its mtime fresh; a lock
 * whose holder died (kill -9, power cut) goes stale and is taken over.
 */
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { ApiError } from '../../../shared/api/errors';
import { errorCode } from './durable-file';

/** Name of the lock folder inside the store root (inside, so it moves and syncs with the store). */
export const LOCK_NAME = 'writer.lock';

/**
 * A lock is stale when its mtime has not been refreshed for this long. Long enough that a
 * main thread blocked for a few seconds (a big import, a slow disk) does not lose the lock,
 * short enough that restarting after a crash does not keep the user waiting long.
 */
export const DEFAULT_STALE_MS = 10_000;

export interface WriterLockOptions {
  /** ms after which an unrefreshed lock is taken over (proper-lockfile's minimum is 2000) */
  staleMs?: number;
  /** keep trying this long when the lock is held, e.g. to wait out a stale lock (default 0) */
  waitMs?: number;
  /** called when the lock was lost while held (its folder removed or not refreshable) */
  onCompromised?: (error: Error) => void;
}

export interface WriterLock {
  /** false once the lock was found compromised; the holder must stop writing */
  readonly held: boolean;
  release(): Promise<void>;
}

/** Takes the writer lock of the store at `root`, or rejects with a `store-locked` ApiError. */
export async function acquireWriterLock(root: string, options: WriterLockOptions = {}): Promise<WriterLock> {
  const stale = Math.max(options.staleMs ?? DEFAULT_STALE_MS, 2000);
  const waitMs = options.waitMs ?? 0;
  const retryEvery = 250;
  let held = true;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(root, {
      lockfilePath: join(root, LOCK_NAME),
      stale,
      // refresh four times per stale period so one late timer does not make the lock look stale
      update: Math.max(Math.floor(stale / 4), 1000),
      retries:
        waitMs > 0
          ? {
              retries: Math.ceil(waitMs / retryEvery),
              factor: 1,
              minTimeout: retryEvery,
              maxTimeout: retryEvery,
            }
          : 0,
      // The default throws from a timer, which would crash the app; losing the lock is
      // serious but the right answer is to stop writing and tell the user.
      onCompromised: (error) => {
        held = false;
        console.error(`[store] the writer lock of ${root} was compromised: ${error.message}`);
        options.onCompromised?.(error);
      },
    });
  } catch (error) {
    if (errorCode(error) === 'ELOCKED') {
      throw new ApiError(
        'store-locked',
        `the store at ${root} is in use by another Mihbara process (or another window or command); ` +
          `close it and try again. If that process crashed, the lock frees itself within ${Math.round(stale / 1000)} s.`,
      );
    }
    throw error;
  }
  let released = false;
  return {
    get held() {
      return held && !released;
    },
    async release() {
      if (released) return;
      released = true;
      // A compromised lock may already be gone (or someone else's): do not fail the close on it.
      await release().catch((error: unknown) => {
        if (held) throw error;
      });
    },
  };
}
