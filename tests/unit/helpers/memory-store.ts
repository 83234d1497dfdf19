/** An in-memory StoryStore for testing the layers above the store in isolation. */
import { ApiError } from '../../../shared/api/errors';
import { Story, summarize } from '../../../shared/story/schema';
import type { StoryStore } from '../../../electron/core/store/types';
import { newestFirst, pageOfList, type StoryListQuery } from '../../../shared/story/list';

export function memoryStore(): StoryStore & { writes: number } {
  const stories = new Map<string, Story>();
  let queue = Promise.resolve();
  const store = {
    root: '/memory',
    mode: 'write' as const,
    writes: 0,
    list: () => [...stories.values()].map(summarize).sort(newestFirst),
    listPage: async (query: StoryListQuery) => pageOfList(store.list(), query),
    count: async () => stories.size,
    has: async (id: string) => stories.has(id),
    get: async (id: string) => {
      const story = stories.get(id);
      if (!story) throw new ApiError('not-found', `no story ${id}`);
      return structuredClone(story);
    },
    update(id: string, change: (current: Story | undefined) => Story) {
      const run = queue.then(() => {
        const next = Story.parse(change(stories.get(id)));
        stories.set(id, next);
        store.writes += 1;
        return structuredClone(next);
      });
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
    close: async () => undefined,
  };
  return store;
}
