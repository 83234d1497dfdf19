/**
 * The quarantine: a damaged file is moved (never deleted, never overwritten) into
 * `<store>/quarantine/`, and a line in `quarantine/report.ndjson` says what it was, what was
 * wrong with it and when. Someone can then look at it, rescue text from it by hand, or send it
 * to support; meanwhile the rest of the store opens and works.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, readFile, rename } from 'node:fs/promises';
import { assertMayWrite } from './writer-gate';
import { join } from 'node:path';
import { z } from 'zod';
import { errorCode, syncFolder } from './durable-file';
import { QUARANTINE_DIR } from './journal';
import type { Logger } from '../log';

export const QUARANTINE_REPORT = 'report.ndjson';
export const QUARANTINE_SCHEMA_VERSION = 1;

export const QuarantineEntry = z.object({
  schemaVersion: z.literal(QUARANTINE_SCHEMA_VERSION),
  at: z.string(),
  /** where the file was, relative to the store root */
  file: z.string(),
  /** where it is now, relative to the store root */
  movedTo: z.string(),
  /** the kind of damage (`truncated`, `nul-filled`, `schema`…) */
  kind: z.string(),
  detail: z.string(),
  /** what the store did about it (e.g. "rebuilt from revision 7") */
  action: z.string().optional(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntry>;

function quarantineName(relative: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return `${stamp}-${randomBytes(3).toString('hex')}--${relative.replace(/[\\/]/g, '__')}`;
}

async function appendReport(root: string, entry: QuarantineEntry): Promise<void> {
  await assertMayWrite(join(root, QUARANTINE_DIR, QUARANTINE_REPORT));
  const handle = await open(join(root, QUARANTINE_DIR, QUARANTINE_REPORT), 'a');
  try {
    await handle.write(JSON.stringify(entry) + '\n');
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * Moves `relative` (a path inside the store) into the quarantine and records it. Resolves to
 * null when the file is not there any more. `copy` keeps the original in place (for a file the
 * store is about to replace anyway, such as a journal with damaged lines).
 */
export async function quarantineFile(
  root: string,
  relative: string,
  kind: string,
  detail: string,
  options: { copy?: boolean; action?: string; log: Pick<Logger, 'warn'> },
): Promise<QuarantineEntry | null> {
  const folder = join(root, QUARANTINE_DIR);
  await assertMayWrite(folder);
  await mkdir(folder, { recursive: true });
  const name = quarantineName(relative);
  try {
    if (options.copy) await copyFile(join(root, relative), join(folder, name));
    else await rename(join(root, relative), join(folder, name));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  await syncFolder(folder);
  const entry: QuarantineEntry = {
    schemaVersion: QUARANTINE_SCHEMA_VERSION,
    at: new Date().toISOString(),
    file: relative,
    movedTo: `${QUARANTINE_DIR}/${name}`,
    kind,
    detail,
    ...(options.action ? { action: options.action } : {}),
  };
  await appendReport(root, entry);
  options.log.warn(`[store] quarantined ${relative} (${kind}): ${detail}`);
  return entry;
}

/** Every quarantine record of the store, oldest first; unreadable lines are skipped. */
export async function readQuarantineReport(root: string): Promise<QuarantineEntry[]> {
  let text: string;
  try {
    text = await readFile(join(root, QUARANTINE_DIR, QUARANTINE_REPORT), 'utf8');
  } catch {
    return [];
  }
  const entries: QuarantineEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = QuarantineEntry.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // a torn last line from a crash mid-append
    }
  }
  return entries;
}
