/**
 * Unzips an untrusted archive (a .docx) with limits checked while it inflates: how many entries,
 * how large each one grows, and how large they grow together. A few hundred kilobytes of zip can
 * inflate to gigabytes; mammoth would then build that in memory and take the whole process down.
 *
 * The checked entries are zipped again (stored, not compressed) for the reader that comes next, so
 * it reads exactly the bytes that were counted, whatever the archive's central directory claims.
 */
import { Unzip, UnzipInflate, zipSync, type Zippable } from 'fflate';
import { ApiError } from '../../../shared/api/errors';

export interface ZipLimits {
  /** most entries (files and folders) the archive may hold */
  maxEntries: number;
  /** most bytes one entry may inflate to */
  maxEntryBytes: number;
  /** most bytes all entries together may inflate to */
  maxTotalBytes: number;
}

/** A Word document of a few hundred pages with its pictures fits well inside these. */
export const DOCX_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 16 * 1024 * 1024,
  maxTotalBytes: 48 * 1024 * 1024,
};

/** Compressed bytes handed to the inflater at a time: one push inflates to at most ~1000 times this. */
const CHUNK = 16 * 1024;

class LimitExceeded extends Error {}

/**
 * The archive's entries, inflated, or an `ApiError`: `file-too-large` when a limit is passed,
 * `unsupported-file` when the bytes are not a zip the reader understands. `name` only labels the
 * messages; nothing from the archive's contents is echoed.
 */
export function unzipBounded(bytes: Uint8Array, name: string, limits: ZipLimits = DOCX_LIMITS): Zippable {
  const entries: Zippable = {};
  let count = 0;
  let total = 0;
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    count += 1;
    if (count > limits.maxEntries) {
      failure ??= new LimitExceeded(`more than ${limits.maxEntries} entries`);
      return;
    }
    if (file.name.endsWith('/')) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = error;
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes) {
        failure = new LimitExceeded(`an entry inflates beyond ${limits.maxEntryBytes} bytes`);
      } else if (total > limits.maxTotalBytes) {
        failure = new LimitExceeded(`the entries inflate beyond ${limits.maxTotalBytes} bytes together`);
      }
      if (failure) {
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) entries[file.name] = [concat(chunks, size), { level: 0 }];
    };
    try {
      file.start();
    } catch (error) {
      failure ??= error instanceof Error ? error : new Error(String(error));
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let offset = 0; offset < bytes.length && !failure; offset += CHUNK) {
      const end = Math.min(offset + CHUNK, bytes.length);
      unzip.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch (error) {
    failure ??= error instanceof Error ? error : new Error(String(error));
  }
  if (failure instanceof LimitExceeded) {
    throw new ApiError('file-too-large', `${name} is too large once unpacked: ${failure.message}`);
  }
  if (!failure && count !== centralDirectoryCount(bytes)) {
    // Cut short, or a central directory that lists other entries than the ones read: either way
    // not the archive that was checked.
    failure = new Error('the central directory does not match the entries');
  }
  if (failure) {
    throw new ApiError('unsupported-file', `${name} is not a readable Word document (a damaged zip)`);
  }
  return entries;
}

/** The entry count of the end-of-central-directory record, or -1 when there is none. */
function centralDirectoryCount(bytes: Uint8Array): number {
  // The record is 22 bytes plus a comment of at most 65535.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at -= 1) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) {
      return bytes[at + 10]! | (bytes[at + 11]! << 8);
    }
  }
  return -1;
}

/** The checked entries as a new, uncompressed zip. */
export function rezip(entries: Zippable): Uint8Array {
  return zipSync(entries, { level: 0 });
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
