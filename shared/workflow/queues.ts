/**
 * The sidebar's queues: which stories wait for whom. Display only; what a user may do with a
 * story is decided by the transition service.
 */
import { chiefOfDesk } from '../api/policy';
import type { StorySummary } from '../story/schema';
import { QUEUES, type QueueId, type Role } from './model';

export interface QueueUser {
  id: string;
  role: Role;
  desks: string[];
}

const mine = (story: StorySummary, user: QueueUser) => (story.authors ?? []).includes(user.id);
const sameDay = (iso: string, now: Date) => new Date(iso).toDateString() === now.toDateString();

/** Whether a story belongs in a queue for this user, today (`now`, in local time). */
export function inQueue(queue: QueueId, story: StorySummary, user: QueueUser, now: Date): boolean {
  switch (queue) {
    case 'my-drafts':
      return story.status === 'draft' && mine(story, user);
    case 'to-review':
      // Desk chiefs review their desks' stories (all stories when either side has no desk).
      return (
        user.role !== 'editor' &&
        (story.status === 'submitted' || story.status === 'correction') &&
        chiefOfDesk(user, story.desk)
      );
    case 'returned-to-me':
      return story.status === 'returned' && mine(story, user);
    case 'scheduled':
      return story.status === 'scheduled';
    case 'published-today':
      return (
        (story.status === 'published' || story.status === 'corrected') &&
        !!story.publishedAt &&
        sameDay(story.publishedAt, now)
      );
  }
}

/** Every queue's stories for this user. */
export function queuesFor(
  stories: StorySummary[],
  user: QueueUser,
  now: Date,
): Record<QueueId, StorySummary[]> {
  const result = Object.fromEntries(QUEUES.map((queue) => [queue, [] as StorySummary[]])) as Record<
    QueueId,
    StorySummary[]
  >;
  for (const story of stories) {
    for (const queue of QUEUES) if (inQueue(queue, story, user, now)) result[queue].push(story);
  }
  return result;
}
