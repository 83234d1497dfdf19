import { ApiError } from '../../../shared/api/errors';
import type { FolderStore, StoryStore } from './types';

/** The store's history, recovery journal and upkeep; a backend without them answers `internal`. */
export function archiveOf(store: StoryStore): FolderStore {
  if (store.archive) return store.archive;
  throw new ApiError('internal', 'this store keeps no revisions or recovery drafts');
}
