/**
 * The workflow's newer API operations: the administrator's people-and-desks screen and the
 * review's "mark reviewed". Spread into the one contract (shared/api/contract.ts).
 */
import { z } from 'zod';
import { StoryId } from '../story/schema';
import { ChecklistConfig, Desk, HistoryEntry, Pin, PublicUser, Role } from './model';

const PersonName = z.string().trim().min(1).max(120);
const UserRef = z.string().max(64);
const DeskId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not a desk id')
  .optional();

export const workflowContract = {
  /** everyone (active or not) and every desk, for the administrator's screen */
  listPeople: {
    request: z.object({}).strict(),
    response: z.object({ users: z.array(PublicUser), desks: z.array(Desk) }),
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
  },
  /** administrators only: a new desk */
  addDesk: {
    request: z.object({ name: PersonName, id: DeskId }).strict(),
    response: Desk,
  },
  /** administrators only: rename a desk, or set which checklist items block and which warn */
  updateDesk: {
    request: z
      .object({
        deskId: z.string().max(64),
        name: PersonName.optional(),
        checklist: ChecklistConfig.optional(),
      })
      .strict(),
    response: Desk,
  },
  /** administrators only: the desk's members, replacing the old list */
  setDeskMembers: {
    request: z.object({ deskId: z.string().max(64), userIds: z.array(UserRef).max(500) }).strict(),
    response: z.array(Desk),
  },
  /** the current user has reviewed the story as it is now: the next diff starts here */
  markReviewed: {
    request: z.object({ id: StoryId }).strict(),
    response: HistoryEntry,
  },
} as const;
