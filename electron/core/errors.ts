/**
 * The one place where failures become the ApiErrors users see: file-system failures (a full
 * disk, a damaged file, an unreadable folder), the newsroom server's refusals and outages
 * (PostgreSQL states, a refused login, an unreachable server), and anything unexpected (logged,
 * reported as `internal`).
 */
import { ApiError } from '../../shared/api/errors';
import type { Operation } from '../../shared/api/contract';
import { DamagedFileError, errorCode } from './store/durable-file';
import type { Logger } from './log';

/** Maps any failure to the ApiError the user sees; `what` names the file or step. */
export function fileError(error: unknown, what: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DamagedFileError) {
    return new ApiError('store-damaged', `${what} is damaged (${error.kind}): ${error.message}`);
  }
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ApiError('disk-full', `the disk is full: could not write ${what} (${message})`);
  }
  return new ApiError('io', `could not access ${what}: ${message}`);
}

/** Known file-system failures get their own codes; anything else is logged and reported as internal. */
export function unexpectedError(
  error: unknown,
  operation: Operation | string,
  log: Pick<Logger, 'error'>,
): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ApiError('disk-full', `the disk is full: ${(error as Error).message}`);
  }
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return new ApiError('io', `${operation}: ${(error as Error).message}`);
  }
  log.error(
    `${operation} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return new ApiError('internal', `${operation} failed unexpectedly`);
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

/** What the message of a refused login says, once it is an ApiError (see `serverError`). */
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
export function serverError(error: unknown): unknown {
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
