/**
 * Paste and drop in the real page through synthetic events carrying HTML made here the way
 * Word and Google Docs put it on the clipboard: structure and marks kept, Word's styles and stray
 * direction marks gone, hostile markup inert, a notice saying what changed; plain text keeps its
 * paragraphs; image files are copied into the store, and bad ones are refused with a message.
 */
import { test, expect } from './support/fixtures';
import { api, makePng, paste, savedBody, transferFiles } from './editor-helpers';
import type { BodyNode, StoryBody } from '../../shared/story/schema';

const RLM = '\u200F';

/** What Word 365 on Windows puts on the clipboard for an Arabic document (trimmed, same shapes). */
const WORD_HTML = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {mso-style-unhide:no;margin:0cm;font-size:12.0pt;font-family:"Calibri",sans-serif;}
p.MsoQuote {mso-style-priority:29;font-style:italic;} --></style></head>
<body lang=EN-US style='tab-interval:36.0pt;word-wrap:break-word'>
<!--StartFragment-->
<h2 dir=RTL style='text-align:right;direction:rtl;unicode-bidi:embed'><span lang=AR-SA
style='font-family:"Arial",sans-serif;mso-ascii-font-family:Calibri'>${RLM}التعاون العسكري بين ليبيا وروسيا<o:p></o:p></span></h2>
<p class=MsoNormal dir=RTL style='text-align:right;direction:rtl;unicode-bidi:embed'><span lang=AR-SA
style='font-family:"Arial",sans-serif'>قال المتحدث </span><b><span lang=AR-SA style='font-family:"Arial",sans-serif'>«إن الوفد وصل»</span></b><span
lang=AR-SA style='font-family:"Arial",sans-serif'> ثم </span><i><span lang=AR-SA>أكد</span></i><span lang=AR-SA> ذلك${RLM}.<o:p></o:p></span></p>
<p class=MsoQuote dir=RTL style='text-align:right;direction:rtl;unicode-bidi:embed'><span lang=AR-SA>«نحن هنا من أجل السلام»<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst dir=RTL style='margin-right:36.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1;direction:rtl;unicode-bidi:embed'><![if !supportLists]><span
lang=AR-SA style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=AR-SA>البند الأول<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpMiddle dir=RTL style='margin-right:72.0pt;text-indent:-18.0pt;mso-list:l0 level2 lfo1;direction:rtl;unicode-bidi:embed'><![if !supportLists]><span
lang=AR-SA style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span></span><![endif]><span lang=AR-SA>بند فرعي<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast dir=RTL style='margin-right:36.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1;direction:rtl;unicode-bidi:embed'><![if !supportLists]><span
lang=AR-SA style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=AR-SA>البند الثاني<o:p></o:p></span></p>
<p class=MsoNormal dir=RTL style='text-align:right;direction:rtl'><span lang=AR-SA>المصدر: </span><a href="https://example.com/news/1"><span lang=AR-SA>وكالة الأنباء</span></a><span lang=AR-SA><o:p></o:p></span></p>
<!--EndFragment-->
</body></html>`;

/** What Google Docs puts on the clipboard: one <b> wrapper, styles on spans, aria-level on items. */
const GOOGLE_DOCS_HTML =
  '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-6a1e2f3b-7fff-1c2d-8e9f-0a1b2c3d4e5f">' +
  '<h3 dir="rtl" style="line-height:1.38;margin-top:16pt;margin-bottom:4pt;text-align:right;"><span style="font-size:13.999999999999998pt;font-family:Arial,sans-serif;color:#434343;font-weight:400;font-style:normal;vertical-align:baseline;white-space:pre-wrap;">تفاصيل الزيارة</span></h3>' +
  '<p dir="rtl" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;text-align:right;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;white-space:pre-wrap;">وصل الوفد </span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:700;white-space:pre-wrap;">صباح اليوم</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;font-style:italic;white-space:pre-wrap;"> إلى طرابلس</span></p>' +
  '<ol style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="rtl" style="list-style-type:decimal;font-size:11pt;font-family:Arial,sans-serif;" aria-level="1"><p dir="rtl" style="line-height:1.38;text-align:right;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;">لقاء الرئيس</span></p></li>' +
  '<li dir="rtl" style="list-style-type:decimal;" aria-level="1"><p dir="rtl" role="presentation"><span style="font-weight:400;">مؤتمر صحفي مع </span><a href="https://www.reuters.com/" style="text-decoration:none;"><span style="font-weight:400;color:#1155cc;">Reuters</span></a></p></li></ol>' +
  '</b>';

/** Every trick in the book: any of these that ran would set window.__pwned. */
const HOSTILE_HTML = `
<p>نص يبقى<img src="x" onerror="window.__pwned='img'"> بعد الصورة</p>
<svg onload="window.__pwned='svg'"><circle r="5"/></svg>
<p><a href="javascript:window.__pwned='link'">رابط خبيث</a> و<a href="data:text/html,<script>parent.__pwned='data'</script>">رابط بيانات</a></p>
<iframe src="javascript:parent.__pwned='iframe'" srcdoc="<script>parent.__pwned='srcdoc'</script>"></iframe>
<style>body { background: url("javascript:window.__pwned='style'") } p { behavior: url(x.htc) }</style>
<p style="width: expression(window.__pwned='expression'); background-image: url('javascript:window.__pwned=1')">تعبير CSS</p>
<script>window.__pwned='script'</script>
<div onmouseover="window.__pwned='mouseover'" onclick="window.__pwned='click'">فقرة بحدث</div>
<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='mxss'"></style></mglyph></table></mtext></math>
<object data="javascript:window.__pwned='object'"></object><embed src="javascript:window.__pwned='embed'">`;

const textOf = (node: BodyNode): string => ('text' in node ? node.text : node.children.map(textOf).join(''));

function outline(nodes: readonly BodyNode[]): unknown[] {
  return nodes.map((node) =>
    'text' in node ? node : node.type === 'link' ? { link: node.url, text: textOf(node) } : node,
  );
}

function findLinks(nodes: readonly BodyNode[], out: string[] = []): string[] {
  for (const node of nodes) {
    if ('text' in node) continue;
    if (node.type === 'link') out.push(node.url);
    else findLinks(node.children, out);
  }
  return out;
}

test('Word HTML: headings, bold, italic, quote, nested list and link kept; styles and RLM marks gone', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.body.click();
  await paste(page, { html: WORD_HTML, text: 'plain fallback' });

  const notice = page.locator('.editor-notice[role=status]');
  await expect(notice).toContainText('أُزيلت علامات اتجاه خفية');
  await expect(notice).toContainText('أُزيلت أنماط التنسيق');
  // The notice never takes the focus: typing goes on in the story.
  await page.keyboard.type(' تم');

  const body = await savedBody(page);
  expect(body.map((block) => block.type)).toEqual([
    'heading-two',
    'paragraph',
    'block-quote',
    'bulleted-list',
    'paragraph',
  ]);
  expect(textOf(body[0]!)).toBe('التعاون العسكري بين ليبيا وروسيا');
  expect(body[0]).toMatchObject({ dir: 'rtl' });
  expect(body[1]!.children).toEqual([
    { text: 'قال المتحدث ' },
    { text: '«إن الوفد وصل»', bold: true },
    { text: ' ثم ' },
    { text: 'أكد', italic: true },
    { text: ' ذلك.' },
  ]);
  expect(textOf(body[2]!)).toBe('«نحن هنا من أجل السلام»');
  const list = body[3]!;
  expect(JSON.stringify(list)).not.toContain('·');
  expect(list.children.map((item) => textOf(item))).toEqual(['البند الأولبند فرعي', 'البند الثاني']);
  expect(JSON.stringify(list.children[0])).toContain('"type":"bulleted-list"');
  expect(findLinks(body)).toEqual(['https://example.com/news/1']);
  expect(JSON.stringify(body)).not.toMatch(/[\u200E\u200F\u061C]|mso-|Calibri/);
  expect(textOf(body[4]!)).toBe('المصدر: وكالة الأنباء تم');

  await page.screenshot({ path: 'tests/artifacts/editor-paste-word.png' });
});

test('Google Docs HTML: its bold wrapper does not make everything bold; lists and links kept', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.body.click();
  await paste(page, { html: GOOGLE_DOCS_HTML });
  await expect(page.locator('.editor-notice[role=status]')).toBeVisible();

  const body = await savedBody(page);
  expect(body.map((block) => block.type)).toEqual(['heading-three', 'paragraph', 'numbered-list']);
  expect(body[1]!.children).toEqual([
    { text: 'وصل الوفد ' },
    { text: 'صباح اليوم', bold: true },
    { text: ' إلى طرابلس', italic: true },
  ]);
  expect(outline(body[2]!.children.map((item) => item as BodyNode))).toHaveLength(2);
  expect(findLinks(body)).toEqual(['https://www.reuters.com/']);
  await expect(workstation.body.locator('ol > li')).toHaveCount(2);
  await expect(workstation.body.locator('a[href="https://www.reuters.com/"]')).toHaveText('Reuters');
});

test('hostile paste: nothing runs, the text survives, the notice lists what was removed', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.body.click();
  await paste(page, { html: HOSTILE_HTML });
  const notice = page.locator('.editor-notice[role=status]');
  await expect(notice).toContainText('حُذف عنصر غير آمن');
  await expect(notice).toContainText('onerror');
  await expect(notice).toContainText('أُزيل رابط غير آمن');

  // Give anything that might fire (image errors, frames, hover handlers) every chance to.
  await workstation.body.hover();
  await page.mouse.move(10, 10);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await expect(
    page.locator('[data-slate-editor] iframe, [data-slate-editor] svg, [data-slate-editor] script'),
  ).toHaveCount(0);
  await expect(page.locator('[data-slate-editor] [onerror], [data-slate-editor] [onmouseover]')).toHaveCount(
    0,
  );

  const body: StoryBody = await savedBody(page);
  const all = body.map(textOf).join('\n');
  for (const kept of ['نص يبقى', 'بعد الصورة', 'رابط خبيث', 'رابط بيانات', 'تعبير CSS', 'فقرة بحدث']) {
    expect(all).toContain(kept);
  }
  expect(findLinks(body)).toEqual([]);
  expect(JSON.stringify(body)).not.toMatch(/javascript|expression|__pwned|onerror/);
  expect(body.some((block) => block.type === 'image')).toBe(false);
});

test('plain text keeps its paragraphs, each with its own direction', async ({ workstation, page }) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.body.click();
  await paste(page, { text: `السطر الأول${RLM}\r\nالسطر الثاني\n\nThe third line is English\n` });
  await expect(workstation.bodyBlocks).toHaveText([
    'السطر الأول',
    'السطر الثاني',
    'The third line is English',
  ]);
  const body = await savedBody(page);
  expect(body.map((block) => [block.type, block.dir])).toEqual([
    ['paragraph', 'rtl'],
    ['paragraph', 'rtl'],
    ['paragraph', 'ltr'],
  ]);
  await expect(page.locator('.editor-notice[role=status]')).toContainText('أُزيلت علامات اتجاه خفية (1)');
});

test('image files pasted, dropped or chosen are copied into the store; bad files get a message', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.typeBody(['فقرة قبل الصور']);
  const png = await makePng(page, 'pasted');
  await transferFiles(page, 'paste', [{ name: 'pasted.png', type: 'image/png', base64: png }]);
  await expect(workstation.body.locator('figure img')).toHaveCount(1);
  const dropped = await makePng(page, 'dropped', '#8b1a1a');
  await transferFiles(page, 'drop', [{ name: 'dropped.png', type: 'image/png', base64: dropped }]);
  await expect(workstation.body.locator('figure img')).toHaveCount(2);
  const chosen = await makePng(page, 'chosen', '#1a6b3a');
  await page
    .getByRole('toolbar', { name: 'تنسيق النص' })
    .locator('input[type=file][accept^="image/"]')
    .setInputFiles({
      name: 'chosen.png',
      mimeType: 'image/png',
      buffer: Buffer.from(chosen, 'base64'),
    });
  await expect(workstation.body.locator('figure img')).toHaveCount(3);
  // Shown through blob: URLs, never a path or a remote address.
  for (const src of await workstation.body
    .locator('figure img')
    .evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src))) {
    expect(src).toMatch(/^blob:/);
  }

  // Caption, credit and alt text are part of the block.
  const figure = workstation.body.locator('figure').first();
  await figure.getByLabel('التعليق').fill('المجلس الرئاسي الليبي');
  await figure.getByLabel('المصدر').fill('رويترز');
  await figure.getByLabel('النص البديل').fill('أعضاء المجلس في طرابلس');
  const body = await savedBody(page);
  const images = body.filter((block) => block.type === 'image');
  expect(images).toHaveLength(3);
  expect(images.some((image) => image.caption === 'المجلس الرئاسي الليبي' && image.credit === 'رويترز')).toBe(
    true,
  );
  // The files are in the store, content-addressed, and read back byte for byte.
  const stored = await api<{ mime: string; dataBase64: string }>(page, 'readMedia', {
    file: images[0]!.file,
  });
  expect(stored.mime).toBe('image/png');
  expect([png, dropped, chosen]).toContain(stored.dataBase64);

  // Not an image (whatever its name and claimed type), and too large: a clear message, nothing added.
  await transferFiles(page, 'paste', [
    { name: 'notes.png', type: 'image/png', base64: Buffer.from('not an image at all').toString('base64') },
  ]);
  await expect(page.locator('.editor-notice[role=status]')).toHaveText(/لم يُضف الملف «notes.png»: ليس صورة/);
  const large = Buffer.alloc(6 * 1024 * 1024, 1);
  Buffer.from(png, 'base64').copy(large);
  await page
    .getByRole('toolbar', { name: 'تنسيق النص' })
    .locator('input[type=file][accept^="image/"]')
    .setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: large,
    });
  await expect(page.locator('.editor-notice[role=status]')).toHaveText(/«huge.png».*أكبر من ٥ ميغابايت/);
  await expect(workstation.body.locator('figure')).toHaveCount(3);
});
