/**
 * Talks to the search index: in a `node:worker_threads` worker for a store on disk (the app,
 * the bridge, the command line), or in-process for a store without a folder (unit tests).
 *
 * Where the worker's code lives depends on how Mihbara runs:
 * - bundled by electron-vite: `out/main/search-worker.js`, an entry of the main build;
 * - from TypeScript sources (tsx, vitest): `search-worker.ts` beside this file, loaded with tsx.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import { createHost, type HostOptions, type HostRequest, type HostResponses } from './host';
import { oneAtATime } from '../one-at-a-time';

export interface SearchBackend {
  call<K extends HostRequest['op']>(request: Extract<HostRequest, { op: K }>): Promise<HostResponses[K]>;
  close(): Promise<void>;
}

/** How to start the worker: the bundled file, or the TypeScript source through tsx's loader. */
function workerSource(): { source: string | URL; eval: boolean } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // `--import tsx` in a worker's execArgv is not honoured everywhere; register tsx from inside instead.
    const tsxApi = pathToFileURL(
      createRequire(import.meta.url)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href;
    const worker = pathToFileURL(join(dirname(here), 'search-worker.ts')).href;
    return {
      eval: true,
      source: `import(${JSON.stringify(tsxApi)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(worker)}); });`,
    };
  }
  const name = 'search-worker.js';
  for (const folder of [dirname(here), dirname(dirname(here))]) {
    if (existsSync(join(folder, name))) return { source: pathToFileURL(join(folder, name)), eval: false };
  }
  throw new ApiError('internal', `the search worker (${name}) is missing beside ${here}`);
}

/** The index in a worker thread. */
export function workerBackend(options: HostOptions): SearchBackend {
  const { source, eval: isEval } = workerSource();
  const { readStory: _local, ...data } = options;
  const worker = new Worker(source, { workerData: data, eval: isEval });
  // The worker must not keep the CLI alive once its work is done.
  worker.unref();
  let seq = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('message', (message: { seq: number; ok: boolean; value?: unknown; message?: string }) => {
    const waiter = pending.get(message.seq);
    if (!waiter) return;
    pending.delete(message.seq);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(new ApiError('internal', `search: ${message.message ?? 'failed'}`));
  });
  worker.on('error', (error) =>
    failAll(new ApiError('internal', `the search worker failed: ${error.message}`)),
  );
  worker.on('exit', (code) =>
    failAll(new ApiError('internal', `the search worker stopped (exit code ${code})`)),
  );
  return {
    call(request) {
      if (failure) return Promise.reject(failure);
      const id = ++seq;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        // Keep the process alive only while an answer is awaited.
        worker.ref();
        worker.postMessage({ seq: id, request });
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      }) as never;
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** The index in this thread, with the same one-at-a-time ordering as the worker. */
export function inlineBackend(options: HostOptions): SearchBackend {
  const host = createHost(options);
  const serialized = oneAtATime();
  return {
    call(request) {
      return serialized(() => host.handle(request)) as never;
    },
    async close() {
      await serialized(async () => undefined);
    },
  };
}
