/**
 * How a workstation reaches the newsroom's PostgreSQL server, and how the server's refusals
 * become the app's ApiErrors. A URL may be given; without one, `pg` reads the standard PG*
 * variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE…). Never PGPASSWORD: the password a
 * connection carries is decided by `passwordFor` (team/credentials.ts), bound to its address.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { ApiError } from '../../../shared/api/errors';

/** What the settings hold for team mode (the password never: it comes from the login prompt or PGPASSWORD). */
export interface TeamConnection {
  /** postgres://host:port/db; empty: the PG* variables */
  url?: string;
  /** the user's database login (overrides the URL's user) */
  user?: string;
  password?: string;
  /** `require`: encrypted and the server's certificate checked; `off`: plain (loopback only) */
  tls?: 'off' | 'require' | 'no-verify';
  /** a CA certificate file for servers signed by the newsroom's own authority */
  caFile?: string;
  /** ms to wait for a connection before the server counts as unreachable */
  connectTimeoutMs?: number;
  /** an administrator allowed `tls: off` for a server beyond this machine */
  plainTextAllowed?: boolean;
}

type PgPass = (
  connection: { host?: string; port?: number; database?: string; user?: string },
  done: (password: string | undefined) => void,
) => void;
type ParseUrl = (url: string) => Record<string, unknown>;

/** A module `pg` itself depends on (its connection-string parser, its pgpass lookup). */
function pgDependency<T>(name: string): T {
  return createRequire(createRequire(import.meta.url).resolve('pg'))(name) as T;
}

/**
 * With no password given, only the pgpass file may answer, and it answers per server, port,
 * database and login. `pg` itself would fall back to PGPASSWORD for any address: this stands in
 * its place, and says plainly that no password is given when pgpass has none.
 */
function pgpassOnly(connection: {
  host?: string;
  port?: number;
  database?: string;
  user?: string;
}): Promise<string> {
  const none = () => new Error('the server asks for a password and none is given for this address');
  return new Promise((resolve, reject) =>
    pgDependency<PgPass>('pgpass')(connection, (password) =>
      password === undefined ? reject(none()) : resolve(password),
    ),
  );
}

/** A server on this machine: a loopback address or a socket folder. */
function isLocalHost(host: string): boolean {
  return host === '' || host.startsWith('/') || ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host);
}

/** The `pg` pool/client options for a connection. */
export function clientConfig(connection: TeamConnection = {}): pg.PoolConfig {
  const config: pg.PoolConfig = {
    connectionTimeoutMillis: connection.connectTimeoutMs ?? 3000,
    application_name: 'mihbara',
  };
  if (connection.url) {
    // The URL is read into separate fields (as pg would read it): a connection string would win
    // over the password below, and pg would then fall back to PGPASSWORD.
    const url = new URL(connection.url);
    if (connection.user) url.username = encodeURIComponent(connection.user);
    if (connection.password) url.password = encodeURIComponent(connection.password);
    for (const [key, value] of Object.entries(pgDependency<ParseUrl>('pg-connection-string')(url.toString())))
      if (value !== undefined && value !== null && value !== '')
        (config as Record<string, unknown>)[key] = value;
  } else {
    if (connection.user) config.user = connection.user;
    if (connection.password) config.password = connection.password;
  }
  // A function is the one form of "no password" under which pg never reads PGPASSWORD (pg calls
  // it only when the server asks for a password).
  if (!config.password) config.password = pgpassOnly as unknown as () => Promise<string>;
  // A password sent in clear beyond this machine: only when an administrator said so.
  if ((connection.tls ?? 'off') === 'off' && !connection.plainTextAllowed) {
    const host = connection.url ? new URL(connection.url).hostname : (process.env['PGHOST'] ?? '');
    if (!isLocalHost(decodeURIComponent(host).toLowerCase())) {
      throw new ApiError(
        'invalid-request',
        `the server ${host} is not on this machine: connect with TLS (an administrator may allow a plain connection)`,
        [{ path: 'reason', message: 'tls-required' }],
      );
    }
  }
  if (connection.tls === 'require') {
    config.ssl = {
      rejectUnauthorized: true,
      ...(connection.caFile ? { ca: readFileSync(connection.caFile, 'utf8') } : {}),
    };
  } else if (connection.tls === 'no-verify') {
    config.ssl = { rejectUnauthorized: false };
  }
  return config;
}

export { isLoginRefused, isUnreachable } from '../errors';
