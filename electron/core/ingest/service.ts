/**
 * Wire ingest as the app and the bridge run it: the store's Incoming queue and the folder it
 * watches. The folder is an administrator's setting kept in the store (`incoming/watch.json`),
 * so every workstation on the store watches the same place; only a process that calls `start`
 * (the app, the bridge) watches it, the command line never does.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { randomUUID } from 'node:crypto';
import type { IncomingScan, IncomingWatch } from '../../../shared/publishing/contract';
import type { StoryService } from '../stories/service';
import type { StoryStore } from '../store/types';
import { diskFiles, memoryFiles, type WorkflowFiles } from '../workflow/files';
import { existsSync } from 'node:fs';
import {
  createIncomingQueue,
  scanFolder,
  watchFolder,
  type IncomingQueue,
  type IngestOutcome,
  type ScanCounts,
  type ScanOptions,
} from './queue';
import { consoleLogger, type Logger } from '../log';

export const WATCH_FILE = 'incoming/watch.json';

export interface IngestService {
  readonly queue: IncomingQueue;
  watch(): Promise<IncomingWatch>;
  /** checks and saves the watched folder (null: none); a running watcher moves to it at once */
  configureWatch(folder: string | null): Promise<IncomingWatch>;
  /** starts watching the configured folder (and any folder configured later); scans it at once */
  start(): Promise<void>;
  /**
   * Looks at the configured folder now ("check now"), whether or not this process watches it;
   * resolves at once with the look's first state (a look already under way is returned as is).
   */
  checkNow(): Promise<IncomingScan>;
  /** the look under way, or the last one */
  scanState(): IncomingScan | null;
  /** stops the look under way after the file being handled */
  cancelScan(): IncomingScan | null;
  /** stops watching; resolves once a scan under way has finished */
  stop(): Promise<void>;
}

export interface IngestOptions {
  stories: StoryService;
  files?: WorkflowFiles;
  /** how often the watched folder is looked at (default 5 s) */
  intervalMs?: number;
  now?: () => Date;
  log?: Logger;
}

/** Refuses a folder that does not exist, is a file, or lies inside the store itself. */
async function checkFolder(folder: string, storeRoot: string): Promise<string> {
  if (!isAbsolute(folder))
    throw new ApiError('invalid-request', `the watched folder must be a full path: ${folder}`, [
      { path: 'reason', message: 'ingest-folder-not-absolute' },
    ]);
  const path = resolve(folder);
  const inside = relative(resolve(storeRoot), path);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))
    throw new ApiError('invalid-request', `the watched folder cannot be inside the store: ${path}`, [
      { path: 'reason', message: 'ingest-folder-in-store' },
    ]);
  const info = await stat(path).catch(() => null);
  if (!info)
    throw new ApiError('io', `the watched folder does not exist: ${path}`, [
      { path: 'reason', message: 'ingest-folder-missing' },
    ]);
  if (!info.isDirectory())
    throw new ApiError('io', `the watched folder is a file, not a folder: ${path}`, [
      { path: 'reason', message: 'ingest-folder-not-folder' },
    ]);
  return path;
}

export function createIngestService(store: StoryStore, options: IngestOptions): IngestService {
  const onDisk = isAbsolute(store.root) && existsSync(store.root);
  const files = options.files ?? (onDisk ? diskFiles(store.root, store.mode === 'write') : memoryFiles());
  const log = options.log ?? consoleLogger;
  const queue = createIncomingQueue({
    root: store.root,
    files,
    stories: options.stories,
    ...(options.now ? { now: options.now } : {}),
  });
  let started = false;
  let watcher:
    { folder: string; scan(options?: ScanOptions): Promise<ScanCounts>; stop(): Promise<void> } | undefined;
  let manual: { scan: IncomingScan; controller: AbortController; finished: Promise<void> } | undefined;
  const now = options.now ?? (() => new Date());

  const configured = async (): Promise<string | null> => {
    const raw = (await files.readJson(WATCH_FILE)) as { folder?: unknown } | null;
    return typeof raw?.folder === 'string' ? raw.folder : null;
  };

  const report = (file: string, outcome: IngestOutcome) => {
    if (outcome.kind === 'rejected')
      log.warn(`[ingest] rejected ${file}: [${outcome.code}] ${outcome.reason}`);
  };

  const follow = (folder: string | null) => {
    if (watcher?.folder === folder) return;
    void watcher?.stop();
    watcher = undefined;
    if (!started || !folder || !files.writable) return;
    const running = watchFolder(folder, queue, {
      ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
      onOutcome: report,
      log,
    });
    watcher = { folder, ...running };
    void running.scan().catch((error: unknown) => log.warn(`[ingest] scanning ${folder}: ${String(error)}`));
  };

  const watch = async (): Promise<IncomingWatch> => {
    const folder = await configured();
    return { folder, active: Boolean(folder && watcher?.folder === folder) };
  };

  const checkNow = async (): Promise<IncomingScan> => {
    if (manual?.scan.state === 'running') return { ...manual.scan };
    const folder = await configured();
    if (!folder)
      throw new ApiError('invalid-request', 'no folder is watched', [
        { path: 'reason', message: 'ingest-no-folder' },
      ]);
    if (!files.writable)
      throw new ApiError('forbidden', 'the store is open read-only here: wire files cannot be taken', [
        { path: 'reason', message: 'ingest-read-only' },
      ]);
    await checkFolder(folder, store.root);
    const scan: IncomingScan = {
      id: randomUUID(),
      folder,
      state: 'running',
      startedAt: now().toISOString(),
      total: 0,
      done: 0,
      taken: 0,
      duplicates: 0,
      refused: 0,
    };
    const controller = new AbortController();
    const look: ScanOptions = {
      signal: controller.signal,
      onProgress: ({ cancelled: _cancelled, ...counts }) => Object.assign(scan, counts),
      onOutcome: report,
    };
    // The watcher's own looks and this one never overlap: it queues this one after its own.
    const running = watcher?.folder === folder ? watcher.scan(look) : scanFolder(folder, queue, look);
    const finished = running.then(
      (counts) => {
        const { cancelled, ...rest } = counts;
        Object.assign(scan, rest, { state: cancelled ? 'cancelled' : 'done' });
      },
      (error: unknown) => {
        scan.state = 'failed';
        scan.error = error instanceof Error ? error.message : String(error);
        log.warn(`[ingest] checking ${folder}: ${scan.error}`);
      },
    );
    manual = {
      scan,
      controller,
      finished: finished.then(() => {
        scan.finishedAt = now().toISOString();
      }),
    };
    return { ...scan };
  };

  return {
    queue,
    watch,
    checkNow,
    scanState: () => (manual ? { ...manual.scan } : null),
    cancelScan() {
      manual?.controller.abort();
      return manual ? { ...manual.scan } : null;
    },
    async configureWatch(folder) {
      const checked = folder === null ? null : await checkFolder(folder, store.root);
      await files.writeJson(WATCH_FILE, { folder: checked });
      follow(checked);
      return watch();
    },
    async start() {
      started = true;
      follow(await configured());
    },
    async stop() {
      started = false;
      manual?.controller.abort();
      const stopping = watcher?.stop();
      watcher = undefined;
      await Promise.all([stopping, manual?.finished]);
    },
  };
}
