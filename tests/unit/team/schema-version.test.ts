/**
 * A workstation refuses a newsroom server whose schema is older than its own, at connect time,
 * with what to do ("db migrate") — in the settings' connection test and when the store opens —
 * instead of failing later on a missing column or function.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSchemaCurrent, shippedVersion } from '../../../electron/core/team/migrate';
import { openTeamStore } from '../../../electron/core/team/pg-store';
import { newsroom, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';

const reason = skipReason();

describe.skipIf(reason !== null)(
  `the server's schema version${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let room: Newsroom;
    const folders: string[] = [];
    beforeAll(async () => {
      room = await newsroom();
    }, 60_000);
    afterAll(async () => {
      await room?.close();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });
    const open = () => {
      const folder = mkdtempSync(join(tmpdir(), 'mihbara-schema-'));
      folders.push(folder);
      return openTeamStore({ url: room.urlAs('yasin'), connectTimeoutMs: 2000 }, { localRoot: folder });
    };

    it('a current server is accepted; an older one is refused with "db migrate", before and after schema 7', async () => {
      const editor = await room.as('yasin');
      expect(shippedVersion()).toBeGreaterThanOrEqual(7);
      await expect(assertSchemaCurrent(editor)).resolves.toBeUndefined();
      const store = await open();
      expect(store.status().online).toBe(true);
      await store.close();

      // A server one migration behind (it answers its version, but an older one).
      const newest = shippedVersion();
      const [row] = (
        await room.owner.query('DELETE FROM mihbara_meta.migrations WHERE version = $1 RETURNING *', [newest])
      ).rows;
      await expect(assertSchemaCurrent(editor)).rejects.toMatchObject({
        code: 'io',
        message: expect.stringMatching(new RegExp(`schema ${newest - 1} .*needs ${newest}.*db migrate`)),
      });
      await expect(open()).rejects.toMatchObject({ message: expect.stringMatching(/db migrate/) });

      // A server from before schema 7 has no such function at all.
      await room.owner.query('ALTER FUNCTION mihbara.schema_version() RENAME TO schema_version_gone');
      await expect(assertSchemaCurrent(editor)).rejects.toMatchObject({
        message: expect.stringMatching(/schema 0 .*db migrate/),
      });
      await room.owner.query('ALTER FUNCTION mihbara.schema_version_gone() RENAME TO schema_version');

      await room.owner.query(
        'INSERT INTO mihbara_meta.migrations (version, name, checksum, applied_at, applied_by) VALUES ($1, $2, $3, $4, $5)',
        [row.version, row.name, row.checksum, row.applied_at, row.applied_by],
      );
      await expect(assertSchemaCurrent(editor)).resolves.toBeUndefined();
    });
  },
);
