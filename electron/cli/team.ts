/**
 * The administrator's database commands of the `mihbara` command line:
 *
 *   db migrate [--url URL]                      apply pending migrations (URL or the PG* variables)
 *   db status  [--url URL]                      the schema version and pending migrations
 *   db user add ID NAME --role ROLE [--url URL] [--login NAME] [--password PW]
 *   db import --from-store DIR [--url URL]      move a local store, with its revisions, into the server
 *
 * They connect as the administrator who owns the schema (not as a newsroom login).
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import pg from 'pg';
import { ROLES, type Role } from '../../shared/workflow/model';
import { openStore } from '../core/store/story-store';
import { addNewsroomLogin, newPassword } from '../core/team/admin';
import { clientConfig } from '../core/team/connection';
import { importMedia, importSharedDocuments, importStore } from '../core/team/import';
import { currentVersion, loadMigrations, migrate } from '../core/team/migrate';
import { ownPassword } from './team-password';

export interface TeamCliDeps {
  io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } };
  fail: (message: string) => Error;
}

const urlOption = () =>
  new Option('--url <url>', 'postgres://user@host:port/db (default: the PG* environment variables)');

async function withClient<T>(
  url: string | undefined,
  deps: TeamCliDeps,
  task: (client: pg.Client) => Promise<T>,
) {
  const client = new pg.Client(
    clientConfig({ url, password: await ownPassword(url), connectTimeoutMs: 10_000 }),
  );
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw deps.fail(
      `cannot connect to the database${url ? ` at ${redact(url)}` : ''}: ${(error as Error).message}`,
    );
  }
  try {
    return await task(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

export function addTeamCommands(program: Command, deps: TeamCliDeps): void {
  const { io } = deps;
  const db = program.command('db').description('team mode: the newsroom PostgreSQL database');

  db.command('migrate')
    .description('apply the pending schema migrations (each in its own transaction)')
    .addOption(urlOption())
    .action(async (options: { url?: string }) => {
      await withClient(options.url, deps, async (client) => {
        const report = await migrate(client, { log: (line) => io.stderr.write(`  ${line}\n`) });
        io.stdout.write(
          report.applied.length
            ? `applied ${report.applied.length} migration(s); the schema is at version ${report.current}\n`
            : `the schema is up to date (version ${report.current})\n`,
        );
      });
    });

  db.command('status')
    .description('the schema version and the migrations still to apply')
    .addOption(urlOption())
    .action(async (options: { url?: string }) => {
      await withClient(options.url, deps, async (client) => {
        const current = await currentVersion(client);
        const pending = loadMigrations().filter((m) => m.version > current);
        io.stdout.write(`schema version ${current}; ${pending.length} pending\n`);
        for (const m of pending) io.stdout.write(`  ${String(m.version).padStart(4, '0')}_${m.name}\n`);
      });
    });

  db.command('user')
    .description('newsroom logins')
    .command('add')
    .description('create a database login for a newsroom user, in the role of their newsroom role')
    .argument('<id>', 'user id (a-z, 0-9, -)')
    .argument('<name>', 'the name as the newsroom writes it')
    .addOption(new Option('--role <role>', 'newsroom role').choices(ROLES).makeOptionMandatory())
    .option('--login <login>', 'database login (default mihbara_<id>)')
    .option('--password <password>', 'password (default: a new random one, printed once)')
    .option('--desk <id...>', 'desks the user belongs to')
    .addOption(urlOption())
    .action(
      async (
        id: string,
        name: string,
        options: { role: Role; login?: string; password?: string; desk?: string[]; url?: string },
      ) => {
        const password = options.password ?? newPassword();
        await withClient(options.url, deps, async (client) => {
          const { login } = await addNewsroomLogin(client, {
            id,
            name,
            role: options.role,
            login: options.login,
            password,
            desks: options.desk,
          });
          io.stdout.write(`login ${login} (${options.role}) for ${name}\n`);
          if (!options.password) io.stdout.write(`password: ${password}\n`);
        });
      },
    );

  db.command('import')
    .description('move a local store, with every revision, into the server (stories already there are kept)')
    .requiredOption('--from-store <dir>', 'the local store folder')
    .addOption(urlOption())
    .action(async (options: { fromStore: string; url?: string }) => {
      const store = await openStore(resolve(options.fromStore), { mode: 'read' });
      try {
        await withClient(options.url, deps, async (client) => {
          const report = await importStore(store, client, (done, total) => {
            if (done === total || done % 500 === 0) io.stderr.write(`  stories: ${done}/${total}\n`);
          });
          io.stdout.write(
            `imported ${report.stories} stories with ${report.revisions} revisions; ${report.skipped} already on the server\n`,
          );
          const documents = await importSharedDocuments(store.root, client);
          io.stdout.write(
            `imported ${documents.moved.length} newsroom documents (tags, gazetteer, saved searches, channels, delivery log); ${documents.kept.length} already on the server\n`,
          );
          const images = await importMedia(store.root, client);
          io.stdout.write(
            `imported ${images.moved} images; ${images.kept} already on the server${
              images.refused.length
                ? `; not moved (name does not match the image): ${images.refused.join(', ')}`
                : ''
            }\n`,
          );
        });
      } finally {
        await store.close();
      }
    });
}
