/**
 * The search index's side of the worker protocol: it owns the engine, reads stories it is told
 * to (re)index, answers queries and persists the index. It runs inside the search worker; tests
 * and stores without a folder run it in-process through the same messages.
 */
import { mkdir, readFile, rename, writeFile, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Story } from '../../../shared/story/schema';
import { parseJsonBytes } from '../store/durable-file';
import { STORIES_DIR } from '../store/journal';
import { SearchEngine, type EngineQuery, type EngineResult } from './engine';
import { indexDocOf } from './documents';

export type HostRequest =
  | { op: 'load' }
  | { op: 'put'; stories: Story[] }
  | { op: 'read'; ids: string[] }
  | { op: 'remove'; ids: string[] }
  | { op: 'search'; query: EngineQuery }
  | { op: 'idsWithTag'; tag: string }
  | { op: 'tagCounts' }
  | { op: 'persist' }
  | { op: 'stats' };

export interface HostStats {
  stories: number;
  deadSlots: number;
  heapUsed: number;
}

/** What each request resolves to. */
export interface HostResponses {
  load: [string, number][];
  put: null;
  read: { indexed: number; failed: string[] };
  remove: null;
  search: EngineResult;
  idsWithTag: string[];
  tagCounts: { name: string; count: number }[];
  persist: null;
  stats: HostStats;
}

export interface HostOptions {
  /** the store folder, for reading story files; null when stories come only through `put` */
  root: string | null;
  /** where the index is persisted; null keeps it in memory only */
  indexFile: string | null;
  /** reads a story for `read` when there is no folder (in-process use) */
  readStory?: (id: string) => Promise<Story>;
}

const READ_CONCURRENCY = 16;

export function createHost(options: HostOptions) {
  let engine = new SearchEngine();

  const readStory = async (id: string): Promise<Story> => {
    if (options.readStory) return options.readStory(id);
    if (!options.root) throw new Error('no store folder to read from');
    const parsed = parseJsonBytes(await readFile(join(options.root, STORIES_DIR, `${id}.json`)));
    if (!parsed.ok) throw new Error(parsed.detail);
    return Story.parse(parsed.value);
  };

  const persist = async () => {
    if (!options.indexFile) return;
    const bytes = engine.serialize();
    await mkdir(dirname(options.indexFile), { recursive: true });
    const temp = `${options.indexFile}.${process.pid}.tmp`;
    await writeFile(temp, bytes);
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, options.indexFile);
  };

  async function handle<K extends HostRequest['op']>(
    request: Extract<HostRequest, { op: K }>,
  ): Promise<HostResponses[K]> {
    const r = request as HostRequest;
    switch (r.op) {
      case 'load': {
        if (options.indexFile) {
          try {
            engine = SearchEngine.deserialize(new Uint8Array(await readFile(options.indexFile)));
          } catch {
            // Missing or unreadable: the catch-up that follows rebuilds it from the stories.
            engine = new SearchEngine();
          }
        }
        return [...engine.versions()] as HostResponses[K];
      }
      case 'put':
        for (const story of r.stories) engine.put(indexDocOf(story));
        return null as HostResponses[K];
      case 'read': {
        const failed: string[] = [];
        let indexed = 0;
        let next = 0;
        const work = async () => {
          while (next < r.ids.length) {
            const id = r.ids[next++]!;
            try {
              engine.put(indexDocOf(await readStory(id)));
              indexed += 1;
            } catch {
              // A damaged or vanished file is the store's to report; search skips it.
              engine.remove(id);
              failed.push(id);
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, r.ids.length) }, work));
        return { indexed, failed } as HostResponses[K];
      }
      case 'remove':
        for (const id of r.ids) engine.remove(id);
        return null as HostResponses[K];
      case 'search':
        return engine.search(r.query) as HostResponses[K];
      case 'idsWithTag':
        return engine.idsWithTag(r.tag) as HostResponses[K];
      case 'tagCounts':
        return [...engine.tagCounts().values()] as HostResponses[K];
      case 'persist':
        await persist();
        return null as HostResponses[K];
      case 'stats':
        return {
          stories: engine.size,
          deadSlots: engine.deadSlots,
          heapUsed: process.memoryUsage().heapUsed,
        } as HostResponses[K];
    }
  }
  return { handle };
}

export type Host = ReturnType<typeof createHost>;
