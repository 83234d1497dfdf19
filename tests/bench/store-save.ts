/**
 * Saving one story in a store of N stories, against the same stories in one lowdb file
 * (lowdb's stock JSONFile, which rewrites the whole file on every save and does not fsync).
 */
import { mkdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { openStore } from '../../electron/main/store/story-store';
import type { Story } from '../../shared/story/schema';
import { generateStories } from './generate';
import { report } from './stats';

const SAVES = 60;

async function seedStore(dir: string, stories: Story[]): Promise<void> {
  if (existsSync(join(dir, 'mihbara-store.json'))) return;
  const store = await openStore(dir, { mode: 'write', create: true });
  let done = 0;
  for (const story of stories) {
    await store.update(story.id, () => story);
    if (++done % 1000 === 0) process.stdout.write(`  seeding ${done}/${stories.length}\r`);
  }
  await store.close();
  process.stdout.write('\n');
}

export async function benchStoreSave(workdir: string, sizes: number[]): Promise<void> {
  for (const size of sizes) {
    const stories = generateStories(size);
    const storeDir = join(workdir, `store-${size}`);
    await seedStore(storeDir, stories);

    const store = await openStore(storeDir, { mode: 'write' });
    const ids = store.list().map((s) => s.id);
    const ours: number[] = [];
    for (let i = 0; i < SAVES; i++) {
      const id = ids[(i * 7919) % ids.length]!;
      const started = performance.now();
      await store.update(id, (current) => ({
        ...current!,
        version: current!.version + 1,
        headline: `${current!.headline} ·`,
        updatedAt: new Date().toISOString(),
      }));
      ours.push(performance.now() - started);
    }
    await store.close();

    const singleDir = join(workdir, `single-${size}`);
    rmSync(singleDir, { recursive: true, force: true });
    mkdirSync(singleDir, { recursive: true });
    const db = new Low<{ stories: Story[] }>(new JSONFile(join(singleDir, 'db.json')), { stories: [] });
    db.data.stories = stories;
    await db.write();
    const baseline: number[] = [];
    for (let i = 0; i < SAVES; i++) {
      const index = (i * 7919) % stories.length;
      const started = performance.now();
      const current = db.data.stories[index]!;
      db.data.stories[index] = {
        ...current,
        version: current.version + 1,
        headline: `${current.headline} ·`,
      };
      await db.write();
      baseline.push(performance.now() - started);
    }
    report(`save one story, ${size.toLocaleString('en')} stories`, ours, baseline, 'single-file lowdb');
  }
}
