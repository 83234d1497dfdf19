/**
 * The story store on the newsroom's PostgreSQL server, behind the same `StoryStore` and
 * `StoryArchive` interfaces as the folder store, so the services above do not know which one
 * they use.
 *
 * - Every write goes through the server's checked functions (`create_story`, `save_story`) with
 *   the version it was based on; a story that moved on meanwhile is refused there and surfaces
 *   as the `conflict` ApiError.
 * - The list is the server's: each page of it (the list, a queue) is one query there
 *   (pg-list.ts). The workstation keeps only what it needs of the archive: the stories it read
 *   or saved (cache.ts), its queued saves, and the newest page of the list, so that a start
 *   while the server is away still shows something. Its memory does not grow with the archive.
 * - When the server cannot be reached, saves go to a durable outbox in the workstation's folder
 *   and the story's local copy moves on, so editing continues; on reconnect the outbox drains
 *   in order. A queued save that meets a newer server version is never applied silently: the
 *   local text is kept as a recovery draft (offered to the user) and in `team/conflicts/`.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { ApiError } from '../../../shared/api/errors';
import { assertSchemaCurrent } from './migrate';
import type { RecoveryOffer, RevisionInfo, StoryComparison } from '../../../shared/story/history';
import { parseStoredStory, Story, summarize, type StorySummary } from '../../../shared/story/schema';
import type { StoryLock } from '../../../shared/workflow/model';
import { draftMatches, RecoveryJournal, recoveryOffers, type RecoveryDraft } from '../store/recovery';
import { canonicalJson, compareStories } from '../store/revisions';
import type {
  LongTaskOptions,
  RepairReport,
  SaveMeta,
  SharedStorage,
  StoryArchive,
  StorySearchSource,
  StoryStore,
} from '../store/types';
import { clientConfig, type TeamConnection } from './connection';
import { isLoginRefused, serverError } from '../errors';
import { pgSharedStorage } from './pg-shared';
import { createMediaStore } from '../store/media';
import { pgMediaStore, type TeamMediaStore } from './pg-media';
import { pgSearchSource } from './pg-search';
import { countOnServer, existsOnServer, listPageOnServer } from './pg-list';
import { newestFirst, pageOfList } from '../../../shared/story/list';
import { TeamCache } from './cache';
import type { TeamEvents, TeamStatus } from './events';
import { readLocks, TeamListener } from './listener';
import { TeamOutbox, type OutboxEntry } from './outbox';
import { batchedStoryReader, run, unreachable } from './query';
import { serverRevision, serverRevisions } from './pg-revisions';
import { bestEffort, consoleLogger, type Logger } from '../log';
import { oneAtATime } from '../one-at-a-time';

export type { TeamEvents, TeamStatus } from './events';

export interface TeamStoreOptions {
  /** the workstation's own folder: outbox, conflict copies, recovery drafts */
  localRoot: string;
  /** ms between reconnection attempts while offline (default 2000) */
  retryMs?: number;
  /** max pool connections (default 4) */
  poolSize?: number;
  /** where the store says what failed in the background (default: stderr) */
  log?: Logger;
}

export type TeamStore = StoryStore &
  StoryArchive & {
    readonly backend: 'postgres';
    readonly events: EventEmitter<TeamEvents>;
    /** the newsroom's images: on the server, cached in this folder */
    readonly media: TeamMediaStore;
    /** search answered by the server; offline, the stories kept in this folder */
    readonly searchSource: StorySearchSource;
    /** the pool, for the workflow's repositories on the same server */
    readonly pool: pg.Pool;
    /** the newsroom's shared documents, on the server */
    readonly shared: SharedStorage;
    status(): TeamStatus;
    /** tries to send the outbox now; resolves when it is empty or the server is still away */
    drain(): Promise<TeamStatus>;
    /** the active locks, from the server */
    locks(): Promise<StoryLock[]>;
  };

/** How many of the newest stories a workstation keeps the summaries of, for a start while offline. */
const NEWEST_KEPT = 200;

/** How long a workstation whose login was refused waits before trying it again (ms). */
const REFUSED_RETRY_MS = 60_000;

/** Opens the newsroom store: loads the list, starts listening, and resumes a waiting outbox. */
export async function openTeamStore(
  connection: TeamConnection,
  options: TeamStoreOptions,
): Promise<TeamStore> {
  const log = options.log ?? consoleLogger;
  const pool = new pg.Pool({ ...clientConfig(connection), max: options.poolSize ?? 4 });
  // An idle connection dropped by the server must not crash the process: the next query reconnects.
  pool.on('error', (error) =>
    log.warn(`[team] an idle connection to the server was dropped: ${error.message}`),
  );
  const events = new EventEmitter<TeamEvents>();
  /** the newest stories as last seen on the server (bounded): the list shown while it is away */
  let newest: StorySummary[] = [];
  const recovery = new RecoveryJournal(options.localRoot, undefined, log);
  const outbox = new TeamOutbox(options.localRoot, log);
  const conflicts = new Set<string>();
  let online = false;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  /** saves, one at a time */
  const serialized = oneAtATime();
  const actorDefault = connection.user ?? 'editor';
  const cache = new TeamCache(
    options.localRoot,
    log,
    () => newest,
    () => closed,
  );

  await outbox.prepare();
  await cache.prepare();
  await recovery.prepare();

  /** the server refused the login at the last attempt: said in the status, retried slowly */
  let refusedLogin = false;
  const status = (): TeamStatus => ({
    online,
    pending: outbox.length,
    conflicts: [...conflicts],
    ...(refusedLogin && !online ? { refused: 'login' as const } : {}),
  });
  /** `cause`: why the server was not reached, to tell a refused login from a lost network */
  const setOnline = (next: boolean, cause?: unknown) => {
    const wasRefused = refusedLogin;
    refusedLogin = !next && cause !== undefined ? isLoginRefused(cause) : next ? false : refusedLogin;
    if (online === next) {
      if (wasRefused !== refusedLogin) events.emit('connection', status());
      return;
    }
    online = next;
    events.emit('connection', status());
    if (!next) scheduleRetry();
  };

  /** images on the server, cached in this folder; adds made offline are sent first at each drain */
  const media = pgMediaStore(pool, createMediaStore(options.localRoot), options.localRoot, (error) =>
    setOnline(false, error),
  );

  /** A story changed (here or on the server): the newest page follows, and the push channel says so. */
  const remember = (summary: StorySummary) => {
    const rest = newest.filter((entry) => entry.id !== summary.id);
    const last = rest[rest.length - 1];
    if (rest.length < NEWEST_KEPT || (last && newestFirst(summary, last) < 0)) {
      newest = [...rest, summary].sort(newestFirst).slice(0, NEWEST_KEPT);
      cache.saveListSoon();
    }
    events.emit('story', summary);
  };

  /** Reads the newest page of the list from the server (what an offline start will show). */
  const loadNewest = async () => {
    newest = (await listPageOnServer(pool, { limit: NEWEST_KEPT })).items;
    cache.saveList();
  };

  const listener = new TeamListener({
    log,
    connection,
    pool,
    events,
    storyChanged(id, version) {
      // Our own save comes back too: keep the copy it left unless someone wrote a newer version.
      const known = cache.copy(id)?.version;
      if ((known ?? 0) < (version ?? Infinity)) cache.forget(id);
      if (outbox.has(id)) return false;
      // Already known at this version (our own save coming back): nothing to ask the server.
      return !(known !== undefined && version !== undefined && known >= version);
    },
    remember,
    lost() {
      if (!closed) setOnline(false);
    },
  });

  /** Queues a save durably; a later save of the same story replaces it (keeping the server base). */
  const enqueue = async (entry: Omit<OutboxEntry, 'seq'>) => {
    const next = await outbox.add(entry);
    cache.keepInMemory(next.story);
    remember(summarize(next.story));
    events.emit('connection', status());
  };

  let draining: Promise<TeamStatus> | null = null;
  const drain = (): Promise<TeamStatus> => {
    draining ??= (async () => {
      try {
        // Images first: a story that reaches other workstations finds its images there.
        await media.flush();
        while (outbox.length > 0) {
          const entry = outbox.entries[0]!;
          let result: Story | null;
          try {
            result = await outbox.send(pool, entry, conflicts, recovery);
          } catch (error) {
            if (unreachable(error)) {
              setOnline(false, error);
              return status();
            }
            // Refused by the server (its role or state changed meanwhile): keep the text, ask the user.
            conflicts.add(entry.id);
            await recovery.put(entry.id, entry.serverBase, {
              headline: entry.story.headline,
              body: entry.story.body,
            });
            result = null;
          }
          await outbox.shift(entry);
          cache.forget(entry.id);
          if (result) remember(summarize(result));
        }
        if (!listener.listening) {
          await listener.start();
          // Changes made elsewhere while no notice could arrive: the copies read before are re-read.
          cache.forgetCopies();
        }
        await loadNewest();
        setOnline(true);
        events.emit('connection', status());
      } catch (error) {
        if (!unreachable(error)) throw error;
        setOnline(false, error);
      } finally {
        draining = null;
      }
      return status();
    })();
    return draining;
  };

  const scheduleRetry = () => {
    if (retry || closed) return;
    // A refused login is tried again slowly: the fix is in the settings, not in the network.
    retry = setTimeout(
      () => {
        retry = null;
        if (closed) return;
        void drain().then((state) => {
          if (!state.online) scheduleRetry();
        });
      },
      refusedLogin ? Math.max(options.retryMs ?? 2000, REFUSED_RETRY_MS) : (options.retryMs ?? 2000),
    );
    retry.unref?.();
  };

  await outbox.load();
  for (const entry of outbox.entries) cache.keepInMemory(entry.story);
  try {
    // A server with an older schema than this Mihbara's is refused now, with what to do.
    await assertSchemaCurrent(pool);
    await listener.start();
    await loadNewest();
    online = true;
    if (outbox.length || (await media.pending()).length) await drain();
  } catch (error) {
    if (!unreachable(error)) {
      await pool.end().catch(bestEffort(log, '[team] could not close the connections'));
      throw serverError(error);
    }
    // Opened offline: the newest stories as last seen on the server, until it answers.
    try {
      newest = (await cache.readList()).slice(0, NEWEST_KEPT);
    } catch {
      // Never connected from this folder (or the cache was cut short): the kept stories only.
    }
    online = false;
    refusedLogin = isLoginRefused(error);
    scheduleRetry();
  }

  const fetchDoc = batchedStoryReader(pool);

  /** The copy of a story kept on this workstation (in memory or in its folder), or null. */
  const keptCopy = async (id: string): Promise<Story | null> =>
    cache.copy(id) ?? (await cache.cachedCopy(id));

  /**
   * What the list shows while the server is away: the queued stories, the copies in memory and
   * the newest page as last seen (each story once, the newest of its versions), newest first.
   */
  const keptList = (): StorySummary[] => {
    const kept = new Map<string, StorySummary>();
    const add = (summary: StorySummary) => {
      const had = kept.get(summary.id);
      if (!had || had.version < summary.version) kept.set(summary.id, summary);
    };
    for (const summary of newest) add(summary);
    for (const story of cache.copies()) add(summarize(story));
    for (const entry of outbox.entries) kept.set(entry.id, summarize(entry.story));
    return [...kept.values()].sort(newestFirst);
  };

  const readStory = async (id: string): Promise<Story> => {
    const queued = outbox.find(id);
    if (queued) return structuredClone(queued.story);
    // The copy read earlier is current while notices arrive (a change elsewhere drops it): search
    // results shown again, or a story reopened, need no round trip and no parse.
    const known = cache.copy(id);
    if (known && online && listener.listening) {
      cache.keepInMemory(known);
      return structuredClone(known);
    }
    try {
      const doc = await fetchDoc(id);
      setOnline(true);
      if (doc === undefined) throw new ApiError('not-found', `no story with id ${id}`);
      const parsed = parseStoredStory(doc);
      if (!parsed.success)
        throw new ApiError('store-damaged', `story ${id} on the server is not a valid story`);
      cache.keepInMemory(parsed.data);
      cache.keepCopy(parsed.data);
      return structuredClone(parsed.data);
    } catch (error) {
      if (!unreachable(error)) throw error;
      setOnline(false, error);
      const copy = cache.copy(id) ?? (await cache.cachedCopy(id));
      if (!copy)
        throw new ApiError('io', `the newsroom server cannot be reached and story ${id} was not open here`);
      return structuredClone(copy);
    }
  };

  const writeStory = async (
    id: string,
    change: (current: Story | undefined) => Story,
    meta: SaveMeta = {},
  ): Promise<Story> => {
    const queued = outbox.find(id);
    let current: Story | undefined;
    if (queued) current = queued.story;
    else if (!online && !newest.some((entry) => entry.id === id) && !(await keptCopy(id))) {
      // A story this workstation has never seen, while offline: a new one (ids are random UUIDs).
      current = undefined;
    } else {
      try {
        current = await readStory(id);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'not-found')) throw error;
      }
    }
    const next = Story.parse(change(current ? structuredClone(current) : undefined));
    const actor = meta.actor ?? actorDefault;
    if (!queued && online) {
      try {
        if (!current) await run(pool, 'SELECT mihbara.create_story($1)', [next]);
        else
          await run(pool, 'SELECT mihbara.save_story($1, $2, $3, $4)', [
            id,
            current.version,
            next,
            meta.restoredFrom ?? null,
          ]);
        cache.keepInMemory(next);
        cache.keepCopy(next);
        remember(summarize(next));
        return structuredClone(next);
      } catch (error) {
        if (!unreachable(error)) throw error;
        setOnline(false, error);
      }
    }
    // Offline: only the text's own saves wait; a workflow change needs the server's judgement now.
    if (
      current &&
      (next.status !== current.status || canonicalJson(next.authors) !== canonicalJson(current.authors))
    ) {
      throw new ApiError(
        'io',
        'the newsroom server cannot be reached; workflow actions wait until it is back',
      );
    }
    const kind = current ? (queued?.kind ?? 'save') : 'create';
    // A story the server has not seen yet reaches it as one create at version 1, however many
    // saves it had here: its version stays 1 meanwhile, so the editor's next save after the
    // drain is based on the version the server holds and is not taken for a stale one.
    const story = kind === 'create' ? Story.parse({ ...next, version: 1 }) : next;
    await enqueue({
      id,
      kind,
      serverBase: current ? (queued?.serverBase ?? current.version) : 0,
      story,
      actor,
      ...(meta.restoredFrom !== undefined ? { restoredFrom: meta.restoredFrom } : {}),
    });
    return structuredClone(story);
  };

  /** Searches run on the server; offline, over the stories this folder keeps (read or queued here). */
  const searchSource = pgSearchSource(pool, () => online, {
    async ids() {
      const ids = new Set(await cache.storedIds());
      for (const entry of outbox.entries) ids.add(entry.id);
      return [...ids];
    },
    async read(id) {
      const queued = outbox.find(id);
      if (queued) return structuredClone(queued.story);
      const copy = cache.copy(id) ?? (await cache.cachedCopy(id));
      if (!copy) throw new ApiError('not-found', `story ${id} is not kept on this workstation`);
      return structuredClone(copy);
    },
  });

  const store: TeamStore = {
    backend: 'postgres',
    root: options.localRoot,
    mode: 'write',
    events,
    pool,
    shared: pgSharedStorage(pool),
    media,
    searchSource: {
      ...searchSource,
      async search(query) {
        try {
          return await searchSource.search(query);
        } catch (error) {
          if (unreachable(error)) setOnline(false, error);
          throw error;
        }
      },
    },
    status,
    drain,
    async listPage(query) {
      if (online) {
        try {
          return await listPageOnServer(pool, query);
        } catch (error) {
          if (!unreachable(error)) throw error;
          setOnline(false, error);
        }
      }
      return { ...pageOfList(keptList(), query), offline: true };
    },
    async count() {
      if (online) {
        try {
          return await countOnServer(pool);
        } catch (error) {
          if (!unreachable(error)) throw error;
          setOnline(false, error);
        }
      }
      return keptList().length;
    },
    async has(id) {
      if (outbox.has(id) || cache.hasCopy(id)) return true;
      if (online) {
        try {
          return await existsOnServer(pool, id);
        } catch (error) {
          if (!unreachable(error)) throw error;
          setOnline(false, error);
        }
      }
      return newest.some((entry) => entry.id === id) || (await keptCopy(id)) !== null;
    },
    get: (id) => readStory(id),
    update: (id, change, meta) => serialized(() => writeStory(id, change, meta)),
    locks: () => readLocks(pool),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      // A drain under way would go on querying the pool this is about to end.
      await draining?.catch(bestEffort(log, '[team] sending the outbox failed while closing'));
      await serialized(async () => undefined);
      cache.saveList();
      await cache.settled();
      await listener.stop();
      await pool.end().catch(bestEffort(log, '[team] could not close the connections'));
    },

    listRevisions: (id): Promise<RevisionInfo[]> => serverRevisions(pool, id),
    getRevision: (id, version) => serverRevision(pool, id, version),
    async compareRevisions(id, from, to): Promise<StoryComparison> {
      return compareStories(await store.getRevision(id, from), await store.getRevision(id, to));
    },
    putRecoveryDraft: (id, baseVersion, draft, author): Promise<RecoveryDraft> =>
      recovery.put(id, baseVersion, draft, author),
    getRecoveryDraft: (id) => recovery.get(id),
    listRecoveryDrafts: (): Promise<RecoveryOffer[]> =>
      recoveryOffers(
        recovery,
        // A story that cannot be read now (offline, not kept here) offers its draft all the same.
        (id) => readStory(id).catch(() => null),
        async (id) => {
          await recovery
            .remove(id)
            .catch(bestEffort(log, `[team] could not forget the saved recovery draft of ${id}`));
          conflicts.delete(id);
        },
      ),
    async settleRecoveryDraft(id, saved) {
      const draft = await recovery.get(id).catch(() => null);
      if (draft && draftMatches(draft.draft, saved)) {
        await recovery.remove(id);
        conflicts.delete(id);
      }
    },
    async discardRecoveryDraft(id) {
      await recovery.discard(id);
      conflicts.delete(id);
    },
    // Kept in the workstation's own journal, like its recovery drafts.
    keepTakenOverDraft: (id, holder, baseVersion, draft, takenOver) =>
      recovery.keepTakenOver(id, holder, baseVersion, draft, takenOver),
    getTakenOverDraft: (id, holder) => recovery.getTakenOver(id, holder),
    listTakenOverDrafts: (holder) => recovery.takenOverOf(holder),
    discardTakenOverDraft: (id, holder) => recovery.discardTakenOver(id, holder),
    quarantined: () => [],
    async rebuildIndex(_options?: LongTaskOptions) {
      await loadNewest();
      return { stories: await countOnServer(pool), quarantined: 0 };
    },
    async repair(_options?: LongTaskOptions): Promise<RepairReport> {
      await loadNewest();
      return {
        stories: await countOnServer(pool),
        quarantined: 0,
        rebuiltFromRevisions: 0,
        orphanRevisionsRemoved: 0,
        snapshotsAdded: 0,
      };
    },
    exclusive: (task) => serialized(task),
    get archive() {
      return store;
    },
  };
  return store;
}
