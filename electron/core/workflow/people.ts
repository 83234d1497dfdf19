/**
 * The administrator's screen on the newsroom's people and desks. Who may change them is the
 * contract's rule (each change is an `admin` operation, checked by the dispatcher before the
 * handler runs, whichever door the call came through); reading the list is open to all.
 */
import type { ChecklistConfig, Desk, PublicUser } from '../../../shared/workflow/model';
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

/** The people and desks, as the public API shows them (no PIN hashes). */
export function peopleAdmin(users: UserDirectory): PeopleAdmin {
  return {
    async list() {
      // Names and roles are shown throughout the interface.
      return {
        users: (await users.list()).map(publicUser),
        desks: await users.desks(),
        noDeskChecklist: await users.noDeskChecklist(),
      };
    },
    addUser: async (input) => publicUser(await users.add(input)),
    async updateUser(id, { pin, ...change }) {
      // The PIN first: a refused PIN must not leave half the change applied.
      if (pin !== undefined) await users.setPin(id, pin);
      return publicUser(await users.updateUser(id, change));
    },
    addDesk: (name, id, latinName) => users.addDesk(name, id, latinName),
    updateDesk: (id, change) => users.updateDesk(id, change),
    setDeskMembers: (id, userIds) => users.setDeskMembers(id, userIds),
    setNoDeskChecklist: (checklist) => users.setNoDeskChecklist(checklist),
  };
}
