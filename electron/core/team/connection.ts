/**
 * How a workstation reaches the newsroom's PostgreSQL server, and how the server's refusals
 * become the app's ApiErrors. A URL may be given; without one, `pg` reads the standard PG*
 * variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE…).
 */
import { readFileSync } from 'node:fs';
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
    // pg lets the connection string win over separate fields (an absent user included), so the
    // login and password go into the URL itself.
    const url = new URL(connection.url);
    if (connection.user) url.username = encodeURIComponent(connection.user);
    if (connection.password) url.password = encodeURIComponent(connection.password);
    config.connectionString = url.toString();
  } else {
    if (connection.user) config.user = connection.user;
    if (connection.password) config.password = connection.password;
  }
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
