/**
 * The save protocol of the folder store. A save appends `begin <id>` to the journal, writes
 * the new revision file, writes the story file, then appends `put <summary>`, each step on disk
 * before the next, so that whatever point a crash interrupts, reconcile.ts finds the index and
 * the files in step again at the next open.
 *
 * `saveStory` runs inside the store's save queue, after the writer gate (story-store.ts).
 */
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { ApiError } from '../../../shared/api/errors';
import { Story, StoryId, summarize } from '../../../shared/story/schema';
import { DurableJsonFile, syncFolder, writeFileDurably } from './durable-file';
import { REVISIONS_DIR } from './journal';
import { makeRevision, revisionFolder, revisionRelative } from './revisions';
import type { StoreParts } from './story-files';
import type { SaveMeta } from './types';
import { fileError } from '../errors';
import { bestEffort } from '../log';

/** The depth of the current version's revision, from memory or its file; undefined starts a snapshot. */
async function previousDepth(
  parts: StoreParts,
  id: string,
  current: Story | undefined,
): Promise<{ version: number; depth: number } | undefined> {
  if (!current) return undefined;
  const cached = parts.depths.get(id);
  if (cached?.version === current.version) return cached;
  try {
    const revision = await parts.files.readRevision(id, current.version);
    return { version: revision.version, depth: revision.depth };
  } catch {
    return undefined;
  }
}

/**
 * Saves `change(current)` as the next version of story `id`. `settle` is called once the story
 * is on disk (the editor's recovery draft may be forgotten then).
 */
export async function saveStory(
  parts: StoreParts,
  id: string,
  change: (current: Story | undefined) => Story,
  meta: SaveMeta,
  settle: (story: Story) => Promise<void>,
): Promise<Story> {
  const { root, files, index } = parts;
  if (!StoryId.safeParse(id).success) throw new ApiError('invalid-request', `${id} is not a story id`);
  // A damaged current file makes this throw: a save must not overwrite the only copy of
  // a story that may still be rescued.
  const current = (await files.readStory(id)) ?? undefined;
  const parsed = Story.safeParse(change(current));
  if (!parsed.success) {
    throw new ApiError(
      'invalid-request',
      `the story ${id} is not valid`,
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const story = parsed.data;
  if (story.id !== id)
    throw new ApiError('invalid-request', `a change to story ${id} returned story ${story.id}`);
  if (current && story.version <= current.version) {
    throw new ApiError(
      'invalid-request',
      `a change to story ${id} must raise its version above ${current.version} (revisions are never rewritten)`,
    );
  }

  try {
    await index.append({ op: 'begin', id });
  } catch (error) {
    throw fileError(error, `the index journal (saving ${id})`);
  }

  // The revision first: if the story file then fails, the revision is removed again (or,
  // after a crash, by the next open), so history never shows a save that did not happen.
  const revisionFile = join(root, revisionRelative(id, story.version));
  const revision = makeRevision(current, story, await previousDepth(parts, id, current), {
    actor: meta.actor ?? parts.actor,
    at: story.updatedAt,
    ...(meta.restoredFrom !== undefined ? { restoredFrom: meta.restoredFrom } : {}),
  });
  try {
    const folder = revisionFolder(root, id);
    await mkdir(folder, { recursive: true });
    if (!current) await syncFolder(join(root, REVISIONS_DIR));
    await writeFileDurably(revisionFile, JSON.stringify(revision) + '\n', { fs: parts.fs });
  } catch (error) {
    throw fileError(error, `revision ${story.version} of story ${id}`);
  }

  const what = `story file ${files.relative(id)}`;
  try {
    const db = new Low<Story>(
      new DurableJsonFile<Story>(files.storyFile(id), { indent: 2, fs: parts.fs }),
      story,
    );
    await db.write();
  } catch (error) {
    // The file holds the old or (if only the folder sync failed) the new story; take
    // the index from whatever is there. The `begin` line makes the next open do the same.
    let onDisk: Story | null | 'damaged';
    try {
      onDisk = await files.readStory(id);
    } catch {
      onDisk = 'damaged';
    }
    if (onDisk !== 'damaged' && onDisk?.version !== story.version) {
      // Left behind, it is removed at the next open (the `begin` line names the story).
      await unlink(revisionFile).catch(
        bestEffort(
          parts.log,
          `[store] could not remove revision ${story.version} of ${id} after a failed save`,
        ),
      );
    }
    if (onDisk && onDisk !== 'damaged') index.set(summarize(onDisk));
    if (onDisk !== 'damaged' && onDisk?.version === story.version) return story;
    throw fileError(error, what);
  }
  parts.depths.set(id, { version: story.version, depth: revision.depth });
  const summary = summarize(story);
  index.set(summary);
  try {
    await index.append({ op: 'put', summary });
  } catch (error) {
    // The story itself is safely on disk, and the `begin` line already on disk makes the
    // next open re-read it; failing the save now would make the editor retry a save that
    // happened. Compact at the next chance instead.
    parts.log.warn(`[store] could not record the index entry of ${id}; it will be rebuilt: ${String(error)}`);
    index.dropJournal();
    return story;
  }
  if (index.dueForCompaction) {
    await index.compact().catch((error: unknown) => {
      // The journal still holds everything; only start-up time suffers.
      parts.log.warn(`[store] index compaction failed, will retry: ${String(error)}`);
      index.dropJournal();
    });
  }
  // The editor's recovery draft is now on disk as the story: forget it, unless it holds
  // text typed after this save.
  await settle(story).catch(bestEffort(parts.log, `[store] could not forget the recovery draft of ${id}`));
  return story;
}
