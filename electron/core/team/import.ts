/**
 * Moving to team mode: a local folder store, with every revision, into the server. Each story
 * goes in one transaction (story row and all its revisions), so an interrupted import leaves
 * whole stories only, and running it again skips the ones already there.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { errorCode } from '../store/durable-file';
import type { LocalFolderStore } from '../store/types';
import { createHash } from 'node:crypto';
import { createMediaStore, MEDIA_FILE_NAME, sniffImage } from '../store/media';
import { MEDIA_DIR } from '../store/journal';
import { keptByServer } from './pg-shared';
import { SETTINGS_DOCUMENTS } from '../settings/settings';
import { rollback } from './query';

export interface ImportReport {
  stories: number;
  revisions: number;
  skipped: number;
}

export async function importStore(
  store: LocalFolderStore,
  client: pg.ClientBase,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  const summaries = store.list();
  const report: ImportReport = { stories: 0, revisions: 0, skipped: 0 };
  let done = 0;
  for (const summary of summaries) {
    const exists = await client.query('SELECT 1 FROM mihbara.stories WHERE id = $1', [summary.id]);
    if (exists.rowCount) {
      report.skipped += 1;
    } else {
      const story = await store.get(summary.id);
      const revisions = await store.listRevisions(summary.id);
      await client.query('BEGIN');
      try {
        await client.query(
          'INSERT INTO mihbara.stories (id, doc, authors, updated_at) VALUES ($1, $2, $3, $4)',
          [story.id, story, story.authors ?? [], story.updatedAt],
        );
        for (const info of revisions) {
          const version = await store.getRevision(summary.id, info.version).catch(() => null);
          // A revision the local store can no longer rebuild is left out rather than invented.
          if (!version) continue;
          await client.query(
            'INSERT INTO mihbara.revisions (story_id, version, at, actor, restored_from, doc) VALUES ($1, $2, $3, $4, $5, $6)',
            [story.id, info.version, info.at, info.actor, info.restoredFrom ?? null, version],
          );
          report.revisions += 1;
        }
        if (!revisions.some((info) => info.version === story.version)) {
          await client.query(
            "INSERT INTO mihbara.revisions (story_id, version, actor, doc) VALUES ($1, $2, 'import', $3)",
            [story.id, story.version, story],
          );
          report.revisions += 1;
        }
        await client.query('COMMIT');
      } catch (error) {
        await rollback(client);
        throw error;
      }
      report.stories += 1;
    }
    done += 1;
    onProgress?.(done, summaries.length);
  }
  return report;
}

/**
 * The local store's newsroom documents (tags and their change log, gazetteer, saved searches,
 * settings and word list, publishing channels and delivery log) into the server's shared documents, so team mode starts
 * with the newsroom's own lists. A document the server has already is kept as it is (another
 * workstation may have moved first): resolves with how many were moved and kept.
 */
export async function importSharedDocuments(
  root: string,
  client: pg.ClientBase,
): Promise<{ moved: string[]; kept: string[] }> {
  // Each document's path in the folder, and on the server.
  const candidates = new Map<string, string>();
  for (const folder of ['newsroom', 'publishing']) {
    try {
      for (const name of await readdir(join(root, folder))) {
        if (keptByServer(`${folder}/${name}`)) candidates.set(`${folder}/${name}`, `${folder}/${name}`);
      }
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }
  // The settings and the word list sit at the folder's top.
  for (const { folder, server } of Object.values(SETTINGS_DOCUMENTS))
    if (existsSync(join(root, folder))) candidates.set(server, folder);
  const moved: string[] = [];
  const kept: string[] = [];
  for (const path of [...candidates.keys()].sort()) {
    const text = await readFile(join(root, candidates.get(path)!), 'utf8');
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`mihbara.shared_files:${path}`]);
      const there = await client.query(
        `SELECT 1 FROM mihbara.shared_files WHERE path = $1
         UNION ALL SELECT 1 FROM mihbara.shared_lines WHERE path = $1 LIMIT 1`,
        [path],
      );
      if (there.rowCount) {
        kept.push(path);
      } else if (path.endsWith('.ndjson')) {
        // A log: one row per line, as the app appends them.
        const lines = text.split('\n').filter((line) => line.trim() !== '');
        for (const line of lines)
          await client.query(
            "INSERT INTO mihbara.shared_lines (path, line, written_by) VALUES ($1, $2, 'import')",
            [path, `${line}\n`],
          );
        moved.push(path);
      } else {
        await client.query(
          "INSERT INTO mihbara.shared_files (path, content, version, updated_by) VALUES ($1, $2, 1, 'import')",
          [path, text],
        );
        moved.push(path);
      }
      await client.query('COMMIT');
    } catch (error) {
      await rollback(client);
      throw error;
    }
  }
  return { moved, kept };
}

/**
 * The local store's images into the server's media table, so the stories moved by
 * `importStore` show their images on every workstation. Each image's name is checked against its
 * bytes (sha256 and type, as the media store names them; the source folder is only read): a file
 * whose name does not match is reported, not moved. An image the server has already is kept.
 */
export async function importMedia(
  root: string,
  client: pg.ClientBase,
): Promise<{ moved: number; kept: number; refused: string[] }> {
  const local = createMediaStore(root);
  let names: string[] = [];
  try {
    names = (await readdir(join(root, MEDIA_DIR))).filter((name) => MEDIA_FILE_NAME.test(name)).sort();
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  const report = { moved: 0, kept: 0, refused: [] as string[] };
  for (const file of names) {
    const { bytes } = await local.read(file);
    // What the media store's add would call it: the sha256 of the bytes and their sniffed type.
    const named = `${createHash('sha256').update(bytes).digest('hex')}.${sniffImage(bytes) ?? ''}`;
    if (named !== file) {
      report.refused.push(file);
      continue;
    }
    const inserted = await client.query(
      "INSERT INTO mihbara.media (file, bytes, added_by) VALUES ($1, $2, 'import') ON CONFLICT (file) DO NOTHING",
      [file, bytes],
    );
    if (inserted.rowCount) report.moved += 1;
    else report.kept += 1;
  }
  return report;
}
