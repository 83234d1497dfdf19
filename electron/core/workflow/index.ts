/**
 * The workflow as the API, the bridge and the command line use it: the domain service, the
 * scheduler, and the workstation's session (who is at the keyboard, switched with a PIN).
 */
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { ChecklistConfig, Desk, PublicUser, User } from '../../../shared/workflow/model';
import type { StoryStore } from '../store/types';
import { diskFiles, memoryFiles, type WorkflowFiles } from './files';
import { createScheduler, type Scheduler } from './scheduler';
import { createWorkflowService, type WorkflowOptions, type WorkflowService } from './service';
import { FIRST_ADMIN, publicUser } from './users';

export const SESSION_FILE = 'workflow/session.json';

export interface Session {
  user: PublicUser;
  users: PublicUser[];
  desks: Desk[];
  noDeskChecklist: ChecklistConfig;
  lockIdleMs: number;
}

export interface Workflow {
  service: WorkflowService;
  scheduler: Scheduler;
  /** the user at the keyboard of this workstation */
  currentUser(): Promise<User>;
  session(): Promise<Session>;
  /** changes the user at the keyboard; a user with a PIN must give it */
  switchUser(userId: string, pin?: string): Promise<Session>;
}

/**
 * The workflow of a store. Its data lives in the store folder; a store without a folder on
 * disk (tests' in-memory store) keeps it in memory.
 */
export function createWorkflow(
  store: StoryStore,
  options: WorkflowOptions & { files?: WorkflowFiles } = {},
): Workflow {
  const files =
    options.files ??
    (isAbsolute(store.root) && existsSync(store.root)
      ? diskFiles(store.root, store.mode === 'write')
      : memoryFiles());
  const service = createWorkflowService(store, files, options);
  const scheduler = createScheduler(store, service, options.now, options.log);
  let current: string | null = null;

  const currentUser = async (): Promise<User> => {
    if (current === null) {
      const saved = (await files.readJson(SESSION_FILE)) as { userId?: string } | null;
      current = saved?.userId ?? FIRST_ADMIN.id;
    }
    try {
      const user = await service.users.find(current);
      // A deactivated user no longer acts, even if the workstation last had them at the keyboard.
      if (!user.active && user.id !== FIRST_ADMIN.id) throw new Error('inactive');
      return user;
    } catch {
      // The saved user was removed: fall back to the administrator.
      current = FIRST_ADMIN.id;
      return service.users.find(current);
    }
  };

  const session = async (): Promise<Session> => {
    const user = await currentUser();
    return {
      user: publicUser(user),
      // Only active users can switch in; the administrator's screen lists everyone.
      users: (await service.users.list()).filter((u) => u.active).map(publicUser),
      desks: await service.users.desks(),
      noDeskChecklist: await service.users.noDeskChecklist(),
      lockIdleMs: options.lockIdleMs ?? 15 * 60 * 1000,
    };
  };

  return {
    service,
    scheduler,
    currentUser,
    session,
    async switchUser(userId, pin) {
      const user = await service.users.find(userId);
      if (!user.active) {
        throw new ApiError('forbidden', `${user.name} was deactivated`, [
          { path: 'reason', message: 'inactive' },
        ]);
      }
      if (!(await service.users.checkPin(user.id, pin))) {
        throw new ApiError('forbidden', `wrong PIN for ${user.name}`, [{ path: 'reason', message: 'pin' }]);
      }
      current = user.id;
      if (files.writable) await files.writeJson(SESSION_FILE, { userId: user.id });
      return session();
    },
  };
}
