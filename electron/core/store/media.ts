/**
 * Images a story uses, copied into the store so a story never depends on where a file happened
 * to be. Files are content-addressed (`<sha256>.<ext>` under `<store>/media/`): adding the same
 * image twice stores it once, and a name can never point outside the folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { syncFolder } from './durable-file';
import { assertMayWrite } from './writer-gate';
import { mediaFileIn } from './paths';
import { MEDIA_DIR } from './journal';

import { MAX_MEDIA_BYTES } from '../../../shared/media/limits';

/** Image types the editor accepts, recognised by their first bytes rather than by name or claimed type. */
export const MEDIA_TYPES = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
} as const;
export type MediaExtension = keyof typeof MEDIA_TYPES;

/** What a media file name looks like; anything else is refused before touching the disk. */
export const MEDIA_FILE_NAME = /^[0-9a-f]{64}\.(png|jpg|gif|webp)$/;

/** The image type of `bytes`, read from its signature, or undefined when it is not a supported image. */
export function sniffImage(bytes: Uint8Array): MediaExtension | undefined {
  const starts = (signature: readonly number[], at = 0) =>
    bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpg';
  if (starts([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) {
    return 'gif';
  }
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return undefined;
}

/** Temp file, fsync, rename, folder fsync: a crash leaves either no file or the whole image. */
async function writeBytesDurably(path: string, bytes: Uint8Array): Promise<void> {
  await assertMayWrite(path);
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    // The write's own error is thrown below; a temp file left over is removed at the next open.
    // eslint-disable-next-line no-restricted-syntax -- see above
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}

export interface MediaStore {
  /** validates and stores an image; returns its file name inside the media folder */
  add(bytes: Uint8Array, name?: string): Promise<{ file: string; mime: string }>;
  /** reads a stored image */
  read(file: string): Promise<{ mime: string; bytes: Buffer }>;
}

/** The media folder of the store at `root`. */
export function createMediaStore(root: string): MediaStore {
  const folder = join(root, MEDIA_DIR);
  return {
    async add(bytes, name = 'the file') {
      if (bytes.length === 0) throw new ApiError('unsupported-file', `${name} is empty`);
      if (bytes.length > MAX_MEDIA_BYTES) {
        throw new ApiError(
          'file-too-large',
          `${name} is ${bytes.length} bytes; images may be at most ${MAX_MEDIA_BYTES} bytes`,
        );
      }
      const extension = sniffImage(bytes);
      if (!extension) {
        throw new ApiError('unsupported-file', `${name} is not a PNG, JPEG, GIF or WebP image`);
      }
      const file = `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;
      const path = mediaFileIn(folder, file);
      const existing = await stat(path).catch(() => undefined);
      if (existing?.size !== bytes.length) {
        await mkdir(folder, { recursive: true });
        await writeBytesDurably(path, bytes);
      }
      return { file, mime: MEDIA_TYPES[extension] };
    },

    async read(file) {
      const match = MEDIA_FILE_NAME.exec(file);
      if (!match) throw new ApiError('invalid-request', `${file.slice(0, 80)} is not a media file name`);
      let bytes: Buffer;
      try {
        bytes = await readFile(mediaFileIn(folder, file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new ApiError('not-found', `no media file ${file} in this store`);
        }
        throw error;
      }
      return { mime: MEDIA_TYPES[match[1] as MediaExtension], bytes };
    },
  };
}
