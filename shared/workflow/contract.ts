/**
 * The workflow's operations: the session and switching user, transitions and embargo, history
 * and checkpoints, locks, comments, the administrator's people and desks, and "mark reviewed".
 */
import { z } from 'zod';
import type { OperationSpec, Policy } from '../api/policy';
import { Story, StoryId } from '../story/schema';
import {
  ChecklistConfig,
  Comment,
  Desk,
  HistoryEntry,
  Pin,
  PublicUser,
  Role,
  StoryLock,
  WorkflowAction,
} from './model';
import { TRANSITIONS } from './transitions';

const PersonName = z.string().trim().min(1).max(120);
const UserRef = z.string().max(64);
const DeskId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not a desk id')
  .optional();

const WorkflowSession = z.object({
  user: PublicUser,
  users: z.array(PublicUser),
  desks: z.array(Desk),
  /** the checklist of stories without a desk */
  noDeskChecklist: ChecklistConfig,
  lockIdleMs: z.number(),
});
const WorkflowCheckpoint = z.object({
  version: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string(),
  event: z.string(),
});

export const workflowContract = {
  /** who is at the keyboard, everyone who may switch in, the desks */
  getSession: { request: z.object({}).strict(), response: WorkflowSession, policy: 'signed-in' },
  /** changes the user at the keyboard; a user with a PIN must give it */
  switchUser: {
    request: z.object({ userId: z.string().max(64), pin: z.string().max(8).optional() }).strict(),
    response: WorkflowSession,
    policy: 'signed-in',
  },
  /**
   * moves a story through the workflow as the current user; refused with a reason otherwise. The
   * actions only chiefs may take (approve, publish, return…) are for a desk chief of the story's
   * desk; the others (submit, spike…) the workflow's matrix judges for every role.
   */
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
    policy: 'signed-in',
    policyOf: (request: { action: WorkflowAction }): Policy =>
      TRANSITIONS[request.action].grants.editor ? 'signed-in' : 'desk-chief',
    storyOf: (request: { id: string }) => request.id,
  },
  /** the embargo changes the story: whoever may change it now (its state, their role, its lock) */
  setEmbargo: {
    request: z.object({ id: StoryId, until: z.iso.datetime({ offset: true }).nullable() }).strict(),
    response: Story,
    policy: 'story-editor',
  },
  getHistory: {
    request: z.object({ id: StoryId }).strict(),
    response: z.object({ entries: z.array(HistoryEntry), intact: z.boolean() }),
    policy: 'signed-in',
  },
  /** the copies kept at workflow events (submit, return, approve…), for the review diff */
  listCheckpoints: {
    request: z.object({ id: StoryId }).strict(),
    response: z.array(WorkflowCheckpoint),
    policy: 'signed-in',
  },
  getCheckpoint: {
    request: z.object({ id: StoryId, version: z.number().int().min(1) }).strict(),
    response: Story,
    policy: 'signed-in',
  },
  /** the live (published) copy; a story under correction stays live unchanged until approved */
  getLiveStory: {
    request: z.object({ id: StoryId }).strict(),
    response: Story.nullable(),
    policy: 'signed-in',
  },
  /** opening a story to edit: takes its lock, or says who holds it (then the story is read-only) */
  lockStory: {
    request: z.object({ id: StoryId }).strict(),
    response: z.object({ lock: StoryLock.nullable(), mine: z.boolean() }),
    policy: 'signed-in',
  },
  releaseStory: { request: z.object({ id: StoryId }).strict(), response: z.object({}), policy: 'signed-in' },
  /** a desk chief of the story's desk (or an administrator) takes its lock from whoever holds it */
  takeOverLock: {
    request: z.object({ id: StoryId }).strict(),
    response: StoryLock,
    policy: 'desk-chief',
    storyOf: (request: { id: string }) => request.id,
  },
  listLocks: { request: z.object({}).strict(), response: z.array(StoryLock), policy: 'signed-in' },
  listComments: {
    request: z.object({ id: StoryId }).strict(),
    response: z.array(Comment),
    policy: 'signed-in',
  },
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
    policy: 'signed-in',
  },
  replyToComment: {
    request: z
      .object({ id: StoryId, commentId: z.string().max(64), text: z.string().trim().min(1).max(4000) })
      .strict(),
    response: Comment,
    policy: 'signed-in',
  },
  setCommentResolved: {
    request: z.object({ id: StoryId, commentId: z.string().max(64), resolved: z.boolean() }).strict(),
    response: Comment,
    policy: 'signed-in',
  },
  /** everyone (active or not) and every desk, for the administrator's screen */
  listPeople: {
    request: z.object({}).strict(),
    response: z.object({
      users: z.array(PublicUser),
      desks: z.array(Desk),
      noDeskChecklist: ChecklistConfig,
    }),
    policy: 'signed-in',
  },
  /** administrators only: a new user, with a PIN for switching in */
  addPerson: {
    request: z
      .object({
        name: PersonName,
        latinName: z.string().trim().max(120).default(''),
        initials: z.string().trim().max(4).optional(),
        role: Role,
        desks: z.array(z.string().max(64)).max(50).default([]),
        pin: Pin.optional(),
      })
      .strict(),
    response: PublicUser,
    policy: 'admin',
  },
  /** administrators only: role, desks, names, a new PIN, deactivation */
  updatePerson: {
    request: z
      .object({
        userId: UserRef,
        role: Role.optional(),
        active: z.boolean().optional(),
        desks: z.array(z.string().max(64)).max(50).optional(),
        name: PersonName.optional(),
        latinName: z.string().trim().max(120).optional(),
        initials: z.string().trim().max(4).optional(),
        pin: Pin.optional(),
      })
      .strict(),
    response: PublicUser,
    policy: 'admin',
  },
  /** administrators only: a new desk */
  addDesk: {
    request: z
      .object({ name: PersonName, latinName: z.string().trim().max(120).optional(), id: DeskId })
      .strict(),
    response: Desk,
    policy: 'admin',
  },
  /** administrators only: rename a desk, or set which checklist items block and which warn */
  updateDesk: {
    request: z
      .object({
        deskId: z.string().max(64),
        name: PersonName.optional(),
        latinName: z.string().trim().max(120).optional(),
        checklist: ChecklistConfig.optional(),
      })
      .strict(),
    response: Desk,
    policy: 'admin',
  },
  /** administrators only: which checklist items block and which warn for stories without a desk */
  updateNoDeskChecklist: {
    request: z.object({ checklist: ChecklistConfig }).strict(),
    response: ChecklistConfig,
    policy: 'admin',
  },
  /** administrators only: the desk's members, replacing the old list */
  setDeskMembers: {
    request: z.object({ deskId: z.string().max(64), userIds: z.array(UserRef).max(500) }).strict(),
    response: z.array(Desk),
    policy: 'admin',
  },
  /** the current user has reviewed the story as it is now: the next diff starts here */
  markReviewed: {
    request: z.object({ id: StoryId }).strict(),
    response: HistoryEntry,
    policy: 'signed-in',
  },
} as const satisfies Record<string, OperationSpec>;
