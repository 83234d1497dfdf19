/**
 * A lowdb adapter that survives crashes, full disks and Windows file locking.
 *
 * lowdb's own `JSONFile` (through steno) writes to one fixed temp name and renames it over
 * the target without fsync: a power cut can leave an empty or NUL-filled file, two writers
 * share one temp file, and a failed write leaves the temp file occupying the disk. This
 * adapter writes to a unique temp file beside the target, fsyncs it, renames it over the
 * target, fsyncs the folder, retries the rename when Windows reports the target busy, and
 * removes the temp file whenever anything fails.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { assertMayWrite } from './writer-gate';

/** The part of a Node `FileHandle` the adapter uses, so a test can hand in a failing one. */
export interface DurableHandle {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file system calls the adapter makes; each one can be replaced to inject failures. */
export interface DurableFs {
  readFile(file: string): Promise<Uint8Array>;
  open(file: string, flags: 'wx' | 'r'): Promise<DurableHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export interface DurableFileOptions {
  /** `JSON.stringify` indentation; omit for compact JSON (indexes), 2 for human-readable files */
  indent?: number;
  /** how many times a rename refused with EPERM/EBUSY/EACCES is retried (default 8) */
  renameRetries?: number;
  /** first retry delay in ms; it doubles on every retry, capped at 200 ms (default 10) */
  renameRetryDelayMs?: number;
  /** replacement file system calls (tests) */
  fs?: Partial<DurableFs>;
}

/** The kinds of damage a JSON file on disk can show; shared with `verifyStore`. */
export type DamageKind = 'empty' | 'nul-filled' | 'not-utf8' | 'truncated' | 'invalid-json';

/** Thrown by `read()` when a file exists but does not hold JSON. Never silently `null`. */
export class DamagedFileError extends Error {
  readonly file: string;
  readonly kind: DamageKind;

  constructor(file: string, kind: DamageKind, detail: string) {
    super(`${file} is damaged (${kind}): ${detail}`);
    this.name = 'DamagedFileError';
    this.file = file;
    this.kind = kind;
  }
}

export const defaultDurableFs: DurableFs = {
  readFile: (file) => readFile(file),
  open: (file, flags) => open(file, flags),
  rename: (from, to) => rename(from, to),
  unlink: (file) => unlink(file),
};

/** Errors a rename on Windows reports while an antivirus, indexer or reader holds the target. */
const TRANSIENT_RENAME_CODES = new Set(['EPERM', 'EBUSY', 'EACCES']);
/** Folder fsync does not exist on Windows (and on some file systems); the rename is still atomic. */
const IGNORED_DIR_SYNC_CODES = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP']);

/** The pattern of temp names this adapter creates; a crash can leave them behind. */
export const TEMP_FILE_PATTERN = /^\..+\.\d+\.[0-9a-f]+\.tmp$/;

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Decodes and parses the bytes of a JSON file, or says what kind of damage it shows.
 * Strict UTF-8 because a lenient decoder would turn damage into replacement characters
 * that then parse and get saved back as if they were the author's text.
 */
export function parseJsonBytes(
  bytes: Uint8Array,
): { ok: true; value: unknown } | { ok: false; kind: DamageKind; detail: string } {
  if (bytes.length === 0) return { ok: false, kind: 'empty', detail: 'the file is empty (0 bytes)' };
  // JSON text never contains a raw NUL byte; a run of them is the mark of a write that the
  // file system recorded the size of but not the data (power loss on ext4/NTFS).
  if (bytes.indexOf(0) !== -1) {
    const nuls = bytes.reduce((count, byte) => (byte === 0 ? count + 1 : count), 0);
    return { ok: false, kind: 'nul-filled', detail: `${nuls} of ${bytes.length} bytes are NUL` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, kind: 'not-utf8', detail: 'the file is not valid UTF-8' };
  }
  if (text.trim() === '') return { ok: false, kind: 'empty', detail: 'the file holds only white space' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return endsInsideValue(text)
      ? { ok: false, kind: 'truncated', detail: `the JSON stops before its end (${message})` }
      : { ok: false, kind: 'invalid-json', detail: message };
  }
}

/**
 * True when the text ends inside a string or with brackets still open: the file was cut
 * short rather than written wrong. Checked structurally so it does not depend on the
 * wording of V8's parse errors.
 */
function endsInsideValue(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const char of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') depth -= 1;
  }
  return inString || depth > 0;
}

/**
 * Writes `text` to `file` atomically and durably: after it resolves the new content is on
 * disk; if it rejects the old content is untouched and no temp file is left. A file inside an
 * open store is written only by the holder of its writer lock (see writer-gate.ts).
 */
export async function writeFileDurably(
  file: string,
  text: string,
  options: Omit<DurableFileOptions, 'indent'> = {},
): Promise<void> {
  await assertMayWrite(file);
  await writeDurablyUngated(file, text, options);
}

/** `writeFileDurably` without the writer gate: only for the lock's own owner record. */
export async function writeDurablyUngated(
  file: string,
  text: string,
  options: Omit<DurableFileOptions, 'indent'> = {},
): Promise<void> {
  const fs = { ...defaultDurableFs, ...options.fs };
  const retries = options.renameRetries ?? 8;
  const firstDelay = options.renameRetryDelayMs ?? 10;
  const folder = dirname(file);
  const temp = join(folder, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);

  let handle: DurableHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx');
    await handle.writeFile(text);
    // Without this fsync the rename can reach the disk before the data: after a power cut
    // the target would exist with its new size and no content (the NUL-filled files of
    // lowdb #352/#139).
    await handle.sync();
    await handle.close();
    handle = undefined;

    for (let attempt = 0; ; attempt += 1) {
      try {
        await fs.rename(temp, file);
        break;
      } catch (error) {
        if (attempt >= retries || !TRANSIENT_RENAME_CODES.has(errorCode(error) ?? '')) throw error;
        await sleep(Math.min(firstDelay * 2 ** attempt, 200));
      }
    }
  } catch (error) {
    // The write's own error is thrown below; closing and removing what it left is all that is
    // left to do, and their failure cannot be answered better than that error.
    // eslint-disable-next-line no-restricted-syntax -- see above
    if (handle) await handle.close().catch(() => undefined);
    // A failed write must not keep its temp file: on a full disk that file holds the space
    // the next attempt needs.
    // eslint-disable-next-line no-restricted-syntax -- see above
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder, fs);
}

/** Makes a rename or file creation inside `folder` durable; a no-op where folders cannot be synced. */
export async function syncFolder(
  folder: string,
  fs: Pick<DurableFs, 'open'> = defaultDurableFs,
): Promise<void> {
  let handle: DurableHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch (error) {
    if (!IGNORED_DIR_SYNC_CODES.has(errorCode(error) ?? '')) throw error;
  } finally {
    // A folder opened only to be synced: closing it loses nothing.
    // eslint-disable-next-line no-restricted-syntax -- see above
    await handle?.close().catch(() => undefined);
  }
}

/**
 * lowdb `Adapter` for one JSON file. `read()` gives `null` for a missing file and throws a
 * `DamagedFileError` naming the file when it is present but damaged.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;
  readonly #options: DurableFileOptions;
  readonly #fs: DurableFs;
  // Writes to one file are chained so an older write can never rename over a newer one.
  #last: Promise<unknown> = Promise.resolve();

  constructor(file: string, options: DurableFileOptions = {}) {
    this.file = file;
    this.#options = options;
    this.#fs = { ...defaultDurableFs, ...options.fs };
  }

  async read(): Promise<T | null> {
    let bytes: Uint8Array;
    try {
      bytes = await this.#fs.readFile(this.file);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    const parsed = parseJsonBytes(bytes);
    if (!parsed.ok) throw new DamagedFileError(this.file, parsed.kind, parsed.detail);
    return parsed.value as T;
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, this.#options.indent) + '\n';
    const next = this.#last.then(
      () => writeFileDurably(this.file, text, this.#options),
      () => writeFileDurably(this.file, text, this.#options),
    );
    this.#last = next.catch(() => undefined);
    return next;
  }
}
