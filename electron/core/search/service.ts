/**
 * Search as the API sees it. The index lives in a worker (see client.ts); this side keeps it in
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
import type { PoolConfig } from 'pg';
import type { LongTaskOptions, StoryStore } from '../store/types';
import { stem, words } from './analyze';
import { inlineBackend, workerBackend, type SearchBackend } from './client';
import type { SearchFilters as EngineFilters } from './engine';
import { highlightsIn, queryForms, snippetOf } from './snippets';

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

export function createSearchService(store: StoryStore, options: SearchServiceOptions = {}): SearchService {
  const now = options.now ?? (() => new Date());
  const onDisk = isAbsolute(store.root) && existsSync(store.root) && !options.inline;
  const indexFile = onDisk ? join(store.root, INDEX_FILE) : null;
  // A backend that keeps the stories itself (team mode: the server) has no story files for the
  // worker to read: its stories come through the store, into this workstation's own index.
  // Team mode: the worker reads the server's stories on its own connection (team/pg-reader.ts).
  const server =
    'searchConnection' in store
      ? (store as { searchConnection(): PoolConfig }).searchConnection()
      : undefined;
  const backend: SearchBackend =
    onDisk && server
      ? workerBackend({ root: null, indexFile, server })
      : onDisk && !store.shared
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
    persistTimer = setTimeout(() => void persist().catch(() => undefined), PERSIST_DELAY_MS);
    persistTimer.unref?.();
  };

  /** re-reads stories whose version differs from the index's, drops those gone from the store */
  const sync = async () => {
    const stale: string[] = [];
    const listed = store.list();
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
      // A story without a desk of its own may have one in the list (a team server's row): look
      // up only those, not the whole list, on every query.
      const deskless = new Set(stories.flatMap((story) => (story && !story.desk ? [story.id] : [])));
      const listedDesk = new Map<string, string | undefined>();
      if (deskless.size > 0)
        for (const summary of store.list())
          if (deskless.has(summary.id)) listedDesk.set(summary.id, summary.desk);
      const hits = result.hits.map(({ id, score }, at) => {
        const story = stories[at];
        if (!story) return null;
        const text = [story.subheadline, bodyToText(story.body)].filter(Boolean).join(' — ');
        return {
          id,
          headline: story.headline,
          headlineHighlights: highlightsIn(story.headline, forms),
          byline: story.byline,
          status: story.status,
          desk: story.desk ?? listedDesk.get(id),
          language: story.language,
          updatedAt: story.updatedAt,
          score,
          snippet: snippetOf(text, forms),
        };
      });
      return { total: result.total, hits: hits.filter((hit) => hit !== null) };
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
      const out: SimilarStory[] = [];
      for (const hit of candidates.hits) {
        if (hit.id === id) continue;
        const story = await store.get(hit.id).catch(() => null);
        if (!story) continue;
        const score = similarity(text, `${story.headline} ${leadOf(story)}`);
        if (score >= DUPLICATE_THRESHOLD) {
          out.push({ id: story.id, headline: story.headline, updatedAt: story.updatedAt, similarity: score });
        }
      }
      return out.sort((a, b) => b.similarity - a.similarity).slice(0, 3);
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
      const ids = store.list().map((summary) => summary.id);
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
      if (readyPromise && writable && indexFile) await persist().catch(() => undefined);
      await backend.close();
    },
  };
}
