/**
 * Runs the store's heavy work (reading every story for an index rebuild, verifying 50,000
 * files) in a `node:worker_threads` worker, so the Electron main process keeps answering the
 * window and the bridge keeps answering requests meanwhile.
 *
 * Where the worker's code lives depends on how the store runs:
 * - bundled by electron-vite: `out/main/store-worker.js`, a second entry of the main build
 *   (electron.vite.config.ts) next to `index.js`;
 * - from TypeScript sources (tsx, vitest): `store-worker.ts` beside this file, loaded with the
 *   tsx loader.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import type { StorySummary } from '../../../shared/story/schema';
import type { LongTaskOptions, Progress, VerifyReport } from './types';

export type StoreTask = { kind: 'verify'; root: string } | { kind: 'scan'; root: string };

/** What a scan of every story file finds: summaries of the good ones, the damaged ones. */
export interface ScanResult {
  summaries: StorySummary[];
  damaged: { file: string; kind: string; detail: string }[];
}

export type TaskResult<T extends StoreTask> = T extends { kind: 'verify' } ? VerifyReport : ScanResult;

/** Messages from the worker. */
export type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; value: unknown }
  | { type: 'error'; message: string };

/** How to start the worker: a script file, or (from TypeScript sources) a bootstrap that loads tsx. */
function workerSource(): { source: string | URL; eval: boolean } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // Node 20 does not apply `--import` loaders to a worker's entry, so the worker registers
    // tsx itself before importing the TypeScript entry.
    const tsxApi = join(
      dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
      'dist/esm/api/index.mjs',
    );
    const entry = pathToFileURL(join(dirname(here), 'store-worker.ts')).href;
    return {
      source: `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
      eval: true,
    };
  }
  // The bundle may put this code in `index.js` or in a shared chunk one folder down.
  const name = 'store-worker.js';
  for (const folder of [dirname(here), dirname(dirname(here))]) {
    if (existsSync(join(folder, name))) return { source: pathToFileURL(join(folder, name)), eval: false };
  }
  throw new ApiError('internal', `the store worker (${name}) is missing beside ${here}`);
}

/**
 * Runs `task` in a worker thread. `signal` terminates the worker (rejecting with an
 * AbortError); `onProgress` receives its progress reports.
 */
export function runStoreTask<R>(task: StoreTask, options: LongTaskOptions = {}): Promise<R> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const { source, eval: isCode } = workerSource();
  return new Promise<R>((resolve, reject) => {
    const worker = new Worker(source, { workerData: task, eval: isCode });
    let settled = false;
    const finish = (done: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      done();
    };
    const onAbort = () => {
      void worker.terminate();
      finish(() => reject(signal?.reason ?? new Error('cancelled')));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'result') finish(() => resolve(message.value as R));
      else finish(() => reject(new ApiError('io', message.message)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new ApiError('internal', `the store worker stopped (exit code ${code})`))),
    );
  });
}
