/**
 * Child process for the interrupted-migration test: takes the lock and migrates the store,
 * killing itself with SIGKILL (as kill -9 would) at the point named on the command line:
 * `prepare:<n>` once n stories are migrated in the copy, `swap:<entry>` right after that entry
 * was swapped into the live store.
 * Usage: node migrate-child.mjs <root> <point>
 */
import { acquireWriterLock } from '../../../../electron/core/store/lock';
import { migrateStore } from '../../../../electron/core/store/migrate';

const [root, point] = process.argv.slice(2) as [string, string];
const [phase, at] = point.split(':') as [string, string];
const die = () => process.kill(process.pid, 'SIGKILL');
await acquireWriterLock(root, { staleMs: 2000 });
await migrateStore(root, {
  onProgress: ({ done }) => {
    if (phase === 'prepare' && done >= Number(at)) die();
  },
  hook: (name, _from, entry) => {
    if (phase === 'swap' && name === 'swap-entry' && entry === at) die();
  },
});
console.log('migrated');
