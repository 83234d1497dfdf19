/**
 * A second process that holds a store open for writing, for the command-line lock tests:
 * `node --import tsx tests/unit/cli/helpers/hold-store.ts DIR`. Prints `ready` once it holds the
 * writer lock, then waits; on `release` (or stdin closing) it closes the store and exits 0.
 */
import { createInterface } from 'node:readline';
import { openStore } from '../../../../electron/core/store/story-store';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: hold-store.ts DIR\n');
  process.exit(2);
}

const store = await openStore(dir, { mode: 'write' });
process.stdout.write('ready\n');

let closing = false;
const release = async (): Promise<void> => {
  if (closing) return;
  closing = true;
  await store.close();
  process.stdout.write('released\n');
  process.exit(0);
};
const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line.trim() === 'release') void release();
});
input.on('close', () => void release());
