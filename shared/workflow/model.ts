/**
 * The newsroom's workflow vocabulary as data: roles, actions, users, desks, history entries,
 * comments and locks. Pure (no Node, no Electron): the renderer uses it to display, the main
 * process to enforce, and both read the same schemas.
 */
import { z } from 'zod';
import { StoryStatus } from '../story/schema';

export const Role = z.enum(['editor', 'desk-chief', 'admin']);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

export const WorkflowAction = z.enum([
  'submit',
  'return',
  'approve',
  'schedule',
  'publish',
  'correct',
  'unpublish',
  'kill',
  'spike',
  'unspike',
]);
export type WorkflowAction = z.infer<typeof WorkflowAction>;
export const ACTIONS = WorkflowAction.options;
export const STATES = StoryStatus.options;

const Timestamp = z.iso.datetime({ offset: true });

export const UserId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not a user id');
export type UserId = z.infer<typeof UserId>;

/** A PIN is 4–8 digits; only its salted hash is stored. */
export const Pin = z.string().regex(/^[0-9]{4,8}$/, 'a PIN is 4 to 8 digits');

export const User = z.object({
  id: UserId,
  /** the name as the newsroom writes it (usually Arabic) */
  name: z.string().min(1).max(120),
  /** the same name in Latin letters, for exports and foreign partners */
  latinName: z.string().max(120).default(''),
  initials: z.string().min(1).max(4),
  role: Role,
  desks: z.array(z.string().min(1).max(64)).default([]),
  /** `salt:hash` (scrypt) of the PIN; absent when the user has none yet */
  pinHash: z.string().optional(),
  /** false once an administrator deactivated the user: kept for history, cannot switch in */
  active: z.boolean().default(true),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

/** What the renderer may see of a user: never the PIN hash. */
export const PublicUser = User.omit({ pinHash: true }).extend({ hasPin: z.boolean() });
export type PublicUser = z.infer<typeof PublicUser>;

/**
 * What a failed checklist item does: `block` refuses submit and approve, `approve` only warns at
 * submit and refuses approve (and publish), `warn` only warns, `off` is not checked.
 */
export const ChecklistLevel = z.enum(['block', 'approve', 'warn', 'off']);
export type ChecklistLevel = z.infer<typeof ChecklistLevel>;

export const CHECKLIST_ITEMS = [
  'headline',
  'byline',
  'body',
  'lead-image',
  'image-alt',
  'image-credit',
  'subject',
  'slugline',
  'headline-length',
  'slugline-length',
] as const;
export const ChecklistItemId = z.enum(CHECKLIST_ITEMS);
export type ChecklistItemId = z.infer<typeof ChecklistItemId>;

/**
 * Which pre-publish checks block and which only warn; kept per desk, and once more for stories
 * without a desk. The headline limit is not here: it is the newsroom's one setting
 * (`NewsroomSettings.headlineLimit`), read by the proofing guide and the checklist alike (a
 * `headlineMax` saved by an older version is dropped when read).
 */
export const ChecklistConfig = z.object({
  levels: z.partialRecord(ChecklistItemId, ChecklistLevel).default({}),
  sluglineMax: z.number().int().min(5).max(200).default(40),
});
export type ChecklistConfig = z.infer<typeof ChecklistConfig>;

export const Desk = z.object({
  id: z.string().min(1).max(64),
  /** the desk's name as shown (Arabic: سياسة، اقتصاد، رياضة) */
  name: z.string().min(1).max(120),
  /** the same name in English, for the English interface, exports and the command line */
  latinName: z.string().max(120).default(''),
  checklist: ChecklistConfig.default({ levels: {}, sluglineMax: 40 }),
});
export type Desk = z.infer<typeof Desk>;

/** One line of a story's history: who did what, when. Lines are only ever appended. */
export const HistoryEntry = z.object({
  at: Timestamp,
  /** user id, or `scheduler` for the main process publishing on time */
  actor: z.string(),
  actorName: z.string(),
  kind: z.enum([
    'transition',
    'lock-taken-over',
    'rescued-text',
    'comment',
    'reply',
    'resolve',
    'reopen',
    'embargo',
    'reviewed',
    /** a delivery to a publishing channel (electron/core/publishing): detail names channel and outcome */
    'delivery',
  ]),
  action: WorkflowAction.optional(),
  from: StoryStatus.optional(),
  to: StoryStatus.optional(),
  note: z.string().optional(),
  /** the story version after the event */
  version: z.number().int().optional(),
  /** extra facts: the scheduled time, the comment id, whether the scheduler caught up… */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** `hash` of the previous line: a removed or reordered line breaks the chain */
  prev: z.string(),
  /** sha256 of this entry without `hash`: an edited line no longer matches it */
  hash: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Where a comment sits: a top-level block, offsets in its plain text, and the words quoted. */
export const Anchor = z.object({
  block: z.number().int().min(0),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  quote: z.string().min(1).max(2000),
});
export type Anchor = z.infer<typeof Anchor>;

export const CommentReply = z.object({
  id: z.string(),
  author: UserId,
  authorName: z.string(),
  text: z.string().min(1).max(4000),
  at: Timestamp,
});
export type CommentReply = z.infer<typeof CommentReply>;

export const Comment = z.object({
  id: z.string(),
  storyId: z.string(),
  anchor: Anchor,
  /** the quoted words could no longer be found in the text: the comment is kept, unanchored */
  detached: z.boolean().default(false),
  author: UserId,
  authorName: z.string(),
  text: z.string().min(1).max(4000),
  at: Timestamp,
  replies: z.array(CommentReply).default([]),
  resolved: z.boolean().default(false),
  resolvedBy: z.string().optional(),
  resolvedAt: Timestamp.optional(),
});
export type Comment = z.infer<typeof Comment>;

export const StoryLock = z.object({
  storyId: z.string(),
  holder: UserId,
  holderName: z.string(),
  since: Timestamp,
  /** last activity (open or save); the lock expires this long after it */
  touchedAt: Timestamp,
  expiresAt: Timestamp,
});
export type StoryLock = z.infer<typeof StoryLock>;

/** The queues of the sidebar. */
export const QUEUES = ['my-drafts', 'to-review', 'returned-to-me', 'scheduled', 'published-today'] as const;
export const QueueId = z.enum(QUEUES);
export type QueueId = z.infer<typeof QueueId>;
