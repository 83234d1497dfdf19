/**
 * The API operations of search, tags, the gazetteer and Media Topics. Spread into the one
 * contract (shared/api/contract.ts), so they are validated and typed like every other operation.
 */
import { z } from 'zod';
import type { OperationSpec } from '../api/policy';
import { StoryEntity, StoryId } from '../story/schema';
import { MediaTopic, SubjectCode } from '../vocab/mediatopics';
import {
  EntityKind,
  EntitySuggestion,
  GazetteerEntry,
  SavedSearch,
  SearchRequest,
  SearchResponse,
  SimilarStory,
  TagChange,
  TagInfo,
  TagName,
} from './api';

const Language = z.enum(['ar', 'en']).default('ar');

export const searchContract = {
  /** full-text search with filters, relevance or date order, highlighted snippets */
  searchStories: { request: SearchRequest, response: SearchResponse, policy: 'signed-in' },
  listSavedSearches: { request: z.object({}).strict(), response: z.array(SavedSearch), policy: 'signed-in' },
  saveSearch: {
    request: SavedSearch.omit({ id: true }).strict(),
    response: z.array(SavedSearch),
    policy: 'signed-in',
  },
  deleteSavedSearch: {
    request: z.object({ id: z.string().max(64) }).strict(),
    response: z.array(SavedSearch),
    policy: 'signed-in',
  },
  /** recent stories whose headline and lead closely match (warned about before submitting) */
  findSimilarStories: {
    request: z
      .object({ id: StoryId.optional(), headline: z.string().max(1000), lead: z.string().max(20_000) })
      .strict(),
    response: z.array(SimilarStory),
    policy: 'signed-in',
  },
  suggestTags: {
    request: z
      .object({ query: z.string().max(10_000), limit: z.number().int().min(1).max(50).default(10) })
      .strict(),
    response: z.array(TagInfo),
    policy: 'signed-in',
  },
  listTags: {
    request: z.object({}).strict(),
    response: z.object({ tags: z.array(TagInfo), lastChange: TagChange.nullable() }),
    policy: 'signed-in',
  },
  createTag: { request: z.object({ name: TagName }).strict(), response: TagInfo, policy: 'signed-in' },
  renameTag: {
    request: z.object({ from: TagName, to: TagName }).strict(),
    response: TagChange,
    policy: 'desk-chief',
  },
  mergeTags: {
    request: z.object({ from: z.array(TagName).min(1).max(50), into: TagName }).strict(),
    response: TagChange,
    policy: 'desk-chief',
  },
  deleteTag: { request: z.object({ name: TagName }).strict(), response: TagChange, policy: 'desk-chief' },
  undoTagChange: {
    request: z.object({ id: z.string().max(64) }).strict(),
    response: TagChange,
    policy: 'desk-chief',
  },
  /** people, places and organisations of the gazetteer the text mentions */
  suggestEntities: {
    request: z
      .object({ text: z.string().max(1_000_000), accepted: z.array(StoryEntity).max(200).default([]) })
      .strict(),
    response: z.array(EntitySuggestion),
    policy: 'signed-in',
  },
  /** adds a name to the gazetteer (accepting a name it did not know) */
  addEntity: {
    request: z
      .object({
        kind: EntityKind,
        name: z.string().max(200),
        aliases: z.array(z.string().max(200)).max(20).default([]),
      })
      .strict(),
    response: GazetteerEntry,
    policy: 'desk-chief',
  },
  listEntities: {
    request: z
      .object({
        query: z.string().max(200),
        kind: EntityKind.optional(),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    response: z.array(GazetteerEntry),
    policy: 'signed-in',
  },
  searchMediaTopics: {
    request: z
      .object({
        query: z.string().max(200),
        language: Language,
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    response: z.array(MediaTopic),
    policy: 'signed-in',
  },
  getMediaTopics: {
    request: z.object({ codes: z.array(SubjectCode).max(50), language: Language }).strict(),
    response: z.array(MediaTopic),
    policy: 'signed-in',
  },
} as const satisfies Record<string, OperationSpec>;
