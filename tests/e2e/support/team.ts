/** Team-mode workstations for the end-to-end tests: a folder whose settings point at a server. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes `folder`'s team settings: the newsroom database at `url` (its password, if any, is not
 * written: the bridge takes it from PGPASSWORD or pgpass) with the login `login`, TLS off.
 */
export async function writeTeamSettings(folder: string, url: string, login: string): Promise<void> {
  await mkdir(join(folder, 'team'), { recursive: true });
  const { pathname, host } = new URL(url);
  await writeFile(
    join(folder, 'team', 'settings.json'),
    JSON.stringify({
      backend: 'team',
      url: `postgres://${host}${pathname}`,
      user: login,
      tls: 'off',
      caFile: '',
    }),
  );
}
