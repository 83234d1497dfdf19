/**
 * The handler table: one function per operation of the contract, merged from each feature's
 * handlers. It builds nothing: every service comes from the composition root
 * (electron/core/workstation.ts). The Electron IPC shell and the browser bridge both serve
 * exactly this table through `dispatch`.
 */
import { deskResolver } from '../workflow/desk-resolver';
import type { HandlerTable } from '../../../shared/api/contract';
import type { IngestService } from '../ingest/service';
import { jobsHandlers } from '../jobs/handlers';
import type { JobServices } from '../jobs/kinds';
import type { JobRunner } from '../jobs/runner';
import { mediaHandlers } from '../media/handlers';
import { publishingHandlers } from '../publishing/handlers';
import type { Publisher } from '../publishing/publisher';
import { searchHandlers, type Finding } from '../search/handlers';
import { settingsHandlers } from '../settings/handlers';
import type { SettingsService } from '../settings/settings';
import { storyHandlers } from '../stories/handlers';
import type { Places } from '../places';
import type { MediaStore } from '../store/media';
import type { StoryStore } from '../store/types';
import type { ChangeFeed } from '../team/feed';
import { teamHandlers } from '../team/handlers';
import type { Team } from '../team/open';
import type { Workflow } from '../workflow';
import { workflowHandlers } from '../workflow/handlers';

export interface HandlerServices {
  store: StoryStore;
  /** the workstation's folder (team mode keeps its settings and cache there) */
  root: string;
  workflow: Workflow;
  publisher: Publisher;
  /** search, tags, gazetteer, and the story service that keeps the index in step */
  finding: Finding;
  ingest: IngestService;
  jobs: JobRunner;
  jobServices: JobServices;
  settings: SettingsService;
  media: MediaStore;
  team: Team | null;
  feed: ChangeFeed;
  /** where jobs and folder settings may reach outside the store: the places the user chose (electron/core/places.ts) */
  places: Places;
}

export function createHandlers(services: HandlerServices): HandlerTable {
  const { store, workflow, finding, media } = services;
  const me = async () => (await workflow.currentUser()).id;
  return {
    ...storyHandlers({ store, stories: finding.stories, workflow, media }),
    ...settingsHandlers(services.settings),
    ...mediaHandlers(media, store),
    ...workflowHandlers(workflow, me),
    ...searchHandlers(
      store,
      finding,
      deskResolver(() => workflow.service.users.desks()),
    ),
    ...teamHandlers({
      root: services.root,
      ...(services.team ? { store: services.team.store } : {}),
      feed: services.feed,
    }),
    ...publishingHandlers({
      publisher: services.publisher,
      ingest: services.ingest,
      workflow,
      onStoryCreated: (story) => finding.search.storySaved(story),
      places: services.places,
      storeRoot: services.store.root,
    }),
    ...jobsHandlers(services.jobServices, services.jobs, services.places),
  } satisfies HandlerTable;
}
