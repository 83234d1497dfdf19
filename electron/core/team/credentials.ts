/**
 * The user's newsroom-server password, kept encrypted at rest in the workstation's folder
 * (`team/password.bin`) by the operating system's secret store. Plain Node cannot reach that
 * store: the Electron shell fills the seam (`setCredentialVault`, from `safeStorage`); the
 * bridge and the command line have no vault, so they keep nothing and the password comes from
 * PGPASSWORD or the pgpass file. The password is never written in clear, never put in the
 * settings file, and never logged.
 *
 * Every password goes only where it belongs (`passwordFor`): a kept one to the server, port and
 * login it was saved for; PGPASSWORD to the server, port and login the PG* variables name, or
 * that the command line itself was given; the pgpass file's to the lines that name them.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { errorCode, writeFileDurably } from '../store/durable-file';

/** What the shell offers: encryption by a key the operating system keeps for this user. */
export interface CredentialVault {
  /** false when the system has no secret store worth the name (then nothing is kept) */
  available(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

let vault: CredentialVault | null = null;

/** Called once by the Electron shell at start; tests pass their own vault, or null to remove it. */
export function setCredentialVault(next: CredentialVault | null): void {
  vault = next;
}

/** Where the encrypted password of the workstation folder `root` is kept. */
export const passwordFile = (root: string) => join(root, 'team', 'password.bin');

/** How the password is kept: encrypted here, not at all, or not possible (no vault: PGPASSWORD/pgpass). */
export type PasswordKept = 'encrypted' | 'none' | 'unavailable';

/**
 * The file's text: this prefix, then the vault's ciphertext (base64) of the password together
 * with the server and login it was saved for, so it is never sent anywhere else.
 */
const PREFIX = 'mihbara-password-v2:';

/** The server and login a password belongs to. */
export interface PasswordTarget {
  host: string;
  port: number;
  user: string;
}

/** Where a connection would go: its address and login, with the PG* variables' defaults. */
export function targetOf(
  connection: { url?: string; user?: string },
  env: Record<string, string | undefined> = process.env,
): PasswordTarget {
  const url = URL.canParse(connection.url ?? '') ? new URL(connection.url!) : null;
  return {
    host: (url?.hostname || env['PGHOST'] || 'localhost').toLowerCase(),
    port: Number(url?.port || env['PGPORT'] || 5432),
    user: connection.user || decodeURIComponent(url?.username ?? '') || env['PGUSER'] || '',
  };
}

const sameTarget = (a: PasswordTarget, b: PasswordTarget) =>
  a.host === b.host && a.port === b.port && a.user === b.user;

/** Whether a password is kept for `root`, as the settings dialog shows it. */
export async function passwordKept(root: string): Promise<PasswordKept> {
  if (!vault?.available()) return 'unavailable';
  try {
    await readFile(passwordFile(root));
    return 'encrypted';
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'none';
    throw error;
  }
}

/**
 * Keeps `password` encrypted for `root` (null: forgets it). Resolves with how it is kept; without
 * a vault nothing is written and the answer is `unavailable`.
 */
export async function keepPassword(
  root: string,
  password: string | null,
  target?: PasswordTarget,
): Promise<PasswordKept> {
  const file = passwordFile(root);
  if (password === null || password === '') {
    await rm(file, { force: true });
    return vault?.available() ? 'none' : 'unavailable';
  }
  if (!vault?.available()) return 'unavailable';
  if (!target) throw new Error('a kept password needs the server and login it belongs to');
  await mkdir(dirname(file), { recursive: true });
  await writeFileDurably(
    file,
    PREFIX + vault.encrypt(JSON.stringify({ password, ...target })).toString('base64'),
  );
  return 'encrypted';
}

/**
 * The kept password of `root` for `target`, or undefined (no vault, none kept, one saved for
 * another server, port or login, or one the vault can no longer open, such as a folder copied
 * from another user's account: then the login will say so).
 */
export async function loadPassword(root: string, target: PasswordTarget): Promise<string | undefined> {
  if (!vault?.available()) return undefined;
  let data: string;
  try {
    data = await readFile(passwordFile(root), 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  if (!data.startsWith(PREFIX)) return undefined;
  try {
    const kept = JSON.parse(vault.decrypt(Buffer.from(data.slice(PREFIX.length), 'base64'))) as {
      password?: unknown;
    } & PasswordTarget;
    if (typeof kept.password !== 'string' || !sameTarget(kept, target)) return undefined;
    return kept.password;
  } catch {
    return undefined;
  }
}

type Env = Record<string, string | undefined>;

/**
 * The password a connection to `target` may carry, and nothing for any other address:
 * - the one the user typed for it;
 * - else the one kept for `root` for exactly this server, port and login;
 * - else PGPASSWORD, when `target` is where the PG* variables point (PGHOST, PGPORT, PGUSER and
 *   their defaults) or where the command line that started this process said to go (`startedFor`).
 * Undefined: none (then only the pgpass file may answer, line by line; see clientConfig).
 */
export async function passwordFor(
  root: string | null,
  target: PasswordTarget,
  options: { typed?: string | undefined; startedFor?: PasswordTarget | undefined; env?: Env } = {},
): Promise<string | undefined> {
  if (options.typed) return options.typed;
  const kept = root ? await loadPassword(root, target) : undefined;
  if (kept !== undefined) return kept;
  const env = options.env ?? process.env;
  const fromEnvironment = env['PGPASSWORD'];
  if (!fromEnvironment) return undefined;
  const boundTo = [targetOf({}, env), ...(options.startedFor ? [options.startedFor] : [])];
  return boundTo.some((bound) => sameTarget(bound, target)) ? fromEnvironment : undefined;
}
