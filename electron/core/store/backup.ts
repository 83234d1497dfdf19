/**
 * Backups: one `.tar.gz` archive of a consistent snapshot of the store, taken while the app
 * keeps running, and its restore into an empty folder. Also the rotating automatic backups.
 *
 * Consistency without stopping the newsroom for the length of an archive: every store file is
 * replaced by rename (a new inode) on each write, so hard links taken at one moment are a
 * snapshot that later saves do not touch. Linking 100,000 files takes about a second; during
 * that second no save runs (inside the store's queue when this process holds the store, or
 * checked afterwards against the journal when another process does). Files appended in place
 * (the journal, the quarantine report) are copied instead. The slow part, compressing, then
 * runs from the snapshot with saves flowing again.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import {
  copyFile,
  link,
  mkdir,
  open,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { assertMayWrite } from './writer-gate';
import { errorCode, parseJsonBytes, syncFolder, writeFileDurably } from './durable-file';
import {
  BACKUPS_DIR,
  BACKUP_SETTINGS_NAME,
  INDEX_NAME,
  JOURNAL_NAME,
  STORE_FORMAT_VERSION,
  STORIES_DIR,
} from './journal';
import { LOCK_NAME, LOCK_OWNER_NAME } from './lock';
import { readMarker } from './story-store';
import type { FolderStore, LongTaskOptions, VerifyReport } from './types';
import { runStoreTask } from './worker-client';
import { bestEffort, consoleLogger, type Logger } from '../log';

export const BACKUP_MANIFEST = 'mihbara-backup.json';

export const BackupManifest = z.object({
  format: z.literal('mihbara-backup'),
  schemaVersion: z.literal(1),
  /** the store format inside; a newer one than this program reads is refused at restore */
  storeFormat: z.number().int().min(1),
  createdAt: z.string(),
  stories: z.number().int().min(0),
  files: z.number().int().min(0),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export const BackupSettings = z.object({
  schemaVersion: z.literal(1).default(1),
  /** how many automatic backups to keep (the oldest go first) */
  keep: z.number().int().min(1).max(1000).default(7),
  /** hours between automatic backups; 0 turns them off */
  everyHours: z
    .number()
    .min(0)
    .max(24 * 365)
    .default(24),
  /** folder of automatic backups; default `<store>/backups` (better: another disk) */
  folder: z.string().optional(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

/** Files appended in place rather than replaced: a hard link would see later appends. */
const APPENDED = new Set([JOURNAL_NAME, 'report.ndjson']);
/** Top-level names that are not store content. */
const NOT_CONTENT = new Set([LOCK_NAME, LOCK_OWNER_NAME, BACKUPS_DIR]);

/** Every file of the store worth keeping, relative to the root (dot-names are temp or staging). */
async function storeFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (relative: string) => {
    const entries = await readdir(join(root, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      if (relative === '' && NOT_CONTENT.has(entry.name)) continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  await walk('');
  return files;
}

async function fingerprint(root: string): Promise<string> {
  const parts = await Promise.all(
    [JOURNAL_NAME, INDEX_NAME].map((name) =>
      stat(join(root, name)).then(
        (info) => `${info.ino}:${info.size}:${info.mtimeMs}`,
        () => 'none',
      ),
    ),
  );
  return parts.join('|');
}

/** Links (or copies) every store file into `staging`; resolves to the number of files. */
async function stage(root: string, staging: string, options: LongTaskOptions): Promise<number> {
  const files = await storeFiles(root);
  const made = new Set<string>();
  let done = 0;
  let staged = 0;
  for (const file of files) {
    options.signal?.throwIfAborted();
    const folder = dirname(join(staging, file));
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    const from = join(root, file);
    const to = join(staging, file);
    try {
      if (APPENDED.has(basename(file))) await copyFile(from, to);
      else await link(from, to).catch(() => copyFile(from, to));
      staged += 1;
    } catch (error) {
      // Gone since the listing (a quarantine move, a discarded draft): not part of the snapshot.
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    if (++done % 2000 === 0) options.onProgress?.({ phase: 'snapshot', done, total: files.length });
  }
  options.onProgress?.({ phase: 'snapshot', done: files.length, total: files.length });
  // What the manifest promises: restore checks that exactly this many came back.
  return staged;
}

/** A name for a backup taken now: sorts by time, safe on every file system. */
export function backupFileName(at = new Date()): string {
  return `mihbara-backup-${at.toISOString().replace(/[:.]/g, '-')}.tar.gz`;
}

/**
 * Writes one archive of a consistent snapshot of the store at `root` to `archive`. Pass the
 * open `store` when this process holds it (the app): the snapshot is then taken between two
 * saves. Without it (the command line beside a running app) the snapshot is retried until no
 * save happened while it was taken.
 */
export async function createBackup(
  root: string,
  archive: string,
  options: LongTaskOptions & { store?: FolderStore } = {},
): Promise<BackupManifest> {
  root = resolve(root);
  archive = resolve(archive);
  const marker = await readMarker(root);
  if (!marker) throw new ApiError('invalid-request', `${root} is not a Mihbara store`);
  const staging = join(root, `.backup-${randomBytes(4).toString('hex')}`);
  const partial = `${archive}.partial`;
  // Staged inside the store, and perhaps written there: only by the process that may write it.
  await assertMayWrite(staging);
  await assertMayWrite(archive);
  try {
    let files = 0;
    const snapshot = async () => {
      await rm(staging, { recursive: true, force: true });
      const before = await fingerprint(root);
      files = await stage(root, staging, options);
      return before === (await fingerprint(root));
    };
    let consistent = false;
    if (options.store) consistent = await options.store.exclusive(snapshot);
    else {
      for (let attempt = 0; attempt < 8 && !consistent; attempt += 1) consistent = await snapshot();
    }
    if (!consistent) {
      throw new ApiError(
        'store-locked',
        `the store at ${root} kept changing while the backup was taken; try again when it is quieter`,
      );
    }
    const stories = (await readdir(join(staging, STORIES_DIR)).catch(() => [] as string[])).filter((name) =>
      name.endsWith('.json'),
    ).length;
    const manifest: BackupManifest = {
      format: 'mihbara-backup',
      schemaVersion: 1,
      storeFormat: marker.version,
      createdAt: new Date().toISOString(),
      stories,
      files,
    };
    await writeFile(join(staging, BACKUP_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');

    await mkdir(dirname(archive), { recursive: true });
    const entries = [BACKUP_MANIFEST, ...(await readdir(staging)).filter((name) => name !== BACKUP_MANIFEST)];
    let packed = 0;
    const pack = tar.c(
      {
        gzip: true,
        cwd: staging,
        portable: true,
        filter: (_path, entry) => {
          if ('isFile' in entry && entry.isFile() && ++packed % 1000 === 0) {
            options.onProgress?.({ phase: 'archive', done: packed, total: files + 1 });
          }
          return true;
        },
      },
      entries,
    );
    await pipeline(pack, createWriteStream(partial, { flags: 'w' }), { signal: options.signal });
    const handle = await open(partial, 'r');
    await handle.sync();
    await handle.close();
    await rename(partial, archive);
    await syncFolder(dirname(archive));
    options.onProgress?.({ phase: 'archive', done: files + 1, total: files + 1 });
    return manifest;
  } catch (error) {
    // The backup's own failure is thrown below; a partial archive left over is only space.
    // eslint-disable-next-line no-restricted-syntax -- see above
    await unlink(partial).catch(() => undefined);
    if (errorCode(error) === 'ENOSPC') {
      throw new ApiError('disk-full', `the disk is full: the backup ${archive} could not be written`);
    }
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Restores the archive into `target`, which must be empty or not exist yet, then checks the
 * restored store (in a worker thread). Anything the restore wrote is removed again if it
 * fails or is cancelled. An archive of a newer store format is refused.
 */
export async function restoreBackup(
  archive: string,
  target: string,
  options: LongTaskOptions = {},
): Promise<{ manifest: BackupManifest; report: VerifyReport }> {
  archive = resolve(archive);
  target = resolve(target);
  const existing = await readdir(target).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return [] as string[];
    throw error;
  });
  if (existing.length > 0) {
    throw new ApiError('invalid-request', `restore needs an empty folder, and ${target} is not empty`);
  }
  try {
    await stat(archive);
  } catch {
    throw new ApiError('not-found', `there is no backup file at ${archive}`);
  }

  // First pass: count the entries, so progress has a total (reading is cheap next to writing).
  let total = 0;
  await tar.t({ file: archive, onReadEntry: () => void (total += 1) });
  await mkdir(target, { recursive: true });
  try {
    let done = 0;
    const extract = tar.x({
      cwd: target,
      strict: true,
      // Only plain files and folders: a link in a crafted archive could point anywhere.
      filter: (_path, entry) => {
        const type = 'type' in entry ? entry.type : undefined;
        const ok = type === 'File' || type === 'Directory' || type === 'OldFile';
        if (ok && ++done % 1000 === 0) options.onProgress?.({ phase: 'restore', done, total });
        return ok;
      },
    });
    await pipeline(createReadStream(archive), extract, { signal: options.signal });
    options.onProgress?.({ phase: 'restore', done: total, total });

    const raw = parseJsonBytes(await readFile(join(target, BACKUP_MANIFEST)).catch(() => new Uint8Array()));
    const manifest = BackupManifest.safeParse(raw.ok ? raw.value : null);
    if (!manifest.success) throw new ApiError('invalid-request', `${archive} is not a Mihbara backup`);
    if (manifest.data.storeFormat > STORE_FORMAT_VERSION) {
      throw new ApiError(
        'invalid-request',
        `${archive} holds a store of format ${manifest.data.storeFormat}, written by a newer Mihbara; ` +
          `this version reads format ${STORE_FORMAT_VERSION} at most`,
      );
    }
    await unlink(join(target, BACKUP_MANIFEST));
    // The manifest's counts against what came out: a file lost from the archive is not a smaller store.
    const restored = (await readdir(target, { recursive: true, withFileTypes: true })).filter((e) =>
      e.isFile(),
    );
    const stories = restored.filter(
      (e) => relative(target, e.parentPath) === STORIES_DIR && e.name.endsWith('.json'),
    ).length;
    if (restored.length !== manifest.data.files || stories !== manifest.data.stories) {
      throw new ApiError(
        'store-damaged',
        `${archive} is incomplete: it holds ${restored.length} files and ${stories} stories, ` +
          `its manifest says ${manifest.data.files} files and ${manifest.data.stories} stories`,
      );
    }
    await syncFolder(target);
    const report = await runStoreTask<VerifyReport>({ kind: 'verify', root: target }, options);
    return { manifest: manifest.data, report };
  } catch (error) {
    for (const name of await readdir(target).catch(() => [] as string[])) {
      await rm(join(target, name), { recursive: true, force: true });
    }
    throw error;
  }
}

// ---------------------------------------------------------------- automatic backups

export async function readBackupSettings(root: string): Promise<BackupSettings> {
  try {
    const parsed = parseJsonBytes(await readFile(join(root, BACKUP_SETTINGS_NAME)));
    const settings = BackupSettings.safeParse(parsed.ok ? parsed.value : {});
    return settings.success ? settings.data : BackupSettings.parse({});
  } catch {
    return BackupSettings.parse({});
  }
}

export async function writeBackupSettings(
  root: string,
  settings: Partial<BackupSettings>,
): Promise<BackupSettings> {
  const next = BackupSettings.parse({ ...(await readBackupSettings(root)), ...settings });
  await writeFileDurably(join(root, BACKUP_SETTINGS_NAME), JSON.stringify(next, null, 2) + '\n');
  return next;
}

const BACKUP_NAME = /^mihbara-backup-\d{4}-\d{2}-\d{2}T[\d-]+Z\.tar\.gz$/;

export function backupFolder(root: string, settings: BackupSettings): string {
  return settings.folder ? resolve(root, settings.folder) : join(root, BACKUPS_DIR);
}

/** Automatic backups in `folder`, newest first. */
export async function listBackups(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse();
}

/** Takes one automatic backup and deletes the oldest beyond `keep`; resolves to the new file. */
export async function rotateBackup(
  store: FolderStore,
  options: LongTaskOptions & { now?: Date; log?: Logger } = {},
): Promise<{ file: string; removed: string[] }> {
  const settings = await readBackupSettings(store.root);
  const folder = backupFolder(store.root, settings);
  const file = join(folder, backupFileName(options.now));
  await createBackup(store.root, file, { ...options, store });
  const removed: string[] = [];
  for (const old of (await listBackups(folder)).slice(settings.keep)) {
    await unlink(join(folder, old)).catch(
      bestEffort(options.log ?? consoleLogger, `[backup] could not remove the old backup ${old}`),
    );
    removed.push(old);
  }
  return { file, removed };
}

/**
 * Starts the app's automatic backups: one when the newest is older than `everyHours`, checked
 * now and every `checkEveryMs`. Failures are logged, never thrown at the app. Returns stop().
 */
export function startAutomaticBackups(
  store: FolderStore,
  options: { checkEveryMs?: number; firstCheckAfterMs?: number; log?: Logger } = {},
): () => void {
  const log = options.log ?? consoleLogger;
  let running = false;
  const controller = new AbortController();
  const check = async () => {
    if (running || controller.signal.aborted) return;
    running = true;
    try {
      const settings = await readBackupSettings(store.root);
      if (settings.everyHours <= 0) return;
      const newest = (await listBackups(backupFolder(store.root, settings)))[0];
      const at = newest
        ? Date.parse(newest.slice(15, -7).replace(/T(\d+)-(\d+)-(\d+)-(\d+)Z/, 'T$1:$2:$3.$4Z'))
        : 0;
      if (Date.now() - at < settings.everyHours * 3_600_000) return;
      const { file, removed } = await rotateBackup(store, { signal: controller.signal, log });
      log.info(`[backup] wrote ${file}${removed.length ? `, removed ${removed.length} old` : ''}`);
    } catch (error) {
      if (!controller.signal.aborted) log.warn(`[backup] automatic backup failed: ${String(error)}`);
    } finally {
      running = false;
    }
  };
  // Not at once: start-up is when the editor is busiest, and the first check may archive everything.
  const first = setTimeout(() => void check(), options.firstCheckAfterMs ?? 5 * 60_000);
  const timer = setInterval(() => void check(), options.checkEveryMs ?? 10 * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
    controller.abort();
  };
}
