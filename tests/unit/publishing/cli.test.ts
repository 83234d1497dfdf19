/**
 * The command line: `publish --as USER` goes through the workflow's permission checks and writes
 * the folder channel; `export --format newsml|pdf`; `ingest` takes wire files and refuses bad ones.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../electron/core/publishing/pdf';
import { createStoryService } from '../../../electron/core/stories/service';
import { openStore } from '../../../electron/core/store/story-store';
import { storyToNinjs } from '../../../shared/format/ninjs';
import { cli } from '../cli/helpers/cli';
import { sampleStory, tempDir, xmllintSchema } from './helpers';

let editor: string;
let dir: Awaited<ReturnType<typeof tempDir>>;
let storeDir: string;
let site: string;
let id: string;

beforeAll(async () => {
  dir = await tempDir('mihbara-pubcli-');
  storeDir = join(dir.path, 'store');
  site = join(dir.path, 'site');
  await mkdir(site);
  const store = await openStore(storeDir, { mode: 'write', create: true });
  const {
    id: _i,
    version: _v,
    schemaVersion: _s,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = sampleStory({
    leadImage: { file: `${'e'.repeat(64)}.jpg`, caption: 'المجلس', credit: 'رويترز', altText: 'صورة' },
  });
  id = (await createStoryService(store).adopt({ ...rest, status: 'draft' })).id;
  await store.close();
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
  const added = await cli('user', 'add', '--store', storeDir, 'سارة', '--role', 'editor', '--latin', 'Sara');
  expect(added.code).toBe(0);
  editor = /as ([a-z0-9-]+)/.exec(added.stdout)![1]!;
});
afterAll(() => dir.remove());

describe('publishing on the command line', () => {
  it('refuses publish for a role without the right and for a story not yet approved', async () => {
    const early = await cli('publish', '--store', storeDir, id, '--as', 'admin');
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/publish refused/);
    for (const action of ['submit', 'approve']) {
      expect((await cli('transition', '--store', storeDir, id, action, '--as', 'admin')).code).toBe(0);
    }
    const asEditor = await cli('publish', '--store', storeDir, id, '--as', editor);
    expect(asEditor.code).toBe(1);
    expect(asEditor.stderr).toMatch(/publish refused/);
  });

  it('publishes an approved story to the folder channel', async () => {
    const run = await cli('publish', '--store', storeDir, id, '--as', 'admin');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/published .* \(version \d+, published\)\n {2}website: delivered/);
    expect(await readFile(join(site, `stories/${id}.html`), 'utf8')).toContain('dir="rtl"');
  });

  it('exports NewsML-G2 that validates, and a PDF', async () => {
    const out = join(dir.path, 'story.xml');
    expect((await cli('export', '--store', storeDir, id, '--format', 'newsml', '--out', out)).code).toBe(0);
    expect(xmllintSchema(out)).toBe('');
    if (!findChromium()) return;
    const pdf = join(dir.path, 'story.pdf');
    const run = await cli('export', '--store', storeDir, id, '--format', 'pdf', '--out', pdf);
    expect(run.stderr).toBe('');
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Pages:\s+1/);
  }, 60_000);

  it('ingests wire files, ignores a duplicate, and rejects a bad one with its code and reason', async () => {
    const good = join(dir.path, 'wire.json');
    const bad = join(dir.path, 'bad.xml');
    await writeFile(good, JSON.stringify(storyToNinjs(sampleStory({ id: 'wire-story-0001' }))));
    await writeFile(bad, '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    const run = await cli('ingest', '--store', storeDir, good, good, bad);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/queued .*wire\.json/);
    expect(run.stdout).toMatch(/ignored .*already in the queue/);
    expect(run.stderr).toMatch(/rejected .*bad\.xml: \[xml-external-entity\] .*XXE/);
  });
});
