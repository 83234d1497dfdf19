/**
 * Team mode at start-up, for the bridge and the Electron main process: the connection from the
 * command line or from the workstation's saved settings (`<folder>/team/settings.json`), the
 * password from PGPASSWORD (never stored by Mihbara). Resolves to null in local mode.
 */
import { mkdir } from 'node:fs/promises';
import type { TeamConnection } from './connection';
import { readTeamSettings } from './handlers';
import { openTeam, type Team } from './open';

export async function openConfiguredTeam(
  folder: string,
  given?: Pick<TeamConnection, 'url' | 'user'>,
): Promise<Team | null> {
  const saved = await readTeamSettings(folder).catch(() => null);
  if (!given && saved?.backend !== 'team') return null;
  await mkdir(folder, { recursive: true });
  const connection: TeamConnection = given
    ? { url: given.url, user: given.user }
    : {
        url: saved!.url || undefined,
        user: saved!.user || undefined,
        tls: saved!.tls,
        caFile: saved!.caFile || undefined,
      };
  return openTeam({ ...connection, password: process.env.PGPASSWORD }, { localRoot: folder });
}
