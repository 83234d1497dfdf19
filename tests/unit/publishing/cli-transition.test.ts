/**
 * `transition ID publish` on the command line delivers exactly like `publish` and the app: the
 * folder channel gets the page, unpublish withdraws it, and a missing folder refuses the
 * publication so the story stays approved.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoryService } from '../../../electron/core/stories/service';
import { openStore } from '../../../electron/core/store/story-store';
import { cli } from '../cli/helpers/cli';
import { sampleStory, tempDir } from './helpers';

let dir: Awaited<ReturnType<typeof tempDir>>;
let storeDir: string;
let site: string;

async function draft(): Promise<string> {
  const store = await openStore(storeDir, { mode: 'write', create: true });
  try {
    const {
      id: _i,
      version: _v,
      schemaVersion: _s,
      createdAt: _c,
      updatedAt: _u,
      ...rest
    } = sampleStory({
      // the checklist wants a lead image with its credit before a story may be submitted
      leadImage: { file: `${'e'.repeat(64)}.jpg`, caption: 'المجلس', credit: 'رويترز', altText: 'صورة' },
    });
    return (await createStoryService(store).adopt({ ...rest, status: 'draft' })).id;
  } finally {
    await store.close();
  }
}

async function approve(id: string): Promise<void> {
  for (const action of ['submit', 'approve']) {
    const run = await cli('transition', '--store', storeDir, id, action, '--as', 'admin');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }
}

async function status(id: string): Promise<string> {
  const store = await openStore(storeDir, { mode: 'read' });
  try {
    return (await store.get(id)).status;
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = await tempDir('mihbara-transition-');
  storeDir = join(dir.path, 'store');
  site = join(dir.path, 'site');
  await mkdir(site);
  await openStore(storeDir, { mode: 'write', create: true }).then((store) => store.close());
  await mkdir(join(storeDir, 'publishing'), { recursive: true });
  await writeFile(
    join(storeDir, 'publishing/channels.json'),
    JSON.stringify([
      {
        id: 'website',
        name: 'website',
        kind: 'folder',
        enabled: true,
        internal: false,
        folder: { path: site, baseUrl: 'https://news.example/', siteTitle: 'Mihbara' },
      },
    ]),
  );
});
afterAll(() => dir.remove());

describe('transition on the command line', () => {
  it('delivers a publication to the folder channel and withdraws it on unpublish', async () => {
    const id = await draft();
    await approve(id);
    const published = await cli('transition', '--store', storeDir, id, 'publish', '--as', 'admin');
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(/is now published \(version \d+\)\n {2}website: delivered\n/);
    expect(await readFile(join(site, `stories/${id}.html`), 'utf8')).toContain('dir="rtl"');
    expect(await readFile(join(site, 'feed.xml'), 'utf8')).toContain(id);

    const withdrawn = await cli(
      'transition',
      '--store',
      storeDir,
      id,
      'unpublish',
      '--as',
      'admin',
      '--note',
      'سحب للمراجعة',
    );
    expect(withdrawn.code).toBe(0);
    expect(withdrawn.stdout).toMatch(/is now unpublished .*\n {2}website: delivered\n/);
    expect(existsSync(join(site, `stories/${id}.html`))).toBe(false);

    const history = await cli('history', '--store', storeDir, id);
    expect(history.stdout).toMatch(/delivery .*event=publish .*status=delivered/);
    expect(history.stdout).toMatch(/delivery .*event=withdraw .*status=delivered/);
  });

  it('refuses a publication when the channel folder is missing, and the story stays approved', async () => {
    const id = await draft();
    await approve(id);
    await rm(site, { recursive: true });
    try {
      const run = await cli('transition', '--store', storeDir, id, 'publish', '--as', 'admin');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/publish refused: .*does not exist/);
      expect(await status(id)).toBe('approved');
    } finally {
      await mkdir(site);
    }
  });
});
