/**
 * The composition root: the one place where a workstation's services are put together, in one
 * order, and taken apart in the reverse order. The Electron shell, the browser bridge and the
 * command line all call `openWorkstation`; none of them wires a service by itself.
 *
 * Order of assembly, and why:
 * 1. the store (the team store when team mode is chosen, else the folder store; a folder held by
 *    another process opens read-only);
 * 2. the story service, and the workflow (team mode: on the server, with its locks);
 * 3. publishing, hooked into the workflow's transitions, before the scheduler's catch-up so that
 *    what falls due while the app was closed is delivered too;
 * 4. search (index, tags, gazetteer) with a story service that keeps the index in step;
 * 5. ingest (the watched wire folder and the Incoming queue), jobs and media (the settings come
 *    with step 2: the checklist reads the headline limit from them);
 * 6. the handler table and its dispatcher;
 * 7. background work, when asked for: outbox retries, the scheduler, the watched folder,
 *    automatic backups.
 * `close()` stops the background work first (no new publication, no new wire file, the outbox
 * finishes an attempt under way), then cancels jobs, persists the search index and closes the
 * store. No timer or watcher of the workstation's outlives it.
 *
 * Tests pass their seams (clock, intervals, a paced job hook) through `overrides`.
 */
import { createDispatch, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { authorizer } from './api/authorize';
import { createIngestService, type IngestService } from './ingest/service';
import type { JobServices } from './jobs/kinds';
import { createJobRunner, type JobRunner } from './jobs/runner';
import { consoleLogger, type Logger } from './log';
import { noPlaces, type Places } from './places';
import { openPublishing } from './publishing';
import { stopBackgroundWork } from './publishing/background';
import type { Publisher, PublisherOptions } from './publishing/publisher';
import { createFinding, type Finding } from './search/handlers';
import type { SearchService } from './search/service';
import { createSettingsService, type SettingsService } from './settings/settings';
import { createStoryService, type StoryService } from './stories/service';
import { startAutomaticBackups } from './store/backup';
import { createMediaStore, type MediaStore } from './store/media';
import { openStore, openStoreForApp } from './store/story-store';
import type { StoryStore } from './store/types';
import type { TeamConnection } from './team/connection';
import { createChangeFeed, feedFromTeamStore } from './team/feed';
import type { Team } from './team/open';
import { openConfiguredTeam } from './team/start';
import { createWorkflow, type Workflow } from './workflow';
import { startScheduling } from './workflow/scheduling';

export interface WorkstationOptions {
  /** the workstation's folder: the local store, or team mode's cache, outbox and settings */
  root: string;
  /** team mode chosen by the caller (the bridge's --team-url); otherwise the folder's saved settings decide */
  team?: Pick<TeamConnection, 'url' | 'user'>;
  /**
   * Team mode that cannot open (schema missing, not a newsroom login, TLS): without this the
   * error is thrown; with it, the error is handed over (the app shows it) and the local store opens.
   */
  onTeamFailure?: (error: unknown) => void;
  /**
   * How the folder store is opened: `app` (default) writes, or reads when another process holds
   * it; `write` fails with `store-locked` when it is held (the command line); `read` never writes.
   */
  access?: 'app' | 'write' | 'read';
  /** `local`: never team mode, whatever the folder's saved settings say (the command line's --store) */
  backend?: 'configured' | 'local';
  /** start the outbox's retries, the scheduler and the watched folder (the app and the bridge; not the command line) */
  background?: boolean;
  /** run the store's automatic backups while open (the desktop app) */
  automaticBackups?: boolean;
  /**
   * Where long work may read and write outside the store: the places the user chose through this
   * door (the desktop's dialog, the bridge's exchange folder, the command line's arguments).
   * Default: none (a job uses the store's own folders only).
   */
  places?: Places;
  log?: Logger;
}

/** What tests may replace. The product never sets these. */
export interface WorkstationOverrides {
  /** an open store (a test double, or a store the test opened); the workstation closes it */
  store?: StoryStore;
  /** team mode opened by the test */
  team?: Team;
  /** a workflow the test prepared (users, desks) on `store` */
  workflow?: Workflow;
  /** the search service the test holds */
  search?: SearchService;
  now?: () => Date;
  /** how often the scheduler looks for stories due (default 5 s) */
  scheduleIntervalMs?: number;
  /** how often the watched wire folder is looked at (default 5 s) */
  watchIntervalMs?: number;
  /** awaited before each item of an export or import job (paces a job so a test can catch it mid-way) */
  beforeJobItem?: JobServices['beforeItem'];
  /** the outbox's retry delays */
  backoff?: PublisherOptions['backoff'];
}

export interface WorkstationServices {
  store: StoryStore;
  /** the story service whose creates and saves also update the search index */
  stories: StoryService;
  workflow: Workflow;
  publisher: Publisher;
  finding: Finding;
  ingest: IngestService;
  jobs: JobRunner;
  settings: SettingsService;
  media: MediaStore;
  /** team mode's store and workflow; null on a local store */
  team: Team | null;
}

export interface Workstation {
  readonly dispatch: Dispatch;
  readonly services: WorkstationServices;
  /** another process holds the folder store: this one reads and never writes */
  readonly readOnly: boolean;
  /** stops every timer and watcher, cancels jobs, persists the index and closes the store */
  close(): Promise<void>;
}

export async function openWorkstation(
  options: WorkstationOptions,
  overrides: WorkstationOverrides = {},
): Promise<Workstation> {
  const log = options.log ?? consoleLogger;

  // 1. The store.
  let team: Team | null = overrides.team ?? null;
  if (!team && !overrides.store && options.backend !== 'local') {
    try {
      team = await openConfiguredTeam(options.root, options.team, log);
    } catch (error) {
      if (!options.onTeamFailure) throw error;
      options.onTeamFailure(error);
    }
  }
  let store: StoryStore;
  let readOnly = false;
  if (team) {
    store = team.store;
  } else if (overrides.store) {
    store = overrides.store;
    readOnly = store.mode === 'read';
  } else if (options.access === 'write' || options.access === 'read') {
    store = await openStore(options.root, { mode: options.access, log });
    readOnly = options.access === 'read';
  } else {
    const opened = await openStoreForApp(options.root, { log });
    store = opened.store;
    readOnly = opened.readOnly;
    // openStoreForApp has said why it opened read-only.
  }

  // 2. Stories and the workflow.
  const now = overrides.now;
  const plain = createStoryService(store, now);
  const workflow =
    overrides.workflow ?? (team ? team.workflow : createWorkflow(store, { ...(now ? { now } : {}), log }));
  // The newsroom's settings, where the store keeps its documents (the server, in team mode).
  const settings = createSettingsService(store);

  // 3. Publishing, attached to every transition before anything can transition.
  const publisher = openPublishing(store, workflow, {
    log,
    ...(now ? { now } : {}),
    ...(overrides.backoff ? { backoff: overrides.backoff } : {}),
  });

  // 4. Search, tags and the gazetteer; the index starts building at once.
  // Short-lived work (the command line) builds the index only if it searches.
  const finding = createFinding(store, plain, overrides.search, log, options.background ?? false);

  // 5. Ingest, jobs, settings, media.
  const ingest = createIngestService(store, {
    stories: plain,
    log,
    ...(now ? { now } : {}),
    ...(overrides.watchIntervalMs ? { intervalMs: overrides.watchIntervalMs } : {}),
  });
  const jobs = createJobRunner({ log });
  // Team mode shares images through the server (cached in the workstation's folder).
  const media = store.media ?? createMediaStore(store.root);

  const services: WorkstationServices = {
    store,
    stories: finding.stories,
    workflow,
    publisher,
    finding,
    ingest,
    jobs,
    settings,
    media,
    team,
  };

  // 6. The handler table and its one door.
  const dispatch = createDispatch(
    createHandlers({
      ...services,
      root: options.root,
      feed: team ? feedFromTeamStore(team.store) : createChangeFeed(false),
      places: options.places ?? noPlaces,
      jobServices: {
        store,
        stories: finding.stories,
        search: finding.search,
        media,
        ...(now ? { now } : {}),
        ...(overrides.beforeJobItem ? { beforeItem: overrides.beforeJobItem } : {}),
      },
    }),
    { log, authorize: authorizer(workflow, store) },
  );

  // 7. Background work.
  let stopBackups: (() => void) | undefined;
  if (options.background) {
    publisher.outbox.start();
    const caughtUp = await startScheduling(workflow, {
      team: Boolean(team),
      ...(overrides.scheduleIntervalMs ? { intervalMs: overrides.scheduleIntervalMs } : {}),
    });
    if (caughtUp.length > 0) log.info(`published ${caughtUp.length} overdue scheduled stories`);
    await ingest.start();
  }
  if (options.automaticBackups && !team && store.mode === 'write' && store.archive) {
    stopBackups = startAutomaticBackups(store.archive, { log });
  }

  let closing: Promise<void> | null = null;
  return {
    dispatch,
    services,
    readOnly,
    close() {
      closing ??= (async () => {
        stopBackups?.();
        await stopBackgroundWork({ scheduler: workflow.scheduler, ingest, outbox: publisher.outbox });
        await jobs.close();
        await finding.search.close();
        await (team ? team.close() : store.close());
      })();
      return closing;
    },
  };
}
