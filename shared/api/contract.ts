/**
 * The API between the renderer and the main process: one map from each operation to the
 * schemas of its request and response. The Electron preload, the browser bridge and the
 * main-side handler table are all typed from this map, and the dispatcher validates every
 * payload against it.
 */
import { z } from 'zod';
import { Story, StoryEdit, StoryId, StorySummary, LanguageTag } from '../story/schema';
import type { ApiResult } from './errors';
import { searchContract } from '../search/contract';
import { teamContract } from '../team/contract';
import { publishingContract } from '../publishing/contract';
import { NewsroomSettings, NewsroomWord } from '../text/house-style';
import { RecoveryOffer, RevisionInfo, StoryComparison } from '../story/history';
import { Comment, Desk, HistoryEntry, PublicUser, StoryLock, WorkflowAction } from '../workflow/model';
import { workflowContract } from '../workflow/contract';
import { jobsContract } from '../jobs/contract';
import { mediaContract } from '../media/contract';

/** File contents in transit (base64); the handler checks the decoded size against its own limit. */
const Base64 = z
  .string()
  .max(16 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
/** A file in the store's media folder: `<sha256>.<ext>`, never a path. */
const MediaFile = z.string().regex(/^[0-9a-f]{64}\.(png|jpg|gif|webp)$/, 'not a media file name');

const WorkflowSession = z.object({
  user: PublicUser,
  users: z.array(PublicUser),
  desks: z.array(Desk),
  lockIdleMs: z.number(),
});
const WorkflowCheckpoint = z.object({
  version: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string(),
  event: z.string(),
});

export const contract = {
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
  },
  listStories: {
    request: z.object({}).strict(),
    response: z.array(StorySummary),
  },
  /** the newsroom's proofing and house-style settings (defaults until first saved) */
  getSettings: {
    request: z.object({}).strict(),
    response: NewsroomSettings,
  },
  saveSettings: {
    request: z.object({ settings: NewsroomSettings }).strict(),
    response: NewsroomSettings,
  },
  /** the newsroom's own spelling list: names and transliterations the dictionaries lack */
  listNewsroomWords: {
    request: z.object({}).strict(),
    response: z.array(z.string()),
  },
  addNewsroomWord: {
    request: z.object({ word: NewsroomWord }).strict(),
    response: z.array(z.string()),
  },
  getStory: {
    request: z.object({ id: StoryId }).strict(),
    response: Story,
  },
  createStory: {
    request: z.object({ language: LanguageTag.default('ar') }).strict(),
    response: Story,
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
  },
  /** copies an image into the store's media folder (content-addressed); checked by its bytes */
  addMedia: {
    request: z.object({ name: z.string().max(500), mime: z.string().max(200), dataBase64: Base64 }).strict(),
    response: z.object({ file: MediaFile }),
  },
  readMedia: {
    request: z.object({ file: MediaFile }).strict(),
    response: z.object({ mime: z.string(), dataBase64: z.string() }),
  },
  /** a Word document becomes a new story; its images are copied into the store */
  importDocx: {
    request: z.object({ name: z.string().max(500), dataBase64: Base64 }).strict(),
    response: Story,
  },
  // ---------------------------------------------------------------- workflow (electron/core/workflow)
  /** who is at the keyboard, everyone who may switch in, the desks */
  getSession: { request: z.object({}).strict(), response: WorkflowSession },
  /** changes the user at the keyboard; a user with a PIN must give it */
  switchUser: {
    request: z.object({ userId: z.string().max(64), pin: z.string().max(8).optional() }).strict(),
    response: WorkflowSession,
  },
  /** moves a story through the workflow as the current user; refused with a reason otherwise */
  transitionStory: {
    request: z
      .object({
        id: StoryId,
        action: WorkflowAction,
        note: z.string().max(4000).optional(),
        at: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
    response: Story,
  },
  setEmbargo: {
    request: z.object({ id: StoryId, until: z.iso.datetime({ offset: true }).nullable() }).strict(),
    response: Story,
  },
  getHistory: {
    request: z.object({ id: StoryId }).strict(),
    response: z.object({ entries: z.array(HistoryEntry), intact: z.boolean() }),
  },
  /** the copies kept at workflow events (submit, return, approve…), for the review diff */
  listCheckpoints: {
    request: z.object({ id: StoryId }).strict(),
    response: z.array(WorkflowCheckpoint),
  },
  getCheckpoint: {
    request: z.object({ id: StoryId, version: z.number().int().min(1) }).strict(),
    response: Story,
  },
  /** the live (published) copy; a story under correction stays live unchanged until approved */
  getLiveStory: {
    request: z.object({ id: StoryId }).strict(),
    response: Story.nullable(),
  },
  /** opening a story to edit: takes its lock, or says who holds it (then the story is read-only) */
  lockStory: {
    request: z.object({ id: StoryId }).strict(),
    response: z.object({ lock: StoryLock.nullable(), mine: z.boolean() }),
  },
  releaseStory: { request: z.object({ id: StoryId }).strict(), response: z.object({}) },
  takeOverLock: { request: z.object({ id: StoryId }).strict(), response: StoryLock },
  listLocks: { request: z.object({}).strict(), response: z.array(StoryLock) },
  listComments: { request: z.object({ id: StoryId }).strict(), response: z.array(Comment) },
  addComment: {
    request: z
      .object({
        id: StoryId,
        block: z.number().int().min(0),
        start: z.number().int().min(0),
        end: z.number().int().min(1),
        text: z.string().trim().min(1).max(4000),
      })
      .strict(),
    response: Comment,
  },
  replyToComment: {
    request: z
      .object({ id: StoryId, commentId: z.string().max(64), text: z.string().trim().min(1).max(4000) })
      .strict(),
    response: Comment,
  },
  setCommentResolved: {
    request: z.object({ id: StoryId, commentId: z.string().max(64), resolved: z.boolean() }).strict(),
    response: Comment,
  },
  /** a story's history, oldest first */
  listRevisions: {
    request: z.object({ id: StoryId }).strict(),
    response: z.array(RevisionInfo),
  },
  /** one old version of a story, read-only */
  getRevision: {
    request: z.object({ id: StoryId, version: z.number().int().min(1) }).strict(),
    response: Story,
  },
  compareRevisions: {
    request: z.object({ id: StoryId, from: z.number().int().min(1), to: z.number().int().min(1) }).strict(),
    response: StoryComparison,
  },
  /** makes an old version the next one (a new revision; history is not rewritten) */
  restoreRevision: {
    request: z
      .object({ id: StoryId, version: z.number().int().min(1), baseVersion: z.number().int().min(1) })
      .strict(),
    response: Story,
  },
  /** the editor's unsaved text, sent on a short debounce independently of the save */
  putRecoveryDraft: {
    request: z.object({ id: StoryId, baseVersion: z.number().int().min(1), draft: StoryEdit }).strict(),
    response: z.object({ savedAt: z.string() }),
  },
  /** drafts left by a crash or a failed save, offered at start-up */
  listRecoveryDrafts: {
    request: z.object({}).strict(),
    response: z.array(RecoveryOffer),
  },
  /** saves a recovery draft as the story's next version */
  restoreRecoveryDraft: {
    request: z.object({ id: StoryId }).strict(),
    response: Story,
  },
  /** the user declined the draft (it is kept aside, not deleted) */
  discardRecoveryDraft: {
    request: z.object({ id: StoryId }).strict(),
    response: z.object({}),
  },
  // People, desks and "mark reviewed" (shared/workflow/contract.ts).
  ...workflowContract,
  // Search, tags, gazetteer and Media Topics (shared/search/contract.ts).
  ...searchContract,
  // Team mode: backend choice, the newsroom server's link and its change feed (shared/team/contract.ts).
  ...teamContract,
  // Publishing channels, the delivery log and the Incoming queue (shared/publishing/contract.ts).
  ...publishingContract,
  // Long work (backup, verify, search index rebuild, bulk export and import) as jobs (shared/jobs/contract.ts).
  ...jobsContract,
  // The media library: pictures the stories use, by caption and credit (shared/media/contract.ts).
  ...mediaContract,
} as const;

export type Contract = typeof contract;
export type Operation = keyof Contract;
export const OPERATIONS = Object.keys(contract) as Operation[];

export type RequestOf<K extends Operation> = z.input<Contract[K]['request']>;
export type ParsedRequestOf<K extends Operation> = z.output<Contract[K]['request']>;
export type ResponseOf<K extends Operation> = z.output<Contract[K]['response']>;

/** What the renderer sees: one async function per operation, never raw transport. */
export type MihbaraApi = {
  [K in Operation]: (request: RequestOf<K>) => Promise<ApiResult<ResponseOf<K>>>;
};

/** What the main side implements: one handler per operation, receiving a validated request. */
export type HandlerTable = {
  [K in Operation]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>>;
};

export function isOperation(name: unknown): name is Operation {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The IPC channel of an operation. */
export const channelOf = (operation: Operation): string => `mihbara:${operation}`;
