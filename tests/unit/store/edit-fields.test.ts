/**
 * A kept draft (a restore, a team save that met a newer version) carries every field an editor
 * edits. The list comes from the StoryEdit schema, so a field added to the form is kept without
 * anyone remembering a second list: a story with every editable field set gives them all back.
 */
import { describe, expect, it } from 'vitest';
import { StoryEdit } from '../../../shared/story/schema';
import { editOf } from '../../../electron/core/store/recovery';
import { sampleStory } from '../publishing/helpers';

describe('the editable fields of a story', () => {
  it('are exactly the StoryEdit fields, all kept', () => {
    const story = sampleStory({ desk: 'politics', urgency: 2, edNote: 'للديسك: تحقق من الأرقام' });
    const edit = editOf(story);
    const editable = Object.keys(StoryEdit.shape).sort();
    const setOnStory = editable.filter((key) => (story as Record<string, unknown>)[key] !== undefined);
    expect(Object.keys(edit).sort()).toEqual(setOnStory);
    expect(edit).toMatchObject({ desk: 'politics', urgency: 2, edNote: 'للديسك: تحقق من الأرقام' });
    expect(StoryEdit.safeParse(edit).success).toBe(true);
  });
});
