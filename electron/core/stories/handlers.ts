/**
 * The story operations of the handler table (shared/story/contract.ts): the list, reading,
 * creating and saving, Word import, revisions and recovery drafts. Who may change a story, and
 * its lock, the dispatcher checks for every such operation (policy `story-editor`, decided by the
 * workflow); the version check stays the story service's.
 */
import type { HandlerTable } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { storyContract } from '../../../shared/story/contract';
import type { StoryEdit } from '../../../shared/story/schema';
import type { MediaStore } from '../store/media';
import { restoreRecoveryDraft, restoreRevision } from '../store/history';
import { archiveOf } from '../store/archive';
import type { StoryStore } from '../store/types';
import type { Workflow } from '../workflow';
import { deskResolver } from '../workflow/desk-resolver';
import { importDocx } from './docx-import';
import type { StoryService } from './service';

export interface StoryHandlerDeps {
  store: StoryStore;
  /** the story service that keeps the search index in step */
  stories: StoryService;
  workflow: Workflow;
  media: MediaStore;
}

export function storyHandlers({
  store,
  stories,
  workflow,
  media,
}: StoryHandlerDeps): Pick<HandlerTable, keyof typeof storyContract> {
  const me = async () => (await workflow.currentUser()).id;
  const archive = () => archiveOf(store);
  const desks = deskResolver(() => workflow.service.users.desks());
  /** A desk is taken by its id or either of its names, and stored by its id. */
  const deskById = async (edit: StoryEdit): Promise<StoryEdit> =>
    edit.desk ? { ...edit, desk: (await desks.resolve(edit.desk)).id } : edit;
  return {
    getStoreInfo: async () => ({
      path: store.root,
      storyCount: await store.count(),
      readOnly: store.mode === 'read',
      ...(store.archive ? { quarantined: store.archive.quarantined().length } : {}),
    }),
    listStories: (query) => stories.listPage(query),
    countStories: async ({ filters }) => {
      const pages = await Promise.all(filters.map((filter) => stories.listPage({ filter, limit: 0 })));
      return {
        counts: pages.map(({ total, totalAtLeast }) => ({
          total,
          ...(totalAtLeast ? { totalAtLeast } : {}),
        })),
        ...(pages.some((page) => page.offline) ? { offline: true } : {}),
      };
    },
    getStory: ({ id }) => stories.get(id),
    // Nothing is stored until the first edit: the editor holds this story meanwhile.
    newStory: async ({ language }) =>
      stories.blank(language, await workflow.service.newStoryFields(await me())),
    createStory: async ({ id, language, edit }) => {
      const user = await me();
      const story = await stories.create(language, await workflow.service.newStoryFields(user), {
        ...(id ? { id } : {}),
        edit: await deskById(edit),
      });
      await workflow.service.lockFor(story.id, user);
      return story;
    },
    // Who may change the story, and its lock, the dispatcher checked (policy `story-editor`).
    saveStory: async ({ id, baseVersion, edit }) => stories.save(id, baseVersion, await deskById(edit)),
    importDocx: async ({ name, dataBase64 }) =>
      (await importDocx(Buffer.from(dataBase64, 'base64'), name, { stories, media })).story,
    listRevisions: ({ id }) => archive().listRevisions(id),
    getRevision: ({ id, version }) => archive().getRevision(id, version),
    compareRevisions: ({ id, from, to }) => archive().compareRevisions(id, from, to),
    restoreRevision: ({ id, version, baseVersion }) =>
      restoreRevision(archive(), id, version, { baseVersion }),
    putRecoveryDraft: async ({ id, baseVersion, draft }) => ({
      savedAt: (await archive().putRecoveryDraft(id, baseVersion, draft, await me())).savedAt,
    }),
    // The user's own drafts, and the text kept for them when their lock was taken over.
    listRecoveryDrafts: async () => {
      const user = await me();
      const [drafts, kept] = await Promise.all([
        archive().listRecoveryDrafts(),
        archive().listTakenOverDrafts(user),
      ]);
      return [
        ...drafts,
        ...kept.map((draft) => ({
          id: draft.storyId,
          headline: draft.draft.headline ?? '',
          baseVersion: draft.baseVersion,
          savedAt: draft.savedAt,
          takenOver: { byName: draft.takenOver.byName, at: draft.takenOver.at },
        })),
      ];
    },
    getTakenOverDraft: async ({ id }) => {
      const kept = await archive().getTakenOverDraft(id, await me());
      if (!kept) throw new ApiError('not-found', `no text of yours is kept for story ${id}`);
      const { byName, at } = kept.takenOver;
      return { id, savedAt: kept.savedAt, draft: kept.draft, takenOver: { byName, at } };
    },
    discardTakenOverDraft: async ({ id }) => {
      await archive().discardTakenOverDraft(id, await me());
      return {};
    },
    restoreRecoveryDraft: ({ id }) => restoreRecoveryDraft(archive(), id),
    discardRecoveryDraft: async ({ id }) => {
      await archive().discardRecoveryDraft(id);
      return {};
    },
  };
}
