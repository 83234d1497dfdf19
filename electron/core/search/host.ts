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
  | { op: 'stats' }
  // A rebuild fills a second engine beside the live one, which keeps answering until `commit`.
  | { op: 'rebuildStart' }
  | { op: 'rebuildRead'; ids: string[] }
  | { op: 'rebuildFinish'; commit: boolean };

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
  rebuildStart: null;
  rebuildRead: { indexed: number; failed: string[] };
  /** the rebuilt index's story versions (empty when the rebuild was dropped) */
  rebuildFinish: [string, number][];
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
  /** the index being rebuilt, if a rebuild is under way; saves go to both */
  let next: SearchEngine | null = null;

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

  /** Reads stories from the store into `target`, a few at a time. */
  const readInto = async (target: SearchEngine, ids: string[]) => {
    const failed: string[] = [];
    let indexed = 0;
    let at = 0;
    const work = async () => {
      while (at < ids.length) {
        const id = ids[at++]!;
        try {
          target.put(indexDocOf(await readStory(id)));
          indexed += 1;
        } catch {
          // A damaged or vanished file is the store's to report; search skips it.
          target.remove(id);
          failed.push(id);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, ids.length) }, work));
    return { indexed, failed };
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
        for (const story of r.stories) {
          const doc = indexDocOf(story);
          engine.put(doc);
          next?.put(doc);
        }
        return null as HostResponses[K];
      case 'read':
        return (await readInto(engine, r.ids)) as HostResponses[K];
      case 'remove':
        for (const id of r.ids) {
          engine.remove(id);
          next?.remove(id);
        }
        return null as HostResponses[K];
      case 'rebuildStart':
        next = new SearchEngine();
        return null as HostResponses[K];
      case 'rebuildRead':
        if (!next) throw new Error('no rebuild under way');
        return (await readInto(next, r.ids)) as HostResponses[K];
      case 'rebuildFinish': {
        const built = next;
        next = null;
        if (r.commit && built) engine = built;
        const versions: [string, number][] = r.commit && built ? [...engine.versions()] : [];
        return versions as HostResponses[K];
      }
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
