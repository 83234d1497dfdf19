/**
 * Handlers of the search, tag, gazetteer and Media Topics operations (shared/search/contract.ts),
 * spread into the one handler table.
 */
import { randomUUID } from 'node:crypto';
import type { DeskResolver } from '../workflow/desk-resolver';
import { z } from 'zod';
import type { HandlerTable } from '../../../shared/api/contract';
import { SavedSearch } from '../../../shared/search/api';
import type { searchContract } from '../../../shared/search/contract';
import type { MediaTopic } from '../../../shared/vocab/mediatopics';
import type { Story } from '../../../shared/story/schema';
import { createEntityService, type EntityService } from '../entities/service';
import type { StoryService } from '../stories/service';
import type { StoryStore } from '../store/types';
import { newsroomFile } from '../tags/newsroom-file';
import { checkStoryTags, createTagService, type TagService } from '../tags/service';
import { mediaTopics } from '../vocab/mediatopics';
import { bestEffort, consoleLogger, type Logger } from '../log';
import { createSearchService, type SearchService } from './service';

type SearchHandlers = Pick<HandlerTable, keyof typeof searchContract>;

const SavedSearchesFile = z.object({ searches: z.array(SavedSearch) });
/** A sidebar, not an archive. */
const MAX_SAVED_SEARCHES = 100;

export interface Finding {
  search: SearchService;
  tags: TagService;
  entities: EntityService;
  /** the story service with every create and save also sent to the index */
  stories: StoryService;
}

/**
 * A story service whose writes also update the search index, and whose saves refuse a tag with
 * nothing to find it by (only spaces, tatweel or marks) however the save arrives.
 */
export function indexOnSave(stories: StoryService, search: SearchService): StoryService {
  const indexed = async (write: Promise<Story>) => {
    const story = await write;
    search.storySaved(story);
    return story;
  };
  return {
    ...stories,
    create: async (...args: Parameters<StoryService['create']>) => {
      checkStoryTags(args[2]?.edit.tags);
      return indexed(stories.create(...args));
    },
    save: async (...args: Parameters<StoryService['save']>) => {
      checkStoryTags(args[2].tags);
      return indexed(stories.save(...args));
    },
    adopt: (...args: Parameters<StoryService['adopt']>) => indexed(stories.adopt(...args)),
  } as StoryService;
}

/** The search side of a store: index, tags, gazetteer; starts building the index at once. */
export function createFinding(
  store: StoryStore,
  plain: StoryService,
  search?: SearchService,
  log: Logger = consoleLogger,
  /** start building the index now (a long-running workstation) rather than at the first search */
  warm = true,
): Finding {
  const index = search ?? createSearchService(store, { log });
  if (warm) void index.ready().catch(bestEffort(log, 'building the search index failed'));
  const stories = indexOnSave(plain, index);
  return {
    search: index,
    stories,
    tags: createTagService(store, stories, index),
    entities: createEntityService(store),
  };
}

/**
 * The handlers. Renaming, merging, deleting and undoing tags across every story, and changing
 * the gazetteer, are for desk chiefs and administrators: their operations' policy says so and
 * the dispatcher checks it.
 */
export function searchHandlers(
  store: StoryStore,
  { search, tags, entities }: Finding,
  desks: DeskResolver,
): SearchHandlers {
  const saved = newsroomFile(
    store,
    'saved-searches.json',
    () => ({ searches: [] as SavedSearch[] }),
    (v) => SavedSearchesFile.parse(v),
  );
  const topics = (list: (MediaTopic | null)[]) => list.filter((topic): topic is MediaTopic => topic !== null);
  return {
    // The desk filter takes a desk by its id or either of its names.
    searchStories: async (request) =>
      search.search(
        request.filters?.desk
          ? { ...request, filters: { ...request.filters, desk: await desks.idOrKey(request.filters.desk) } }
          : request,
      ),
    listSavedSearches: async () => (await saved.read()).searches,
    saveSearch: (request) =>
      saved.update(({ searches }) => {
        const entry = { ...request, id: randomUUID() };
        // Saving under an existing name replaces that search.
        const next = [...searches.filter((s) => s.name !== request.name), entry].slice(-MAX_SAVED_SEARCHES);
        return { next: { searches: next }, result: next };
      }),
    deleteSavedSearch: ({ id }) =>
      saved.update(({ searches }) => {
        const next = searches.filter((s) => s.id !== id);
        return { next: { searches: next }, result: next };
      }),
    findSimilarStories: ({ id, headline, lead }) => search.similar({ id, headline, lead }),
    suggestTags: ({ query, limit }) => tags.suggest(query, limit),
    listTags: () => tags.list(),
    createTag: ({ name }) => tags.create(name),
    renameTag: ({ from, to }) => tags.rename(from, to),
    mergeTags: ({ from, into }) => tags.merge(from, into),
    deleteTag: ({ name }) => tags.remove(name),
    undoTagChange: ({ id }) => tags.undo(id),
    suggestEntities: ({ text, accepted }) => entities.suggest(text, accepted),
    addEntity: ({ kind, name, aliases }) => entities.add(kind, name, aliases),
    listEntities: ({ query, kind, limit }) => entities.list(query, kind, limit),
    searchMediaTopics: async ({ query, language, limit }) => mediaTopics().search(query, language, limit),
    getMediaTopics: async ({ codes, language }) =>
      topics(codes.map((code) => mediaTopics().get(code, language))),
  };
}
