/**
 * Repair of a folder store: a damaged story file is moved to quarantine and the story rebuilt
 * from its revisions; `rebuildIndex` re-reads every story file; `repair` also acts on what
 * verify found (orphan or damaged revisions, a story file gone, a broken chain).
 *
 * These run inside the store's save queue (the facade, story-store.ts, puts them there), so a
 * repair never races a save of the same story.
 */
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { type Story, summarize } from '../../../shared/story/schema';
import { writeFileDurably } from './durable-file';
import { REVISIONS_DIR, STORIES_DIR, storyIdOfFileName } from './journal';
import { removeTempFilesIn } from './leftovers';
import {
  makeRevision,
  revisionFolder,
  revisionRelative,
  revisionVersions,
  storyHash as storyHashOf,
} from './revisions';
import type { StoreParts, StoryFiles } from './story-files';
import type { LongTaskOptions, RepairReport, VerifyReport } from './types';
import { runStoreTask, type ScanResult } from './worker-client';
import { bestEffort } from '../log';

/**
 * A story file turned out damaged. In write mode it is quarantined, and the story is
 * rebuilt from its latest revision, which holds exactly what was last saved; without usable
 * revisions the story leaves the index (its file stays in quarantine for a person to rescue).
 * Resolves to the rebuilt story, or null.
 */
export async function rescueStory(files: StoryFiles, id: string, error: unknown): Promise<Story | null> {
  files.log.warn(`[store] ${files.relative(id)} is damaged: ${String(error)}`);
  if (files.mode !== 'write' || !(error instanceof ApiError) || error.code !== 'store-damaged') return null;
  const kind = await files.damageKind(files.relative(id));
  let rebuilt: Story | null = null;
  const versions = await revisionVersions(files.root, id);
  const latest = versions.at(-1);
  if (latest !== undefined) {
    try {
      rebuilt = await files.reconstruct(id, latest, versions);
    } catch (chainError) {
      files.log.warn(`[store] the revisions of ${id} cannot rebuild it: ${String(chainError)}`);
    }
  }
  await files.quarantine(
    files.relative(id),
    kind,
    error.message,
    rebuilt ? `rebuilt from revision ${rebuilt.version}` : 'left out of the index: no usable revision',
  );
  if (!rebuilt) return null;
  await files.writeStory(id, rebuilt);
  return rebuilt;
}

/**
 * Reads a story for recovery: a damaged file is quarantined (and rebuilt from its revisions
 * when they allow it), never fatal.
 */
export async function tryReadStory(files: StoryFiles, id: string): Promise<Story | 'missing' | 'damaged'> {
  try {
    return (await files.readStory(id)) ?? 'missing';
  } catch (error) {
    const rescued = await rescueStory(files, id, error);
    return rescued ?? 'damaged';
  }
}

/** Revisions newer than the story file are the trace of a save that never completed. */
export async function removeOrphanRevisions(
  parts: StoreParts,
  id: string,
  fileVersion: number,
): Promise<void> {
  await removeTempFilesIn(join(parts.root, REVISIONS_DIR, id), parts.log);
  for (const version of await revisionVersions(parts.root, id)) {
    if (version > fileVersion) {
      await unlink(join(parts.root, revisionRelative(id, version))).catch(
        bestEffort(
          parts.log,
          `[store] could not remove revision ${version} of ${id}, left by an unfinished save`,
        ),
      );
    }
  }
  parts.depths.delete(id);
}

/** Rebuilds the index from every story file (read and parsed in a worker thread). */
export async function rebuildIndex(
  parts: StoreParts,
  options: LongTaskOptions,
): Promise<{ stories: number; quarantined: number }> {
  // The reading and parsing (seconds at 50k stories) happens in a worker thread; only the
  // quarantine moves and the index write happen here.
  const scan = await runStoreTask<ScanResult>({ kind: 'scan', root: parts.root }, options);
  const before = parts.files.quarantinedCount;
  for (const damaged of scan.damaged) {
    const id = storyIdOfFileName(damaged.file.slice(STORIES_DIR.length + 1));
    const rescued = id
      ? await rescueStory(parts.files, id, new ApiError('store-damaged', damaged.detail))
      : null;
    if (!rescued) continue;
    scan.summaries.push(summarize(rescued));
  }
  parts.index.replace(scan.summaries);
  await parts.index.compact();
  return { stories: parts.index.size, quarantined: parts.files.quarantinedCount - before };
}

/** Acts on what verify found; counts what it did in `report`. */
export async function repairProblems(
  parts: StoreParts,
  found: VerifyReport,
  report: RepairReport,
): Promise<void> {
  const { files, root } = parts;
  for (const problem of found.problems) {
    const revisionFile = /^revisions\/([^/]+)\/(\d{8})\.json$/.exec(problem.file);
    if (revisionFile && problem.kind === 'orphan-revision') {
      await unlink(join(root, problem.file)).catch(
        bestEffort(parts.log, `[store] could not remove the orphan revision ${problem.file}`),
      );
      report.orphanRevisionsRemoved += 1;
    } else if (revisionFile) {
      await files.quarantine(problem.file, problem.kind, problem.detail, 'revision moved aside');
      report.quarantined += 1;
    } else if (problem.kind === 'missing' && problem.file.startsWith(`${STORIES_DIR}/`)) {
      // The story file is gone but its history is not: the latest revision is the story.
      const id = storyIdOfFileName(problem.file.slice(STORIES_DIR.length + 1));
      const latest = id ? (await revisionVersions(root, id)).at(-1) : undefined;
      if (!id || latest === undefined) continue;
      try {
        const story = await files.reconstruct(id, latest);
        await files.writeStory(id, story);
        parts.index.set(summarize(story));
        report.rebuiltFromRevisions += 1;
      } catch (error) {
        parts.log.warn(`[store] could not rebuild ${id} from its revisions: ${String(error)}`);
      }
    }
  }
  // A story whose latest revision is missing or broken gets its file as a new snapshot,
  // so its history continues from what is certainly its content.
  for (const problem of found.problems.filter((entry) => entry.kind === 'revision-chain')) {
    const id = problem.file.slice(REVISIONS_DIR.length + 1);
    // A story file that cannot be read was rebuilt or quarantined above; there is nothing to snapshot.
    const story = await files.readStory(id).catch(() => null);
    if (!story) continue;
    const versions = await revisionVersions(root, id);
    const latestOk = versions.includes(story.version)
      ? await files.reconstruct(id, story.version).then(
          (rebuilt) => storyHashOf(rebuilt) === storyHashOf(story),
          () => false,
        )
      : false;
    if (latestOk) continue;
    if (versions.includes(story.version)) {
      await files.quarantine(
        revisionRelative(id, story.version),
        'revision-chain',
        problem.detail,
        'replaced by a snapshot of the story file',
      );
    }
    const revision = makeRevision(undefined, story, undefined, {
      actor: 'mihbara (repair)',
      at: new Date().toISOString(),
    });
    await mkdir(revisionFolder(root, id), { recursive: true });
    await writeFileDurably(
      join(root, revisionRelative(id, story.version)),
      JSON.stringify({ ...revision, change: { ...revision.change, created: false } }) + '\n',
      { fs: parts.fs },
    );
    report.snapshotsAdded += 1;
  }
  await parts.index.compact();
}

/** Verifies the store in a worker thread, for `repairProblems`. */
export function findProblems(root: string, options: LongTaskOptions): Promise<VerifyReport> {
  return runStoreTask<VerifyReport>({ kind: 'verify', root }, options);
}
