/**
 * Checks a store without changing it: every story file is read and validated, and the index
 * (snapshot + journal, as opening the store would replay it) is compared with the files.
 * Every story's revision chain is followed from its first revision to the story file, each
 * step checked against the hash it recorded, and a revision missing between two others (before a
 * snapshot too) is named. Recovery drafts, the workflow's files (people, histories and their hash
 * chains, what is live, checkpoints, comments) and the media (each file's bytes against its
 * content name) are checked too. Temp files of writes a crash interrupted are named as crash
 * leftovers, not damage (the next open for writing removes them, in every folder).
 * Takes no lock, so it can run beside the app; it never deletes, moves or rewrites anything
 * (quarantining damaged files is `repair`'s job). Run it through `runStoreTask` to keep it off
 * the main thread.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseStoredStory, Story, StorySummary } from '../../../shared/story/schema';
import { Comment } from '../../../shared/workflow/model';
import { diskFiles } from '../workflow/files';
import { createHistoryLog } from '../workflow/history';
import { Directory } from '../workflow/users';
import { findLeftovers } from './leftovers';
import { MEDIA_FILE_NAME } from './media';
import { errorCode, parseJsonBytes } from './durable-file';
import {
  MEDIA_DIR,
  INDEX_NAME,
  IndexSnapshotHeader,
  JOURNAL_NAME,
  MARKER_NAME,
  RECOVERY_DIR,
  REVISIONS_DIR,
  STORE_FORMAT_VERSION,
  STORIES_DIR,
  StoreMarker,
  parseJournal,
  replayJournal,
  storyIdOfFileName,
} from './journal';
import { RecoveryDraft } from './recovery';
import {
  Revision,
  applyRevision,
  revisionRelative,
  revisionVersions,
  storyHash,
  storyOfRevisions,
} from './revisions';
import type { LongTaskOptions, VerifyProblem, VerifyReport } from './types';

const READ_CONCURRENCY = 16;

type Loaded = { ok: true; value: unknown } | { ok: false; missing: boolean };

/** Verifies the store at `root` and names every problem file relative to it. */
export async function verifyStore(root: string, options: LongTaskOptions = {}): Promise<VerifyReport> {
  root = resolve(root);
  const problems: VerifyProblem[] = [];
  const report = (file: string, kind: VerifyProblem['kind'], detail: string) =>
    problems.push({ file, kind, detail });

  /** Reads and parses one JSON file, recording damage under its relative name. */
  const load = async (relative: string): Promise<Loaded> => {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(resolve(root, relative));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { ok: false, missing: true };
      report(relative, 'unreadable', error instanceof Error ? error.message : String(error));
      return { ok: false, missing: false };
    }
    const parsed = parseJsonBytes(bytes);
    if (parsed.ok) return parsed;
    report(relative, parsed.kind, parsed.detail);
    return { ok: false, missing: false };
  };

  // ---- marker
  const marker = await load(MARKER_NAME);
  if (!marker.ok && marker.missing) report(MARKER_NAME, 'missing', 'the folder has no store marker');
  let storeVersion = STORE_FORMAT_VERSION;
  if (marker.ok) {
    const parsed = StoreMarker.safeParse(marker.value);
    if (!parsed.success) report(MARKER_NAME, 'schema', 'the file is not a Mihbara store marker');
    else {
      storeVersion = parsed.data.version;
      if (storeVersion > STORE_FORMAT_VERSION) {
        report(
          MARKER_NAME,
          'newer-format',
          `the store has format ${storeVersion}, newer than this version of Mihbara reads (${STORE_FORMAT_VERSION})`,
        );
        return { storiesChecked: 0, problems };
      }
    }
  }
  // Format 1 stores have no revisions yet; their first writable open adds them.
  const checkRevisions = storeVersion >= 2;

  // ---- index: snapshot + journal, replayed the way opening the store does
  const index = new Map<string, StorySummary>();
  let generation = 0;
  const snapshot = await load(INDEX_NAME);
  if (!snapshot.ok && snapshot.missing) report(INDEX_NAME, 'missing', 'the index snapshot is missing');
  if (snapshot.ok) {
    const header = IndexSnapshotHeader.safeParse(snapshot.value);
    if (!header.success) report(INDEX_NAME, 'schema', 'the file is not an index snapshot');
    else {
      generation = header.data.generation;
      let bad = 0;
      for (const entry of header.data.stories) {
        const summary = StorySummary.safeParse(entry);
        if (summary.success) index.set(summary.data.id, summary.data);
        else bad += 1;
      }
      if (bad > 0) report(INDEX_NAME, 'schema', `${bad} index entries are not story summaries`);
    }
  }

  let pending = new Set<string>();
  try {
    const text = await readFile(resolve(root, JOURNAL_NAME), 'utf8');
    const journal = parseJournal(text);
    // A torn last line is what a crash mid-append leaves; opening the store ignores it.
    if (journal.badLines.length > 0) {
      report(JOURNAL_NAME, 'invalid-json', `lines ${journal.badLines.join(', ')} are not journal entries`);
    }
    pending = replayJournal(index, journal, generation);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') {
      report(JOURNAL_NAME, 'unreadable', error instanceof Error ? error.message : String(error));
    }
  }

  // ---- story files
  let names: string[] = [];
  try {
    names = await readdir(resolve(root, STORIES_DIR));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') report(STORIES_DIR, 'missing', 'the stories folder is missing');
    else report(STORIES_DIR, 'unreadable', error instanceof Error ? error.message : String(error));
  }
  // Leftover `*.tmp` files of an interrupted write are not damage: the write never happened.
  const files = names.filter((name) => storyIdOfFileName(name) !== null).sort();
  const onDisk = new Set<string>();

  /** Follows the story's revisions from its first snapshot to the file, checking every hash. */
  const checkChain = async (id: string, story: Story) => {
    const versions = await revisionVersions(root, id);
    const chainProblem = (detail: string) => report(`${REVISIONS_DIR}/${id}`, 'revision-chain', detail);
    if (versions.length === 0) return chainProblem('the story has no revisions');
    let previous: Story | undefined;
    let previousVersion: number | undefined;
    let listed: number | undefined;
    for (const version of versions) {
      const relative = revisionRelative(id, version);
      // Every link of the chain: a gap is a lost revision, even when a snapshot follows it.
      if (listed !== undefined && version > listed + 1 && version <= story.version) {
        chainProblem(
          version === listed + 2
            ? `revision ${listed + 1} is missing`
            : `revisions ${listed + 1} to ${version - 1} are missing`,
        );
      }
      listed = version;
      if (version > story.version) {
        report(
          relative,
          'orphan-revision',
          `newer than the story file (version ${story.version}): left by a save a crash interrupted; the next open for writing removes it`,
        );
        continue;
      }
      const loaded = await load(relative);
      if (!loaded.ok) {
        previous = undefined;
        continue;
      }
      const revision = Revision.safeParse(loaded.value);
      if (!revision.success || revision.data.storyId !== id || revision.data.version !== version) {
        report(relative, 'schema', 'not a revision of this story');
        previous = undefined;
        continue;
      }
      if (revision.data.kind === 'delta' && previousVersion !== version - 1) {
        chainProblem(`revision ${version} is a change to revision ${version - 1}, which is missing`);
        previous = undefined;
      }
      try {
        previous = applyRevision(revision.data.kind === 'delta' ? previous : undefined, revision.data);
      } catch (error) {
        if (previous || revision.data.kind === 'snapshot') chainProblem((error as Error).message);
        previous = undefined;
      }
      previousVersion = version;
    }
    const last = versions.filter((version) => version <= story.version).at(-1);
    if (last !== story.version) {
      chainProblem(`the latest revision is ${last ?? 'none'}, the story file is version ${story.version}`);
    } else if (!previous) {
      chainProblem(`the latest revision (${story.version}) cannot be rebuilt from the revisions before it`);
    } else if (storyHash(storyOfRevisions(previous)) !== storyHash(story)) {
      chainProblem(`the story file differs from its latest revision (${story.version})`);
    }
  };

  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      options.signal?.throwIfAborted();
      if (++done % 500 === 0) options.onProgress?.({ phase: 'verify', done, total: files.length });
      const name = files[next++] as string;
      const id = storyIdOfFileName(name) as string;
      const relative = `${STORIES_DIR}/${name}`;
      onDisk.add(id);
      const loaded = await load(relative);
      if (!loaded.ok) {
        // vanished between readdir and read: treat as not there
        if (loaded.missing) onDisk.delete(id);
        continue;
      }
      const story = parseStoredStory(loaded.value);
      if (!story.success) {
        const issues = story.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
        report(relative, 'schema', `not a valid story: ${issues.join('; ')}`);
        continue;
      }
      if (story.data.id !== id) {
        report(relative, 'id-mismatch', `the file holds story ${story.data.id}`);
        continue;
      }
      if (checkRevisions) await checkChain(id, story.data);
      const note = pending.has(id)
        ? ' (a save was interrupted; opening the store for writing repairs this)'
        : '';
      const entry = index.get(id);
      if (!entry) report(relative, 'unindexed', `the index does not list this story${note}`);
      else if (entry.version !== story.data.version) {
        report(
          relative,
          'stale-index',
          `the index has version ${entry.version}, the file version ${story.data.version}${note}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));

  for (const id of index.keys()) {
    if (!onDisk.has(id))
      report(`${STORIES_DIR}/${id}.json`, 'missing', 'the index lists this story but its file is gone');
  }
  // Revisions of a story whose file is gone: `repair` can rebuild the story from them.
  if (checkRevisions) {
    const withRevisions = await readdir(resolve(root, REVISIONS_DIR)).catch(() => [] as string[]);
    for (const id of withRevisions) {
      if (!onDisk.has(id) && !index.has(id) && (await revisionVersions(root, id)).length > 0) {
        report(`${STORIES_DIR}/${id}.json`, 'missing', 'revisions exist but the story file is gone');
      }
    }
  }

  // ---- recovery drafts
  const drafts = await readdir(resolve(root, RECOVERY_DIR)).catch(() => [] as string[]);
  for (const name of drafts.filter((entry) => entry.endsWith('.json') && !entry.startsWith('.'))) {
    const relative = `${RECOVERY_DIR}/${name}`;
    const loaded = await load(relative);
    if (loaded.ok && !RecoveryDraft.safeParse(loaded.value).success) {
      report(relative, 'schema', 'not a recovery draft');
    }
  }
  await verifyWorkflowFiles(root, load, report);
  await verifyMedia(root, report);
  for (const relative of await findLeftovers(root)) {
    report(
      relative,
      'crash-leftover',
      'a temporary file of a write a crash interrupted; not damage: the next open for writing removes it',
    );
  }
  options.onProgress?.({ phase: 'verify', done: files.length, total: files.length });

  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.kind < b.kind ? -1 : 1));
  return { storiesChecked: files.length, problems };
}

type Report = (file: string, kind: VerifyProblem['kind'], detail: string) => void;
type Load = (relative: string) => Promise<Loaded>;

const Checkpoint = z.object({ version: z.number().int(), story: Story });
const JSON_NAME = /^[^.].*\.json$/;

/**
 * The workflow's files: people and desks, each story's history (its hash chain), the live copies,
 * the checkpoints and the comments; any other JSON file under workflow/ must at least parse.
 */
async function verifyWorkflowFiles(root: string, load: Load, report: Report): Promise<void> {
  const names = async (relative: string) =>
    (await readdir(resolve(root, relative)).catch(() => [] as string[])).sort();
  const checkJson = async (relative: string, schema: z.ZodType | null, what: string) => {
    const loaded = await load(relative);
    if (loaded.ok && schema && !schema.safeParse(loaded.value).success)
      report(relative, 'schema', `not ${what}`);
  };
  const users = await load('workflow/users.json');
  if (users.ok && !Directory.safeParse(users.value).success)
    report('workflow/users.json', 'schema', "not the newsroom's people and desks");

  for (const name of await names('workflow')) {
    if (name === 'users.json' || !JSON_NAME.test(name)) continue;
    await checkJson(`workflow/${name}`, null, '');
  }
  for (const name of (await names('workflow/comments')).filter((entry) => JSON_NAME.test(entry)))
    await checkJson(`workflow/comments/${name}`, z.array(Comment), "a story's comments");
  for (const id of await names('workflow/checkpoints')) {
    for (const name of (await names(`workflow/checkpoints/${id}`)).filter((entry) => JSON_NAME.test(entry)))
      await checkJson(`workflow/checkpoints/${id}/${name}`, Checkpoint, 'a workflow checkpoint');
  }
  for (const name of (await names('published')).filter((entry) => JSON_NAME.test(entry)))
    await checkJson(`published/${name}`, Story, 'a published story');

  // Each story's history: every line an entry, each following the one before (hash chain).
  const history = createHistoryLog(diskFiles(root, false));
  for (const name of await names('history')) {
    const match = /^([^._][^/]*)\.ndjson$/.exec(name);
    if (!match) continue;
    try {
      const read = await history.read(match[1]!);
      if (!read.intact) report(`history/${name}`, 'history-chain', read.problems.slice(0, 3).join('; '));
    } catch (error) {
      report(`history/${name}`, 'unreadable', error instanceof Error ? error.message : String(error));
    }
  }
}

/** Each media file: a content name (`<sha256>.<ext>`) that its bytes hash to. */
async function verifyMedia(root: string, report: Report): Promise<void> {
  const names = await readdir(resolve(root, MEDIA_DIR)).catch(() => [] as string[]);
  for (const name of names.sort()) {
    if (name.startsWith('.') || name.endsWith('.tmp')) continue;
    const relative = `${MEDIA_DIR}/${name}`;
    const match = MEDIA_FILE_NAME.exec(name);
    if (!match) {
      report(relative, 'media-hash', 'not a content name (<sha256>.<extension>)');
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(resolve(root, relative));
    } catch (error) {
      report(relative, 'unreadable', error instanceof Error ? error.message : String(error));
      continue;
    }
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (!name.startsWith(`${hash}.`))
      report(relative, 'media-hash', 'the bytes do not match the content name');
  }
}
