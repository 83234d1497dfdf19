import { describe, expect, it } from 'vitest';
import type { Story } from '../../../shared/story/schema';
import { memoryStore } from '../helpers/memory-store';
import { workstationOn } from '../helpers/workstation';

async function setup() {
  const store = memoryStore();
  const logged: string[] = [];
  const { dispatch } = await workstationOn(store, {}, logged);
  return { store, dispatch, logged };
}

describe('dispatch', () => {
  it('creates, saves and lists a story through the contract', async () => {
    const { dispatch } = await setup();
    const created = await dispatch('createStory', { language: 'ar', edit: { headline: 'مسودة' } });
    expect(created.ok).toBe(true);
    const story = (created as { value: Story }).value;
    expect(story.direction).toBe('rtl');
    const saved = await dispatch('saveStory', {
      id: story.id,
      baseVersion: 1,
      edit: { headline: 'الرئاسة الليبية تتسلم دعوة رسمية' },
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { version: 2, headline: 'الرئاسة الليبية تتسلم دعوة رسمية' },
    });
    const list = await dispatch('listStories', {});
    expect(list).toMatchObject({
      ok: true,
      value: { total: 1, items: [{ id: story.id, headline: 'الرئاسة الليبية تتسلم دعوة رسمية' }] },
    });
  });

  it('answers a wrong payload with a typed invalid-request error naming the field', async () => {
    const { dispatch } = await setup();
    const result = await dispatch('saveStory', { id: 'x', baseVersion: 'one', edit: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['id', 'baseVersion']));
  });

  it('refuses extra fields, unknown operations and non-object payloads without throwing', async () => {
    const { dispatch } = await setup();
    expect(await dispatch('listStories', { evil: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await dispatch('deleteEverything', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-operation' },
    });
    expect(await dispatch('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-operation' },
    });
    expect(await dispatch('getStory', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('stores a new story only with its first edit, under the id it was given, locked for its author', async () => {
    const { dispatch, store } = await setup();
    const fresh = (await dispatch('newStory', { language: 'ar' })) as { ok: true; value: Story };
    expect(fresh.value).toMatchObject({ version: 1, headline: '', direction: 'rtl' });
    // Nothing is stored by asking for a new story.
    expect(await store.count()).toBe(0);
    expect(await dispatch('getStory', { id: fresh.value.id })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    // An edit that leaves the story as it started is no first edit.
    const { id, language } = fresh.value;
    expect(
      await dispatch('createStory', { id, language, edit: { headline: '', tags: [], edNote: '' } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await store.count()).toBe(0);

    const created = await dispatch('createStory', { id, language, edit: { headline: 'ق' } });
    expect(created).toMatchObject({ ok: true, value: { id, version: 1, headline: 'ق' } });
    expect(await store.count()).toBe(1);
    expect(await dispatch('listLocks', {})).toMatchObject({ ok: true, value: [{ storyId: id }] });
    // The id cannot be used twice: the second create would replace the first story.
    expect(await dispatch('createStory', { id, language, edit: { headline: 'ثانية' } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await dispatch('getStory', { id })).toMatchObject({ ok: true, value: { headline: 'ق' } });
  });

  it('refuses a stale save as a conflict and keeps the newer text', async () => {
    const { dispatch } = await setup();
    const created = (await dispatch('createStory', { edit: { headline: 'مسودة' } })) as {
      ok: true;
      value: Story;
    };
    const id = created.value.id;
    await dispatch('saveStory', { id, baseVersion: 1, edit: { headline: 'الأولى' } });
    const stale = await dispatch('saveStory', { id, baseVersion: 1, edit: { headline: 'الثانية' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatch('getStory', { id })).toMatchObject({
      ok: true,
      value: { headline: 'الأولى', version: 2 },
    });
  });

  it('changes only the fields a save sends: absent fields keep their values', async () => {
    const { dispatch } = await setup();
    const created = (await dispatch('createStory', { edit: { headline: 'مسودة' } })) as {
      ok: true;
      value: Story;
    };
    const id = created.value.id;
    await dispatch('saveStory', {
      id,
      baseVersion: 1,
      edit: { slugline: 'قمة-بغداد', tags: ['ليبيا'], byline: 'ياسين أحمد' },
    });
    const saved = await dispatch('saveStory', { id, baseVersion: 2, edit: { headline: 'الرئاسة الليبية' } });
    expect(saved).toMatchObject({
      ok: true,
      value: { headline: 'الرئاسة الليبية', slugline: 'قمة-بغداد', tags: ['ليبيا'], byline: 'ياسين أحمد' },
    });
  });

  it('rejects a body with an unsafe link', async () => {
    const { dispatch } = await setup();
    const created = (await dispatch('createStory', { edit: { headline: 'مسودة' } })) as {
      ok: true;
      value: Story;
    };
    const result = await dispatch('saveStory', {
      id: created.value.id,
      baseVersion: 1,
      edit: {
        body: [
          {
            type: 'paragraph',
            children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ text: 'x' }] }],
          },
        ],
      },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('reports an unexpected handler failure as internal and logs it', async () => {
    const store = memoryStore();
    store.get = async () => {
      throw new TypeError('boom');
    };
    const logged: string[] = [];
    const { dispatch } = await workstationOn(store, {}, logged);
    const result = await dispatch('getStory', { id: '0123456789abcdef' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged.join()).toContain('boom');
  });

  it('maps a full disk to its own code', async () => {
    const store = memoryStore();
    store.update = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const { dispatch } = await workstationOn(store);
    expect(await dispatch('createStory', { edit: { headline: 'مسودة' } })).toMatchObject({
      ok: false,
      error: { code: 'disk-full' },
    });
  });
});
