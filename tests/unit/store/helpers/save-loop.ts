/**
 * Child process for the kill -9 test: saves stories forever, new ones and new versions of
 * old ones, and prints `saved <id> <version>` only after each save has resolved.
 * Usage: node --import tsx save-loop.ts <root>
 */
import { openStore } from '../../../../electron/main/store/story-store';
import type { Story } from '../../../../shared/story/schema';
import { bump, makeStory } from './fixtures';

const root = process.argv[2]!;
// A short stale time so the test's reopen can take the dead process's lock over quickly,
// and a small compaction threshold so kills also land inside compactions.
const store = await openStore(root, {
  mode: 'write',
  create: true,
  lockStaleMs: 2000,
  compactAfterLines: 40,
});
const known: Story[] = [];
console.log('ready');
for (let i = 0; ; i++) {
  let saved: Story;
  if (known.length < 5 || i % 3 === 0) {
    const story = makeStory({ headline: `خبر رقم ${i}`, body: makeStory().body });
    saved = await store.update(story.id, () => story);
    known.push(saved);
  } else {
    const index = i % known.length;
    saved = await store.update(known[index]!.id, (current) => bump(current!, `تحديث ${i}`));
    known[index] = saved;
  }
  console.log(`saved ${saved.id} ${saved.version}`);
}
