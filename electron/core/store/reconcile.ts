/**
 * Opening a folder store's index: the snapshot, then the journal replayed over it, then the
 * story files the journal says a crash may have left out of step, checked against it.
 *
 * Whatever point a crash interrupted a save at, this yields an index that matches the files:
 * a `begin` without its `put` means "re-read this file", and a revision newer than its story
 * file is the trace of a save that never happened, so it is removed. In read mode nothing on
 * disk changes (the repaired index lives in memory only).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoryId, summarize } from '../../../shared/story/schema';
import { DamagedFileError } from './durable-file';
import {
  INDEX_NAME,
  JOURNAL_NAME,
  STORIES_DIR,
  parseJournal,
  replayJournal,
  storyIdOfFileName,
} from './journal';
import { ensureLayout, isFolderMissing } from './layout';
import { removeLeftoverTempFiles } from './leftovers';
import { quarantineFile } from './quarantine';
import { removeOrphanRevisions, tryReadStory } from './repair';
import type { StoreParts } from './story-files';

/** Parallel file reads during recovery; unbounded parallelism dies with EMFILE at 50k files. */
const READ_CONCURRENCY = 16;

/** Runs `task` over `items` with at most `limit` running at once. */
export async function eachLimited<T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Loads the index of an opened store and brings it in step with the story files. */
export async function loadAndReconcile(parts: StoreParts): Promise<void> {
  const { root, index, files } = parts;
  const writing = parts.mode === 'write';
  if (writing) {
    await ensureLayout(root);
    await removeLeftoverTempFiles(root, parts.log);
    await parts.recovery.prepare();
  }

  // Snapshot. It is derived data: if it is damaged, quarantine it and rebuild from the
  // story files rather than refuse to open the newsroom's work.
  let snapshotUsable: boolean;
  try {
    snapshotUsable = await index.readSnapshot();
  } catch (error) {
    parts.log.warn(`[store] ${INDEX_NAME} of ${root} is unusable, rebuilding it: ${String(error)}`);
    index.clear();
    snapshotUsable = false;
    if (error instanceof DamagedFileError) {
      await files.quarantine(
        INDEX_NAME,
        error.message.includes('not an index snapshot') ? 'schema' : error.kind,
        error.message,
        'index rebuilt from the story files',
      );
    }
  }

  // Journal.
  let journalText = '';
  try {
    journalText = await readFile(join(root, JOURNAL_NAME), 'utf8');
  } catch (error) {
    if (!isFolderMissing(error)) throw error;
  }
  const journal = parseJournal(journalText);
  const pending = replayJournal(index.summaries, journal, index.generation);
  if (journal.badLines.length > 0) {
    parts.log.warn(
      `[store] ${JOURNAL_NAME} of ${root}: skipped damaged lines ${journal.badLines.join(', ')}`,
    );
    // The journal is about to be replaced by a fresh one: keep a copy of what was damaged.
    if (writing) {
      const entry = await quarantineFile(
        root,
        JOURNAL_NAME,
        'invalid-json',
        `lines ${journal.badLines.join(', ')} are not journal entries`,
        { copy: true, action: 'the affected stories were re-read from their files', log: parts.log },
      ).catch((error: unknown) => {
        // The journal is rebuilt all the same; only the copy of its damaged lines is missing.
        parts.log.error(`[store] could not keep a copy of the damaged ${JOURNAL_NAME}: ${String(error)}`);
        return null;
      });
      if (entry) files.noteQuarantined(entry);
    }
  }
  let repaired = !snapshotUsable || journal.badLines.length > 0 || journal.tornTail;
  // After damaged journal lines any story may be affected: check every file against the
  // index (a readdir plus one read per story; only after damage).
  const recheckAll = journal.badLines.length > 0;

  // An interrupted save: the file holds either the old or the new story (the write is
  // atomic); whichever it is, the index takes it from the file, and a revision written for
  // a version the file never reached is removed.
  const recheck = new Set(pending);
  if (recheckAll) for (const id of index.ids()) recheck.add(id);
  await eachLimited([...recheck], READ_CONCURRENCY, async (id) => {
    repaired = true;
    const story = await tryReadStory(files, id);
    // A damaged file is quarantined in write mode, so it leaves the index; a reader keeps
    // the entry (the file is still there, and `get` explains what is wrong with it).
    if (story === 'missing' || (story === 'damaged' && writing)) index.delete(id);
    else if (story !== 'damaged') index.set(summarize(story));
    // A file that cannot be read says nothing about which revisions are orphans: they all stay,
    // the only way back to the story's text.
    if (writing && pending.has(id) && story !== 'damaged') {
      await removeOrphanRevisions(parts, id, story === 'missing' ? 0 : story.version);
    }
  });

  // Story files the index does not know (a lost snapshot, files restored by hand): a
  // readdir is cheap, reading is only done for the few that are missing.
  let names: string[] = [];
  try {
    names = await readdir(join(root, STORIES_DIR));
  } catch (error) {
    if (!isFolderMissing(error)) throw error;
  }
  const unindexed = names
    .map(storyIdOfFileName)
    .filter((id): id is string => id !== null && !index.has(id) && StoryId.safeParse(id).success);
  await eachLimited(unindexed, READ_CONCURRENCY, async (id) => {
    const story = await tryReadStory(files, id);
    if (story !== 'missing' && story !== 'damaged') {
      index.set(summarize(story));
      repaired = true;
    }
  });

  if (writing) {
    // A journal that continues an older snapshot, or one that was just repaired, is folded
    // into a fresh snapshot now so this session appends to a clean journal (a torn tail
    // must not have new lines glued to it).
    const current = journal.generation === index.generation && journal.entries.length === 0;
    if (repaired || !current || journalText === '') await index.compact();
    else await index.openJournal(Buffer.byteLength(journalText));
  }
}
