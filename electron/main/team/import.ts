/**
 * Moving to team mode: a local folder store, with every revision, into the server. Each story
 * goes in one transaction (story row and all its revisions), so an interrupted import leaves
 * whole stories only, and running it again skips the ones already there.
 */
import type pg from 'pg';
import type { FolderStore } from '../store/types';

export interface ImportReport {
  stories: number;
  revisions: number;
  skipped: number;
}

export async function importStore(
  store: FolderStore,
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
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      report.stories += 1;
    }
    done += 1;
    onProgress?.(done, summaries.length);
  }
  return report;
}
