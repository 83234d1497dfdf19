/**
 * Images on the newsroom server (schema 6), behind the same `MediaStore` the editor uses
 * locally. The workstation's media folder is the cache: an add is validated and kept there
 * first (so it shows at once and survives a lost connection), then sent; a read the folder
 * cannot answer is fetched from the server once and kept. An add made while the server is out
 * of reach waits as a marker in `team/media-outbox/` and is sent before the next queued story
 * save, so another workstation never sees a story whose image has not arrived.
 */
import { mediaFileIn } from '../store/paths';
import { mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { ApiError } from '../../../shared/api/errors';
import { MEDIA_FILE_NAME, type MediaStore } from '../store/media';
import { isUnreachable, serverError } from '../errors';

export const MEDIA_OUTBOX = 'team/media-outbox';

export interface TeamMediaStore extends MediaStore {
  /** sends the images added while offline; throws (unreachable) when the server is still away */
  flush(): Promise<void>;
  /** images waiting to be sent */
  pending(): Promise<string[]>;
}

const unreachable = (error: unknown) =>
  isUnreachable(error) || (error instanceof ApiError && error.code === 'io');

/**
 * `local`: the workstation's own media store (its folder); `offline`: told when the server could
 * not be reached, so the store goes offline and retries (which flushes the waiting images).
 */
export function pgMediaStore(
  pool: pg.Pool,
  local: MediaStore,
  localRoot: string,
  offline: (error: unknown) => void = () => undefined,
): TeamMediaStore {
  const outbox = join(localRoot, MEDIA_OUTBOX);
  const send = async (file: string) => {
    const { bytes } = await local.read(file);
    try {
      await pool.query('SELECT mihbara.put_media($1, $2)', [file, bytes]);
    } catch (error) {
      throw serverError(error);
    }
  };
  const pending = async () =>
    (await readdir(outbox).catch(() => [] as string[])).filter((name) => MEDIA_FILE_NAME.test(name)).sort();

  return {
    async add(bytes, name) {
      // The local store checks size, type and names the file by its content, as without a server.
      const added = await local.add(bytes, name);
      try {
        await send(added.file);
      } catch (error) {
        if (!unreachable(error)) throw error;
        // Kept here already; the marker says it still has to reach the server.
        await mkdir(outbox, { recursive: true });
        await writeFile(mediaFileIn(outbox, added.file), '');
        offline(error);
      }
      return added;
    },
    async read(file) {
      try {
        return await local.read(file);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'not-found')) throw error;
      }
      let rows: Array<{ bytes: Buffer }>;
      try {
        rows = (
          await pool.query<{ bytes: Buffer }>('SELECT bytes FROM mihbara.media WHERE file = $1', [file])
        ).rows;
      } catch (error) {
        const refused = serverError(error);
        if (unreachable(refused)) {
          offline(refused);
          throw new ApiError(
            'io',
            `the newsroom server cannot be reached and the image ${file} was not kept here`,
          );
        }
        throw refused;
      }
      if (!rows[0]) throw new ApiError('not-found', `no media file ${file} on the newsroom server`);
      // Kept through the local store, which names it by its content: bytes that do not match the
      // name are refused rather than cached under it.
      const kept = await local.add(rows[0].bytes, file);
      if (kept.file !== file)
        throw new ApiError('store-damaged', `the server's image ${file} does not match its name`);
      return local.read(file);
    },
    pending,
    async flush() {
      for (const file of await pending()) {
        try {
          await send(file);
        } catch (error) {
          if (unreachable(error)) throw error;
          // Gone from this folder, or refused by the server for good (its name does not match its
          // bytes): sending it again would fail the same way and hold back every later save.
        }
        // Left behind, the image is offered again at the next drain, which the server accepts.
        // eslint-disable-next-line no-restricted-syntax -- see above
        await unlink(mediaFileIn(outbox, file)).catch(() => undefined);
      }
    },
  };
}
