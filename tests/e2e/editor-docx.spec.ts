/**
 * Word import in the real page: a .docx generated here with the `docx` package becomes a new
 * story (headline from the title, structure, marks and images kept, images copied into the
 * store); damaged and non-Word files get a clear message and create nothing.
 */
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import { test, expect } from './support/fixtures';
import { api, makePng, savedStory } from './editor-helpers';
import type { StorySummary } from '../../shared/story/schema';

const DOCX_INPUT = 'input[type=file][accept*="docx"]';

async function wordDocument(png: Buffer): Promise<Buffer> {
  const rtl = (text: string, extra: Partial<{ bold: boolean; italics: boolean }> = {}) =>
    new TextRun({ text, rightToLeft: true, ...extra });
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            bidirectional: true,
            children: [rtl('قمة الاتحاد في طرابلس')],
          }),
          new Paragraph({
            bidirectional: true,
            children: [rtl('وصل '), rtl('الوفد', { bold: true }), rtl(' صباح اليوم', { italics: true })],
          }),
          new Paragraph({
            heading: HeadingLevel.HEADING_2,
            bidirectional: true,
            children: [rtl('جدول الأعمال')],
          }),
          new Paragraph({ bullet: { level: 0 }, bidirectional: true, children: [rtl('التعاون الاقتصادي')] }),
          new Paragraph({ bullet: { level: 1 }, bidirectional: true, children: [rtl('الطاقة')] }),
          new Paragraph({ bullet: { level: 0 }, bidirectional: true, children: [rtl('الأمن')] }),
          new Paragraph({
            children: [new ImageRun({ type: 'png', data: png, transformation: { width: 240, height: 100 } })],
          }),
          new Paragraph({ bidirectional: true, children: [rtl('انتهى الاجتماع مساءً.')] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

test('a Word document becomes a new story with its headline, structure and images', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  const png = Buffer.from(await makePng(page, 'docx image', '#6b3a1a'), 'base64');
  const docx = await wordDocument(png);
  await page.locator(DOCX_INPUT).setInputFiles({
    name: 'قمة.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: docx,
  });
  await expect(workstation.headline).toHaveValue('قمة الاتحاد في طرابلس');
  expect((await api<{ items: StorySummary[] }>(page, 'listStories', {})).items).toHaveLength(1);
  await expect(workstation.body.locator('figure img')).toHaveAttribute('src', /^blob:/);
  await expect(workstation.body.locator('strong')).toHaveText('الوفد');
  await expect(workstation.body.locator('ul ul li')).toHaveText('الطاقة');

  const story = await savedStory(page);
  expect(story.language).toBe('ar');
  expect(story.direction).toBe('rtl');
  expect(story.body.map((block) => block.type)).toEqual([
    'paragraph',
    'heading-two',
    'bulleted-list',
    'image',
    'paragraph',
  ]);
  expect(story.body[0]!.children).toEqual([
    { text: 'وصل ' },
    { text: 'الوفد', bold: true },
    { text: ' صباح اليوم', italic: true },
  ]);
  const image = story.body[3]!;
  const stored = await api<{ mime: string; dataBase64: string }>(page, 'readMedia', { file: image.file });
  expect(Buffer.from(stored.dataBase64, 'base64').equals(png)).toBe(true);
  await page.screenshot({ path: 'tests/artifacts/editor-docx-import.png' });
});

test('a damaged or non-Word file gets a clear message and creates no story', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  const png = Buffer.from(await makePng(page, 'x'), 'base64');
  const good = await wordDocument(png);
  const bad = [
    { name: 'notes.docx', buffer: Buffer.from('هذا ملف نصي وليس مستند Word') },
    { name: 'cut.docx', buffer: good.subarray(0, Math.floor(good.length / 2)) },
    { name: 'picture.docx', buffer: png },
  ];
  for (const file of bad) {
    await page.locator(DOCX_INPUT).setInputFiles({ ...file, mimeType: 'application/octet-stream' });
    await expect(page.getByRole('alert')).toHaveText(
      `تعذّر استيراد «${file.name}»: الملف ليس مستند Word (‎.docx) أو أنه تالف. لم تُنشأ قصة.`,
    );
  }
  expect((await api<{ items: StorySummary[] }>(page, 'listStories', {})).items).toEqual([]);
});
