/**
 * The handler table: one function per operation of the contract. The Electron IPC shell
 * and the browser bridge both serve exactly this table through `dispatch`.
 */
import type { HandlerTable } from '../../../shared/api/contract';
import type { StoryStore } from '../store/types';
import type { StoryService } from '../stories/service';
import { restoreRecoveryDraft, restoreRevision } from '../store/history';
import { archiveOf } from '../store/story-store';
import { createSettingsService } from '../settings/settings';
import { createMediaStore } from '../store/media';
import { importDocx } from '../stories/docx-import';
import { listMedia } from '../stories/media-library';
import { createWorkflow, type Workflow } from '../workflow';
import { openPublishing } from '../publishing';
import type { Publisher } from '../publishing/publisher';
import { workflowHandlers } from '../workflow/handlers';
import { createFinding, searchHandlers } from '../search/handlers';
import type { SearchService } from '../search/service';
import { teamHandlers, type TeamContext } from '../team/handlers';
import { publishingHandlers } from '../publishing/handlers';
import { createIngestService, type IngestService } from '../ingest/service';
import { jobsHandlers } from '../jobs/handlers';
import type { JobRunner } from '../jobs/runner';

export interface HandlerContext {
  store: StoryStore;
  stories: StoryService;
  /** the store's workflow (users, transitions, locks, comments); made here when not given */
  workflow?: Workflow;
  /** the search index (made here when not given; the owner may pass one to close it) */
  search?: SearchService;
  /** team mode: the newsroom server's store and change feed (absent: the local store) */
  team?: TeamContext;
  /** wire ingest (the owner passes one to start and stop its watched folder; made here when not given) */
  ingest?: IngestService;
  /** long work's runner (the owner passes one to cancel its jobs on close; made here when not given) */
  jobs?: JobRunner;
  /** publishing attached to `workflow` (the owner passes one to start and stop its outbox; made here when not given) */
  publisher?: Publisher;
}

export function createHandlers({
  store,
  stories: plain,
  workflow: given,
  search,
  team,
  ingest,
  jobs,
  publisher: givenPublisher,
}: HandlerContext): HandlerTable {
  // Every create and save through this table also updates the search index.
  const finding = createFinding(store, plain, search);
  const stories = finding.stories;
  const workflow = given ?? createWorkflow(store);
  // Publishing hooks into the workflow: every transition delivers to the enabled channels.
  const publisher = givenPublisher ?? openPublishing(store, workflow);
  if (!givenPublisher) publisher.outbox.start();
  const me = async () => (await workflow.currentUser()).id;
  const settings = createSettingsService(store.root, store.mode === 'write');
  // Team mode shares images through the server (cached in the workstation's folder).
  const media = team?.store?.media ?? createMediaStore(store.root);
  return {
    getStoreInfo: async () => ({
      path: store.root,
      storyCount: store.count(),
      readOnly: store.mode === 'read',
      ...('quarantined' in store ? { quarantined: archiveOf(store).quarantined().length } : {}),
    }),
    listStories: async () => stories.list(),
    getSettings: () => settings.getSettings(),
    saveSettings: ({ settings: next }) => settings.saveSettings(next),
    listNewsroomWords: () => settings.listWords(),
    addNewsroomWord: ({ word }) => settings.addWord(word),
    getStory: ({ id }) => stories.get(id),
    createStory: async ({ language }) => {
      const user = await me();
      const story = await stories.create(language, await workflow.service.newStoryFields(user));
      await workflow.service.lockFor(story.id, user);
      return story;
    },
    // Who may save, and the lock, are the workflow's to check; the version check stays the story service's.
    saveStory: async ({ id, baseVersion, edit }) => {
      await workflow.service.beforeSave(id, baseVersion, edit, await me());
      return stories.save(id, baseVersion, edit);
    },
    addMedia: async ({ name, dataBase64 }) => ({
      file: (await media.add(Buffer.from(dataBase64, 'base64'), name)).file,
    }),
    readMedia: async ({ file }) => {
      const { mime, bytes } = await media.read(file);
      return { mime, dataBase64: bytes.toString('base64') };
    },
    listMedia: ({ query }) => listMedia(store, query),
    importDocx: async ({ name, dataBase64 }) =>
      (await importDocx(Buffer.from(dataBase64, 'base64'), name, { stories, media })).story,
    ...workflowHandlers(workflow, me),
    ...searchHandlers(store, finding, async () => (await workflow.currentUser()).role === 'admin'),
    listRevisions: ({ id }) => archiveOf(store).listRevisions(id),
    getRevision: ({ id, version }) => archiveOf(store).getRevision(id, version),
    compareRevisions: ({ id, from, to }) => archiveOf(store).compareRevisions(id, from, to),
    restoreRevision: ({ id, version, baseVersion }) =>
      restoreRevision(archiveOf(store), id, version, { baseVersion }),
    putRecoveryDraft: async ({ id, baseVersion, draft }) => ({
      savedAt: (await archiveOf(store).putRecoveryDraft(id, baseVersion, draft)).savedAt,
    }),
    listRecoveryDrafts: () => archiveOf(store).listRecoveryDrafts(),
    restoreRecoveryDraft: ({ id }) => restoreRecoveryDraft(archiveOf(store), id),
    discardRecoveryDraft: async ({ id }) => {
      await archiveOf(store).discardRecoveryDraft(id);
      return {};
    },
    // Team mode (or its local-mode answers: settings, status, a feed that is not live).
    ...teamHandlers(team ?? { root: store.root }),
    // Channels, the delivery log, the Incoming queue and its watched folder.
    ...publishingHandlers({
      publisher,
      ingest: ingest ?? createIngestService(store, { stories: plain }),
      workflow,
      onStoryCreated: (story) => finding.search.storySaved(story),
    }),
    // Backups, store checks, index rebuilds, bulk exports and imports, with progress and cancel.
    ...jobsHandlers({ store, stories, search: finding.search, media }, jobs),
  } satisfies HandlerTable;
}
