/**
 * Child process for the lock test: opens the store for writing, saves `count` stories,
 * prints `ready`, and holds the store until it reads `close` on stdin.
 * Usage: node --import tsx hold-store.ts <root> <count>
 */
import { createInterface } from 'node:readline';
import { openStore } from '../../../../electron/core/store/story-store';
import { makeStory } from './fixtures';

const [root, count] = process.argv.slice(2);
const store = await openStore(root!, { mode: 'write', create: true });
for (let i = 0; i < Number(count); i++) {
  const story = makeStory({ headline: `خبر ${i}` });
  await store.update(story.id, () => story);
  console.log(`saved ${story.id} ${story.version}`);
}
console.log('ready');
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'close') break;
}
await store.close();
console.log('closed');
