/**
 * Publishing end to end: the two seed stories go through the workflow (submit, approve, publish)
 * into a folder channel; Chromium opens the generated RTL page and index, and prints the story
 * with the page's print stylesheet (the same one the app gives Electron's printToPDF). The PDF's
 * first page is rendered to PNG with pdftoppm. Screenshots: tests/artifacts/publishing-*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { openPublishing } from '../../electron/core/publishing';
import { createStoryService } from '../../electron/core/stories/service';
import { createMediaStore } from '../../electron/core/store/media';
import { openStore } from '../../electron/core/store/story-store';
import { createWorkflow } from '../../electron/core/workflow';
import { readFileSync } from 'node:fs';
import { htmlToBody } from '../../shared/format/html-to-body';
import { escapeHtml } from '../../shared/format/body-to-html';
import { silentLogger } from '../../electron/core/log';

interface SeedStory {
  key: string;
  headline: string;
  byline: string | null;
  body: Array<string | { type: string; text: string }>;
  suggestedTags?: string[];
  leadImage?: { caption: string };
}

const ARTIFACTS = resolve('tests/artifacts');

test('publishes the seed stories and shows the RTL page and its PDF', async ({ page }) => {
  const root = await mkdtemp(join(tmpdir(), 'mihbara-e2e-publish-'));
  try {
    const site = join(root, 'site');
    await mkdir(site);
    const store = await openStore(join(root, 'store'), { mode: 'write', create: true });
    const workflow = createWorkflow(store, { log: silentLogger });
    const publisher = openPublishing(store, workflow, { log: silentLogger });
    await publisher.channels.save({
      id: 'website',
      name: 'الموقع',
      kind: 'folder',
      enabled: true,
      internal: false,
      folder: { path: site, baseUrl: 'https://news.example/', siteTitle: 'اتحاد العالم الإسلامي' },
    });
    // The lead photo is drawn here, so this test needs nothing another test wrote.
    await page.setViewportSize({ width: 800, height: 450 });
    await page.setContent(
      '<body style="margin:0;height:450px;background:linear-gradient(135deg,#1f4e79,#c9a227)">' +
        '<p dir="rtl" style="font:48px serif;color:#fff;padding:40px">المجلس الرئاسي الليبي</p></body>',
    );
    const photo = await createMediaStore(store.root).add(await page.screenshot(), 'photo.png');
    await page.setViewportSize({ width: 1280, height: 900 });
    const seed = (
      JSON.parse(readFileSync(resolve('tests/fixtures/seed-stories.json'), 'utf8')) as {
        stories: SeedStory[];
      }
    ).stories;
    const ids: string[] = [];
    for (const article of seed) {
      const html = article.body
        .map((block) =>
          typeof block === 'string' ? `<p>${escapeHtml(block)}</p>` : `<h2>${escapeHtml(block.text)}</h2>`,
        )
        .join('');
      const story = await createStoryService(store).adopt({
        language: 'ar',
        direction: 'rtl',
        headline: article.headline,
        subheadline: '',
        slugline: article.key,
        byline: article.byline ?? 'محبرة',
        body: htmlToBody(html, { language: 'ar' }).body,
        tags: article.suggestedTags ?? ['ليبيا'],
        dateline: { place: 'طرابلس' },
        leadImage: {
          file: photo.file,
          caption: article.leadImage?.caption ?? 'صورة',
          credit: 'محبرة',
          altText: 'صورة الخبر',
        },
        status: 'draft',
      });
      for (const action of ['submit', 'approve', 'publish'] as const) {
        await workflow.service.transition(story.id, action, 'admin');
      }
      ids.push(story.id);
    }
    await publisher.outbox.stop();
    await store.close();

    await page.goto(pathToFileURL(join(site, 'index.html')).href);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('ol.stories > li')).toHaveCount(2);
    await page.screenshot({ path: join(ARTIFACTS, 'publishing-index.png') });

    await page.goto(pathToFileURL(join(site, `stories/${ids[0]}.html`)).href);
    await expect(page.locator('h1')).toHaveText(seed[0]!.headline);
    await expect(page.locator('article[itemtype="https://schema.org/NewsArticle"]')).toBeVisible();
    await expect(page.locator('figure.lead-image img')).toHaveJSProperty('complete', true);
    expect(
      await page.locator('figure.lead-image img').evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);
    // The bundled Arabic face loaded from the channel's fonts folder.
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Naskh Arabic"', 'ب'))).toBe(true);
    expect(await page.locator('script').count()).toBe(0);
    // Right-to-left: the headline starts at the right edge of the column.
    const box = await page.locator('h1').boundingBox();
    const article = await page.locator('article').boundingBox();
    expect(Math.abs(box!.x + box!.width - (article!.x + article!.width))).toBeLessThan(2);
    await page.screenshot({ path: join(ARTIFACTS, 'publishing-page.png'), fullPage: false });

    await page.emulateMedia({ media: 'print' });
    const pdfFile = join(root, 'story.pdf');
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect((await readFile(pdfFile)).subarray(0, 5).toString()).toBe('%PDF-');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdfFile,
      join(ARTIFACTS, 'publishing-pdf-page1'),
    ]);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfFile, '-']).toString();
    // pdftotext spaces Arabic glyph runs apart; the words are there once spaces are dropped.
    expect(text.replace(/\s+/g, '')).toContain('تسلمالمجلسالرئاسيالليبيدعوةرسمية');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
