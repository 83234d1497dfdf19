/**
 * Schema migrations of a store folder. Every file carries its schema version (the marker's
 * `version`, the index's `format`, the journal's `v`, a story's `schemaVersion`, a revision's
 * `schemaVersion`…); the marker's version is the one that decides.
 *
 * A migration never edits the live store. It writes the new and changed files into
 * `.migration/work/` (the copy), records its phase in `.migration/state.json`, then swaps the
 * files in one by one, the marker last, moving each replaced original into `.migration/old/`.
 * Every step is idempotent, so a migration killed at any point is finished by the next start:
 * in the `prepare` phase it resumes (files already written in the copy are kept), in the
 * `swap` phase it completes the remaining moves. The live store is only ever either the old
 * version (marker not yet swapped) or the new one. A store newer than this program is refused
 * before anything is touched (see `readMarker`).
 *
 * The caller holds the writer lock.
 */
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseStoredStory, summarize, type StorySummary } from '../../../shared/story/schema';
import { parseJsonBytes, syncFolder, writeFileDurably } from './durable-file';
import {
  INDEX_NAME,
  IndexSnapshotHeader,
  JOURNAL_NAME,
  MARKER_NAME,
  MIGRATION_DIR,
  REVISIONS_DIR,
  STORE_FORMAT_VERSION,
  STORIES_DIR,
  StoreMarker,
  journalLine,
  storyIdOfFileName,
} from './journal';
import { makeRevision, revisionRelative } from './revisions';
import type { LongTaskOptions } from './types';

const STATE_NAME = 'state.json';
const WORK_DIR = 'work';
const OLD_DIR = 'old';
const CONCURRENCY = 16;

const MigrationState = z.object({
  schemaVersion: z.literal(1),
  from: z.number().int(),
  to: z.number().int(),
  phase: z.enum(['prepare', 'swap', 'done']),
  startedAt: z.string(),
});
type MigrationState = z.infer<typeof MigrationState>;

/** What a migration step sees: where to read the live store and where to write its copy. */
export interface MigrationContext extends LongTaskOptions {
  root: string;
  work: string;
}

export interface Migration {
  from: number;
  to: number;
  /**
   * Top-level names the migration replaces or adds, in the order they are swapped in.
   * The marker must be last: swapping it in is what makes the store the new version.
   */
  entries: string[];
  /** Writes the new files into `ctx.work`; must be resumable (skip what is already there). */
  prepare(ctx: MigrationContext): Promise<void>;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

async function readJson(path: string): Promise<unknown> {
  try {
    const parsed = parseJsonBytes(await readFile(path));
    return parsed.ok ? parsed.value : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- 1 → 2

/**
 * Format 2 adds revisions: every existing story gets its current version as its first
 * revision (a snapshot), and the index and journal start carrying their format.
 */
const addRevisions: Migration = {
  from: 1,
  to: 2,
  entries: [REVISIONS_DIR, INDEX_NAME, JOURNAL_NAME, MARKER_NAME],
  async prepare({ root, work, signal, onProgress }) {
    const names = (await readdir(join(root, STORIES_DIR)).catch(() => [] as string[])).filter(
      (name) => storyIdOfFileName(name) !== null,
    );
    const summaries: StorySummary[] = [];
    let done = 0;
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        signal?.throwIfAborted();
        const name = names[next++] as string;
        const id = storyIdOfFileName(name) as string;
        const value = await readJson(join(root, STORIES_DIR, name));
        const story = parseStoredStory(value);
        // A damaged story is left for the quarantine at the next open; it is not lost here.
        if (story.success && story.data.id === id) {
          summaries.push(summarize(story.data));
          const target = join(work, revisionRelative(id, story.data.version));
          if (!(await exists(target))) {
            await mkdir(join(work, REVISIONS_DIR, id), { recursive: true });
            const revision = makeRevision(undefined, story.data, undefined, {
              actor: 'mihbara (upgrade)',
              at: story.data.updatedAt,
            });
            await writeFileDurably(target, JSON.stringify(revision) + '\n');
          }
        }
        done += 1;
        if (done % 50 === 0 || done === names.length) {
          onProgress?.({ phase: 'migrate', done, total: names.length });
        }
      }
    };
    await mkdir(join(work, REVISIONS_DIR), { recursive: true });
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, names.length) }, worker));

    const oldIndex = IndexSnapshotHeader.safeParse(await readJson(join(root, INDEX_NAME)));
    const generation = (oldIndex.success ? oldIndex.data.generation : 0) + 1;
    await writeFileDurably(
      join(work, INDEX_NAME),
      JSON.stringify({ format: 2, generation, stories: summaries }) + '\n',
    );
    await writeFileDurably(join(work, JOURNAL_NAME), journalLine({ op: 'gen', gen: generation, v: 2 }));
    const oldMarker = StoreMarker.safeParse(await readJson(join(root, MARKER_NAME)));
    const marker: StoreMarker = {
      format: 'mihbara-store',
      version: 2,
      createdAt: oldMarker.success ? oldMarker.data.createdAt : new Date().toISOString(),
    };
    await writeFileDurably(join(work, MARKER_NAME), JSON.stringify(marker, null, 2) + '\n');
  },
};

/** Every migration, by the version it starts from. */
export const MIGRATIONS: readonly Migration[] = [addRevisions];

// ---------------------------------------------------------------- running

async function readState(root: string): Promise<MigrationState | null> {
  const parsed = MigrationState.safeParse(await readJson(join(root, MIGRATION_DIR, STATE_NAME)));
  return parsed.success ? parsed.data : null;
}

async function writeState(root: string, state: MigrationState): Promise<void> {
  await writeFileDurably(join(root, MIGRATION_DIR, STATE_NAME), JSON.stringify(state) + '\n');
}

async function markerVersion(root: string): Promise<number> {
  const marker = StoreMarker.safeParse(await readJson(join(root, MARKER_NAME)));
  return marker.success ? marker.data.version : STORE_FORMAT_VERSION;
}

/**
 * True when the store at `root` needs a migration: it is older than this program, or a
 * migration was interrupted. `onlyInterrupted` asks about the second case alone.
 */
export async function pendingMigration(root: string, options: { onlyInterrupted?: boolean } = {}) {
  const state = await readState(root);
  if (state && state.phase !== 'done') return true;
  if (options.onlyInterrupted) return false;
  return (await markerVersion(root)) < STORE_FORMAT_VERSION || (await exists(join(root, MIGRATION_DIR)));
}

/** Moves the prepared files in, marker last; safe to run again after a crash at any point. */
async function swapIn(root: string, migration: Migration, hook?: MigrationHook): Promise<void> {
  const work = join(root, MIGRATION_DIR, WORK_DIR);
  const old = join(root, MIGRATION_DIR, OLD_DIR);
  await mkdir(old, { recursive: true });
  for (const entry of migration.entries) {
    if (!(await exists(join(work, entry)))) continue; // swapped in already
    if (await exists(join(root, entry))) {
      if (await exists(join(old, entry))) await rm(join(root, entry), { recursive: true, force: true });
      else await rename(join(root, entry), join(old, entry));
    }
    await rename(join(work, entry), join(root, entry));
    await syncFolder(root);
    await hook?.('swap-entry', migration.from, entry);
  }
}

/** Per-test hook: called with the phase just entered, so a test can kill the process there. */
export type MigrationHook = (
  phase: MigrationState['phase'] | 'swap-entry',
  from: number,
  entry?: string,
) => void | Promise<void>;

/**
 * Brings the store at `root` up to `STORE_FORMAT_VERSION`, finishing an interrupted migration
 * first. The caller holds the writer lock. Resolves to the versions it went through.
 */
export async function migrateStore(
  root: string,
  options: LongTaskOptions & { hook?: MigrationHook } = {},
): Promise<{ from: number; to: number }> {
  const folder = join(root, MIGRATION_DIR);
  const startVersion = await markerVersion(root);
  let state = await readState(root);

  // A state file the marker contradicts (the marker was swapped in, then a crash) is done.
  if (state && (await markerVersion(root)) >= state.to) state = { ...state, phase: 'done' };
  if (!state && (await exists(folder))) {
    // A folder without a readable state never reached `prepare`: nothing of it is live.
    await rm(folder, { recursive: true, force: true });
  }

  for (;;) {
    if (state?.phase === 'done') {
      await rm(folder, { recursive: true, force: true });
      state = null;
    }
    const version = await markerVersion(root);
    const migration =
      state !== null
        ? MIGRATIONS.find((candidate) => candidate.from === state!.from)
        : MIGRATIONS.find((candidate) => candidate.from === version);
    if (!migration) {
      if (version < STORE_FORMAT_VERSION) {
        throw new Error(`no migration from store format ${version} to ${STORE_FORMAT_VERSION}`);
      }
      return { from: startVersion, to: version };
    }
    if (!state) {
      await mkdir(join(folder, WORK_DIR), { recursive: true });
      state = {
        schemaVersion: 1,
        from: migration.from,
        to: migration.to,
        phase: 'prepare',
        startedAt: new Date().toISOString(),
      };
      await writeState(root, state);
    }
    if (state.phase === 'prepare') {
      await options.hook?.('prepare', migration.from);
      await mkdir(join(folder, WORK_DIR), { recursive: true });
      await migration.prepare({ root, work: join(folder, WORK_DIR), ...options });
      state = { ...state, phase: 'swap' };
      await writeState(root, state);
    }
    await options.hook?.('swap', migration.from);
    await swapIn(root, migration, options.hook);
    state = { ...state, phase: 'done' };
    await writeState(root, state);
    await options.hook?.('done', migration.from);
  }
}
