import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFinding } from '../../../electron/core/search/handlers';
import { INDEX_FILE, createSearchService } from '../../../electron/core/search/service';
import { createStoryService } from '../../../electron/core/stories/service';
import { openStore } from '../../../electron/core/store/story-store';
import type { StoryBody } from '../../../shared/story/schema';

const para = (text: string): StoryBody => [
  { type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text }] },
];
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('search service on a store folder (worker thread)', () => {
  it('indexes each save, persists the index and catches up with changes made behind its back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mihbara-search-'));
    dirs.push(dir);
    let store = await openStore(dir, { mode: 'write', create: true });
    const plain = createStoryService(store);
    const finding = createFinding(store, plain);
    const created = await finding.stories.create('ar');
    const saved = await finding.stories.save(created.id, created.version, {
      headline: 'أحمد يفتتح مستشفى في بغداد',
      body: para('افتتح الوزير أحمد مستشفى جديدا في العاصمة بغداد.'),
      tags: ['صحة'],
    });
    const found = await finding.search.search({ query: 'احمد مستشفي' });
    expect(found.hits.map((h) => h.id)).toEqual([saved.id]);
    const hit = found.hits[0]!;
    expect(hit.headlineHighlights.map((h) => hit.headline.slice(h.start, h.end))).toEqual(['أحمد', 'مستشفى']);
    expect(hit.snippet.highlights.map((h) => hit.snippet.text.slice(h.start, h.end))).toEqual([
      'أحمد',
      'مستشفى',
    ]);

    // A save that bypasses the indexing service (a workflow transition, say) is caught up at the next query.
    await plain.save(saved.id, saved.version, { headline: 'افتتاح مستشفى في البصرة' });
    expect((await finding.search.search({ query: 'البصرة' })).total).toBe(1);
    expect((await finding.search.search({ query: 'بغداد', filters: { tag: 'صحه' } })).total).toBe(1);
    await finding.search.close();
    expect(existsSync(join(dir, INDEX_FILE))).toBe(true);
    await store.close();

    // The next start reads the persisted index.
    store = await openStore(dir, { mode: 'write' });
    const again = createSearchService(store);
    await again.ready();
    expect((await again.stats()).stories).toBe(1);
    expect((await again.search({ query: 'بالبصرة' })).hits.map((h) => h.id)).toEqual([saved.id]);
    await again.close();
    await store.close();
  });
});
