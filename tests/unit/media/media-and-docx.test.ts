/**
 * The media folder and Word import on the main side, against a real store in a temp folder:
 * images checked by their bytes and size, content-addressed and read back; Word documents made
 * with the `docx` package become stories with their images; bad files create nothing.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import { MAX_MEDIA_BYTES } from '../../../shared/media/limits';
import { createMediaStore, sniffImage } from '../../../electron/core/store/media';
import { openStore } from '../../../electron/core/store/story-store';
import type { StoryStore } from '../../../electron/core/store/types';
import { createStoryService } from '../../../electron/core/stories/service';
import { importDocx } from '../../../electron/core/stories/docx-import';
import { unzipBounded } from '../../../electron/core/stories/bounded-zip';
import { strToU8, unzipSync, zipSync } from 'fflate';

// A 1×1 PNG: signature, IHDR, IDAT, IEND.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let root: string;
let store: StoryStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'mihbara-media-'));
  store = await openStore(root, { mode: 'write', create: true });
});
afterEach(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

const services = () => ({ stories: createStoryService(store), media: createMediaStore(store.root) });

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error instanceof ApiError ? error.code : String(error);
  }
  return 'resolved';
};

describe('media store', () => {
  it('recognises images by their bytes, not their names', () => {
    expect(sniffImage(PNG)).toBe('png');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
    expect(sniffImage(Buffer.from('GIF89a'))).toBe('gif');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImage(Buffer.from('<svg onload="x()"/>'))).toBeUndefined();
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeUndefined();
  });

  it('stores an image once under its hash and reads it back', async () => {
    const media = createMediaStore(store.root);
    const first = await media.add(PNG, 'a.png');
    const again = await media.add(PNG, 'copy.png');
    expect(first.file).toMatch(/^[0-9a-f]{64}\.png$/);
    expect(again.file).toBe(first.file);
    expect(await readdir(join(root, 'media'))).toEqual([first.file]);
    const read = await media.read(first.file);
    expect(read.mime).toBe('image/png');
    expect(read.bytes.equals(PNG)).toBe(true);
  });

  it('refuses non-images, empty and too-large files, and names that are paths', async () => {
    const media = createMediaStore(store.root);
    expect(await codeOf(media.add(Buffer.from('just text'), 'x.png'))).toBe('unsupported-file');
    expect(await codeOf(media.add(Buffer.alloc(0), 'x.png'))).toBe('unsupported-file');
    const big = Buffer.alloc(MAX_MEDIA_BYTES + 1);
    PNG.copy(big);
    expect(await codeOf(media.add(big, 'big.png'))).toBe('file-too-large');
    expect(await codeOf(media.read('../stories/x.json'))).toBe('invalid-request');
    expect(await codeOf(media.read(`${'0'.repeat(64)}.png`))).toBe('not-found');
    expect(await readdir(join(root, 'media'))).toEqual([]);
  });
});

describe('Word import', () => {
  it('takes the headline from the title and keeps structure, marks and images', async () => {
    const docx = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('قمة طرابلس')] }),
              new Paragraph({ children: [new TextRun('وصل '), new TextRun({ text: 'الوفد', bold: true })] }),
              new Paragraph({
                children: [
                  new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } }),
                ],
              }),
            ],
          },
        ],
      }),
    );
    const { story, changes } = await importDocx(docx, 'summit.docx', services());
    expect(story.headline).toBe('قمة طرابلس');
    expect(story.language).toBe('ar');
    expect(story.body.map((block) => block.type)).toEqual(['paragraph', 'image']);
    expect(story.body[0]!.children).toEqual([{ text: 'وصل ' }, { text: 'الوفد', bold: true }]);
    const file = story.body[1]!.file!;
    expect((await createMediaStore(store.root).read(file)).bytes.equals(PNG)).toBe(true);
    expect(changes.filter((change) => change.kind === 'image-not-imported')).toEqual([]);
    expect(await store.count()).toBe(1);
  });

  it('an English document becomes an LTR story; headline from the first line without a heading', async () => {
    const docx = await Packer.toBuffer(
      new Document({
        sections: [{ children: [new Paragraph('Talks end in Tripoli'), new Paragraph('More later.')] }],
      }),
    );
    const { story } = await importDocx(docx, 'en.docx', services());
    expect([story.language, story.direction, story.headline]).toEqual(['en', 'ltr', 'Talks end in Tripoli']);
    expect(story.body).toHaveLength(2);
  });

  it('damaged, truncated and non-Word files create no story and no media', async () => {
    const docx = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({
                children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 1, height: 1 } })],
              }),
            ],
          },
        ],
      }),
    );
    for (const bad of [
      Buffer.from('plain text'),
      docx.subarray(0, docx.length - 200),
      PNG,
      Buffer.from('PK\x03\x04broken'),
    ]) {
      expect(await codeOf(importDocx(bad, 'bad.docx', services()))).toBe('unsupported-file');
    }
    expect(await store.count()).toBe(0);
    expect(await readdir(join(root, 'media'))).toEqual([]);
  });
});

describe('Word import bounds the archive before mammoth reads it', () => {
  const plainDocx = () =>
    Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('مرحبا')] }] }));

  it('refuses a small .docx whose document inflates beyond the limit, creating nothing', async () => {
    const entries = unzipSync(new Uint8Array(await plainDocx()));
    // ~20 MB of XML comment compresses to a few tens of kilobytes: a zip bomb in Word's clothing.
    const document = strToU8(
      new TextDecoder()
        .decode(entries['word/document.xml'])
        .replace('<w:body>', `<w:body><!--${'x'.repeat(20_000_000)}-->`),
    );
    const bomb = Buffer.from(zipSync({ ...entries, 'word/document.xml': document }, { level: 9 }));
    expect(bomb.length).toBeLessThan(200_000);
    expect(await codeOf(importDocx(bomb, 'bomb.docx', services()))).toBe('file-too-large');
    expect(await store.count()).toBe(0);
  });

  it('refuses an archive with too many entries', async () => {
    const entries = unzipSync(new Uint8Array(await plainDocx()));
    for (let i = 0; i < 1001; i += 1) entries[`word/media/pad${i}.bin`] = new Uint8Array(1);
    const crowded = Buffer.from(zipSync(entries));
    expect(await codeOf(importDocx(crowded, 'crowded.docx', services()))).toBe('file-too-large');
    expect(await store.count()).toBe(0);
  });

  it('reads the entries it counted: unzipBounded keeps every entry of a real document', async () => {
    const bytes = new Uint8Array(await plainDocx());
    expect(Object.keys(unzipBounded(bytes, 'a.docx')).sort()).toEqual(Object.keys(unzipSync(bytes)).sort());
    const { story } = await importDocx(Buffer.from(bytes), 'a.docx', services());
    expect(story.headline).toBe('مرحبا');
  });
});
