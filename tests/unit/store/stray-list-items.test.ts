/**
 * A story saved before list items were kept inside lists (a `list-item` at the top of the body)
 * still opens: the stray items are read inside a bulleted list, nothing is dropped, and the next
 * save writes the well-formed body. A save that sends a stray item is refused.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { restoreRevision } from '../../../electron/core/store/history';
import { makeRevision, revisionRelative } from '../../../electron/core/store/revisions';
import { openStore } from '../../../electron/core/store/story-store';
import { verifyStore } from '../../../electron/core/store/verify';
import { misplacedListNodes, type Story } from '../../../shared/story/schema';
import { createStoryService } from '../../../electron/core/stories/service';
import { bodyToText } from '../../../shared/format/body-to-html';
import { sampleStory } from '../publishing/helpers';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

const item = (text: string) => ({ type: 'list-item', children: [{ text }] });
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ text }] });

describe('stories saved with list items outside a list', () => {
  it('open with the items inside a list, keep every word, and save well-formed', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mihbara-stray-'));
    folders.push(root);
    const store = await openStore(root, { mode: 'write', create: true });
    try {
      const story = sampleStory({ id: 'stray-items-story' });
      await store.update(story.id, () => story);
      const file = join(root, 'stories', `${story.id}.json`);
      const onDisk = JSON.parse(await readFile(file, 'utf8'));
      onDisk.body = [
        paragraph('قبل القائمة'),
        item('البند الأول'),
        item('البند الثاني'),
        paragraph('بعدها'),
        item('بند شارد'),
      ];
      await writeFile(file, JSON.stringify(onDisk));

      const read = await store.get(story.id);
      expect(read.body.map((block) => block.type)).toEqual([
        'paragraph',
        'bulleted-list',
        'paragraph',
        'bulleted-list',
      ]);
      expect(bodyToText(read.body)).toContain('البند الثاني');
      expect(bodyToText(read.body)).toContain('بند شارد');

      const stories = createStoryService(store);
      const saved = await stories.save(story.id, read.version, { headline: read.headline });
      expect(JSON.parse(await readFile(file, 'utf8')).body[1].type).toBe('bulleted-list');
      await expect(
        stories.save(story.id, saved.version, { body: [item('شارد من المحرر')] as never }),
      ).rejects.toMatchObject({ code: 'invalid-request' });
    } finally {
      await store.close();
    }
  });
});

describe('a store written in the old shape (stray items in the story file and in its revisions)', () => {
  it('opens, rebuilds its index, rebuilds and restores every revision, and verifies clean', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mihbara-stray-old-'));
    folders.push(root);
    // The store as the old version left it, written file by file: each version's body holds
    // list items at its top level (and one inside a quote), revision 1 a snapshot and 2, 3 deltas
    // counting blocks in those bodies, hashes taken on them.
    await (await openStore(root, { mode: 'write', create: true })).close();
    const id = 'old-shape-story';
    const base = sampleStory({ id, version: 1 });
    const long = Array.from({ length: 12 }, (_, n) =>
      paragraph(`فقرة ${n} من نص طويل يكفي لأن يكون التغيير صغيرًا بالنسبة إلى القصة كلها.`),
    );
    const v1 = {
      ...base,
      body: [paragraph('مقدمة'), item('أولًا'), item('ثانيًا'), ...long],
    } as unknown as Story;
    const v2 = {
      ...v1,
      version: 2,
      body: [...v1.body, paragraph('فاصل'), { type: 'block-quote', children: [item('داخل الاقتباس')] }],
    } as unknown as Story;
    const v3 = {
      ...v2,
      version: 3,
      headline: 'عنوان ثالث',
      body: [...v2.body, item('ثالثًا')],
    } as unknown as Story;
    const meta = { actor: 'old-version', at: '2026-01-01T00:00:00.000Z' };
    const r1 = makeRevision(undefined, v1, undefined, meta);
    const r2 = makeRevision(v1, v2, r1, meta);
    const r3 = makeRevision(v2, v3, r2, meta);
    expect([r1.kind, r2.kind, r3.kind]).toEqual(['snapshot', 'delta', 'delta']);
    await mkdir(join(root, 'revisions', id), { recursive: true });
    for (const revision of [r1, r2, r3])
      await writeFile(join(root, revisionRelative(id, revision.version)), JSON.stringify(revision));
    await writeFile(join(root, 'stories', `${id}.json`), JSON.stringify(v3));

    const store = await openStore(root, { mode: 'write' });
    try {
      // The index rebuild finds it (it used to leave it out as damaged).
      expect(await store.rebuildIndex()).toMatchObject({ stories: 1, quarantined: 0 });
      expect(store.list().map((entry) => entry.id)).toEqual([id]);
      const wellFormed = (story: Story) => expect(misplacedListNodes(story.body)).toEqual([]);
      const current = await store.get(id);
      wellFormed(current);
      expect(bodyToText(current.body)).toContain('داخل الاقتباس');
      // Every revision rebuilds, well-formed, every word kept; nothing is moved aside.
      for (const version of [1, 2, 3]) {
        const old = await store.getRevision(id, version);
        wellFormed(old);
        expect(old.version).toBe(version);
      }
      expect(bodyToText((await store.getRevision(id, 2)).body)).toContain('داخل الاقتباس');
      expect(store.quarantined()).toEqual([]);
      expect((await store.listRevisions(id)).map((info) => info.version)).toEqual([1, 2, 3]);
      expect(await verifyStore(root)).toMatchObject({ storiesChecked: 1, problems: [] });

      // A save writes a delta counting blocks of the repaired body; the chain rebuilds across
      // old deltas (on the old bodies) and new ones (on repaired bodies).
      const stories = createStoryService(store);
      const saved = await stories.save(id, 3, { headline: 'بعد الترميم' });
      expect(saved.version).toBe(4);
      expect(await readFile(join(root, revisionRelative(id, 4)), 'utf8')).toContain('"kind":"delta"');
      expect((await store.getRevision(id, 4)).headline).toBe('بعد الترميم');
      // Restoring an old revision makes it the next version; the chain still adds up after it.
      const restored = await restoreRevision(store, id, 1, { baseVersion: 4 });
      expect(restored.version).toBe(5);
      wellFormed(restored);
      expect(bodyToText(restored.body)).toContain('ثانيًا');
      expect((await store.getRevision(id, 3)).headline).toBe('عنوان ثالث');
      expect(await verifyStore(root)).toMatchObject({ storiesChecked: 1, problems: [] });
      expect(store.quarantined()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
