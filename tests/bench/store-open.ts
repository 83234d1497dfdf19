/**
 * Child of the store benchmark: opens a store (or reads the single-file baseline) until the
 * first page of the story list is ready, then prints { ms, peakMb } as one JSON line.
 * A fresh process per run, so the peak memory is that of opening alone.
 * Usage: node --import tsx store-open.ts store <dir> | single <db.json>
 */
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { openStore } from '../../electron/core/store/story-store';
import type { Story } from '../../shared/story/schema';

const PAGE = 50;
const [kind, path] = process.argv.slice(2) as ['store' | 'single', string];
const started = performance.now();
let page: unknown[];
if (kind === 'store') {
  const store = await openStore(path, { mode: 'read' });
  page = store.list().slice(0, PAGE);
} else {
  const db = new Low<{ stories: Story[] }>(new JSONFile(path), { stories: [] });
  await db.read();
  page = [...db.data.stories]
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, PAGE)
    .map(({ id, headline, updatedAt }) => ({ id, headline, updatedAt }));
}
const ms = performance.now() - started;
if (page.length === 0) throw new Error('the list is empty');
console.log(JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024 }));
