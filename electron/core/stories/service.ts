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
  type StorySummary,
} from '../../../shared/story/schema';
import type { StoryStore } from '../store/types';

export interface StoryService {
  list(): StorySummary[];
  get(id: string): Promise<Story>;
  /** a new empty draft; `start` carries what the workflow knows of it (its authors, its desk) */
  create(language: string, start?: Pick<Partial<Story>, 'authors' | 'desk'>): Promise<Story>;
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

  return {
    list: () => store.list(),
    get: (id) => store.get(id),

    create(language, start = {}) {
      const at = now().toISOString();
      const story = validated({
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
