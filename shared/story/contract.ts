/** The story operations: the list, reading and saving, Word import, revisions and recovery drafts. */
import { z } from 'zod';
import type { OperationSpec } from '../api/policy';
import { Base64 } from '../media/contract';
import { RecoveryOffer, RevisionInfo, StoryComparison } from './history';
import { StoryListFilter, StoryListQuery } from './list';
import { LanguageTag, Story, StoryEdit, StoryId, StorySummary } from './schema';

const StoryPageShape = z.object({
  total: z.number().int().min(0),
  totalAtLeast: z.boolean().optional(),
  items: z.array(StorySummary),
  offline: z.boolean().optional(),
});

export const storyContract = {
  getStoreInfo: {
    request: z.object({}).strict(),
    response: z.object({
      path: z.string(),
      storyCount: z.number().int().min(0),
      /** true when another process holds the store: it was opened read-only and cannot save */
      readOnly: z.boolean().optional(),
      /** damaged files moved to `<store>/quarantine/` since the store was opened */
      quarantined: z.number().int().min(0).optional(),
    }),
    policy: 'signed-in',
  },
  /** one page of the story list, filtered (a queue is such a filter), newest change first */
  listStories: {
    request: StoryListQuery,
    response: StoryPageShape,
    policy: 'signed-in',
  },
  /** how many stories match each filter (the queues' counts), each counted up to a bound */
  countStories: {
    request: z.object({ filters: z.array(StoryListFilter).min(1).max(10) }).strict(),
    response: z.object({
      counts: z.array(z.object({ total: z.number().int().min(0), totalAtLeast: z.boolean().optional() })),
      offline: z.boolean().optional(),
    }),
    policy: 'signed-in',
  },
  getStory: {
    request: z.object({ id: StoryId }).strict(),
    response: Story,
    policy: 'signed-in',
  },
  /**
   * A new story as it starts (its id, authors and desk), for the editor to hold until the first
   * edit: nothing is stored, so a new story that is left untouched leaves nothing behind.
   */
  newStory: {
    request: z.object({ language: LanguageTag.default('ar') }).strict(),
    response: Story,
    policy: 'signed-in',
  },
  /**
   * Stores a new story with its first edit (a story is never stored empty) and locks it for its
   * author. `id` is the one `newStory` gave; an id already in use is refused as a conflict.
   */
  createStory: {
    request: z
      .object({ id: StoryId.optional(), language: LanguageTag.default('ar'), edit: StoryEdit })
      .strict(),
    response: Story,
    policy: 'signed-in',
  },
  saveStory: {
    request: z
      .object({
        id: StoryId,
        /** the version the editor's copy is based on; a stale save is refused as a conflict */
        baseVersion: z.number().int().min(1),
        edit: StoryEdit,
      })
      .strict(),
    response: Story,
    policy: 'story-editor',
  },
  /** a Word document becomes a new story; its images are copied into the store */
  importDocx: {
    request: z.object({ name: z.string().max(500), dataBase64: Base64 }).strict(),
    response: Story,
    policy: 'signed-in',
  },
  /** a story's history, oldest first */
  listRevisions: {
    request: z.object({ id: StoryId }).strict(),
    response: z.array(RevisionInfo),
    policy: 'signed-in',
  },
  /** one old version of a story, read-only */
  getRevision: {
    request: z.object({ id: StoryId, version: z.number().int().min(1) }).strict(),
    response: Story,
    policy: 'signed-in',
  },
  compareRevisions: {
    request: z.object({ id: StoryId, from: z.number().int().min(1), to: z.number().int().min(1) }).strict(),
    response: StoryComparison,
    policy: 'signed-in',
  },
  /** makes an old version the next one (a new revision; history is not rewritten) */
  restoreRevision: {
    request: z
      .object({ id: StoryId, version: z.number().int().min(1), baseVersion: z.number().int().min(1) })
      .strict(),
    response: Story,
    policy: 'story-editor',
  },
  /** the editor's unsaved text, sent on a short debounce independently of the save */
  putRecoveryDraft: {
    request: z.object({ id: StoryId, baseVersion: z.number().int().min(1), draft: StoryEdit }).strict(),
    response: z.object({ savedAt: z.string() }),
    policy: 'story-editor',
  },
  /** drafts left by a crash or a failed save, offered at start-up */
  listRecoveryDrafts: {
    request: z.object({}).strict(),
    response: z.array(RecoveryOffer),
    policy: 'signed-in',
  },
  /** saves a recovery draft as the story's next version */
  restoreRecoveryDraft: {
    request: z.object({ id: StoryId }).strict(),
    response: Story,
    policy: 'story-editor',
  },
  /** the user declined the draft (it is kept aside, not deleted) */
  discardRecoveryDraft: {
    request: z.object({ id: StoryId }).strict(),
    response: z.object({}),
    policy: 'signed-in',
  },
  /**
   * The text the user at the keyboard had not saved when a desk chief took their lock over,
   * kept for them out of the story: their whole text as they had it, to copy.
   */
  getTakenOverDraft: {
    request: z.object({ id: StoryId }).strict(),
    response: z.object({
      id: StoryId,
      savedAt: z.string(),
      draft: StoryEdit,
      takenOver: z.object({ byName: z.string(), at: z.string() }),
    }),
    policy: 'signed-in',
  },
  /** the user sets their kept text aside (moved aside, not deleted) */
  discardTakenOverDraft: {
    request: z.object({ id: StoryId }).strict(),
    response: z.object({}),
    policy: 'signed-in',
  },
} as const satisfies Record<string, OperationSpec>;
