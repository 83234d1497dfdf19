/**
 * The handler table: one function per operation of the contract. The Electron IPC shell
 * and the browser bridge both serve exactly this table through `dispatch`.
 */
import type { HandlerTable } from '../../../shared/api/contract';
import type { StoryStore } from '../store/types';
import type { StoryService } from '../stories/service';
import { createSettingsService } from '../settings/settings';
import { createMediaStore } from '../store/media';
import { importDocx } from '../stories/docx-import';

export interface HandlerContext {
  store: StoryStore;
  stories: StoryService;
}

export function createHandlers({ store, stories }: HandlerContext): HandlerTable {
  const settings = createSettingsService(store.root, store.mode === 'write');
  const media = createMediaStore(store.root);
  return {
    getStoreInfo: async () => ({ path: store.root, storyCount: store.count() }),
    listStories: async () => stories.list(),
    getSettings: () => settings.getSettings(),
    saveSettings: ({ settings: next }) => settings.saveSettings(next),
    listNewsroomWords: () => settings.listWords(),
    addNewsroomWord: ({ word }) => settings.addWord(word),
    getStory: ({ id }) => stories.get(id),
    createStory: ({ language }) => stories.create(language),
    saveStory: ({ id, baseVersion, edit }) => stories.save(id, baseVersion, edit),
    addMedia: async ({ name, dataBase64 }) => ({
      file: (await media.add(Buffer.from(dataBase64, 'base64'), name)).file,
    }),
    readMedia: async ({ file }) => {
      const { mime, bytes } = await media.read(file);
      return { mime, dataBase64: bytes.toString('base64') };
    },
    importDocx: async ({ name, dataBase64 }) =>
      (await importDocx(Buffer.from(dataBase64, 'base64'), name, { stories, media })).story,
  } satisfies HandlerTable;
}
