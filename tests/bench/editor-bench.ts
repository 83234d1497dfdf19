/**
 * Keystroke-to-paint on a 1,000-paragraph Arabic story: Mihbara's body editor against stock
 * Slate on the same document, both in the same Chromium, built for production.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import { arabicParagraphs } from './generate';
import { report } from './stats';

interface BenchWindow {
  latencies: number[];
  firstRenderMs: number;
}

const PARAGRAPHS = 1000;
const KEYSTROKES = 60;
const TYPED = 'وأكد المتحدث أن الاجتماع ناقش ملفات التعاون الثنائي بين البلدين';

export async function benchEditor(workdir: string): Promise<void> {
  const root = resolve(import.meta.dirname, 'editor');
  const outDir = join(workdir, 'editor-build');
  await build({
    root,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
  const server = await preview({
    root,
    base: './',
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1' },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the benchmark page server did not start');

  const executablePath =
    process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const document = arabicParagraphs(PARAGRAPHS);
  const results: Record<string, { latencies: number[]; firstRender: number }> = {};
  try {
    for (const variant of ['ours', 'stock']) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.addInitScript((doc) => {
        (window as unknown as { benchDocument: unknown }).benchDocument = doc;
      }, document);
      await page.goto(`${url}?variant=${variant}`);
      await page.waitForFunction(() => typeof (window as unknown as BenchWindow).firstRenderMs === 'number');
      const firstRender = await page.evaluate(() => (window as unknown as BenchWindow).firstRenderMs);
      const target = page.locator('[data-slate-editor] > *').nth(PARAGRAPHS / 2);
      await target.click();
      await page.keyboard.press('End');
      await page.evaluate(() => ((window as unknown as BenchWindow).latencies.length = 0));
      for (const character of TYPED.slice(0, KEYSTROKES)) {
        await page.keyboard.type(character);
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
      }
      results[variant] = {
        latencies: await page.evaluate(() => (window as unknown as BenchWindow).latencies),
        firstRender,
      };
      await page.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
  report(
    `keystroke to paint, ${PARAGRAPHS} Arabic paragraphs`,
    results['ours']!.latencies,
    results['stock']!.latencies,
    'stock Slate',
  );
  report(
    'first render (one sample)',
    [results['ours']!.firstRender],
    [results['stock']!.firstRender],
    'stock Slate',
  );
}
