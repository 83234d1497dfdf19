/**
 * A small JSON document of the newsroom's (tags, gazetteer, saved searches) kept in the store
 * folder under `newsroom/`, written durably (temp file, fsync, rename) through the store's
 * adapter. A store without a folder (tests' in-memory store) keeps it in memory. Updates are
 * serialized, so two quick clicks never both read the old list.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { SharedStorage, StoryStore } from '../store/types';
import { DamagedFileError, DurableJsonFile, errorCode } from '../store/durable-file';
import { oneAtATime } from '../one-at-a-time';

export interface NewsroomFile<T> {
  read(): Promise<T>;
  update<R>(change: (current: T) => { next: T; result: R } | Promise<{ next: T; result: R }>): Promise<R>;
}

/**
 * `name` is the document's name on the server (`newsroom/<name>`); `folderPath` its path in a
 * store folder, relative to the root (default the same `newsroom/<name>`), for documents a store
 * folder kept elsewhere before they were shared.
 */
export function newsroomFile<T>(
  store: StoryStore,
  name: string,
  initial: () => T,
  validate: (value: unknown) => T,
  folderPath = `newsroom/${name}`,
): NewsroomFile<T> {
  if (store.shared) return sharedNewsroomFile(store, store.shared, `newsroom/${name}`, initial, validate);
  const onDisk = isAbsolute(store.root) && existsSync(store.root);
  const file = join(store.root, folderPath);
  const adapter = onDisk ? new DurableJsonFile<unknown>(file, { indent: 2 }) : null;
  let memory: T | null = null;
  const serialized = oneAtATime();

  const read = async (): Promise<T> => {
    if (!adapter) return (memory ??= initial());
    try {
      const value = await adapter.read();
      return value === null ? initial() : validate(value);
    } catch (error) {
      if (error instanceof DamagedFileError) {
        throw new ApiError('store-damaged', `${file} is damaged (${error.kind})`);
      }
      if (error instanceof ApiError) throw error;
      throw new ApiError('store-damaged', `${file} is not what Mihbara wrote: ${String(error)}`);
    }
  };

  return {
    read,
    update(change) {
      return serialized(async () => {
        if (store.mode !== 'write') {
          throw new ApiError('invalid-request', 'the store is open read-only; nothing can be changed');
        }
        const { next, result } = await change(await read());
        if (!adapter) memory = next;
        else {
          try {
            await mkdir(dirname(file), { recursive: true });
            await adapter.write(next);
          } catch (error) {
            // The writer gate's refusal (the lock lost, a read-only store) says so itself.
            if (error instanceof ApiError) throw error;
            const code = errorCode(error);
            if (code === 'ENOSPC' || code === 'EDQUOT')
              throw new ApiError('disk-full', `the disk is full: ${file}`);
            throw new ApiError('io', `could not write ${file}: ${String(error)}`);
          }
        }
        return result;
      });
    },
  };
}

/**
 * The document kept by the store's backend (team mode: one row on the server). An update reads
 * and rewrites it under the server's lock on that document, so two workstations' updates are
 * applied one after the other and neither overwrites the other; in this process they queue too.
 */
function sharedNewsroomFile<T>(
  store: StoryStore,
  shared: SharedStorage,
  path: string,
  initial: () => T,
  validate: (value: unknown) => T,
): NewsroomFile<T> {
  const serialized = oneAtATime();
  const parse = (text: string | null): T => {
    if (text === null) return initial();
    try {
      return validate(JSON.parse(text));
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(
        'store-damaged',
        `${path} on the newsroom server is not what Mihbara wrote: ${String(error)}`,
      );
    }
  };
  return {
    read: async () => parse(await shared.read(path)),
    update(change) {
      return serialized(() => {
        if (store.mode !== 'write') {
          throw new ApiError('invalid-request', 'the store is open read-only; nothing can be changed');
        }
        return shared.update(path, async (text) => {
          const { next, result } = await change(parse(text));
          return { next: JSON.stringify(next, null, 2) + '\n', result };
        });
      });
    },
  };
}
