/**
 * The workflow's part of the handler table. Every operation acts as the user at the keyboard
 * of this workstation (the session), never as a user the caller names.
 */
import type { HandlerTable } from '../../../shared/api/contract';
import type { Workflow } from './index';
import { peopleAdmin } from './people';

type WorkflowOperations =
  | 'getSession'
  | 'switchUser'
  | 'transitionStory'
  | 'setEmbargo'
  | 'getHistory'
  | 'listCheckpoints'
  | 'getCheckpoint'
  | 'getLiveStory'
  | 'lockStory'
  | 'releaseStory'
  | 'takeOverLock'
  | 'listLocks'
  | 'listComments'
  | 'addComment'
  | 'replyToComment'
  | 'setCommentResolved'
  | 'listPeople'
  | 'addPerson'
  | 'updatePerson'
  | 'addDesk'
  | 'updateDesk'
  | 'setDeskMembers'
  | 'updateNoDeskChecklist'
  | 'markReviewed';

export function workflowHandlers(
  workflow: Workflow,
  me: () => Promise<string>,
): Pick<HandlerTable, WorkflowOperations> {
  const { service } = workflow;
  const people = peopleAdmin(service.users);
  return {
    getSession: () => workflow.session(),
    switchUser: ({ userId, pin }) => workflow.switchUser(userId, pin),
    transitionStory: async ({ id, action, note, at }) =>
      service.transition(id, action, await me(), { note, at }),
    setEmbargo: async ({ id, until }) => service.setEmbargo(id, until, await me()),
    getHistory: async ({ id }) => {
      const { entries, intact } = await service.readHistory(id);
      return { entries, intact };
    },
    listCheckpoints: ({ id }) => service.checkpoints(id),
    getCheckpoint: ({ id, version }) => service.checkpoint(id, version),
    getLiveStory: ({ id }) => service.live(id),
    lockStory: async ({ id }) => service.lockFor(id, await me()),
    releaseStory: async ({ id }) => {
      await service.releaseLock(id, await me());
      return {};
    },
    takeOverLock: async ({ id }) => service.takeOverLock(id, await me()),
    listLocks: async () => service.locks.all(),
    listComments: ({ id }) => service.listComments(id),
    addComment: async ({ id, block, start, end, text }) =>
      service.addComment(id, { block, start, end }, text, await me()),
    replyToComment: async ({ id, commentId, text }) =>
      service.replyToComment(id, commentId, text, await me()),
    setCommentResolved: async ({ id, commentId, resolved }) =>
      service.setCommentResolved(id, commentId, resolved, await me()),
    listPeople: () => people.list(),
    addPerson: (request) => people.addUser(request),
    updatePerson: ({ userId, ...change }) => people.updateUser(userId, change),
    addDesk: ({ name, id, latinName }) => people.addDesk(name, id, latinName),
    updateDesk: ({ deskId, ...change }) => people.updateDesk(deskId, change),
    setDeskMembers: ({ deskId, userIds }) => people.setDeskMembers(deskId, userIds),
    updateNoDeskChecklist: ({ checklist }) => people.setNoDeskChecklist(checklist),
    markReviewed: async ({ id }) => service.markReviewed(id, await me()),
  };
}
