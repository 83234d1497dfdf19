/**
 * A throwaway PostgreSQL cluster for the team-mode tests: `initdb` in a temp folder, `pg_ctl`
 * start on a random loopback port with its unix socket in that folder, stopped and removed at
 * the end. Debian's binaries (/usr/lib/postgresql/<n>/bin); when they are absent the tests skip
 * and say why. PostgreSQL refuses to run as root, so as root the server runs as `postgres`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The folder of Debian's PostgreSQL binaries (newest version), or null. */
export function postgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(base, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : null;
}

/** Why the team tests cannot run here, or null when they can. */
export function skipReason(): string | null {
  if (!postgresBin())
    return 'PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)';
  return null;
}

/** Logins in this role need their password over loopback TCP (scram-sha-256); others are trusted. */
export const PASSWORD_GROUP = 'mihbara_password_logins';

export interface Cluster {
  port: number;
  /** the unix-socket folder (also the `host` for pg) */
  socketDir: string;
  /** a superuser URL for database `db` over loopback TCP */
  url(db?: string, user?: string): string;
  /** creates a fresh database and returns its superuser URL */
  createDatabase(name: string): Promise<string>;
  /** stops the server, keeping the data (a restart test starts it again) */
  stop(): void;
  start(): void;
  /** stops and removes everything */
  destroy(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error(skipReason()!);
  const root = mkdtempSync(join(tmpdir(), 'mihbara-pg-'));
  const data = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    return execFileSync(command, argv, { stdio: 'pipe', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  };
  if (asRoot) execFileSync('chown', ['postgres:postgres', root]);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  // Members of this group must give their password over TCP (the password tests); everyone
  // else is trusted, as before. The group need not exist: then the line matches nobody.
  const hba = join(data, 'pg_hba.conf');
  const rules = readFileSync(hba, 'utf8');
  const strict = `host all +${PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256\n`;
  // Overwritten in place, so the file keeps its owner (the server's user when run as root).
  writeFileSync(hba, strict + rules);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-w', '-l', join(root, 'log'), 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let running = true;
  const url = (db = 'postgres', user = 'postgres') => `postgres://${user}@127.0.0.1:${port}/${db}`;
  return {
    port,
    socketDir: root,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop() {
      if (running) stop();
      running = false;
    },
    start() {
      if (!running) start();
      running = true;
    },
    destroy() {
      try {
        if (running) stop();
      } finally {
        running = false;
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
