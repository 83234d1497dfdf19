/**
 * Story rules that do not depend on where stories are kept: how a new story starts, how a
 * save is checked against the version it was based on, and what a valid story is.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import {
  STORY_SCHEMA_VERSION,
  Story,
  applyStoryEdit,
  directionOf,
  emptyBody,
  type StoryEdit,
} from '../../../shared/story/schema';
import { canonicalJson } from '../store/revisions';
import type { StoryListQuery, StoryPage } from '../../../shared/story/list';
import type { StoryStore } from '../store/types';

/** What a new story starts with besides its language: what the workflow knows of it (authors, desk). */
export type StoryStart = Pick<Partial<Story>, 'authors' | 'desk'>;

/** The first edit of a new story, and the id its editor was given (`blank`). */
export interface FirstEdit {
  id?: string;
  edit: StoryEdit;
}

const nothing = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** Whether `edit` changes anything in `story` (an empty field and a missing one are the same). */
export function editChanges(story: Story, edit: StoryEdit): boolean {
  const before = story as Record<string, unknown>;
  const after = applyStoryEdit(before, edit);
  return Object.keys(edit).some(
    (key) =>
      !(nothing(after[key]) && nothing(before[key])) &&
      canonicalJson(after[key]) !== canonicalJson(before[key]),
  );
}

export interface StoryService {
  /** one page of the story list (a queue is a filter of it), answered by the backend */
  listPage(query: StoryListQuery): Promise<StoryPage>;
  get(id: string): Promise<Story>;
  /** a new draft as it starts, not stored: what the editor holds until the first edit */
  blank(language: string, start?: StoryStart): Story;
  /**
   * Stores a new draft; `start` carries what the workflow knows of it (its authors, its desk).
   * With `first`, the story is stored with its first edit already in it, under the id `blank`
   * gave (refused as a conflict when that id is taken); an edit that changes nothing is refused.
   */
  create(language: string, start?: StoryStart, first?: FirstEdit): Promise<Story>;
  save(id: string, baseVersion: number, edit: StoryEdit): Promise<Story>;
  /** stores a story that came from outside (an import) under a fresh id, as version 1 */
  adopt(
    story: Omit<Story, 'id' | 'version' | 'schemaVersion' | 'createdAt' | 'updatedAt'> &
      Partial<Pick<Story, 'createdAt'>>,
  ): Promise<Story>;
}

export function createStoryService(store: StoryStore, now: () => Date = () => new Date()): StoryService {
  const validated = (candidate: unknown): Story => {
    const result = Story.safeParse(candidate);
    if (!result.success) {
      throw new ApiError(
        'invalid-request',
        'the story is not valid',
        result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    return result.data;
  };

  const blank = (language: string, start: StoryStart = {}): Story => {
    const at = now().toISOString();
    return validated({
      ...start,
      id: randomUUID(),
      schemaVersion: STORY_SCHEMA_VERSION,
      version: 1,
      language,
      direction: directionOf(language),
      headline: '',
      body: emptyBody(language),
      createdAt: at,
      updatedAt: at,
    });
  };

  return {
    listPage: (query) => store.listPage(query),
    get: (id) => store.get(id),

    blank,

    create(language, start = {}, first) {
      const fresh = blank(language, start);
      if (first && !editChanges(fresh, first.edit)) {
        throw new ApiError(
          'invalid-request',
          'a new story is stored with its first edit; this one changes nothing',
          [{ path: 'edit', message: 'empty' }],
        );
      }
      const story = first
        ? validated({ ...applyStoryEdit(fresh, first.edit), ...(first.id ? { id: first.id } : {}) })
        : fresh;
      return store.update(story.id, (current) => {
        if (current) throw new ApiError('conflict', `a story with id ${story.id} exists already`);
        return story;
      });
    },

    save(id, baseVersion, edit) {
      return store.update(id, (current) => {
        if (!current) throw new ApiError('not-found', `no story with id ${id}`);
        if (current.version !== baseVersion) {
          throw new ApiError(
            'conflict',
            `story ${id} is at version ${current.version}, this save was based on version ${baseVersion}`,
          );
        }
        return validated({
          ...applyStoryEdit(current, edit),
          version: current.version + 1,
          updatedAt: now().toISOString(),
        });
      });
    },

    adopt(incoming) {
      const at = now().toISOString();
      const story = validated({
        ...incoming,
        id: randomUUID(),
        schemaVersion: STORY_SCHEMA_VERSION,
        version: 1,
        createdAt: incoming.createdAt ?? at,
        updatedAt: at,
      });
      return store.update(story.id, () => story);
    },
  };
}
