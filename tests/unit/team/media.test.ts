/**
 * Images in team mode: a lead image added on one workstation shows on another (fetched from the
 * server once, then kept in that workstation's folder); an image added while the server is away
 * waits and is sent before the queued story save; the server checks names against bytes and
 * sizes as the local media store does.
 */
import { deflateSync } from 'node:zlib';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import { createStoryService } from '../../../electron/core/stories/service';
import { MEDIA_OUTBOX } from '../../../electron/core/team/pg-media';
import { openTeamStore, type TeamStore } from '../../../electron/core/team/pg-store';
import { newsroom, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';

const reason = skipReason();

/** A valid PNG of `width`×1 pixels of one grey level: distinct levels give distinct images. */
function png(level: number, width = 4): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width, level)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(row)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.skipIf(reason !== null)(
  `team media on a real PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let room: Newsroom;
    const folders: string[] = [];
    const stores: TeamStore[] = [];
    const workstation = async (person: string, retryMs = 60_000) => {
      const folder = mkdtempSync(join(tmpdir(), 'mihbara-ws-'));
      folders.push(folder);
      const store = await openTeamStore(
        { url: room.urlAs(person), connectTimeoutMs: 1000 },
        { localRoot: folder, retryMs },
      );
      stores.push(store);
      return store;
    };
    const reconnectOwner = async () => {
      await room.owner.end().catch(() => undefined);
      const { default: pg } = await import('pg');
      room.owner = new pg.Client({ connectionString: room.ownerUrl });
      room.owner.on('error', () => undefined);
      await room.owner.connect();
    };
    beforeAll(async () => {
      room = await newsroom();
    }, 60_000);
    afterAll(async () => {
      for (const store of stores) await store.close();
      await room?.close();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });

    it('a lead image added on workstation A shows on B, fetched once and kept in B’s folder', async () => {
      const a = await workstation('yasin');
      const b = await workstation('huda');
      const image = png(90);
      const { file, mime } = await a.media.add(image, 'summit.png');
      expect(mime).toBe('image/png');
      const stories = createStoryService(a);
      const created = await stories.create('ar', { authors: ['yasin'] });
      await stories.save(created.id, 1, {
        headline: 'قمة بغداد',
        leadImage: { file, caption: 'المجلس الرئاسي', credit: 'وكالة الأنباء', altText: 'أعضاء المجلس' },
      });

      // B knows the story and its image's name; the bytes come from the server.
      const seen = await b.get(created.id);
      expect(seen.leadImage?.file).toBe(file);
      expect(existsSync(join(b.root, 'media', file))).toBe(false);
      const shown = await b.media.read(seen.leadImage!.file);
      expect(shown.mime).toBe('image/png');
      expect(Buffer.compare(shown.bytes, image)).toBe(0);
      expect(existsSync(join(b.root, 'media', file))).toBe(true);

      // Kept: B shows it again with the server gone.
      room.cluster.stop();
      try {
        expect(Buffer.compare((await b.media.read(file)).bytes, image)).toBe(0);
      } finally {
        room.cluster.start();
      }
      await reconnectOwner();
      // Adding the same image again stores it once.
      await b.media.add(image, 'again.png');
      const rows = await room.owner.query<{ n: string }>(
        'SELECT count(*) AS n FROM mihbara.media WHERE file = $1',
        [file],
      );
      expect(Number(rows.rows[0]!.n)).toBe(1);
    });

    it('an image added offline waits with its story and reaches the server first; B then shows it', async () => {
      const a = await workstation('yasin', 200);
      const b = await workstation('huda');
      const stories = createStoryService(a);
      const created = await stories.create('ar', { authors: ['yasin'] });
      const image = png(30, 6);
      room.cluster.stop();
      let file: string | undefined;
      try {
        file = (await a.media.add(image, 'offline.png')).file;
        expect(readdirSync(join(a.root, MEDIA_OUTBOX))).toEqual([file]);
        expect(a.status().online).toBe(false);
        await stories.save(created.id, 1, {
          headline: 'صورة أضيفت دون اتصال',
          leadImage: { file: file!, caption: 'صورة', credit: 'محبرة', altText: 'صورة رمادية' },
        });
        expect(a.status().pending).toBe(1);
        // Shown on A from its own folder meanwhile.
        expect(Buffer.compare((await a.media.read(file!)).bytes, image)).toBe(0);
        // B cannot fetch what it never kept, and says why.
        const error = await b.media.read(file!).then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).code).toBe('io');
      } finally {
        room.cluster.start();
      }
      await reconnectOwner();
      expect(await a.drain()).toMatchObject({ online: true, pending: 0, conflicts: [] });
      expect(readdirSync(join(a.root, MEDIA_OUTBOX))).toEqual([]);
      const story = await b.get(created.id);
      expect(story.leadImage?.file).toBe(file);
      expect(Buffer.compare((await b.media.read(file!)).bytes, image)).toBe(0);
    });

    it('the server refuses an image whose name is not its content, or that is not an image', async () => {
      const yasin = await room.as('yasin');
      const image = png(200);
      const wrongName = `${'0'.repeat(64)}.png`;
      await expect(yasin.query('SELECT mihbara.put_media($1, $2)', [wrongName, image])).rejects.toMatchObject(
        {
          code: 'MH400',
        },
      );
      const a = await workstation('yasin');
      const { file } = await a.media.add(image);
      // The right name with a JPEG extension, and text under an image's name, are refused too.
      await expect(
        yasin.query('SELECT mihbara.put_media($1, $2)', [file.replace('.png', '.jpg'), image]),
      ).rejects.toMatchObject({ code: 'MH400' });
      await expect(
        yasin.query('SELECT mihbara.put_media($1, $2)', [file, Buffer.from('ليست صورة')]),
      ).rejects.toMatchObject({ code: 'MH400' });
      // Nobody writes the table directly.
      await expect(
        yasin.query('INSERT INTO mihbara.media (file, bytes, added_by) VALUES ($1, $2, $3)', [
          wrongName,
          image,
          'yasin',
        ]),
      ).rejects.toMatchObject({ code: '42501' });
    });
  },
);
