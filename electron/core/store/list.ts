/**
 * Reading the whole story list where a task truly needs every story (an export of all, an
 * import, a rebuild): page by page through `listPage`, so a backend on a server is never asked
 * for the whole archive at once and nothing holds more than a page.
 */
import { LIST_PAGE_MAX, type StoryListFilter } from '../../../shared/story/list';
import type { StorySummary } from '../../../shared/story/schema';
import type { StoryStore } from './types';

/** Every summary matching `filter`, newest change first, a page at a time. */
export async function* eachSummary(
  store: Pick<StoryStore, 'listPage'>,
  filter: StoryListFilter = {},
  pageSize = LIST_PAGE_MAX,
): AsyncGenerator<StorySummary> {
  let after: { updatedAt: string; id: string } | undefined;
  for (;;) {
    const page = await store.listPage({ filter, limit: pageSize, ...(after ? { after } : {}) });
    for (const summary of page.items) yield summary;
    const last = page.items[page.items.length - 1];
    if (!last || page.items.length < pageSize) return;
    after = { updatedAt: last.updatedAt, id: last.id };
  }
}

/** The ids of every story matching `filter`, newest change first. */
export async function allIds(store: Pick<StoryStore, 'listPage'>, filter: StoryListFilter = {}) {
  const ids: string[] = [];
  for await (const summary of eachSummary(store, filter)) ids.push(summary.id);
  return ids;
}
