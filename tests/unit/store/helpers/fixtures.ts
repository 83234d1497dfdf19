/** Shared test material: stories, throw-away store folders, child processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { STORY_SCHEMA_VERSION, emptyBody, type Story } from '../../../../shared/story/schema';

/** A valid Arabic story; `at` sets both times so list order can be controlled. */
export function makeStory(overrides: Partial<Story> = {}, at = new Date()): Story {
  const iso = at.toISOString();
  return {
    id: randomUUID(),
    schemaVersion: STORY_SCHEMA_VERSION,
    version: 1,
    language: 'ar',
    direction: 'rtl',
    headline: 'عنوان الخبر',
    subheadline: '',
    slugline: '',
    byline: 'مراسل',
    dateline: { place: 'القاهرة' },
    leadImage: null,
    body: emptyBody('ar').map((block) => ({ ...block, children: [{ text: 'نص الخبر بالعربية' }] })),
    tags: [],
    status: 'draft',
    createdAt: iso,
    updatedAt: iso,
    ...overrides,
  };
}

/** The next version of a story, as the story service would save it. */
export function bump(story: Story, headline = `${story.headline} +`): Story {
  return { ...story, headline, version: story.version + 1, updatedAt: new Date().toISOString() };
}

export async function tempFolder(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'mihbara-store-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

const helpersFolder = fileURLToPath(new URL('.', import.meta.url));
const projectRoot = resolve(helpersFolder, '../../../..');

/** Starts a helper script under tests/unit/store/helpers with tsx, as a real second process. */
export function spawnHelper(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(helpersFolder, script), ...args], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Collects a child's stdout lines and stderr text, and lets a test wait for a line. */
export function watchLines(child: ChildProcess) {
  const lines: string[] = [];
  let stderr = '';
  const waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return {
    lines,
    stderr: () => stderr,
    exited,
    /** resolves with the first line (seen from now on, or already seen) that passes `test` */
    waitFor(test: (line: string) => boolean): Promise<string> {
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolveLine, reject) => {
        waiters.push({ test, resolve: resolveLine });
        void exited.then(({ code, signal }) =>
          reject(new Error(`helper exited (${code ?? signal}) before the awaited line; stderr:\n${stderr}`)),
        );
      });
    },
  };
}
