/**
 * Team mode's part of the handler table: the workstation's team settings (kept in its own
 * folder, never with a password), a connection test, the link's state and the change feed.
 * The same operations answer in local mode, where the feed is simply not live.
 */
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { HandlerTable } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { assertSchemaCurrent } from './migrate';
import { TeamSettings, type TeamStatus } from '../../../shared/team/contract';
import { errorCode, writeFileDurably } from '../store/durable-file';
import { mkdir, readFile } from 'node:fs/promises';
import { clientConfig, isUnreachable } from './connection';
import { keepPassword, passwordFor, passwordKept, targetOf } from './credentials';
import type { ChangeFeed } from './feed';
import type { TeamStore } from './pg-store';

type TeamOperations =
  'getTeamSettings' | 'saveTeamSettings' | 'testTeamConnection' | 'getTeamStatus' | 'waitForChanges';

/** Where a workstation keeps its team settings, inside its own folder. */
export const teamSettingsFile = (root: string) => join(root, 'team', 'settings.json');

/** The saved team settings of the workstation folder `root` (defaults when none were saved). */
export async function readTeamSettings(root: string): Promise<TeamSettings> {
  try {
    const parsed = TeamSettings.safeParse(JSON.parse(await readFile(teamSettingsFile(root), 'utf8')));
    if (parsed.success) return parsed.data;
    throw new ApiError('store-damaged', `${teamSettingsFile(root)} is not team settings`);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return TeamSettings.parse({});
    throw error;
  }
}

export interface TeamContext {
  /** the workstation's folder (the local store, or team mode's local folder) */
  root: string;
  /** set in team mode */
  store?: TeamStore;
  /** the change feed: live in team mode, never firing on a local store */
  feed: ChangeFeed;
}

type NewsroomRole = 'editor' | 'desk-chief' | 'admin';

export function teamHandlers({ root, store, feed }: TeamContext): Pick<HandlerTable, TeamOperations> {
  const status = (): TeamStatus =>
    store
      ? { backend: 'team', ...store.status() }
      : { backend: 'local', online: true, pending: 0, conflicts: [] };
  return {
    getTeamSettings: async () => ({
      ...(await readTeamSettings(root)),
      passwordKept: await passwordKept(root),
    }),
    async saveTeamSettings({ settings, password, forgetPassword }) {
      // Refused here, not at the next start: a plain connection beyond this machine (see clientConfig).
      if (settings.backend === 'team') {
        clientConfig({
          url: settings.url || undefined,
          tls: settings.tls,
          plainTextAllowed: settings.plainTextAllowed,
        });
      }
      await mkdir(dirname(teamSettingsFile(root)), { recursive: true });
      // `settings` went through the TeamSettings schema: it has no password field to write.
      await writeFileDurably(teamSettingsFile(root), JSON.stringify(settings, null, 2) + '\n');
      const kept = forgetPassword
        ? await keepPassword(root, null)
        : password
          ? await keepPassword(root, password, targetOf(settings))
          : await passwordKept(root);
      return { ...settings, passwordKept: kept };
    },
    async testTeamConnection({ settings, password: typed }) {
      // Without a typed password: the one kept for this folder for this very address, else
      // PGPASSWORD when the PG* variables name this address; never either to another one.
      const password = await passwordFor(root, targetOf(settings), { typed });
      const client = new pg.Client(
        clientConfig({
          url: settings.url || undefined,
          user: settings.user || undefined,
          password,
          tls: settings.tls,
          caFile: settings.caFile || undefined,
          plainTextAllowed: settings.plainTextAllowed,
          connectTimeoutMs: 5000,
        }),
      );
      client.on('error', () => undefined);
      const answer = (
        problem: 'unreachable' | 'login' | 'not-migrated' | 'not-newsroom-user' | 'tls' | null,
        detail: string,
        extra: {
          role?: NewsroomRole | null;
          user?: string | null;
          schemaVersion?: number | null;
        } = {},
      ) => ({ ok: problem === null, role: null, user: null, schemaVersion: null, problem, detail, ...extra });
      try {
        await client.connect();
      } catch (error) {
        const code = errorCode(error);
        const message = (error as Error).message;
        // The server asked for a password and none was given (pg says so before sending anything).
        if (
          code === '28P01' ||
          code === '28000' ||
          /client password must be a string|password/i.test(message)
        )
          return answer('login', message);
        if (/SSL|TLS|certificate/i.test(message)) return answer('tls', message);
        return answer(isUnreachable(error) ? 'unreachable' : 'unreachable', message);
      }
      try {
        const migrated = await client.query<{ found: boolean }>(
          "SELECT to_regprocedure('mihbara.my_role()') IS NOT NULL AS found",
        );
        if (!migrated.rows[0]?.found)
          return answer('not-migrated', 'the newsroom schema is not installed (db migrate)');
        try {
          await assertSchemaCurrent(client);
        } catch (error) {
          if (error instanceof ApiError) return answer('not-migrated', error.message);
          throw error;
        }
        const who = await client.query<{ role: NewsroomRole | null; id: string | null }>(
          'SELECT mihbara.my_role() AS role, (SELECT id FROM mihbara.users WHERE db_login = session_user) AS id',
        );
        const row = who.rows[0];
        if (!row?.role || !row.id)
          return answer('not-newsroom-user', 'this login is not a newsroom user (db user add)');
        return answer(null, 'connected', { role: row.role, user: row.id });
      } catch (error) {
        return answer('not-newsroom-user', (error as Error).message);
      } finally {
        // A test connection: its answer is already made; a failed goodbye changes nothing.
        // eslint-disable-next-line no-restricted-syntax -- see above
        await client.end().catch(() => undefined);
      }
    },
    getTeamStatus: async () => status(),
    async waitForChanges({ since, waitMs }) {
      const { seq, events } = await feed.wait(since, waitMs);
      return { seq, live: feed.live, events };
    },
  };
}
