/**
 * Operations on a story's history and on recovery drafts that create new versions: restoring
 * an old revision, and saving a recovered draft. Both make a new revision; history is never
 * rewritten.
 */
import { ApiError } from '../../../shared/api/errors';
import { applyStoryEdit, type Story } from '../../../shared/story/schema';
import { EDITABLE, editOf } from './recovery';
import type { FolderStore } from './types';

export interface HistoryOptions {
  actor?: string;
  now?: () => Date;
}

/**
 * Makes the content of revision `version` the story's next version. `baseVersion`, when given,
 * must be the story's current version (the same optimistic check as a save).
 */
export async function restoreRevision(
  store: FolderStore,
  id: string,
  version: number,
  options: HistoryOptions & { baseVersion?: number } = {},
): Promise<Story> {
  const old = await store.getRevision(id, version);
  const now = options.now ?? (() => new Date());
  return store.update(
    id,
    (current) => {
      if (!current) throw new ApiError('not-found', `no story with id ${id}`);
      if (options.baseVersion !== undefined && current.version !== options.baseVersion) {
        throw new ApiError(
          'conflict',
          `story ${id} is at version ${current.version}, the restore was based on version ${options.baseVersion}`,
        );
      }
      const next: Record<string, unknown> = { ...current };
      for (const key of EDITABLE) delete next[key];
      return {
        ...(next as Story),
        ...editOf(old),
        version: current.version + 1,
        updatedAt: now().toISOString(),
      } as Story;
    },
    { actor: options.actor, restoredFrom: version },
  );
}

/**
 * Saves the recovery draft of story `id` as its next version (after a crash or a failed save).
 * The draft goes away once it is on disk; if saving fails (the disk is still full) it stays.
 */
export async function restoreRecoveryDraft(
  store: FolderStore,
  id: string,
  options: HistoryOptions = {},
): Promise<Story> {
  const draft = await store.getRecoveryDraft(id);
  if (!draft) throw new ApiError('not-found', `there is no recovery draft for story ${id}`);
  const now = options.now ?? (() => new Date());
  return store.update(
    id,
    (current) => {
      if (!current) throw new ApiError('not-found', `no story with id ${id}`);
      return {
        ...applyStoryEdit(current, draft.draft),
        version: current.version + 1,
        updatedAt: now().toISOString(),
      };
    },
    { actor: options.actor },
  );
}
