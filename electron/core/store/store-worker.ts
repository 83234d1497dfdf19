/**
 * Entry point of the store's worker thread (see worker-client.ts): runs one task given as
 * `workerData`, posts progress and then the result. Never writes to the store: the thread
 * that holds the store decides what to do with what it finds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanStoryFiles } from './scan';
import { verifyStore } from './verify';
import type { Progress } from './types';
import type { StoreTask, WorkerMessage } from './worker-client';

const port = parentPort;
if (!port) throw new Error('store-worker must run as a worker thread');
const post = (message: WorkerMessage) => port.postMessage(message);

const task = workerData as StoreTask;
const onProgress = (progress: Progress) => post({ type: 'progress', progress });

try {
  const value =
    task.kind === 'verify'
      ? await verifyStore(task.root, { onProgress })
      : await scanStoryFiles(task.root, { onProgress });
  post({ type: 'result', value });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
