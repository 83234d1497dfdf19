/**
 * A folder channel's site list: every story the site has carried (live or withdrawn), from which
 * the index page and the feed are written. It is kept outside the served folder as a snapshot
 * (`<channel>.json`, a JSON array) plus an append-only log of changes (`<channel>.log.ndjson`,
 * one entry per line, the last line of an id wins). A publication appends one line instead of
 * rewriting the whole list, which at 50,000 stories was most of the cost of publishing one;
 * the log is folded into the snapshot once it is long.
 *
 * Crash safety: each line is fsynced before the index is written; a crash mid-line leaves a
 * torn last line that is skipped (and fenced off with a newline before the next append); a crash
 * while compacting leaves the new snapshot and the old log, and replaying whole entries twice
 * changes nothing. A story whose page was written but whose line was not stays in the outbox,
 * so its next attempt writes the page, the line and the index again.
 */
import { appendFile, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SiteEntry } from '../../../shared/format/atom';
import { errorCode, parseJsonBytes, syncFolder, writeFileDurably } from '../store/durable-file';

/** Log lines after which the log is folded into the snapshot. */
export const COMPACT_AFTER_LINES = 2000;

/** The append-only log beside a snapshot file. */
export const siteLogFile = (snapshot: string): string => snapshot.replace(/\.json$/, '') + '.log.ndjson';

export interface SiteList {
  get(id: string): SiteEntry | undefined;
  entries(): IterableIterator<SiteEntry>;
  readonly size: number;
  /** records an entry durably (one appended line); compacts when the log has grown long */
  put(entry: SiteEntry): Promise<void>;
  /** forgets a story the site never carried after all (a first publication that failed half-way) */
  remove(id: string): Promise<void>;
  /** folds the log into the snapshot now */
  compact(): Promise<void>;
  /** lines in the log since the last compaction */
  readonly logLines: number;
}

/** Thrown when the snapshot is damaged; the message says how to rebuild. */
export class SiteListDamaged extends Error {
  constructor(file: string, kind: string) {
    super(`${file} is damaged (${kind}); remove it to rebuild the site list`);
    this.name = 'SiteListDamaged';
  }
}

/** A log line that takes a story off the list. */
interface Removal {
  id: string;
  removed: true;
}

interface Stamp {
  size: number;
  mtimeMs: number;
}

interface Loaded {
  entries: Map<string, SiteEntry>;
  logLines: number;
  /** the log does not end in a newline (a torn last line): the next append starts a new line */
  torn: boolean;
  snapshot: Stamp | null;
  log: Stamp | null;
}

const stampOf = async (file: string): Promise<Stamp | null> => {
  try {
    const info = await stat(file);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
};
const same = (a: Stamp | null, b: Stamp | null) =>
  a === b || (a !== null && b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs);

// A publisher keeps its lists in memory between deliveries; the files' size and time tell
// whether another process (the command line, on a store the app had closed) changed them.
const cache = new Map<string, Loaded>();

async function load(file: string): Promise<Loaded> {
  const logFile = siteLogFile(file);
  const [snapshot, log] = await Promise.all([stampOf(file), stampOf(logFile)]);
  const cached = cache.get(file);
  if (cached && same(cached.snapshot, snapshot) && same(cached.log, log)) return cached;

  const entries = new Map<string, SiteEntry>();
  if (snapshot) {
    const parsed = parseJsonBytes(await readFile(file));
    if (!parsed.ok) throw new SiteListDamaged(file, parsed.kind);
    for (const entry of parsed.value as SiteEntry[]) entries.set(entry.id, entry);
  }
  let logLines = 0;
  let torn = false;
  if (log) {
    const text = await readFile(logFile, 'utf8');
    torn = text.length > 0 && !text.endsWith('\n');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as SiteEntry | Removal;
        if (typeof entry?.id !== 'string') continue;
        if ('removed' in entry) entries.delete(entry.id);
        else entries.set(entry.id, entry);
        logLines += 1;
      } catch {
        // A line torn by a crash: its delivery is still in the outbox and will write it again.
      }
    }
  }
  const loaded: Loaded = { entries, logLines, torn, snapshot, log };
  cache.set(file, loaded);
  return loaded;
}

/** Opens the site list kept in `file` (which need not exist yet). */
export async function openSiteList(file: string, options: { compactAfter?: number } = {}): Promise<SiteList> {
  const compactAfter = options.compactAfter ?? COMPACT_AFTER_LINES;
  const logFile = siteLogFile(file);
  const state = await load(file);

  const compact = async () => {
    await mkdir(dirname(file), { recursive: true });
    await writeFileDurably(file, JSON.stringify([...state.entries.values()]));
    // Emptied after the snapshot holds everything: a crash in between replays whole entries.
    await writeFileDurably(logFile, '');
    state.logLines = 0;
    state.torn = false;
    [state.snapshot, state.log] = await Promise.all([stampOf(file), stampOf(logFile)]);
  };

  const append = async (record: SiteEntry | Removal) => {
    await mkdir(dirname(file), { recursive: true });
    const line = `${state.torn ? '\n' : ''}${JSON.stringify(record)}\n`;
    const handle = await open(logFile, 'a');
    try {
      await appendFile(handle, line, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The log's first line also creates the file: its folder entry must reach the disk too.
    if (!state.log) await syncFolder(dirname(logFile));
  };
  const afterAppend = async () => {
    state.logLines += 1;
    state.torn = false;
    state.log = await stampOf(logFile);
    if (state.logLines >= compactAfter) await compact();
  };

  return {
    get: (id) => state.entries.get(id),
    entries: () => state.entries.values(),
    get size() {
      return state.entries.size;
    },
    get logLines() {
      return state.logLines;
    },
    async put(entry) {
      await append(entry);
      state.entries.set(entry.id, entry);
      await afterAppend();
    },
    async remove(id) {
      if (!state.entries.has(id)) return;
      await append({ id, removed: true });
      state.entries.delete(id);
      await afterAppend();
    },
    compact,
  };
}

/** Forgets the lists kept in memory (tests that change the files behind the publisher's back). */
export function forgetSiteLists(): void {
  cache.clear();
}
