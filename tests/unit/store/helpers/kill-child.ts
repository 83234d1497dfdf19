/**
 * Child process of the kill -9 loop: opens the store (taking over the lock of the process the
 * test killed before it, and repairing what that kill left), then saves forever: new stories,
 * new versions of known ones (each a new revision), and now and then a recovery draft. Prints
 * `saved <id> <version>` only after a save resolved.
 * Usage: node kill-child.mjs <root> <seed>
 */
import { openStore } from '../../../../electron/core/store/story-store';
import type { Story } from '../../../../shared/story/schema';
import { bump, makeStory } from './fixtures';

const root = process.argv[2]!;
let seed = Number(process.argv[3] ?? 1);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const store = await openStore(root, {
  mode: 'write',
  create: true,
  lockStaleMs: 2000,
  // A kill between taking the lock and recording its owner leaves a lock only the stale
  // timeout frees.
  lockWaitMs: 15_000,
  compactAfterLines: 30,
});
const known: Story[] = store
  .list()
  .slice(0, 20)
  .map((summary) => summary as unknown as Story);
console.log('ready');
for (let i = 0; ; i++) {
  let saved: Story;
  if (known.length < 5 || random() < 0.25) {
    const story = makeStory({ headline: `خبر رقم ${i}` });
    saved = await store.update(story.id, () => story);
    known.push(saved);
  } else {
    const index = Math.floor(random() * known.length);
    const id = known[index]!.id;
    saved = await store.update(id, (current) => {
      const next = bump(current!, `تحديث ${i}`);
      // Sometimes a new paragraph, so revisions are real deltas of the body.
      return random() < 0.5
        ? { ...next, body: [...next.body, { ...next.body[0]!, children: [{ text: `فقرة ${i}` }] }] }
        : next;
    });
    known[index] = saved;
    if (random() < 0.2) await store.putRecoveryDraft(id, saved.version, { headline: `مسودة ${i}` });
  }
  console.log(`saved ${saved.id} ${saved.version}`);
}
