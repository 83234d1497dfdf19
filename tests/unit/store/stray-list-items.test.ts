/**
 * A story saved before list items were kept inside lists (a `list-item` at the top of the body)
 * still opens: the stray items are read inside a bulleted list, nothing is dropped, and the next
 * save writes the well-formed body. A save that sends a stray item is refused.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/story-store';
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
