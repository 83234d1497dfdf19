/**
 * The handler table: one function per operation of the contract. The Electron IPC shell
 * and the browser bridge both serve exactly this table through `dispatch`.
 */
import type { HandlerTable } from '../../../shared/api/contract';
import type { StoryStore } from '../store/types';
import type { StoryService } from '../stories/service';

export interface HandlerContext {
  store: StoryStore;
  stories: StoryService;
}

export function createHandlers({ store, stories }: HandlerContext): HandlerTable {
  return {
    getStoreInfo: async () => ({ path: store.root, storyCount: store.count() }),
    listStories: async () => stories.list(),
    getStory: ({ id }) => stories.get(id),
    createStory: ({ language }) => stories.create(language),
    saveStory: ({ id, baseVersion, edit }) => stories.save(id, baseVersion, edit),
  } satisfies HandlerTable;
}
