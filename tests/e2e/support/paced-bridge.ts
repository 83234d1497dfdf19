/**
 * The browser bridge with each item of an export or import job paced, so an end-to-end test can
 * watch a job move and catch it mid-way on a store of a few hundred stories:
 * - every item waits 40 ms (MIHBARA_TEST_JOB_ITEM_MS);
 * - while a file `<store>.hold` exists, the next item waits for it to go (the test holds the
 *   job still, looks at it, cancels it, then removes the file).
 * The pacing is handed to the workstation as an override (`beforeJobItem`); the product has no hook of its own.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runBridgeCommand } from '../../../electron/bridge/start';

const pace = Number(process.env['MIHBARA_TEST_JOB_ITEM_MS'] ?? '40');
const argv = process.argv.slice(2);
const store = argv[argv.indexOf('--store') + 1];
if (!store) throw new Error('the paced bridge needs --store DIR');

/** The file that holds jobs still while it exists. */
export const holdFileOf = (storeDir: string) => `${resolve(storeDir)}.hold`;
const hold = holdFileOf(store);

await runBridgeCommand(argv, {
  beforeJobItem: async () => {
    await sleep(pace);
    while (existsSync(hold)) await sleep(20);
  },
});
