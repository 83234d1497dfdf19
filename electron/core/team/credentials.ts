/**
 * The user's newsroom-server password, kept encrypted at rest in the workstation's folder
 * (`team/password.bin`) by the operating system's secret store. Plain Node cannot reach that
 * store: the Electron shell fills the seam (`setCredentialVault`, from `safeStorage`); the
 * bridge and the command line have no vault, so they keep nothing and the password comes from
 * PGPASSWORD or the pgpass file, as `pg` reads them. The password is never written in clear,
 * never put in the settings file, and never logged.
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

/** The file's text: this prefix, then the vault's ciphertext in base64. */
const PREFIX = 'mihbara-password-v1:';

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
export async function keepPassword(root: string, password: string | null): Promise<PasswordKept> {
  const file = passwordFile(root);
  if (password === null || password === '') {
    await rm(file, { force: true });
    return vault?.available() ? 'none' : 'unavailable';
  }
  if (!vault?.available()) return 'unavailable';
  await mkdir(dirname(file), { recursive: true });
  await writeFileDurably(file, PREFIX + vault.encrypt(password).toString('base64'));
  return 'encrypted';
}

/**
 * The kept password of `root`, or undefined (no vault, none kept, or one the vault can no longer
 * open, such as a folder copied from another user's account: then the login will say so).
 */
export async function loadPassword(root: string): Promise<string | undefined> {
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
    return vault.decrypt(Buffer.from(data.slice(PREFIX.length), 'base64'));
  } catch {
    return undefined;
  }
}
