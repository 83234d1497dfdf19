import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import { createFinding } from '../../../electron/core/search/handlers';
import { createStoryService } from '../../../electron/core/stories/service';
import { memoryStore } from '../helpers/memory-store';

async function newsroom() {
  const store = memoryStore();
  const finding = createFinding(store, createStoryService(store));
  const story = async (tags: string[]) => {
    const created = await finding.stories.create('ar');
    return finding.stories.save(created.id, created.version, { headline: 'خبر', tags });
  };
  return { store, ...finding, story };
}

describe('tags', () => {
  it('refuses tags of only spaces, tatweel, harakat or punctuation', async () => {
    const { tags } = await newsroom();
    for (const name of ['', '   ', 'ـــ', ' ـ ـ ', '\u064e\u064f', '؟!']) {
      await expect(tags.create(name)).rejects.toBeInstanceOf(ApiError);
    }
    expect((await tags.create('  الانتخابات   البلدية ')).name).toBe('الانتخابات البلدية');
  });

  it('autocompletes through normalization, and creating an existing spelling gives the existing tag', async () => {
    const { tags } = await newsroom();
    await tags.create('أحمد');
    await tags.create('اقتصاد');
    expect((await tags.suggest('احم')).map((t) => t.name)).toEqual(['أحمد']);
    expect((await tags.create('احمد')).name).toBe('أحمد');
    expect((await tags.list()).tags).toHaveLength(2);
  });

  it('merges tags across every story in one step, and undoes it', async () => {
    const { tags, story, stories, search } = await newsroom();
    await tags.create('انتخابات');
    await tags.create('الانتخابات');
    const a = await story(['انتخابات', 'ليبيا']);
    const b = await story(['الانتخابات']);
    const c = await story(['انتخابات', 'الانتخابات']);
    const d = await story(['رياضة']);

    const change = await tags.merge(['انتخابات'], 'الانتخابات');
    expect(change.storiesChanged).toBe(2);
    expect((await stories.get(a.id)).tags).toEqual(['الانتخابات', 'ليبيا']);
    expect((await stories.get(b.id)).tags).toEqual(['الانتخابات']);
    expect((await stories.get(c.id)).tags).toEqual(['الانتخابات']);
    expect((await stories.get(d.id)).tags).toEqual(['رياضة']);
    expect((await tags.list()).tags.map((t) => t.name)).not.toContain('انتخابات');
    expect(await search.idsWithTag('انتخابات')).toEqual([]);

    await tags.undo(change.id);
    expect((await stories.get(a.id)).tags).toEqual(['ليبيا', 'انتخابات']);
    expect((await stories.get(b.id)).tags).toEqual(['الانتخابات']);
    expect((await stories.get(c.id)).tags.sort()).toEqual(['الانتخابات', 'انتخابات'].sort());
    expect((await tags.list()).tags.map((t) => t.name)).toContain('انتخابات');
    await expect(tags.undo(change.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('renames and deletes across stories', async () => {
    const { tags, story, stories } = await newsroom();
    const a = await story(['كرة قدم']);
    const renamed = await tags.rename('كرة قدم', 'كرة القدم');
    expect(renamed.storiesChanged).toBe(1);
    expect((await stories.get(a.id)).tags).toEqual(['كرة القدم']);
    const removed = await tags.remove('كرة القدم');
    expect(removed.storiesChanged).toBe(1);
    expect((await stories.get(a.id)).tags).toEqual([]);
    await tags.undo(removed.id);
    expect((await stories.get(a.id)).tags).toEqual(['كرة القدم']);
  });
});
