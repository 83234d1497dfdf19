/**
 * The store's writer lock. Electron's single-instance lock is per user and per user-data
 * folder; it does not stop the command line, a second user, or a second machine on a shared
 * folder from writing the same store. `proper-lockfile` creates a lock folder with `mkdir`
 * (atomic on every file system, including network shares) and keeps its mtime fresh; a lock
 * whose holder died (kill -9, power cut) goes stale and is taken over.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { ApiError } from '../../../shared/api/errors';
import { errorCode, writeDurablyUngated } from './durable-file';
import { bestEffort, consoleLogger, type Logger } from '../log';

/** Name of the lock folder inside the store root (inside, so it moves and syncs with the store). */
export const LOCK_NAME = 'writer.lock';

/**
 * A lock is stale when its mtime has not been refreshed for this long. Long enough that a
 * main thread blocked for a few seconds (a big import, a slow disk) does not lose the lock,
 * short enough that restarting after a crash does not keep the user waiting long.
 */
export const DEFAULT_STALE_MS = 10_000;

/**
 * Beside the lock folder: who holds it (pid, host, and the inode of the lock folder they
 * created). It lets a restart after a crash take the lock over at once when the holder is
 * provably dead, instead of waiting for the lock to go stale.
 */
export const LOCK_OWNER_NAME = 'writer.lock.owner.json';

interface LockOwner {
  schemaVersion: 1;
  pid: number;
  host: string;
  since: string;
  lockIno: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) !== 'ESRCH';
  }
}

/**
 * Removes the lock of a holder that is dead for certain: same host, a pid that no longer
 * exists, and the lock folder is still the one that holder created (same inode). Anything
 * less certain (another machine, a missing owner record) is left to the stale timeout.
 * Resolves true when the lock is gone and taking it may be retried.
 */
async function takeOverDeadHolder(root: string, log: Logger): Promise<boolean> {
  const lockDir = join(root, LOCK_NAME);
  let ino: number;
  try {
    ino = (await stat(lockDir)).ino;
  } catch (error) {
    return errorCode(error) === 'ENOENT';
  }
  let owner: LockOwner;
  try {
    owner = JSON.parse(await readFile(join(root, LOCK_OWNER_NAME), 'utf8')) as LockOwner;
  } catch {
    return false;
  }
  if (owner.host !== hostname() || owner.lockIno !== ino || isAlive(owner.pid)) return false;
  // Move the dead lock aside in one atomic step, then make sure it was the dead one: if another
  // process took it over in between, put it back.
  const aside = join(root, `.${LOCK_NAME}.dead-${randomBytes(4).toString('hex')}`);
  try {
    await rename(lockDir, aside);
  } catch (error) {
    return errorCode(error) === 'ENOENT';
  }
  if ((await stat(aside)).ino !== ino) {
    await rename(aside, lockDir).catch((error: unknown) =>
      log.error(`[store] could not put back the writer lock of ${root} taken in between: ${String(error)}`),
    );
    return false;
  }
  await rm(aside, { recursive: true, force: true });
  log.warn(`[store] took over the writer lock of ${root} from process ${owner.pid}, which is gone`);
  return true;
}

export interface WriterLockOptions {
  /** ms after which an unrefreshed lock is taken over (proper-lockfile's minimum is 2000) */
  staleMs?: number;
  /** keep trying this long when the lock is held, e.g. to wait out a stale lock (default 0) */
  waitMs?: number;
  /** called when the lock was lost while held (its folder removed or not refreshable) */
  onCompromised?: (error: Error) => void;
  /** where taking over a dead holder's lock and losing the lock are said (default: stderr) */
  log?: Logger;
}

export interface WriterLock {
  /** false once the lock was found compromised; the holder must stop writing */
  readonly held: boolean;
  /**
   * Checks on disk that the lock is still this process's: its folder is the one taken, and the
   * owner record names this process. A process frozen past the staleness learns here, before its
   * next write, that another one took over (the refresh timer may not have run yet).
   */
  verify(): Promise<void>;
  release(): Promise<void>;
}

/** Takes the writer lock of the store at `root`, or rejects with a `store-locked` ApiError. */
export async function acquireWriterLock(root: string, options: WriterLockOptions = {}): Promise<WriterLock> {
  const stale = Math.max(options.staleMs ?? DEFAULT_STALE_MS, 2000);
  const waitMs = options.waitMs ?? 0;
  const log = options.log ?? consoleLogger;
  const retryEvery = 250;
  let held = true;
  let release: () => Promise<void>;
  const take = (wait: boolean) =>
    lockfile.lock(root, {
      lockfilePath: join(root, LOCK_NAME),
      stale,
      // refresh four times per stale period so one late timer does not make the lock look stale
      update: Math.max(Math.floor(stale / 4), 1000),
      retries:
        wait && waitMs > 0
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
        log.error(`[store] the writer lock of ${root} was compromised: ${error.message}`);
        options.onCompromised?.(error);
      },
    });
  try {
    try {
      release = await take(false);
    } catch (error) {
      if (errorCode(error) !== 'ELOCKED') throw error;
      await takeOverDeadHolder(root, log);
      release = await take(true);
    }
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
  const owner: LockOwner = {
    schemaVersion: 1,
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    lockIno: (await stat(join(root, LOCK_NAME))).ino,
  };
  // Without the record a crash is still recovered, only later (by the stale timeout).
  // Written before the store registers with the writer gate, so it does not pass the gate.
  const recorded = await writeDurablyUngated(join(root, LOCK_OWNER_NAME), JSON.stringify(owner) + '\n').then(
    () => true,
    () => false,
  );
  let released = false;
  /** another process holds the lock now: releasing must not remove theirs */
  let superseded = false;
  const lost = (why: string) => {
    if (held) log.error(`[store] the writer lock of ${root} is no longer this process's: ${why}`);
    held = false;
    superseded = true;
    return new ApiError('store-locked', `this process lost the writer lock of ${root}: ${why}`);
  };
  return {
    get held() {
      return held && !released;
    },
    async verify() {
      if (released || !held) {
        throw new ApiError('store-locked', `this process no longer holds the writer lock of ${root}`);
      }
      const ino = await stat(join(root, LOCK_NAME)).then(
        (info) => info.ino,
        () => -1,
      );
      if (ino !== owner.lockIno) throw lost(`${LOCK_NAME} was removed or replaced`);
      if (!recorded) return;
      let current: Partial<LockOwner> = {};
      try {
        current = JSON.parse(await readFile(join(root, LOCK_OWNER_NAME), 'utf8')) as LockOwner;
      } catch {
        // A missing or unreadable record with the lock folder in place: another holder is writing it.
      }
      if (current.pid !== owner.pid || current.host !== owner.host || current.since !== owner.since) {
        throw lost(`${LOCK_OWNER_NAME} names another process`);
      }
    },
    async release() {
      if (released) return;
      released = true;
      if (superseded) return;
      // Without its owner record a lock is only taken over later (by staleness), never wrongly.
      if (held)
        await unlink(join(root, LOCK_OWNER_NAME)).catch(
          bestEffort(log, `[store] could not remove the owner record of the writer lock of ${root}`),
        );
      // A compromised lock may already be gone (or someone else's): do not fail the close on it.
      await release().catch((error: unknown) => {
        if (held) throw error;
      });
    },
  };
}
