/**
 * The store's folder itself: the marker that makes a folder a store, creating a new store, the
 * folders every store has (the temp files an interrupted write leaves behind: leftovers.ts).
 */
import { mkdir, readdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { DurableJsonFile, errorCode, writeFileDurably } from './durable-file';
import {
  INDEX_NAME,
  JOURNAL_NAME,
  MARKER_NAME,
  MEDIA_DIR,
  RECOVERY_DIR,
  REVISIONS_DIR,
  STORE_FORMAT_VERSION,
  STORIES_DIR,
  StoreMarker,
  type IndexSnapshot,
  journalLine,
} from './journal';
import { fileError } from '../errors';

/** The name a revision records when the caller names nobody: the OS user, else "editor". */
export function defaultActor(): string {
  try {
    return userInfo().username || 'editor';
  } catch {
    return 'editor';
  }
}

export function isFolderMissing(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}

export async function readMarker(root: string): Promise<StoreMarker | null> {
  let raw: unknown;
  try {
    raw = await new DurableJsonFile<unknown>(join(root, MARKER_NAME)).read();
  } catch (error) {
    if (errorCode(error) === 'ENOTDIR') {
      throw new ApiError('invalid-request', `${root} is a file, not a store folder`);
    }
    throw fileError(error, `the store marker ${join(root, MARKER_NAME)}`);
  }
  if (raw === null) return null;
  const marker = StoreMarker.safeParse(raw);
  if (!marker.success) {
    throw new ApiError(
      'store-damaged',
      `the store marker ${join(root, MARKER_NAME)} is not a Mihbara store marker`,
    );
  }
  if (marker.data.version > STORE_FORMAT_VERSION) {
    throw new ApiError(
      'invalid-request',
      `the store at ${root} has format ${marker.data.version}, written by a newer version of Mihbara; ` +
        `this version reads format ${STORE_FORMAT_VERSION} at most and will not downgrade it. Update Mihbara to open it.`,
    );
  }
  return marker.data;
}

/**
 * Makes `root` a new, empty store (creating the folder if needed). Does nothing if it is a
 * store already; refuses a folder that holds anything else, so pointing the app at the
 * wrong folder (Documents, a backup) can never scatter store files into it.
 */
export async function initStore(root: string): Promise<void> {
  root = resolve(root);
  if (await readMarker(root)) return;
  let entries: string[] = [];
  try {
    entries = await readdir(root);
  } catch (error) {
    if (!isFolderMissing(error)) throw fileError(error, root);
  }
  if (entries.length > 0) {
    throw new ApiError(
      'invalid-request',
      `${root} is not empty and is not a Mihbara store; choose an empty folder or an existing store`,
    );
  }
  try {
    await mkdir(root, { recursive: true });
    // The marker goes first: a crash after it leaves a store with missing parts (which open
    // creates), never a half-made folder that is neither empty nor a store.
    const marker: StoreMarker = {
      format: 'mihbara-store',
      version: STORE_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
    };
    await writeFileDurably(join(root, MARKER_NAME), JSON.stringify(marker, null, 2) + '\n');
    await ensureLayout(root);
    const empty: IndexSnapshot = { format: STORE_FORMAT_VERSION, generation: 0, stories: [] };
    await writeFileDurably(join(root, INDEX_NAME), JSON.stringify(empty) + '\n');
    await writeFileDurably(
      join(root, JOURNAL_NAME),
      journalLine({ op: 'gen', gen: 0, v: STORE_FORMAT_VERSION }),
    );
  } catch (error) {
    throw fileError(error, `the new store at ${root}`);
  }
}

export async function ensureLayout(root: string): Promise<void> {
  for (const folder of [STORIES_DIR, MEDIA_DIR, REVISIONS_DIR, RECOVERY_DIR]) {
    await mkdir(join(root, folder), { recursive: true });
  }
}
