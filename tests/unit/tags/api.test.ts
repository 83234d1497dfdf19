/**
 * Tag rules through the one door every caller uses (the dispatcher behind IPC, the bridge and
 * the CLI): only an administrator renames, merges, deletes or undoes tags across stories, and a
 * save refuses a tag of only spaces, tatweel or marks with the reason the editor is shown.
 */
import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../shared/api/contract';
import { setup } from '../workflow/helpers';

type Answer = {
  ok: boolean;
  value?: unknown;
  error?: { code: string; issues?: { path: string; message: string }[] };
};

async function ok<T>(answer: Promise<Answer>): Promise<T> {
  const result = await answer;
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  return result.value as T;
}

/** A newsroom with two tagged stories, saved through the API as the administrator. */
async function tagged() {
  const world = await setup();
  const { dispatch } = world;
  const saveTags = async (tags: string[]) => {
    const created = await ok<ResponseOf<'createStory'>>(
      dispatch('createStory', { language: 'ar', edit: { headline: 'مسودة' } }),
    );
    return ok<ResponseOf<'saveStory'>>(
      dispatch('saveStory', {
        id: created.id,
        baseVersion: created.version,
        edit: { headline: 'خبر', tags },
      }),
    );
  };
  const a = await saveTags(['انتخابات', 'ليبيا']);
  const b = await saveTags(['الانتخابات']);
  const tagsOf = async (id: string) => (await ok<ResponseOf<'getStory'>>(dispatch('getStory', { id }))).tags;
  return { ...world, a, b, tagsOf };
}

describe('tag administration through the API', () => {
  it('refuses an editor a rename, merge, delete or undo, and changes no story', async () => {
    const { dispatch, editor, a, b, tagsOf } = await tagged();
    // The administrator makes one change first, so there is something to undo.
    const change = await ok<ResponseOf<'renameTag'>>(
      dispatch('renameTag', { from: 'ليبيا', to: 'ليبيا الجديدة' }),
    );
    await ok(dispatch('switchUser', { userId: editor.id, pin: '1234' }));
    const session = await ok<ResponseOf<'getSession'>>(dispatch('getSession', {}));
    expect(session.user.role).toBe('editor');

    for (const [operation, payload] of [
      ['renameTag', { from: 'انتخابات', to: 'اقتراع' }],
      ['mergeTags', { from: ['انتخابات'], into: 'الانتخابات' }],
      ['deleteTag', { name: 'الانتخابات' }],
      ['undoTagChange', { id: change.id }],
    ] as const) {
      const answer = await dispatch(operation, payload);
      expect(answer, operation).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await tagsOf(a.id)).toEqual(['انتخابات', 'ليبيا الجديدة']);
    expect(await tagsOf(b.id)).toEqual(['الانتخابات']);
    const list = await ok<ResponseOf<'listTags'>>(dispatch('listTags', {}));
    expect(list.lastChange).toMatchObject({ id: change.id, undone: false });

    // Creating a tag is every editor's; only changes across stories are the administrator's.
    expect(await ok(dispatch('createTag', { name: 'اقتراع' }))).toMatchObject({ name: 'اقتراع' });
  });

  it('lets the administrator do the same, in one step each', async () => {
    const { dispatch, editor, admin, a, b, tagsOf } = await tagged();
    await ok(dispatch('switchUser', { userId: editor.id, pin: '1234' }));
    await ok(dispatch('switchUser', { userId: admin.id }));
    const merged = await ok<ResponseOf<'mergeTags'>>(
      dispatch('mergeTags', { from: ['انتخابات'], into: 'الانتخابات' }),
    );
    expect(merged.storiesChanged).toBe(1);
    expect(await tagsOf(a.id)).toEqual(['الانتخابات', 'ليبيا']);
    await ok(dispatch('undoTagChange', { id: merged.id }));
    expect(await tagsOf(a.id)).toEqual(['ليبيا', 'انتخابات']);
    expect(await tagsOf(b.id)).toEqual(['الانتخابات']);
  });
});

describe('tags sent with a save', () => {
  it('refuses a tag of only spaces, tatweel or marks, with the reason, and keeps the story as it was', async () => {
    const { dispatch, a, tagsOf } = await tagged();
    for (const bad of ['   ', 'ـــ', ' ـ ـ ', '\u064e\u0651', 'ـَـ', '؟!']) {
      const answer = (await dispatch('saveStory', {
        id: a.id,
        baseVersion: a.version,
        edit: { headline: 'خبر معدل', tags: ['ليبيا', bad] },
      })) as Answer;
      expect(answer.ok, JSON.stringify(bad)).toBe(false);
      expect(answer.error?.code).toBe('invalid-request');
      expect(answer.error?.issues).toEqual([
        { path: 'reason', message: 'empty-tag' },
        { path: 'edit.tags.1', message: 'empty-tag' },
      ]);
    }
    const story = await ok<ResponseOf<'getStory'>>(dispatch('getStory', { id: a.id }));
    expect(story.version).toBe(a.version);
    expect(story.headline).toBe('خبر');
    expect(await tagsOf(a.id)).toEqual(['انتخابات', 'ليبيا']);

    // A tag with a letter among tatweel and harakat is a tag; a save without tags is untouched by the rule.
    const saved = await ok<ResponseOf<'saveStory'>>(
      dispatch('saveStory', {
        id: a.id,
        baseVersion: a.version,
        edit: { tags: ['ليبيـــا', 'غَزّة', '2026'] },
      }),
    );
    expect(saved.tags).toEqual(['ليبيـــا', 'غَزّة', '2026']);
    await ok(dispatch('saveStory', { id: a.id, baseVersion: saved.version, edit: { headline: 'عنوان' } }));
  });
});
