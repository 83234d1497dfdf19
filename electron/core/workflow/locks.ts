/**
 * Story locks: opening a story to edit takes its lock; others read. A lock expires after an idle
 * time (no open, no save). Locks live in the main process's memory: the store's writer lock
 * already makes one process the only writer, so every editor of a store goes through this table,
 * and after a restart no editor is open to hold one.
 */
import type { StoryLock, User } from '../../../shared/workflow/model';

/** Default idle time after which a lock lapses: 15 minutes. */
export const DEFAULT_LOCK_IDLE_MS = 15 * 60 * 1000;

export interface LockTable {
  /** the active lock of a story, or null (an expired lock counts as none) */
  get(storyId: string): StoryLock | null;
  all(): StoryLock[];
  /** takes the lock, or refreshes it when `user` holds it; returns the active lock either way */
  acquire(storyId: string, user: User): { lock: StoryLock; mine: boolean };
  release(storyId: string, user: User): void;
  /** gives the lock to `user` whoever holds it; returns the lock that was taken over, if any */
  takeOver(storyId: string, user: User): { lock: StoryLock; previous: StoryLock | null };
  /** users whose lock on a story was taken over, until they are told on their next save */
  takenFrom(storyId: string, userId: string): boolean;
  forgetTakenFrom(storyId: string, userId: string): void;
}

/**
 * The lock rules over a table of locks: expiry, refresh, take-over by a desk chief and who must be
 * told their lock was taken. Team mode uses the same rules over its mirror of the server's locks,
 * adding `put` and `drop` (the server's corrections) and `observe` (another workstation's change).
 */
export interface LockRules extends LockTable {
  /** sets a lock as the server answered it */
  put(lock: StoryLock): void;
  drop(storyId: string): void;
  /** a change made elsewhere: a lock taken from its holder is told to them on their next save */
  observe(storyId: string, lock: StoryLock | null): void;
}

export function createLockTable(
  now: () => Date,
  idleMs = DEFAULT_LOCK_IDLE_MS,
  initial: StoryLock[] = [],
): LockRules {
  const locks = new Map<string, StoryLock>(initial.map((lock) => [lock.storyId, lock]));
  const taken = new Set<string>();
  const active = (storyId: string): StoryLock | null => {
    const lock = locks.get(storyId);
    if (!lock) return null;
    if (Date.parse(lock.expiresAt) <= now().getTime()) {
      locks.delete(storyId);
      return null;
    }
    return lock;
  };
  const make = (storyId: string, user: User, since?: string): StoryLock => {
    const at = now();
    return {
      storyId,
      holder: user.id,
      holderName: user.name,
      since: since ?? at.toISOString(),
      touchedAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + idleMs).toISOString(),
    };
  };
  return {
    put: (lock) => void locks.set(lock.storyId, lock),
    drop: (storyId) => void locks.delete(storyId),
    observe(storyId, lock) {
      const previous = active(storyId);
      if (lock && previous && previous.holder !== lock.holder) taken.add(`${storyId}\n${previous.holder}`);
      if (lock) locks.set(storyId, lock);
      else locks.delete(storyId);
    },
    get: active,
    all: () => [...locks.keys()].map(active).filter((lock): lock is StoryLock => lock !== null),
    acquire(storyId, user) {
      const current = active(storyId);
      if (current && current.holder !== user.id) return { lock: current, mine: false };
      const lock = make(storyId, user, current?.since);
      locks.set(storyId, lock);
      taken.delete(`${storyId}\n${user.id}`);
      return { lock, mine: true };
    },
    release(storyId, user) {
      if (active(storyId)?.holder === user.id) locks.delete(storyId);
    },
    takeOver(storyId, user) {
      // Who may take over is the contract's rule (`takeOverLock`: a desk chief of the story's desk).
      const previous = active(storyId);
      const lock = make(storyId, user);
      locks.set(storyId, lock);
      if (previous && previous.holder !== user.id) taken.add(`${storyId}\n${previous.holder}`);
      return { lock, previous: previous && previous.holder !== user.id ? previous : null };
    },
    takenFrom: (storyId, userId) => taken.has(`${storyId}\n${userId}`),
    forgetTakenFrom: (storyId, userId) => void taken.delete(`${storyId}\n${userId}`),
  };
}
