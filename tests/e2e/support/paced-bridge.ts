/**
 * The browser bridge with each item of an export or import job paced, so an end-to-end test can
 * watch a job move and catch it mid-way on a store of a few hundred stories:
 * - every item waits 40 ms (MIHBARA_TEST_JOB_ITEM_MS);
 * - while a file `<store>.hold` exists, the next item waits for it to go (the test holds the
 *   job still, looks at it, cancels it, then removes the file).
 * The waiting lives here, in test code; the product only awaits the hook when one is registered
 * (electron/core/jobs/kinds.ts, TEST_ITEM_HOOK).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_ITEM_HOOK } from '../../../electron/core/jobs/kinds';

const pace = Number(process.env['MIHBARA_TEST_JOB_ITEM_MS'] ?? '40');
const store = process.argv[process.argv.indexOf('--store') + 1];
if (!store) throw new Error('the paced bridge needs --store DIR');

/** The file that holds jobs still while it exists. */
export const holdFileOf = (storeDir: string) => `${resolve(storeDir)}.hold`;
const hold = holdFileOf(store);

(globalThis as Record<symbol, unknown>)[TEST_ITEM_HOOK] = async () => {
  await sleep(pace);
  while (existsSync(hold)) await sleep(20);
};

// The bridge reads the same command line (--store, --port) as when started directly.
await import('../../../electron/bridge/start');
