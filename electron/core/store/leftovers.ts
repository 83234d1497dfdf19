/**
 * Temporary files that interrupted writes leave behind (a crash, a kill, a full disk): every
 * writer of the store writes whole files through a temp name and a rename, so a temp file that
 * is still there is a write that never happened, never damage. One list of their names serves
 * both the open that removes them (in every folder of the store) and `verify`, which names them
 * for what they are.
 */
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_FILE_PATTERN } from './durable-file';
import { BACKUPS_DIR, QUARANTINE_DIR } from './journal';
import { bestEffort, type Logger } from '../log';

/** Folders whose files are not the store's own writes: kept as they are. */
export const LEFT_ALONE = new Set([QUARANTINE_DIR, BACKUPS_DIR, '.migration']);
/** Temp names of the store's writers: durable files, media and the search index. */
const LEFTOVER = [TEMP_FILE_PATTERN, /\.\d+\.[0-9a-f]{12}\.tmp$/, /\.\d+\.tmp$/];

export const isLeftover = (name: string): boolean => LEFTOVER.some((pattern) => pattern.test(name));

/** How many folders are read at once while looking. */
const CONCURRENCY = 16;

/** The leftovers in `folder` only (not below it), as full paths. */
export async function leftoversIn(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter(isLeftover).map((name) => join(folder, name));
}

/** Removes the leftovers in `folder` only (a story's revisions, when its save was interrupted). */
export async function removeTempFilesIn(folder: string, log: Logger): Promise<void> {
  for (const path of await leftoversIn(folder))
    await unlink(path).catch(bestEffort(log, `[store] could not remove the temp file ${path}`));
}

/**
 * Every leftover in the store at `root`, in every folder at any depth (the folders it keeps for
 * others aside), as paths relative to `root` with `/` between folders.
 */
export async function findLeftovers(root: string): Promise<string[]> {
  const found: string[] = [];
  let queue: string[] = [''];
  while (queue.length > 0) {
    const batch = queue.splice(0, CONCURRENCY);
    const next: string[] = [];
    await Promise.all(
      batch.map(async (relative) => {
        const entries = await readdir(join(root, relative), { withFileTypes: true }).catch(() => []);
        for (const entry of entries) {
          const path = relative ? `${relative}/${entry.name}` : entry.name;
          if (entry.isDirectory()) {
            if (!(relative === '' && LEFT_ALONE.has(entry.name))) next.push(path);
          } else if (isLeftover(entry.name)) found.push(path);
        }
      }),
    );
    queue = [...queue, ...next];
  }
  return found.sort();
}

/**
 * Removes every leftover of the store at `root`, in every folder. Only the lock holder may: the
 * temp file of a live writer would vanish under it.
 */
export async function removeLeftoverTempFiles(root: string, log: Logger): Promise<number> {
  const found = await findLeftovers(root);
  await Promise.all(
    found.map((relative) =>
      unlink(join(root, relative)).catch(
        bestEffort(log, `[store] could not remove the temp file ${relative}`),
      ),
    ),
  );
  return found.length;
}
