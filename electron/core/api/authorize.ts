/**
 * The dispatcher's policy check, run before every handler with the validated request:
 * - `signed-in`: the user at the keyboard (the workflow knows who);
 * - `admin`: an administrator;
 * - `desk-chief`: a desk chief or an administrator; when the operation names a story
 *   (`storyOf` in the contract), a desk chief of that story's desk (`chiefOfDesk`: a chief who
 *   has desks is refused a story of a desk that is not theirs);
 * - `story-editor`: whoever the workflow lets change the story named by the request's `id`, now:
 *   the permission matrix for its state and their role, and its lock. A save's edit refused for
 *   the lock is kept aside by the workflow, never dropped.
 * Every operation that changes a story (a save, a recovery restore, a revision restore) declares
 * `story-editor`, so all of them pass the same check, whatever door they came through. Handlers
 * repeat none of these checks.
 */
import { contract, isOperation } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { chiefOfDesk, roleAllows, storyFor, type Policy } from '../../../shared/api/policy';
import type { StoryEdit } from '../../../shared/story/schema';
import type { StoryStore } from '../store/types';
import type { Workflow } from '../workflow';

const refuse = (operation: string, who: string, reason = 'role') =>
  new ApiError('forbidden', `only ${who} may call ${operation}`, [{ path: 'reason', message: reason }]);

/** The check for `workflow`'s user at the keyboard; `stories` reads the story a desk check names. */
export function authorizer(workflow: Workflow, stories: Pick<StoryStore, 'get'>) {
  return async (policy: Policy, operation: string, request: unknown): Promise<void> => {
    const actor = await workflow.currentUser();
    switch (policy) {
      case 'signed-in':
        return;
      case 'admin':
        if (!roleAllows(policy, actor.role)) throw refuse(operation, 'an administrator');
        return;
      case 'desk-chief': {
        if (!roleAllows(policy, actor.role)) throw refuse(operation, 'a desk chief or an administrator');
        if (actor.role === 'admin') return;
        const storyId = isOperation(operation) ? storyFor(contract[operation], request) : undefined;
        if (storyId === undefined) return;
        const story = await stories.get(storyId);
        if (!chiefOfDesk(actor, story.desk))
          throw refuse(operation, `a desk chief of the ${story.desk ?? ''} desk`, 'desk');
        return;
      }
      case 'story-editor': {
        const { id, baseVersion, edit } = (request ?? {}) as {
          id?: string;
          baseVersion?: number;
          edit?: StoryEdit;
        };
        if (typeof id !== 'string') throw new ApiError('internal', `${operation} names no story to check`);
        await workflow.service.beforeChange(
          id,
          actor.id,
          edit && typeof baseVersion === 'number' ? { baseVersion, edit } : undefined,
        );
        return;
      }
    }
  };
}
