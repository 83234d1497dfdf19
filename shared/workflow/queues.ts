/**
 * The sidebar's queues: which stories wait for whom. Each queue is a filter of the story list
 * (shared/story/list.ts), answered by the backend like any other page of the list. Display
 * only; what a user may do with a story is decided by the transition service.
 */
import type { StoryListFilter } from '../story/list';
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
