/** Shared helpers for the command-line tests: run commands in-process, temp folders, ninjs files. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DomUtils, parseDocument } from 'htmlparser2';
import { runCli } from '../../../../electron/cli/run';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one command line in this process and captures what it printed. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

export async function tempFolder(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'mihbara-cli-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

const here = fileURLToPath(new URL('.', import.meta.url));
export const projectRoot = resolve(here, '../../../..');

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(projectRoot, 'tests/fixtures', name), 'utf8')) as T;
}

/** One block of tests/fixtures/articles-ar.json. */
export type FixtureBlock =
  | { type: 'paragraph' | 'heading' | 'quote'; text: string }
  | { type: 'list'; ordered: boolean; items: string[] };

export interface FixtureArticle {
  key: string;
  language?: string;
  headline: string;
  subheadline?: string | null;
  byline?: string | null;
  dateline?: string | null;
  body: (FixtureBlock | string)[];
  tags?: string[];
}

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The fixture's blocks as HTML, the way an agency feed would carry them. */
export function fixtureHtml(article: FixtureArticle): string {
  return article.body
    .map((block) => {
      if (typeof block === 'string') return `<p>${escape(block)}</p>`;
      switch (block.type) {
        case 'heading':
          return `<h2>${escape(block.text)}</h2>`;
        case 'quote':
          return `<blockquote><p>${escape(block.text)}</p></blockquote>`;
        case 'list': {
          const tag = block.ordered ? 'ol' : 'ul';
          return `<${tag}>${block.items.map((item) => `<li>${escape(item)}</li>`).join('')}</${tag}>`;
        }
        default:
          return `<p>${escape(block.text)}</p>`;
      }
    })
    .join('\n');
}

/** Text of each fixture block (list items one by one), whitespace-normalized. */
export function fixtureTexts(article: FixtureArticle): string[] {
  return article.body
    .flatMap((block) =>
      typeof block === 'string' ? [block] : block.type === 'list' ? block.items : [block.text],
    )
    .map(normalize);
}

export const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

const TEXT_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'li']);

/** Text of each innermost text block of an HTML fragment, in order, whitespace-normalized. */
export function htmlBlockTexts(html: string): string[] {
  const texts: string[] = [];
  const walk = (nodes: ReturnType<typeof parseDocument>['children']): void => {
    for (const node of nodes) {
      if (!('attribs' in node)) continue;
      const hasBlockChild = node.children.some(
        (child) => 'attribs' in child && (TEXT_BLOCKS.has(child.name) || ['ul', 'ol'].includes(child.name)),
      );
      if (TEXT_BLOCKS.has(node.name) && !hasBlockChild) texts.push(normalize(DomUtils.textContent(node)));
      else walk(node.children);
    }
  };
  walk(parseDocument(html).children);
  return texts;
}

/** A ninjs 3.1 file for a fixture article: headline, byline, language and an HTML body. */
export function fixtureNinjs(article: FixtureArticle): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    uri: `urn:example:fixture:${article.key}`,
    type: 'text',
    language: article.language ?? 'ar',
    headlines: [
      { role: 'main', value: article.headline },
      ...(article.subheadline ? [{ role: 'sub', value: article.subheadline }] : []),
    ],
    bodies: [{ role: 'main', contentType: 'text/html', value: fixtureHtml(article) }],
  };
  if (article.byline) doc.by = article.byline;
  if (article.dateline) doc.located = article.dateline;
  if (article.tags?.length) doc.subjects = article.tags.map((name) => ({ name }));
  return doc;
}

export async function writeJson(path: string, value: unknown): Promise<string> {
  await writeFile(path, JSON.stringify(value, null, 2), 'utf8');
  return path;
}

/** Starts tests/unit/cli/helpers/<script> under tsx as a real second process. */
export function spawnHelper(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(here, script), ...args], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Resolves with the first stdout line `test` accepts; rejects if the process ends first. */
export function waitForLine(child: ChildProcess, test: (line: string) => boolean): Promise<string> {
  return new Promise((resolveLine, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (test(line)) resolveLine(line);
    });
    child.once('exit', (code) => reject(new Error(`helper exited (${code}) before the line: ${stderr}`)));
  });
}

/** Resolves with the exit code once the process has ended. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
}
