/**
 * Proofing benchmarks: dictionary load (Hunspell/WebAssembly against nspell on the same files),
 * checking a 1,000-paragraph story, and keystroke-to-paint on that story in Chromium with the
 * spell checker on against the same editor with it off, in the same run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import nspell from 'nspell';
import { Node } from 'slate';
import { build, preview } from 'vite';
import { createSpellEngine } from '../../shared/text/spell-engine';
import { spellingWords } from '../../shared/text/spelling';
import { arabicParagraphs } from './generate';
import { report } from './stats';

interface BenchWindow {
  latencies: number[];
  misspelledCount: () => number;
}

const PARAGRAPHS = 1000;
const KEYSTROKES = 60;
const TYPED = 'وأكد المتحدث أن الاجتماع ناقش ملفات التعاون الثنائي بين البلدين';
const dictionaries = resolve(import.meta.dirname, '../../resources/dictionaries');
const file = (path: string) => new Uint8Array(readFileSync(join(dictionaries, path)));

async function benchNode(): Promise<void> {
  const files = {
    ar: { aff: file('ar/ar.aff'), dic: file('ar/ar.dic') },
    en: { aff: file('en/en.aff'), dic: file('en/en.dic') },
  };
  const loads: number[] = [];
  let engine = await createSpellEngine(files);
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    engine = await createSpellEngine(files);
    loads.push(performance.now() - started);
  }
  const nspellLoads: number[] = [];
  for (let i = 0; i < 2; i += 1) {
    const started = performance.now();
    nspell([
      { aff: Buffer.from(files.ar.aff), dic: Buffer.from(files.ar.dic) },
      { aff: Buffer.from(files.en.aff), dic: Buffer.from(files.en.dic) },
    ]);
    nspellLoads.push(performance.now() - started);
  }
  report('dictionaries load (ar + en), Hunspell wasm', loads, nspellLoads, 'nspell');

  // Checking a story: what the editor does (collect the distinct words, check each once) against
  // checking every word occurrence, on the same 1,000 paragraphs.
  const story = arabicParagraphs(PARAGRAPHS);
  const ours: number[] = [];
  const every: number[] = [];
  let misspelled = 0;
  for (let i = 0; i < 3; i += 1) {
    let started = performance.now();
    const distinct = new Set(story.flatMap((block) => spellingWords(Node.string(block)).map((w) => w.word)));
    misspelled = engine.misspelled([...distinct]).length;
    ours.push(performance.now() - started);
    started = performance.now();
    engine.misspelled(story.flatMap((block) => spellingWords(Node.string(block)).map((w) => w.word)));
    every.push(performance.now() - started);
  }
  report(`check ${PARAGRAPHS} paragraphs (${misspelled} misspelled)`, ours, every, 'every occurrence');
}

async function benchKeystrokes(workdir: string): Promise<void> {
  const root = resolve(import.meta.dirname, 'proofing');
  const outDir = join(workdir, 'proofing-build');
  await build({
    root,
    base: './',
    logLevel: 'error',
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
      '--disable-sync',
    ],
  });
  const document = arabicParagraphs(PARAGRAPHS);
  const latencies: Record<string, number[]> = {};
  const checkerLoad: number[] = [];
  try {
    for (const checker of ['on', 'off']) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.addInitScript((doc) => {
        (window as unknown as { benchDocument: unknown }).benchDocument = doc;
      }, document);
      page.on('pageerror', (error) => console.error(`proofing bench page: ${error.message}`));
      const started = Date.now();
      await page.goto(`${url}?checker=${checker}`);
      if (checker === 'on') {
        // The first scan of the story is done once the worker has marked its misspellings.
        await page.waitForFunction(
          () => (window as unknown as BenchWindow).misspelledCount() > 0,
          undefined,
          { timeout: 60_000 },
        );
        checkerLoad.push(Date.now() - started);
      }
      const target = page.locator('[data-slate-editor] [data-block]').nth(PARAGRAPHS / 2);
      await target.click();
      await page.keyboard.press('End');
      await page.evaluate(() => ((window as unknown as BenchWindow).latencies.length = 0));
      for (const character of TYPED.slice(0, KEYSTROKES)) {
        await page.keyboard.type(character);
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
      }
      latencies[checker] = await page.evaluate(() => (window as unknown as BenchWindow).latencies);
      await page.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
  report(
    `keystroke to paint, ${PARAGRAPHS} paragraphs, checker on`,
    latencies['on']!,
    latencies['off']!,
    'checker off',
  );
  console.log(`page open to first misspellings marked (checker on, 1 sample): ${checkerLoad[0]} ms`);
}

/** Runs the proofing benchmarks. */
export async function benchProofing(workdir: string): Promise<void> {
  await benchNode();
  await benchKeystrokes(workdir);
}
