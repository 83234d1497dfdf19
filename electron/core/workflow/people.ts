/**
 * The administrator's screen on the newsroom's people and desks. Every change checks here, on
 * the main side, that the user at the keyboard is an active administrator: hiding the screen
 * from others is only a convenience.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ChecklistConfig, Desk, PublicUser, User } from '../../../shared/workflow/model';
import { publicUser, type DeskChange, type NewUser, type UserChange, type UserDirectory } from './users';

export interface PeopleAdmin {
  list(): Promise<{ users: PublicUser[]; desks: Desk[]; noDeskChecklist: ChecklistConfig }>;
  addUser(input: NewUser): Promise<PublicUser>;
  updateUser(id: string, change: UserChange & { pin?: string }): Promise<PublicUser>;
  addDesk(name: string, id?: string, latinName?: string): Promise<Desk>;
  updateDesk(id: string, change: DeskChange): Promise<Desk>;
  setDeskMembers(id: string, userIds: string[]): Promise<Desk[]>;
  setNoDeskChecklist(checklist: ChecklistConfig): Promise<ChecklistConfig>;
}

/** Refuses (403, reason `role`) anyone but an active administrator. */
export function requireAdmin(actor: User): void {
  if (actor.role !== 'admin' || !actor.active) {
    throw new ApiError('forbidden', `${actor.name} is not an administrator`, [
      { path: 'reason', message: 'role' },
    ]);
  }
}

/** The people and desks as `actorId` may manage them; each call looks the actor up afresh. */
export function peopleAdmin(users: UserDirectory, actorId: () => Promise<string>): PeopleAdmin {
  const admin = async () => requireAdmin(await users.find(await actorId()));
  return {
    async list() {
      // Reading the list is open to all: names and roles are shown throughout the interface.
      return {
        users: (await users.list()).map(publicUser),
        desks: await users.desks(),
        noDeskChecklist: await users.noDeskChecklist(),
      };
    },
    async addUser(input) {
      await admin();
      return publicUser(await users.add(input));
    },
    async updateUser(id, { pin, ...change }) {
      await admin();
      // The PIN first: a refused PIN must not leave half the change applied.
      if (pin !== undefined) await users.setPin(id, pin);
      return publicUser(await users.updateUser(id, change));
    },
    async addDesk(name, id, latinName) {
      await admin();
      return users.addDesk(name, id, latinName);
    },
    async updateDesk(id, change) {
      await admin();
      return users.updateDesk(id, change);
    },
    async setDeskMembers(id, userIds) {
      await admin();
      return users.setDeskMembers(id, userIds);
    },
    async setNoDeskChecklist(checklist) {
      await admin();
      return users.setNoDeskChecklist(checklist);
    },
  };
}
