/**
 * The administrator's commands against a real server: `db migrate` (by URL and by PG*
 * variables), a migration whose connection is lost halfway leaves no half state, `db user add`
 * and `db import --from-store` with revisions and the newsroom's shared documents.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { createStoryService } from '../../../electron/core/stories/service';
import { createMediaStore } from '../../../electron/core/store/media';
import { openStore } from '../../../electron/core/store/story-store';
import { loadMigrations, migrate, type Migration } from '../../../electron/core/team/migrate';
import { skipReason, startCluster, type Cluster } from './pg-cluster';

const reason = skipReason();

function collector() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe.skipIf(reason !== null)(
  `db commands on a real PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let cluster: Cluster;
    const folders: string[] = [];
    beforeAll(async () => {
      cluster = await startCluster();
    }, 60_000);
    afterAll(() => {
      cluster?.destroy();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });

    const query = async <T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<T>(sql, values)).rows;
      } finally {
        await client.end();
      }
    };

    it('db migrate applies every migration once, by --url and by the PG* variables', async () => {
      const url = await cluster.createDatabase('cli_migrate');
      const first = collector();
      expect(await runCli(['db', 'migrate', '--url', url], first.io)).toBe(0);
      expect(first.out()).toMatch(/applied \d+ migration\(s\); the schema is at version \d+/);
      const saved = { ...process.env };
      Object.assign(process.env, {
        PGHOST: '127.0.0.1',
        PGPORT: String(cluster.port),
        PGUSER: 'postgres',
        PGDATABASE: 'cli_migrate',
      });
      try {
        const again = collector();
        expect(await runCli(['db', 'migrate'], again.io)).toBe(0);
        expect(again.out()).toMatch(/up to date/);
        const status = collector();
        expect(await runCli(['db', 'status'], status.io)).toBe(0);
        expect(status.out()).toMatch(/0 pending/);
      } finally {
        for (const key of ['PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE']) {
          if (saved[key] === undefined) delete process.env[key];
          else process.env[key] = saved[key];
        }
      }
      const rows = await query<{ version: number }>(
        url,
        'SELECT version FROM mihbara_meta.migrations ORDER BY version',
      );
      expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
    });

    it('a migration whose connection is lost halfway leaves nothing of itself behind', async () => {
      const url = await cluster.createDatabase('cli_cut');
      const good: Migration = {
        version: 1,
        name: 'good',
        sql: 'CREATE TABLE public.first_table (x int);',
        checksum: 'a',
      };
      const cut: Migration = {
        version: 2,
        name: 'cut',
        sql: 'CREATE TABLE public.half_a (x int); SELECT pg_sleep(30); CREATE TABLE public.half_b (x int);',
        checksum: 'b',
      };
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const running = migrate(client, { migrations: [good, cut] }).then(
        () => 'finished',
        (error: Error) => error.message,
      );
      // Cut the connection while the second migration is inside its transaction.
      for (;;) {
        const state = await query<{ query: string }>(
          url,
          'SELECT query FROM pg_stat_activity WHERE pid = $1',
          [pid],
        );
        if (state[0]?.query.includes('pg_sleep')) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await query(url, 'SELECT pg_terminate_backend($1)', [pid]);
      expect(await running).not.toBe('finished');
      await client.end().catch(() => undefined);
      const tables = await query<{ name: string }>(
        url,
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      );
      expect(tables.map((t) => t.name)).toEqual(['first_table']);
      const applied = await query<{ version: number }>(url, 'SELECT version FROM mihbara_meta.migrations');
      expect(applied.map((r) => r.version)).toEqual([1]);
    });

    it('db user add makes a login in its newsroom role; db import moves a local store with its revisions', async () => {
      const url = await cluster.createDatabase('cli_import');
      expect(await runCli(['db', 'migrate', '--url', url], collector().io)).toBe(0);
      const added = collector();
      expect(
        await runCli(
          ['db', 'user', 'add', 'yasin', 'ياسين أحمد', '--role', 'editor', '--url', url],
          added.io,
        ),
      ).toBe(0);
      expect(added.out()).toMatch(/login mihbara_yasin \(editor\)/);
      expect(added.out()).toMatch(/password: \S{20,}/);
      const roles = await query<{ member: boolean }>(
        url,
        "SELECT pg_has_role('mihbara_yasin', 'mihbara_editor', 'MEMBER') AS member",
      );
      expect(roles[0]!.member).toBe(true);

      const dir = mkdtempSync(join(tmpdir(), 'mihbara-local-'));
      folders.push(dir);
      const local = await openStore(dir, { mode: 'write', create: true });
      const stories = createStoryService(local);
      const one = await stories.create('ar');
      await stories.save(one.id, 1, { headline: 'الأولى' });
      await stories.save(one.id, 2, { headline: 'الثانية' });
      const two = await stories.create('ar');
      await local.close();
      // The newsroom's own lists move with the stories.
      mkdirSync(join(dir, 'newsroom'), { recursive: true });
      mkdirSync(join(dir, 'publishing'), { recursive: true });
      writeFileSync(join(dir, 'newsroom', 'tags.json'), '{"tags":[{"name":"القمة العربية"}]}\n');
      writeFileSync(join(dir, 'publishing', 'deliveries.ndjson'), '{"id":"d1"}\n{"id":"d2"}\n');
      // The settings sit at the folder's top; on the server they join the newsroom's documents.
      writeFileSync(join(dir, 'settings.json'), '{"headlineLimit":60}\n');
      // And its images (the smallest GIF, stored under its content's name).
      const gif = Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAACAkQBADs=', 'base64');
      const { file: image } = await createMediaStore(dir).add(gif);

      const imported = collector();
      expect(await runCli(['db', 'import', '--from-store', dir, '--url', url], imported.io)).toBe(0);
      expect(imported.out()).toMatch(/imported 2 stories with 4 revisions; 0 already on the server/);
      expect(imported.out()).toMatch(/imported 3 newsroom documents .*; 0 already on the server/);
      expect(imported.out()).toMatch(/imported 1 images; 0 already on the server\n/);
      const images = await query<{ file: string; bytes: Buffer }>(
        url,
        'SELECT file, bytes FROM mihbara.media',
      );
      expect(images).toEqual([{ file: image, bytes: gif }]);
      const shared = await query<{ path: string; text: string }>(
        url,
        `SELECT path, content AS text FROM mihbara.shared_files
         UNION ALL SELECT path, string_agg(line, '' ORDER BY seq) FROM mihbara.shared_lines GROUP BY path
         ORDER BY path`,
      );
      expect(shared).toEqual([
        { path: 'newsroom/settings.json', text: '{"headlineLimit":60}\n' },
        { path: 'newsroom/tags.json', text: '{"tags":[{"name":"القمة العربية"}]}\n' },
        { path: 'publishing/deliveries.ndjson', text: '{"id":"d1"}\n{"id":"d2"}\n' },
      ]);
      const server = await query<{ id: string; version: number; headline: string }>(
        url,
        'SELECT id, version, headline FROM mihbara.stories ORDER BY version DESC',
      );
      expect(server).toEqual([
        { id: one.id, version: 3, headline: 'الثانية' },
        { id: two.id, version: 1, headline: '' },
      ]);
      const revisions = await query<{ version: number; headline: string }>(
        url,
        "SELECT version, doc ->> 'headline' AS headline FROM mihbara.revisions WHERE story_id = $1 ORDER BY version",
        [one.id],
      );
      expect(revisions).toEqual([
        { version: 1, headline: '' },
        { version: 2, headline: 'الأولى' },
        { version: 3, headline: 'الثانية' },
      ]);
      const again = collector();
      expect(await runCli(['db', 'import', '--from-store', dir, '--url', url], again.io)).toBe(0);
      expect(again.out()).toMatch(/imported 0 stories with 0 revisions; 2 already on the server/);
      expect(again.out()).toMatch(/imported 0 newsroom documents .*; 3 already on the server/);
      expect(again.out()).toMatch(/imported 0 images; 1 already on the server/);
    });

    it('db migrate says plainly when the server cannot be reached', async () => {
      const run = collector();
      expect(
        await runCli(['db', 'migrate', '--url', 'postgres://nobody:secret@127.0.0.1:1/none'], run.io),
      ).toBe(1);
      expect(run.err()).toMatch(
        /cannot connect to the database at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/,
      );
      expect(run.err()).not.toMatch(/secret/);
    });
  },
);
