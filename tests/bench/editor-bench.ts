/**
 * Keystroke-to-paint on 1,000- and 10,000-paragraph Arabic stories: Mihbara's body editor against
 * stock Slate and against a bare contenteditable on the same document, all in the same Chromium,
 * built for production; and the first render of each. The targets are printed as ratios.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import { arabicParagraphs } from './generate';
import { report, summarize } from './stats';

interface BenchWindow {
  latencies: number[];
  firstRenderMs: number;
}

const SIZES = [1000, 10_000];
const VARIANTS = ['ours', 'stock', 'bare'] as const;
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
  const results: Record<string, { latencies: number[]; firstRender: number }> = {};
  try {
    for (const size of SIZES) {
      const document = arabicParagraphs(size);
      for (const variant of VARIANTS) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.addInitScript((doc) => {
          (window as unknown as { benchDocument: unknown }).benchDocument = doc;
        }, document);
        await page.goto(`${url}?variant=${variant}`);
        await page.waitForFunction(
          () => typeof (window as unknown as BenchWindow).firstRenderMs === 'number',
          null,
          {
            timeout: 120_000,
          },
        );
        const firstRender = await page.evaluate(() => (window as unknown as BenchWindow).firstRenderMs);
        // The middle paragraph, wherever chunking put it.
        const target = page
          .locator('[data-slate-editor] p, [data-slate-editor] [data-slate-node="element"]')
          .nth(size / 2);
        await target.scrollIntoViewIfNeeded();
        await target.click();
        await page.keyboard.press('End');
        await page.evaluate(() => ((window as unknown as BenchWindow).latencies.length = 0));
        for (const character of TYPED.slice(0, KEYSTROKES)) {
          await page.keyboard.type(character);
          await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
        }
        results[`${variant}-${size}`] = {
          latencies: await page.evaluate(() => (window as unknown as BenchWindow).latencies),
          firstRender,
        };
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
  for (const size of SIZES) {
    const ours = results[`ours-${size}`]!;
    const stock = results[`stock-${size}`]!;
    const bare = results[`bare-${size}`]!;
    report(`keystroke to paint, ${size} paragraphs`, ours.latencies, stock.latencies, 'stock Slate');
    report(`keystroke to paint, ${size} paragraphs`, ours.latencies, bare.latencies, 'bare contenteditable');
    report(
      `first render, ${size} paragraphs (1 sample)`,
      [ours.firstRender],
      [stock.firstRender],
      'stock Slate',
    );
    report(
      `first render, ${size} paragraphs (1 sample)`,
      [ours.firstRender],
      [bare.firstRender],
      'bare contenteditable',
    );
    const p95 = (samples: number[]) => summarize(samples).p95;
    const vsStock = p95(ours.latencies) / p95(stock.latencies);
    const vsBare = p95(ours.latencies) / p95(bare.latencies);
    console.log(
      `  ratio at ${size}: p95 ours/stock Slate = ${vsStock.toFixed(2)}×, p95 ours/bare = ${vsBare.toFixed(2)}×` +
        (size === 10_000 ? `  (target ≤ 0.5× stock: ${vsStock <= 0.5 ? 'met' : 'missed'})` : '') +
        (size === 1000 ? `  (target ≤ 1.5× bare: ${vsBare <= 1.5 ? 'met' : 'missed'})` : ''),
    );
  }
}
