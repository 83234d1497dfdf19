/**
 * Team mode at start-up, for the bridge and the Electron main process: the connection from the
 * command line or from the workstation's saved settings (`<folder>/team/settings.json`), the
 * password kept encrypted by the app (team/credentials.ts) or PGPASSWORD / the pgpass file.
 * Resolves to null in local mode.
 */
import { mkdir } from 'node:fs/promises';
import type { TeamConnection } from './connection';
import { passwordFor, targetOf } from './credentials';
import { readTeamSettings } from './handlers';
import { openTeam, type Team } from './open';
import { consoleLogger, type Logger } from '../log';

export async function openConfiguredTeam(
  folder: string,
  given?: Pick<TeamConnection, 'url' | 'user'>,
  log: Logger = consoleLogger,
): Promise<Team | null> {
  const saved = await readTeamSettings(folder).catch((error: unknown) => {
    // Unreadable settings open the folder store, as a folder without settings does.
    log.warn(`[team] the team settings of ${folder} cannot be read: ${String(error)}`);
    return null;
  });
  if (!given && saved?.backend !== 'team') return null;
  await mkdir(folder, { recursive: true });
  const connection: TeamConnection = given
    ? { url: given.url, user: given.user }
    : {
        url: saved!.url || undefined,
        user: saved!.user || undefined,
        tls: saved!.tls,
        caFile: saved!.caFile || undefined,
        plainTextAllowed: saved!.plainTextAllowed,
      };
  // The password kept encrypted for this folder for this address (the app); else PGPASSWORD when
  // this address is the PG* variables' or the command line's own; else the pgpass file's line.
  const password = await passwordFor(folder, targetOf(connection), {
    ...(given ? { startedFor: targetOf(given) } : {}),
  });
  return openTeam({ ...connection, ...(password ? { password } : {}) }, { localRoot: folder, log });
}
