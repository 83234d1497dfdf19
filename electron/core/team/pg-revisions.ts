/**
 * A story's history on the newsroom's server: every saved version is kept whole in
 * `mihbara.revisions` (written by `save_story`), so a revision is read, never rebuilt.
 */
import type pg from 'pg';
import { ApiError } from '../../../shared/api/errors';
import type { RevisionInfo } from '../../../shared/story/history';
import { parseStoredStory, type Story } from '../../../shared/story/schema';
import { makeRevision } from '../store/revisions';
import { run } from './query';

/** A story the server holds, through the one repair of stored stories. */
function storedStory(raw: unknown, what: string): Story {
  const parsed = parseStoredStory(raw);
  if (!parsed.success) throw new ApiError('store-damaged', `${what} is not a valid story`);
  return parsed.data;
}

/** Every revision of story `id`, oldest first, each with what it changed from the one before. */
export async function serverRevisions(pool: pg.Pool, id: string): Promise<RevisionInfo[]> {
  const rows = (
    await run<{ version: number; at: Date; actor: string; restored_from: number | null; doc: Story }>(
      pool,
      'SELECT version, at, actor, restored_from, doc FROM mihbara.revisions WHERE story_id = $1 ORDER BY version',
      [id],
    )
  ).rows;
  return rows.map((row, index) => {
    const previous =
      index > 0
        ? storedStory(rows[index - 1]!.doc, `revision ${rows[index - 1]!.version} of ${id}`)
        : undefined;
    const revision = makeRevision(
      previous,
      storedStory(row.doc, `revision ${row.version} of ${id}`),
      undefined,
      {
        at: row.at.toISOString(),
        actor: row.actor,
      },
    );
    return {
      version: row.version,
      at: row.at.toISOString(),
      actor: row.actor,
      change: revision.change,
      ...(row.restored_from !== null ? { restoredFrom: row.restored_from } : {}),
      kind: 'snapshot' as const,
    };
  });
}

/** Version `version` of story `id` as it was saved. */
export async function serverRevision(pool: pg.Pool, id: string, version: number): Promise<Story> {
  const result = await run<{ doc: unknown }>(
    pool,
    'SELECT doc FROM mihbara.revisions WHERE story_id = $1 AND version = $2',
    [id, version],
  );
  if (!result.rows[0]) throw new ApiError('not-found', `story ${id} has no revision ${version}`);
  return storedStory(result.rows[0].doc, `revision ${version} of ${id}`);
}
