/**
 * The sidebar's queues: which stories wait for whom. Each queue is a filter of the story list
 * (shared/story/list.ts), answered by the backend like any other page of the list. Display
 * only; what a user may do with a story is decided by the transition service.
 */
import { matchesListFilter, type StoryListFilter } from '../story/list';
import type { StorySummary } from '../story/schema';
import type { QueueId, Role } from './model';

export interface QueueUser {
  id: string;
  role: Role;
  desks: string[];
}

/** Midnight starting the local day of `at`, `days` days later. */
function localMidnight(at: Date, days: number): string {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + days).toISOString();
}

/**
 * The queue's filter for this user, today (`now`, in the local time of the one asking), or
 * null when the queue is always empty for them.
 */
export function queueFilter(queue: QueueId, user: QueueUser, now: Date): StoryListFilter | null {
  switch (queue) {
    case 'my-drafts':
      return { status: ['draft'], author: user.id };
    case 'to-review':
      // Desk chiefs review their desks' stories (all stories when either side has no desk).
      if (user.role === 'editor') return null;
      return {
        status: ['submitted', 'correction'],
        ...(user.desks.length > 0 ? { desks: [...user.desks], orNoDesk: true } : {}),
      };
    case 'returned-to-me':
      return { status: ['returned'], author: user.id };
    case 'scheduled':
      return { status: ['scheduled'] };
    case 'published-today':
      return {
        status: ['published', 'corrected'],
        publishedFrom: localMidnight(now, 0),
        publishedBefore: localMidnight(now, 1),
      };
  }
}

/** Whether a story belongs in a queue for this user, today (`now`, in local time). */
export function inQueue(queue: QueueId, story: StorySummary, user: QueueUser, now: Date): boolean {
  const filter = queueFilter(queue, user, now);
  return filter !== null && matchesListFilter(filter, story);
}
