/**
 * How a workstation reaches the newsroom's PostgreSQL server, and how the server's refusals
 * become the app's ApiErrors. A URL may be given; without one, `pg` reads the standard PG*
 * variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE…).
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';

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
