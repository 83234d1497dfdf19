/**
 * Versioned migrations of the newsroom database: `resources/db/migrations/NNNN_name.sql`,
 * applied in order, each in its own transaction together with its line in
 * `mihbara_meta.migrations`, so a migration interrupted at any point (lost connection, error)
 * leaves the database exactly as it was before it. An advisory lock keeps two administrators
 * from migrating at once; a file changed after it was applied is refused, not re-run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { ApiError } from '../../../shared/api/errors';
import { rollback } from './query';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: Array<Pick<Migration, 'version' | 'name'>>;
  current: number;
}

/** Held while migrating: a number no other part of Mihbara uses. */
const MIGRATION_LOCK = 0x6d696862;

/** The migrations folder: MIHBARA_MIGRATIONS, the packaged resources, or the repository's. */
export function migrationsDir(): string {
  const candidates = [
    process.env.MIHBARA_MIGRATIONS,
    (process as { resourcesPath?: string }).resourcesPath
      ? join((process as { resourcesPath?: string }).resourcesPath!, 'db', 'migrations')
      : undefined,
  ].filter((dir): dir is string => Boolean(dir));
  // From this file (source or bundle) up to the folder holding resources/db/migrations.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up += 1) {
    candidates.push(join(dir, 'resources', 'db', 'migrations'));
    dir = resolve(dir, '..');
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error('the database migrations were not found (resources/db/migrations)');
  return found;
}

/** Every migration in the folder, in order. */
export function loadMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d{4})_([a-z0-9_-]+)\.sql$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => {
      const sql = readFileSync(join(dir, match[0]), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
}

/** The schema this Mihbara ships with: the highest migration in its folder. */
export function shippedVersion(): number {
  return Math.max(0, ...loadMigrations().map((migration) => migration.version));
}

/**
 * Refuses a server whose schema is older than this Mihbara's, before anything fails later on a
 * missing column or function. Any newsroom login may ask (`mihbara.schema_version()`, schema 7);
 * a server without that function is older than 7.
 */
export async function assertSchemaCurrent(
  client: Pick<pg.ClientBase, 'query'>,
  needed = shippedVersion(),
): Promise<void> {
  let version = 0;
  try {
    const result = await client.query<{ v: number }>('SELECT mihbara.schema_version() AS v');
    version = result.rows[0]?.v ?? 0;
  } catch (error) {
    // undefined function or schema: a server from before schema 7 (or none at all)
    const code = (error as { code?: string }).code;
    if (code !== '42883' && code !== '3F000') throw error;
  }
  if (version < needed) {
    throw new ApiError(
      'io',
      `the newsroom database has schema ${version} and this Mihbara needs ${needed}: an administrator must run "db migrate"`,
      [{ path: 'reason', message: 'not-migrated' }],
    );
  }
}

/** The highest migration applied to this database (0 for a new one). */
export async function currentVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ found: boolean }>(
    "SELECT to_regclass('mihbara_meta.migrations') IS NOT NULL AS found",
  );
  if (!exists.rows[0]?.found) return 0;
  const result = await client.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM mihbara_meta.migrations',
  );
  return result.rows[0]?.v ?? 0;
}

/**
 * Applies the pending migrations through `client` (a connection as the schema owner: an
 * administrator's login). Resolves with what was applied.
 */
export async function migrate(
  client: pg.ClientBase,
  options: { migrations?: Migration[]; log?: (line: string) => void } = {},
): Promise<MigrationReport> {
  const migrations = options.migrations ?? loadMigrations();
  const log = options.log ?? (() => undefined);
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS mihbara_meta;
      CREATE TABLE IF NOT EXISTS mihbara_meta.migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        applied_by name NOT NULL DEFAULT session_user
      );
      REVOKE ALL ON SCHEMA mihbara_meta FROM PUBLIC;`);
    const done = await client.query<{ version: number; checksum: string; name: string }>(
      'SELECT version, name, checksum FROM mihbara_meta.migrations ORDER BY version',
    );
    const applied = new Map(done.rows.map((row) => [row.version, row]));
    for (const migration of migrations) {
      const row = applied.get(migration.version);
      if (row && row.checksum !== migration.checksum) {
        throw new Error(
          `migration ${migration.version} (${row.name}) was changed after it was applied; ` +
            'add a new migration instead of editing an applied one',
        );
      }
    }
    const report: MigrationReport = { applied: [], current: Math.max(0, ...applied.keys()) };
    for (const migration of migrations.filter((m) => !applied.has(m.version))) {
      log(`applying ${String(migration.version).padStart(4, '0')}_${migration.name}`);
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          'INSERT INTO mihbara_meta.migrations (version, name, checksum) VALUES ($1, $2, $3)',
          [migration.version, migration.name, migration.checksum],
        );
        await client.query('COMMIT');
      } catch (error) {
        await rollback(client);
        throw error;
      }
      report.applied.push({ version: migration.version, name: migration.name });
      report.current = migration.version;
    }
    return report;
  } finally {
    // The lock is the session's: if unlocking fails the connection is gone, and the lock with it.
    // eslint-disable-next-line no-restricted-syntax -- see above
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}
