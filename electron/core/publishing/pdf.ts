/**
 * A story as a print-ready PDF outside the app (the command line): the story page, with its
 * print stylesheet, printed by a headless Chromium. Inside the app, printing the published page
 * uses the same print stylesheet.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The Chromium to print with: `CHROMIUM_PATH`, else a usual install place. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Prints `html` to `outFile` as PDF; rejects with a plain reason. */
export async function printHtmlToPdf(html: string, outFile: string, timeoutMs = 60_000): Promise<void> {
  const chromium = findChromium();
  if (!chromium) throw new Error('no Chromium or Chrome was found to print with (set CHROMIUM_PATH)');
  const folder = await mkdtemp(join(tmpdir(), 'mihbara-print-'));
  try {
    const page = join(folder, 'story.html');
    await writeFile(page, html, 'utf8');
    await new Promise<void>((resolve, reject) => {
      execFile(
        chromium,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--no-pdf-header-footer',
          `--user-data-dir=${join(folder, 'profile')}`,
          `--print-to-pdf=${outFile}`,
          pathToFileURL(page).href,
        ],
        { timeout: timeoutMs },
        (error) =>
          error ? reject(new Error(`Chromium could not print the story: ${error.message}`)) : resolve(),
      );
    });
    const info = await stat(outFile).catch(() => undefined);
    if (!info?.size) throw new Error('Chromium wrote no PDF');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
