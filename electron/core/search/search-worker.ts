/**
 * The search worker thread: it holds the index so that building it (reading and tokenizing
 * every story) and answering queries never block the Electron main process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createHost, type HostOptions, type HostRequest } from './host';

const host = createHost(workerData as HostOptions);
// One request at a time, in order: a query sent after a save sees that save.
let queue: Promise<unknown> = Promise.resolve();

parentPort?.on('message', ({ seq, request }: { seq: number; request: HostRequest }) => {
  queue = queue.then(async () => {
    try {
      parentPort?.postMessage({ seq, ok: true, value: await host.handle(request) });
    } catch (error) {
      parentPort?.postMessage({
        seq,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
});
