/**
 * Search as the API sees it. A store that searches its stories itself (team mode: the newsroom's
 * server, `StoryStore.searchSource`) answers every query, and the workstation keeps no index of
 * the archive. Otherwise the index lives in a worker (see client.ts); this side keeps it in
 * step with the store and turns engine hits into what the story list shows (headline, status,
 * highlighted snippet).
 *
 * Keeping in step: every save through the story service is sent at once (`storySaved`); before
 * a query, stories whose version in the store differs from the indexed one (changed by another
 * path, such as a workflow transition, or while the app was closed) are re-read by the worker.
 * The index is persisted a few seconds after the last change and on close, so the next start
 * reads it instead of every story.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { assertMayWrite } from '../store/writer-gate';
import { bodyToText } from '../../../shared/format/body-to-html';
import {
  SearchRequest,
  type SearchFilters,
  type SearchResponse,
  type SimilarStory,
} from '../../../shared/search/api';
import type { Story } from '../../../shared/story/schema';
import type { LongTaskOptions, SourceHit, SourceQuery, StorySearchSource, StoryStore } from '../store/types';
import { stem, words } from './analyze';
import { inlineBackend, workerBackend, type SearchBackend } from './client';
import type { SearchFilters as EngineFilters } from './engine';
import { highlightsIn, queryForms, snippetOf } from './snippets';
import { bestEffort, consoleLogger, type Logger } from '../log';

export const INDEX_FILE = join('search', 'index.bin');
/** Quiet time after the last change before the index is written to disk. */
const PERSIST_DELAY_MS = 5_000;
/** Stories read per step of a rebuild: between steps it reports progress and checks for a cancel. */
const REBUILD_BATCH = 200;
/** How far back a new story is compared for duplicates. */
export const DUPLICATE_WINDOW_DAYS = 3;
/** Share of headline-and-lead words in common from which two stories count as the same story. */
export const DUPLICATE_THRESHOLD = 0.6;

export interface SearchService {
  /** loads the persisted index and brings it up to date with the store */
  ready(): Promise<void>;
  /** a story was saved: index its new version */
  storySaved(story: Story): void;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** recent stories whose headline and lead closely match these (the duplicate warning) */
  similar(input: { id?: string; headline: string; lead: string }): Promise<SimilarStory[]>;
  idsWithTag(tag: string): Promise<string[]>;
  tagCounts(): Promise<{ name: string; count: number }[]>;
  stats(): Promise<{ stories: number; deadSlots: number; heapUsed: number }>;
  /**
   * Builds the index again from every story file, beside the live one: searches keep using the
   * old index until the new one is complete, and a cancel (`signal`) simply drops the new one.
   */
  rebuild(options?: LongTaskOptions): Promise<{ stories: number; failed: number }>;
  /** writes the index and stops the worker */
  close(): Promise<void>;
}

export interface SearchServiceOptions {
  /** run the index in this thread (tests); default: a worker when the store has a folder */
  inline?: boolean;
  now?: () => Date;
  /** where a failed write of the index is said (default: stderr) */
  log?: Logger;
}

function dayBound(value: string | undefined, end: boolean): number | undefined {
  if (!value) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const at = Date.parse(day ? `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : value);
  if (Number.isNaN(at)) throw new ApiError('invalid-request', `not a date: ${value}`);
  return at;
}

function engineFilters(filters: SearchFilters): EngineFilters {
  return {
    status: filters.status,
    author: filters.author?.trim() || undefined,
    desk: filters.desk?.trim() || undefined,
    tag: filters.tag?.trim() || undefined,
    subject: filters.subject,
    from: dayBound(filters.from, false),
    to: dayBound(filters.to, true),
  };
}

/** The first paragraph with text: the lead the duplicate warning compares. */
export function leadOf(story: Pick<Story, 'body'>): string {
  for (const block of story.body) {
    const text = bodyToText([block]).trim();
    if (text) return text;
  }
  return '';
}

/** The stems of a text's words, as a set (word order and prefixes do not matter). */
function stems(text: string): Set<string> {
  return new Set(words(text).map((word) => stem(word.norm)));
}

/** Overlap of two stem sets: shared words over the smaller set (a short lead still counts). */
export function similarity(a: string, b: string): number {
  const left = stems(a);
  const right = stems(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

/** A result row of the story list, from a story read in full (the local engine's hits). */
function hitOfStory(story: Story, score: number, forms: Set<string>, desk: string | undefined) {
  const text = [story.subheadline, bodyToText(story.body)].filter(Boolean).join(' — ');
  return {
    id: story.id,
    headline: story.headline,
    headlineHighlights: highlightsIn(story.headline, forms),
    byline: story.byline,
    status: story.status,
    desk: story.desk ?? desk,
    language: story.language,
    updatedAt: story.updatedAt,
    score,
    snippet: snippetOf(text, forms),
  };
}

/** A result row from a search source's hit: highlights found here, as for the local engine. */
function hitOfSource(hit: SourceHit, forms: Set<string>): SearchResponse['hits'][number] {
  return {
    id: hit.id,
    headline: hit.headline,
    headlineHighlights: highlightsIn(hit.headline, forms),
    byline: hit.byline,
    status: hit.status as Story['status'],
    ...(hit.desk ? { desk: hit.desk } : {}),
    language: hit.language,
    updatedAt: hit.updatedAt,
    score: hit.score,
    snippet: snippetOf(hit.text, forms, { start: hit.clippedStart, end: hit.clippedEnd }),
  };
}

function sourceQuery(request: ReturnType<typeof SearchRequest.parse>): SourceQuery {
  return {
    text: request.query,
    filters: engineFilters(request.filters),
    sort: request.sort,
    mode: 'all',
    offset: request.offset,
    limit: request.limit,
  };
}

/** One search answered by a search source (the team server), as the API answers it. */
export async function searchWithSource(
  source: Pick<StorySearchSource, 'search'>,
  raw: SearchRequest,
): Promise<SearchResponse> {
  const request = SearchRequest.parse(raw);
  const forms = queryForms(request.query);
  const result = await source.search(sourceQuery(request));
  return {
    total: result.total,
    ...(result.totalAtLeast ? { totalAtLeast: true } : {}),
    hits: result.hits.map((hit) => hitOfSource(hit, forms)),
  };
}

/** Whether an error says the backend cannot be reached (rather than refusing the query). */
const unreachable = (error: unknown) =>
  error instanceof ApiError && error.code === 'io' && /cannot be reached|refused/.test(error.message);

export function createSearchService(store: StoryStore, options: SearchServiceOptions = {}): SearchService {
  if (store.searchSource) return sourceSearchService(store, store.searchSource, options);
  return localSearchService(store, options);
}

/**
 * Search through a backend that answers queries itself (team mode: the newsroom's server). The
 * workstation builds no index of the archive; while the server is away, the stories kept on the
 * workstation are indexed here (a few hundred at most) and the answer says it covers only them.
 */
function sourceSearchService(
  store: StoryStore,
  source: StorySearchSource,
  options: SearchServiceOptions,
): SearchService {
  const now = options.now ?? (() => new Date());
  /** the cached stories' index, made at the first query the server cannot answer */
  let offline: { backend: SearchBackend; indexed: Set<string> } | null = null;
  let closed = false;

  const offlineIndex = async () => {
    offline ??= {
      backend: inlineBackend({ root: null, indexFile: null, readStory: (id) => source.offline.read(id) }),
      indexed: new Set(),
    };
    const fresh = (await source.offline.ids()).filter((id) => !offline!.indexed.has(id));
    if (fresh.length) {
      const { failed } = await offline.backend.call({ op: 'read', ids: fresh });
      const skipped = new Set(failed);
      for (const id of fresh) if (!skipped.has(id)) offline.indexed.add(id);
    }
    return offline.backend;
  };

  /** `server` with the backend; on a lost connection, `cached` over the workstation's stories */
  const either = async <T>(server: () => Promise<T>, cached: () => Promise<T>): Promise<T> => {
    if (source.online()) {
      try {
        return await server();
      } catch (error) {
        if (!unreachable(error)) throw error;
      }
    }
    return cached();
  };

  return {
    ready: async () => undefined,

    storySaved(story) {
      if (closed || !offline) return;
      offline.indexed.add(story.id);
      void offline.backend
        .call({ op: 'put', stories: [story] })
        .catch(() => offline?.indexed.delete(story.id));
    },

    async search(raw) {
      const request = SearchRequest.parse(raw);
      const forms = queryForms(request.query);
      const query = sourceQuery(request);
      return either(
        () => searchWithSource(source, request),
        async () => {
          const backend = await offlineIndex();
          const result = await backend.call({ op: 'search', query });
          const stories = await Promise.all(
            result.hits.map(({ id }) => source.offline.read(id).catch(() => null)),
          );
          const hits = result.hits.flatMap(({ score }, at) => {
            const story = stories[at];
            return story ? [hitOfStory(story, score, forms, undefined)] : [];
          });
          return { total: result.total, hits, scope: 'cached' as const };
        },
      );
    },

    async similar({ id, headline, lead }) {
      const text = `${headline} ${lead}`;
      if (words(text).length < 3) return [];
      const from = now().getTime() - DUPLICATE_WINDOW_DAYS * 24 * 3600 * 1000;
      const query = {
        text,
        mode: 'any' as const,
        filters: { from },
        sort: 'relevance' as const,
        offset: 0,
        limit: 10,
      };
      const ids = await either(
        async () => (await source.search(query)).hits.map((hit) => hit.id),
        async () => (await (await offlineIndex()).call({ op: 'search', query })).hits.map((hit) => hit.id),
      );
      return similarAmong(ids, id, text, (storyId) => store.get(storyId));
    },

    idsWithTag: (tag) =>
      either(
        () => source.idsWithTag(tag),
        async () => (await offlineIndex()).call({ op: 'idsWithTag', tag }),
      ),

    tagCounts: () =>
      either(
        () => source.tagCounts(),
        async () => (await offlineIndex()).call({ op: 'tagCounts' }),
      ),

    async stats() {
      if (!offline) return { stories: 0, deadSlots: 0, heapUsed: process.memoryUsage().heapUsed };
      return offline.backend.call({ op: 'stats' });
    },

    // The server keeps its own index current on every save: there is nothing to build here.
    rebuild: async () => ({ stories: await store.count(), failed: 0 }),

    async close() {
      closed = true;
      await offline?.backend.close();
    },
  };
}

/** Candidates of the duplicate warning, kept when their headline and lead are close enough. */
async function similarAmong(
  ids: string[],
  self: string | undefined,
  text: string,
  read: (id: string) => Promise<Story>,
): Promise<SimilarStory[]> {
  const out: SimilarStory[] = [];
  for (const candidate of ids) {
    if (candidate === self) continue;
    const story = await read(candidate).catch(() => null);
    if (!story) continue;
    const score = similarity(text, `${story.headline} ${leadOf(story)}`);
    if (score >= DUPLICATE_THRESHOLD) {
      out.push({ id: story.id, headline: story.headline, updatedAt: story.updatedAt, similarity: score });
    }
  }
  return out.sort((a, b) => b.similarity - a.similarity).slice(0, 3);
}

const PERSIST_FAILED = '[search] could not write the index (it is rebuilt at the next start)';

/** The local engine, in a worker for a store on disk, in this thread otherwise. */
function localSearchService(store: StoryStore, options: SearchServiceOptions): SearchService {
  // The local engine indexes every story, so it needs the whole list in memory: a backend that
  // keeps none answers searches itself (`searchSource`).
  const listAll = store.list?.bind(store);
  if (!listAll) throw new Error('a store without its list in memory must answer searches itself');
  const now = options.now ?? (() => new Date());
  const log = options.log ?? consoleLogger;
  const onDisk = isAbsolute(store.root) && existsSync(store.root) && !options.inline;
  const indexFile = onDisk ? join(store.root, INDEX_FILE) : null;
  const backend: SearchBackend =
    onDisk && !store.shared
      ? workerBackend({ root: store.root, indexFile })
      : inlineBackend({ root: null, indexFile, readStory: (id) => store.get(id) });
  const writable = store.mode === 'write';
  /** id → version the index holds (or has been sent) */
  const indexed = new Map<string, number>();
  let readyPromise: Promise<void> | null = null;
  let persistTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  /** Writes the index file, through the store's writer gate (a read-only or superseded process does not). */
  const persist = async () => {
    if (!indexFile) return;
    await assertMayWrite(indexFile);
    await backend.call({ op: 'persist' });
  };
  const schedulePersist = () => {
    if (!writable || !indexFile || closed) return;
    clearTimeout(persistTimer);
    persistTimer = setTimeout(() => void persist().catch(bestEffort(log, PERSIST_FAILED)), PERSIST_DELAY_MS);
    persistTimer.unref?.();
  };

  /** re-reads stories whose version differs from the index's, drops those gone from the store */
  const sync = async () => {
    const stale: string[] = [];
    const listed = listAll();
    for (const summary of listed) {
      if (indexed.get(summary.id) !== summary.version) {
        stale.push(summary.id);
        indexed.set(summary.id, summary.version);
      }
    }
    // Every listed story is indexed now; more indexed than listed means some left the store.
    // Only then is the set of listed ids built (this runs before every query).
    let gone: string[] = [];
    if (indexed.size > listed.length) {
      const present = new Set(listed.map((summary) => summary.id));
      gone = [...indexed.keys()].filter((id) => !present.has(id));
    }
    for (const id of gone) indexed.delete(id);
    if (gone.length) await backend.call({ op: 'remove', ids: gone });
    if (stale.length) {
      const { failed } = await backend.call({ op: 'read', ids: stale });
      // Unreadable now; try again at a later sync.
      for (const id of failed) indexed.delete(id);
    }
    if (gone.length || stale.length) schedulePersist();
  };

  const ready = () => {
    readyPromise ??= (async () => {
      for (const [id, version] of await backend.call({ op: 'load' })) indexed.set(id, version);
      await sync();
    })();
    return readyPromise;
  };

  const upToDate = async () => {
    await ready();
    // Comparing versions from the store's in-memory index costs about a millisecond per 50,000 stories.
    await sync();
  };

  return {
    ready,

    storySaved(story) {
      if (closed) return;
      indexed.set(story.id, story.version);
      void backend.call({ op: 'put', stories: [story] }).catch(() => indexed.delete(story.id));
      schedulePersist();
    },

    async search(raw) {
      const request = SearchRequest.parse(raw);
      await upToDate();
      const result = await backend.call({
        op: 'search',
        query: {
          text: request.query,
          filters: engineFilters(request.filters),
          sort: request.sort,
          offset: request.offset,
          limit: request.limit,
        },
      });
      const forms = queryForms(request.query);
      const stories = await Promise.all(result.hits.map(({ id }) => store.get(id).catch(() => null)));
      // A story without a desk of its own may have one in the list: look up only those, not
      // the whole list, on every query.
      const deskless = new Set(stories.flatMap((story) => (story && !story.desk ? [story.id] : [])));
      const listedDesk = new Map<string, string | undefined>();
      if (deskless.size > 0)
        for (const summary of listAll())
          if (deskless.has(summary.id)) listedDesk.set(summary.id, summary.desk);
      const hits = result.hits.flatMap(({ id, score }, at) => {
        const story = stories[at];
        return story ? [hitOfStory(story, score, forms, listedDesk.get(id))] : [];
      });
      return { total: result.total, hits };
    },

    async similar({ id, headline, lead }) {
      const text = `${headline} ${lead}`;
      if (words(text).length < 3) return [];
      await upToDate();
      const from = now().getTime() - DUPLICATE_WINDOW_DAYS * 24 * 3600 * 1000;
      const candidates = await backend.call({
        op: 'search',
        query: { text, mode: 'any', filters: { from }, limit: 10 },
      });
      return similarAmong(
        candidates.hits.map((hit) => hit.id),
        id,
        text,
        (storyId) => store.get(storyId),
      );
    },

    async idsWithTag(tag) {
      await upToDate();
      return backend.call({ op: 'idsWithTag', tag });
    },

    async tagCounts() {
      await upToDate();
      return backend.call({ op: 'tagCounts' });
    },

    async stats() {
      await ready();
      return backend.call({ op: 'stats' });
    },

    async rebuild({ signal, onProgress } = {}) {
      // A rebuild exists to be written: refused up front where the index cannot be.
      if (indexFile) await assertMayWrite(indexFile);
      await ready();
      signal?.throwIfAborted();
      const ids = listAll().map((summary) => summary.id);
      onProgress?.({ phase: 'read', done: 0, total: ids.length });
      await backend.call({ op: 'rebuildStart' });
      let failed = 0;
      try {
        for (let at = 0; at < ids.length; at += REBUILD_BATCH) {
          signal?.throwIfAborted();
          const batch = ids.slice(at, at + REBUILD_BATCH);
          failed += (await backend.call({ op: 'rebuildRead', ids: batch })).failed.length;
          onProgress?.({ phase: 'read', done: at + batch.length, total: ids.length });
        }
        signal?.throwIfAborted();
      } catch (error) {
        // The rebuild's own failure is thrown below; dropping its half-made index cannot fail worse.
        // eslint-disable-next-line no-restricted-syntax -- see above
        await backend.call({ op: 'rebuildFinish', commit: false }).catch(() => undefined);
        throw error;
      }
      const versions = await backend.call({ op: 'rebuildFinish', commit: true });
      indexed.clear();
      for (const [id, version] of versions) indexed.set(id, version);
      // Saves made during the rebuild went to both indexes; anything else changed meanwhile is read now.
      await sync();
      if (writable && indexFile) await persist();
      return { stories: versions.length, failed };
    },

    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(persistTimer);
      if (readyPromise && writable && indexFile) await persist().catch(bestEffort(log, PERSIST_FAILED));
      await backend.close();
    },
  };
}
