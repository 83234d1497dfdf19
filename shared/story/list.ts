/**
 * The story list as a query: a filter, newest change first, one bounded page at a time. The
 * backend answers it (the folder store from its index in memory, the team store with one SQL
 * statement on the server), so a workstation never holds the whole archive's list; the queues
 * are such filters too (shared/workflow/queues.ts).
 */
import { z } from 'zod';
import { StoryId, StoryStatus, type StorySummary } from './schema';

/** The most summaries one page holds. */
export const LIST_PAGE_MAX = 500;
/** Matches counted at most: beyond, a page says "more than" this (`totalAtLeast`). */
export const LIST_COUNT_CAP = 10_000;

const Name = z.string().min(1).max(200);
const Instant = z.iso.datetime({ offset: true });

/** What a page of the list is filtered on; every given field must hold (AND). */
export const StoryListFilter = z
  .object({
    /** any of these states */
    status: z.array(StoryStatus).min(1).max(StoryStatus.options.length).optional(),
    /** any of these desks (ids) */
    desks: z.array(Name).max(100).optional(),
    /** with `desks`: stories without a desk count too */
    orNoDesk: z.boolean().optional(),
    /** one of the story's authors (a newsroom user id) */
    author: Name.optional(),
    /** bounds on when it was published: from (inclusive), before (exclusive) */
    publishedFrom: Instant.optional(),
    publishedBefore: Instant.optional(),
  })
  .strict();
export type StoryListFilter = z.infer<typeof StoryListFilter>;

/** Where the previous page ended: the next one starts after this story in the list's order. */
export const StoryListCursor = z.object({ updatedAt: Instant, id: StoryId }).strict();
export type StoryListCursor = z.infer<typeof StoryListCursor>;

export const StoryListQuery = z
  .object({
    filter: StoryListFilter.default({}),
    /** 0: the count alone */
    limit: z.number().int().min(0).max(LIST_PAGE_MAX).default(50),
    after: StoryListCursor.optional(),
  })
  .strict();
export type StoryListQuery = z.input<typeof StoryListQuery>;

export interface StoryPage {
  /** how many stories match (at most `LIST_COUNT_CAP`, then `totalAtLeast`) */
  total: number;
  totalAtLeast?: boolean;
  items: StorySummary[];
  /** the backend could not be reached: the page covers the stories kept on this workstation */
  offline?: boolean;
}

/** Whether a summary passes the filter (the list's rule, for backends that filter in memory). */
export function matchesListFilter(filter: StoryListFilter, story: StorySummary): boolean {
  if (filter.status && !filter.status.includes(story.status)) return false;
  if (filter.desks && !(story.desk ? filter.desks.includes(story.desk) : filter.orNoDesk)) return false;
  if (filter.author !== undefined && !(story.authors ?? []).includes(filter.author)) return false;
  if (filter.publishedFrom !== undefined || filter.publishedBefore !== undefined) {
    if (!story.publishedAt) return false;
    const at = Date.parse(story.publishedAt);
    if (filter.publishedFrom !== undefined && at < Date.parse(filter.publishedFrom)) return false;
    if (filter.publishedBefore !== undefined && at >= Date.parse(filter.publishedBefore)) return false;
  }
  return true;
}

/**
 * The list's order: newest change first, then the greater id first (the server's index order).
 * Negative when `a` comes first.
 */
export function newestFirst(
  a: Pick<StorySummary, 'updatedAt' | 'id'>,
  b: Pick<StorySummary, 'updatedAt' | 'id'>,
): number {
  return Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || (a.id > b.id ? -1 : a.id < b.id ? 1 : 0);
}

/** A page of a list already in memory (sorted newest first), by the same rules as the server's. */
export function pageOfList(sorted: readonly StorySummary[], raw: StoryListQuery): StoryPage {
  const query = StoryListQuery.parse(raw);
  const after = query.after;
  const items: StorySummary[] = [];
  let total = 0;
  let more = false;
  for (const story of sorted) {
    if (!matchesListFilter(query.filter, story)) continue;
    if (total < LIST_COUNT_CAP) total += 1;
    else more = true;
    if (items.length < query.limit && (!after || newestFirst(after, story) < 0)) items.push(story);
    if (more && items.length >= query.limit) break;
  }
  if (more) return { total, totalAtLeast: true, items };
  return { total, items };
}
