/**
 * The story store on the newsroom's PostgreSQL server, behind the same `StoryStore` and
 * `StoryArchive` interfaces as the folder store, so the services above do not know which one
 * they use.
 *
 * - Every write goes through the server's checked functions (`create_story`, `save_story`) with
 *   the version it was based on; a story that moved on meanwhile is refused there and surfaces
 *   as the `conflict` ApiError.
 * - The list is a cache of summaries loaded at open and kept current by LISTEN/NOTIFY, because
 *   `list()` is synchronous and must not cost a round trip.
 * - When the server cannot be reached, saves go to a durable outbox in the workstation's folder
 *   and the story's local copy moves on, so editing continues; on reconnect the outbox drains
 *   in order. A queued save that meets a newer server version is never applied silently: the
 *   local text is kept as a recovery draft (offered to the user) and in `team/conflicts/`.
 */
import { EventEmitter } from 'node:events';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { ApiError } from '../../../shared/api/errors';
import { assertSchemaCurrent } from './migrate';
import type { RecoveryOffer, RevisionInfo, StoryComparison } from '../../../shared/story/history';
import { Story, summarize, wrapStrayListItems, type StorySummary } from '../../../shared/story/schema';
import type { StoryLock } from '../../../shared/workflow/model';
import { errorCode, writeFileDurably } from '../store/durable-file';
import { draftMatches, editOf, RecoveryJournal, recoveryOffers, type RecoveryDraft } from '../store/recovery';
import { canonicalJson, compareStories, makeRevision } from '../store/revisions';
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
import { isLoginRefused, isUnreachable, serverError } from '../errors';
import { pgSharedStorage } from './pg-shared';
import { createMediaStore } from '../store/media';
import { pgMediaStore, type TeamMediaStore } from './pg-media';
import { noticeLogger, parseNotice } from './notices';
import { pgSearchSource } from './pg-search';

/** What the store tells the push channel: a story's summary changed, a lock moved, the link went up or down. */
export interface TeamEvents {
  story: [summary: StorySummary];
  lock: [event: { storyId: string; lock: StoryLock | null }];
  workflow: [event: { table: string; storyId: string }];
  /** a shared document (tags, gazetteer, saved searches, channels…) changed on the server */
  shared: [event: { path: string }];
  connection: [state: TeamStatus];
}

export interface TeamStatus {
  online: boolean;
  /** saves waiting in the outbox */
  pending: number;
  /** stories whose queued save met a newer version on the server (kept as recovery drafts) */
  conflicts: string[];
  /**
   * `login` while the server refuses this workstation's login (a wrong kept password): the
   * workstation works offline on its cached copy until the team settings are fixed
   */
  refused?: 'login';
}

interface OutboxEntry {
  seq: number;
  id: string;
  kind: 'create' | 'save';
  /** the server version the first queued save was based on (0 for a create) */
  serverBase: number;
  story: Story;
  actor: string;
  restoredFrom?: number;
}

export interface TeamStoreOptions {
  /** the workstation's own folder: outbox, conflict copies, recovery drafts */
  localRoot: string;
  /** ms between reconnection attempts while offline (default 2000) */
  retryMs?: number;
  /** max pool connections (default 4) */
  poolSize?: number;
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

const OUTBOX = 'team/outbox';
const CONFLICTS = 'team/conflicts';
/** the list and the stories last seen on the server, for a start while it is unreachable */
const CACHE = 'team/cache';
/** how many stories' full copies a workstation keeps in memory */
const COPIES_KEPT = 500;
const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** Runs `query` and turns the server's refusals into ApiErrors. */
async function run<T extends pg.QueryResultRow>(
  pool: pg.Pool | pg.ClientBase,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<T>> {
  try {
    return await pool.query<T>(text, values);
  } catch (error) {
    throw serverError(error);
  }
}

const unreachable = (error: unknown) =>
  isUnreachable(error) ||
  (error instanceof ApiError && error.code === 'io' && /cannot be reached/.test(error.message));

/** How long a workstation whose login was refused waits before trying it again (ms). */
const REFUSED_RETRY_MS = 60_000;

/** Opens the newsroom store: loads the list, starts listening, and resumes a waiting outbox. */
export async function openTeamStore(
  connection: TeamConnection,
  options: TeamStoreOptions,
): Promise<TeamStore> {
  const pool = new pg.Pool({ ...clientConfig(connection), max: options.poolSize ?? 4 });
  // An idle connection dropped by the server must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  const events = new EventEmitter<TeamEvents>();
  const summaries = new Map<string, StorySummary>();
  let sorted: StorySummary[] | null = null;
  /**
   * Full copies of the stories read or saved most recently: what a reopened story or a search
   * page shown again is answered from, and what offline editing continues from. Bounded (least
   * recently used leaves first): every copy is also in the cache folder (`keepCopy`), and a
   * queued save keeps its own story in the outbox.
   */
  const copies = new Map<string, Story>();
  const keepInMemory = (story: Story) => {
    copies.delete(story.id);
    copies.set(story.id, story);
    if (copies.size > COPIES_KEPT) copies.delete(copies.keys().next().value!);
  };
  const recovery = new RecoveryJournal(options.localRoot);
  const outbox: OutboxEntry[] = [];
  const conflicts = new Set<string>();
  let seq = 0;
  let online = false;
  let closed = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const actorDefault = connection.user ?? 'editor';

  await mkdir(join(options.localRoot, OUTBOX), { recursive: true });
  await mkdir(join(options.localRoot, CONFLICTS), { recursive: true });
  await mkdir(join(options.localRoot, CACHE, 'stories'), { recursive: true });

  // The local cache: best effort (a failed write costs only an offline start), written in order.
  let caching: Promise<unknown> = Promise.resolve();
  const cache = (task: () => Promise<unknown>) => {
    caching = caching.then(task).catch(() => undefined);
  };
  const listCache = join(options.localRoot, CACHE, 'list.json');
  const copyFile = (id: string) => join(options.localRoot, CACHE, 'stories', `${id}.json`);
  /** versions of the stories whose copy is in the cache folder */
  const cachedVersions = new Map<string, number>();
  const keepCopy = (story: Story) => {
    if (!SAFE_ID.test(story.id) || cachedVersions.get(story.id) === story.version) return;
    cachedVersions.set(story.id, story.version);
    cache(() => writeFileDurably(copyFile(story.id), JSON.stringify(story)));
  };
  /** the list's cache follows changes a little later (one write for a burst), and at close */
  let listTimer: NodeJS.Timeout | null = null;
  const saveList = () => {
    if (listTimer) clearTimeout(listTimer);
    listTimer = null;
    const snapshot = [...summaries.values()];
    cache(() => writeFileDurably(listCache, JSON.stringify(snapshot)));
  };
  const saveListSoon = () => {
    if (listTimer || closed) return;
    listTimer = setTimeout(saveList, 2000);
    listTimer.unref?.();
  };
  const cachedCopy = async (id: string): Promise<Story | null> => {
    if (!SAFE_ID.test(id)) return null;
    await caching;
    try {
      const parsed = Story.safeParse(wrapStrayListItems(JSON.parse(await readFile(copyFile(id), 'utf8'))));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
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

  const remember = (summary: StorySummary) => {
    summaries.set(summary.id, summary);
    sorted = null;
    events.emit('story', summary);
    saveListSoon();
  };

  const loadList = async () => {
    const result = await run<{ summary: StorySummary }>(pool, 'SELECT summary FROM mihbara.stories');
    summaries.clear();
    for (const row of result.rows) summaries.set(row.summary.id, row.summary);
    saveList();
    // Queued saves are newer than the server's copy.
    for (const entry of outbox) summaries.set(entry.id, summarize(entry.story));
    sorted = null;
  };

  const listen = async () => {
    const client = new pg.Client(clientConfig(connection));
    client.on('error', () => undefined);
    client.on('end', () => {
      if (listener === client) listener = null;
      if (!closed) setOnline(false);
    });
    await client.connect();
    client.on('notification', (message) => {
      const notice = parseNotice(message.channel, message.payload);
      if ('refused' in notice) return logRefusedNotice(notice.refused);
      // A notice only says what changed; what it changed to is read from the server.
      if (notice.channel === 'mihbara_stories') void onStoryNotice(notice);
      else if (notice.channel === 'mihbara_locks') void onLockNotice(notice.storyId);
      else if (notice.channel === 'mihbara_workflow')
        events.emit('workflow', { table: notice.table, storyId: notice.storyId });
      else events.emit('shared', { path: notice.path });
    });
    await client.query(
      'LISTEN mihbara_stories; LISTEN mihbara_locks; LISTEN mihbara_workflow; LISTEN mihbara_shared',
    );
    listener = client;
  };

  const logRefusedNotice = noticeLogger();

  const onStoryNotice = async (notice: { id: string; version?: number }) => {
    // Our own save comes back too: keep the copy it left unless someone wrote a newer version.
    if ((copies.get(notice.id)?.version ?? 0) < (notice.version ?? Infinity)) copies.delete(notice.id);
    if (outbox.some((entry) => entry.id === notice.id)) return;
    // Already known at this version (our own save coming back): nothing to ask the server.
    const known = summaries.get(notice.id)?.version;
    if (known !== undefined && notice.version !== undefined && known >= notice.version) return;
    const result = await run<{ summary: StorySummary }>(
      pool,
      'SELECT summary FROM mihbara.stories WHERE id = $1',
      [notice.id],
    ).catch(() => null);
    const summary = result?.rows[0]?.summary;
    if (summary) remember(summary);
  };

  const onLockNotice = async (storyId: string) => {
    const rows = await readLocks(storyId).catch(() => null);
    if (rows) events.emit('lock', { storyId, lock: rows[0] ?? null });
  };

  /** The active locks on the server (one story's when `storyId` is given). */
  const readLocks = async (storyId?: string): Promise<StoryLock[]> => {
    const result = await run<{
      story_id: string;
      holder: string;
      holder_name: string;
      since: Date;
      touched_at: Date;
      expires_at: Date;
    }>(
      pool,
      'SELECT story_id, holder, holder_name, since, touched_at, expires_at FROM mihbara.locks' +
        (storyId ? ' WHERE story_id = $1' : ''),
      storyId ? [storyId] : [],
    );
    // Row-level security already hides expired locks.
    return result.rows.map((row) => ({
      storyId: row.story_id,
      holder: row.holder,
      holderName: row.holder_name,
      since: row.since.toISOString(),
      touchedAt: row.touched_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
    }));
  };

  const outboxFile = (entry: Pick<OutboxEntry, 'seq' | 'id'>) =>
    join(options.localRoot, OUTBOX, `${String(entry.seq).padStart(10, '0')}-${entry.id}.json`);

  const loadOutbox = async () => {
    for (const name of (await readdir(join(options.localRoot, OUTBOX))).sort()) {
      if (!name.endsWith('.json')) continue;
      try {
        const entry = JSON.parse(
          await readFile(join(options.localRoot, OUTBOX, name), 'utf8'),
        ) as OutboxEntry;
        entry.story = Story.parse(entry.story);
        outbox.push(entry);
        seq = Math.max(seq, entry.seq);
        keepInMemory(entry.story);
      } catch {
        // A file cut short by a crash while it was being written; the save before it is intact.
      }
    }
  };

  /** Queues a save durably; a later save of the same story replaces it (keeping the server base). */
  const enqueue = async (entry: Omit<OutboxEntry, 'seq'>) => {
    const previous = outbox.find((item) => item.id === entry.id);
    seq += 1;
    const next: OutboxEntry = previous
      ? { ...entry, seq, kind: previous.kind, serverBase: previous.serverBase }
      : { ...entry, seq };
    await writeFileDurably(outboxFile(next), JSON.stringify(next));
    if (previous) {
      outbox.splice(outbox.indexOf(previous), 1);
      await unlink(outboxFile(previous)).catch(() => undefined);
    }
    outbox.push(next);
    keepInMemory(next.story);
    remember(summarize(next.story));
    events.emit('connection', status());
  };

  const sameText = (a: Story, b: Story) =>
    canonicalJson({ ...a, version: 0, updatedAt: '' }) === canonicalJson({ ...b, version: 0, updatedAt: '' });

  /** Sends one queued save; a newer server version keeps both texts and asks the user. */
  const send = async (entry: OutboxEntry) => {
    const server = await run<{ doc: Story }>(pool, 'SELECT doc FROM mihbara.stories WHERE id = $1', [
      entry.id,
    ]);
    const current = server.rows[0]?.doc;
    if (entry.kind === 'create' && !current) {
      await run(pool, 'SELECT mihbara.create_story($1)', [{ ...entry.story, version: 1 }]);
      return { ...entry.story, version: 1 };
    }
    // Already there (a crash after the server committed but before the outbox file was removed).
    if (current && sameText(current, entry.story)) return current;
    if (current && current.version === entry.serverBase) {
      const doc: Story = { ...entry.story, version: entry.serverBase + 1 };
      await run(pool, 'SELECT mihbara.save_story($1, $2, $3, $4)', [
        entry.id,
        entry.serverBase,
        doc,
        entry.restoredFrom ?? null,
      ]);
      return doc;
    }
    // Someone saved in the meantime: nothing is merged silently.
    const at = new Date().toISOString();
    conflicts.add(entry.id);
    await writeFileDurably(
      join(options.localRoot, CONFLICTS, `${entry.id}-${at.replace(/[:.]/g, '-')}.json`),
      JSON.stringify(
        { storyId: entry.id, at, serverVersion: current?.version ?? null, local: entry.story },
        null,
        2,
      ),
    );
    // The local text, every field an editor edits (the schema's list), kept as a recovery draft.
    const edit = editOf(entry.story);
    await recovery.put(entry.id, current?.version ?? entry.serverBase, edit);
    return current ?? null;
  };

  let draining: Promise<TeamStatus> | null = null;
  const drain = (): Promise<TeamStatus> => {
    draining ??= (async () => {
      try {
        // Images first: a story that reaches other workstations finds its images there.
        await media.flush();
        while (outbox.length > 0) {
          const entry = outbox[0]!;
          let result: Story | null;
          try {
            result = await send(entry);
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
          outbox.shift();
          await unlink(outboxFile(entry)).catch((error: unknown) => {
            if (errorCode(error) !== 'ENOENT') throw error;
          });
          copies.delete(entry.id);
          if (result) remember(summarize(result));
        }
        if (!listener) await listen();
        await loadList();
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

  await loadOutbox();
  try {
    // A server with an older schema than this Mihbara's is refused now, with what to do.
    await assertSchemaCurrent(pool);
    await listen();
    await loadList();
    online = true;
    if (outbox.length || (await media.pending()).length) await drain();
  } catch (error) {
    if (!unreachable(error)) {
      await pool.end().catch(() => undefined);
      throw serverError(error);
    }
    // Opened offline: the list as last seen on the server, and the queued stories over it, until
    // the server answers.
    try {
      for (const summary of JSON.parse(await readFile(listCache, 'utf8')) as StorySummary[])
        summaries.set(summary.id, summary);
    } catch {
      // Never connected from this folder (or the cache was cut short): the queued stories only.
    }
    for (const entry of outbox) summaries.set(entry.id, summarize(entry.story));
    online = false;
    refusedLogin = isLoginRefused(error);
    scheduleRetry();
  }

  /**
   * Reads of stories asked for in the same turn go to the server as one query: the search index
   * reads many stories at once (sixteen at a time), and one round trip each would dominate.
   */
  type Waiter = { resolve: (doc: unknown) => void; reject: (error: unknown) => void };
  let batch: Map<string, Waiter[]> | null = null;
  const flushBatch = async (ids: Map<string, Waiter[]>) => {
    try {
      const result = await run<{ id: string; doc: unknown }>(
        pool,
        'SELECT id, doc FROM mihbara.stories WHERE id = ANY($1)',
        [[...ids.keys()]],
      );
      const docs = new Map(result.rows.map((row) => [row.id, row.doc]));
      for (const [id, waiters] of ids) for (const waiter of waiters) waiter.resolve(docs.get(id));
    } catch (error) {
      for (const waiters of ids.values()) for (const waiter of waiters) waiter.reject(error);
    }
  };
  const fetchDoc = (id: string) =>
    new Promise<unknown>((resolve, reject) => {
      if (!batch || batch.size >= 500) {
        const next = new Map<string, Waiter[]>();
        batch = next;
        setImmediate(() => {
          if (batch === next) batch = null;
          void flushBatch(next);
        });
      }
      const waiters = batch.get(id) ?? [];
      waiters.push({ resolve, reject });
      batch.set(id, waiters);
    });

  const readStory = async (id: string): Promise<Story> => {
    const queued = outbox.find((entry) => entry.id === id);
    if (queued) return structuredClone(queued.story);
    // The copy read earlier is current while the list (kept by NOTIFY) has the same version:
    // search results shown again, or a story reopened, need no round trip and no parse.
    const known = copies.get(id);
    if (known && online && summaries.get(id)?.version === known.version) {
      keepInMemory(known);
      return structuredClone(known);
    }
    try {
      const doc = await fetchDoc(id);
      setOnline(true);
      if (doc === undefined) throw new ApiError('not-found', `no story with id ${id}`);
      const parsed = Story.safeParse(wrapStrayListItems(doc));
      if (!parsed.success)
        throw new ApiError('store-damaged', `story ${id} on the server is not a valid story`);
      keepInMemory(parsed.data);
      keepCopy(parsed.data);
      return structuredClone(parsed.data);
    } catch (error) {
      if (!unreachable(error)) throw error;
      setOnline(false, error);
      const copy = copies.get(id) ?? (await cachedCopy(id));
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
    const queued = outbox.find((entry) => entry.id === id);
    let current: Story | undefined;
    if (queued) current = queued.story;
    else if (!online && !summaries.has(id) && !copies.has(id)) {
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
        keepInMemory(next);
        keepCopy(next);
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

  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  };

  const revisionRows = async (id: string) =>
    (
      await run<{ version: number; at: Date; actor: string; restored_from: number | null; doc: Story }>(
        pool,
        'SELECT version, at, actor, restored_from, doc FROM mihbara.revisions WHERE story_id = $1 ORDER BY version',
        [id],
      )
    ).rows;

  /** Searches run on the server; offline, over the stories this folder keeps (read or queued here). */
  const searchSource = pgSearchSource(pool, () => online, {
    async ids() {
      await caching;
      const names = await readdir(join(options.localRoot, CACHE, 'stories')).catch(() => [] as string[]);
      const ids = new Set(names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5)));
      for (const entry of outbox) ids.add(entry.id);
      return [...ids];
    },
    async read(id) {
      const queued = outbox.find((entry) => entry.id === id);
      if (queued) return structuredClone(queued.story);
      const copy = copies.get(id) ?? (await cachedCopy(id));
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
    list() {
      sorted ??= [...summaries.values()].sort((a, b) =>
        a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0,
      );
      return sorted;
    },
    count: () => summaries.size,
    has: (id) => summaries.has(id),
    get: (id) => readStory(id),
    update: (id, change, meta) => serialized(() => writeStory(id, change, meta)),
    locks: () => readLocks(),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      // A drain under way would go on querying the pool this is about to end.
      await draining?.catch(() => undefined);
      await queue.catch(() => undefined);
      saveList();
      await caching;
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },

    async listRevisions(id): Promise<RevisionInfo[]> {
      const rows = await revisionRows(id);
      return rows.map((row, index) => {
        const previous = index > 0 ? Story.parse(rows[index - 1]!.doc) : undefined;
        const revision = makeRevision(previous, Story.parse(row.doc), undefined, {
          at: row.at.toISOString(),
          actor: row.actor,
        });
        return {
          version: row.version,
          at: row.at.toISOString(),
          actor: row.actor,
          change: revision.change,
          ...(row.restored_from !== null ? { restoredFrom: row.restored_from } : {}),
          kind: 'snapshot' as const,
        };
      });
    },
    async getRevision(id, version) {
      const result = await run<{ doc: unknown }>(
        pool,
        'SELECT doc FROM mihbara.revisions WHERE story_id = $1 AND version = $2',
        [id, version],
      );
      if (!result.rows[0]) throw new ApiError('not-found', `story ${id} has no revision ${version}`);
      return Story.parse(result.rows[0].doc);
    },
    async compareRevisions(id, from, to): Promise<StoryComparison> {
      return compareStories(await store.getRevision(id, from), await store.getRevision(id, to));
    },
    putRecoveryDraft: (id, baseVersion, draft): Promise<RecoveryDraft> =>
      recovery.put(id, baseVersion, draft),
    getRecoveryDraft: (id) => recovery.get(id),
    listRecoveryDrafts: (): Promise<RecoveryOffer[]> =>
      recoveryOffers(
        recovery,
        (id) => readStory(id).catch(() => null),
        async (id) => {
          await recovery.remove(id).catch(() => undefined);
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
    quarantined: () => [],
    async rebuildIndex(_options?: LongTaskOptions) {
      await loadList();
      return { stories: summaries.size, quarantined: 0 };
    },
    async repair(_options?: LongTaskOptions): Promise<RepairReport> {
      await loadList();
      return {
        stories: summaries.size,
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
