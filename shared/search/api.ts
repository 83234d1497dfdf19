/**
 * Request and response shapes of search, tags, the gazetteer and Media Topics, as the API
 * contract (shared/api/contract.ts) uses them.
 */
import { z } from 'zod';
import { StoryId, StoryStatus } from '../story/schema';
import { SubjectCode } from '../vocab/mediatopics';

/** A calendar day (YYYY-MM-DD) or a full ISO time; day bounds cover the whole day. */
const DateBound = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?$/, 'not a date');

export const SearchFilters = z
  .object({
    status: StoryStatus.optional(),
    author: z.string().max(200).optional(),
    desk: z.string().max(100).optional(),
    tag: z.string().max(100).optional(),
    subject: SubjectCode.optional(),
    from: DateBound.optional(),
    to: DateBound.optional(),
  })
  .strict();
export type SearchFilters = z.infer<typeof SearchFilters>;

export const SearchRequest = z
  .object({
    /** free text; up to 10,000 characters are accepted (and cut to the first words) */
    query: z.string().max(10_000).default(''),
    filters: SearchFilters.default({}),
    sort: z.enum(['relevance', 'date']).default('relevance'),
    offset: z.number().int().min(0).max(10_000).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();
export type SearchRequest = z.input<typeof SearchRequest>;

/** A range of a string to highlight (offsets into that string). */
export const Highlight = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type Highlight = z.infer<typeof Highlight>;

export const SearchHit = z.object({
  id: StoryId,
  headline: z.string(),
  headlineHighlights: z.array(Highlight),
  byline: z.string(),
  status: StoryStatus,
  desk: z.string().optional(),
  language: z.string(),
  updatedAt: z.string(),
  score: z.number(),
  snippet: z.object({ text: z.string(), highlights: z.array(Highlight) }),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({
  total: z.number().int().min(0),
  /**
   * true: there are more than `total` matches (the newsroom's server stops counting at a cap, so
   * a search's cost does not grow with the archive; the search screen says "more than")
   */
  totalAtLeast: z.boolean().optional(),
  hits: z.array(SearchHit),
  /**
   * `cached`: team mode while the newsroom's server cannot be reached — only the stories kept on
   * this workstation were searched (the search screen says so)
   */
  scope: z.enum(['cached']).optional(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

/** A search kept under a name in the sidebar. */
export const SavedSearch = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  query: z.string().max(10_000),
  filters: SearchFilters,
  sort: z.enum(['relevance', 'date']),
});
export type SavedSearch = z.infer<typeof SavedSearch>;

// ---------------------------------------------------------------- tags

/** A tag as typed; the tag service refuses one without a letter or digit (spaces, tatweel). */
export const TagName = z.string().max(100);

export const TagInfo = z.object({ name: z.string(), count: z.number().int().min(0) });
export type TagInfo = z.infer<typeof TagInfo>;

/** One admin change to the tags of every story (rename, merge, delete), kept so it can be undone. */
export const TagChange = z.object({
  id: z.string(),
  kind: z.enum(['rename', 'merge', 'delete']),
  from: z.array(z.string()),
  to: z.string().nullable(),
  at: z.string(),
  storiesChanged: z.number().int().min(0),
  undone: z.boolean(),
});
export type TagChange = z.infer<typeof TagChange>;

// ---------------------------------------------------------------- entities

export const EntityKind = z.enum(['person', 'place', 'organisation']);
export type EntityKind = z.infer<typeof EntityKind>;

export const GazetteerEntry = z.object({
  id: z.string(),
  kind: EntityKind,
  name: z.string(),
  aliases: z.array(z.string()),
});
export type GazetteerEntry = z.infer<typeof GazetteerEntry>;

export const EntitySuggestion = z.object({
  kind: EntityKind,
  name: z.string(),
  /** how often the story mentions it (any alias, any prefix) */
  mentions: z.number().int().min(1),
  /** found by its cue (a title, a head noun, a place word), not in the gazetteer yet */
  isNew: z.boolean(),
});
export type EntitySuggestion = z.infer<typeof EntitySuggestion>;

export const SimilarStory = z.object({
  id: StoryId,
  headline: z.string(),
  updatedAt: z.string(),
  /** 0–1: share of headline-and-lead words the two stories have in common */
  similarity: z.number(),
});
export type SimilarStory = z.infer<typeof SimilarStory>;
