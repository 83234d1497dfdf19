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

const BY_STATE: Record<string, ApiError['code']> = {
  MH400: 'invalid-request',
  MH403: 'forbidden',
  MH404: 'not-found',
  MH409: 'conflict',
  MH423: 'locked',
  '42501': 'forbidden', // insufficient_privilege: a statement the login has no grant for
};

/** Error codes of `pg` and Node that mean the server cannot be reached (not that it refused). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
]);

/** What the message of a refused login says, once it is an ApiError (see `toApiError`). */
const LOGIN_REFUSED = "the newsroom server refused this workstation's login";

/**
 * True when the server refused the login itself: a wrong or missing password (28P01, 28000, or
 * pg's own complaint before sending one), raw or already turned into an ApiError.
 */
export function isLoginRefused(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  if (error instanceof ApiError) return error.code === 'io' && error.message.startsWith(LOGIN_REFUSED);
  const code = (error as { code?: unknown }).code;
  if (code === '28P01' || code === '28000') return true;
  const message = error instanceof Error ? error.message : '';
  return /client password must be a string|SASL: SCRAM-SERVER-FIRST-MESSAGE: client password/i.test(message);
}

/**
 * True when `error` says the server is unreachable (the offline outbox takes over). A refused
 * login counts: the workstation cannot reach its stories there until its settings are fixed, and
 * must keep working on its cached copy and queue its saves rather than lose them or open another
 * store.
 */
export function isUnreachable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  if (isLoginRefused(error)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(
    message,
  );
}

/**
 * The server's refusal as an ApiError: `forbidden` keeps the reason (the row's DETAIL) as
 * issues[0] like the workflow's own refusals; a stale version is `conflict`.
 */
export function toApiError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  if (!error || typeof error !== 'object') return error;
  const { code, detail, message } = error as { code?: string; detail?: string; message?: string };
  const mapped = code ? BY_STATE[code] : undefined;
  if (mapped) {
    return new ApiError(
      mapped,
      message ?? 'refused by the server',
      mapped === 'forbidden' ? [{ path: 'reason', message: detail ?? 'role' }] : undefined,
    );
  }
  if (isLoginRefused(error)) return new ApiError('io', `${LOGIN_REFUSED}: ${message ?? code}`);
  if (isUnreachable(error)) {
    return new ApiError('io', `the newsroom server cannot be reached: ${message ?? code}`);
  }
  return error;
}
