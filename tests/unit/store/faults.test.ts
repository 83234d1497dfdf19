/**
 * Faults on real files: a full disk, Windows-style rename refusals, every kind of damaged
 * file, a migration killed half-way, a store from a newer Mihbara, a crashed lock holder.
 */
import { spawn } from 'node:child_process';
import { access, appendFile, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStoryService } from '../../../electron/core/stories/service';
import { type DurableFs, defaultDurableFs } from '../../../electron/core/store/durable-file';
import { restoreRecoveryDraft } from '../../../electron/core/store/history';
import { readQuarantineReport } from '../../../electron/core/store/quarantine';
import { revisionRelative } from '../../../electron/core/store/revisions';
import { openStore, openStoreForApp } from '../../../electron/core/store/story-store';
import type { LocalFolderStore as FolderStore } from '../../../electron/core/store/types';
import { verifyStore } from '../../../electron/core/store/verify';
import type { Story } from '../../../shared/story/schema';
import { bundleHelper } from './helpers/bundle';
import { bump, makeStory, spawnHelper, tempFolder, watchLines } from './helpers/fixtures';
import { writeFormat1Store } from './helpers/format1';

let folder: { path: string; remove: () => Promise<void> };
let root: string;
const opened: FolderStore[] = [];
beforeEach(async () => {
  folder = await tempFolder();
  root = join(folder.path, 'store');
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  await folder.remove();
});

async function open(options: Parameters<typeof openStore>[1] = { mode: 'write', create: true }) {
  const store = await openStore(root, options);
  opened.push(store);
  return store;
}

function failure(code: string): Error {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** Every file under the store with its bytes, to prove that a failed save changed nothing. */
async function snapshotFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (relative: string) => {
    for (const entry of await readdir(join(root, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (path !== 'writer.lock' && path !== 'recovery') await walk(path);
      } else if (path !== 'index.journal' && path !== 'writer.lock.owner.json') {
        files.set(path, (await readFile(join(root, path))).toString('base64'));
      }
    }
  };
  await walk('');
  return files;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('disk full (ENOSPC)', () => {
  it('reports disk-full, changes nothing, and keeps the draft for the next start', async () => {
    let diskFull = false;
    const fs: Partial<DurableFs> = {
      // The disk is full for every new file… except once the recovery reserve is given back.
      open: async (file, flags) => {
        if (flags === 'wx' && diskFull && (await exists(join(root, 'recovery', '.reserve')))) {
          throw failure('ENOSPC');
        }
        if (flags === 'wx' && diskFull && !file.includes('/recovery/')) throw failure('ENOSPC');
        return defaultDurableFs.open(file, flags);
      },
    };
    const store = await open({ mode: 'write', create: true, fs });
    const stories = createStoryService(store);
    const story = await stories.create('ar');
    const saved = await stories.save(story.id, story.version, { headline: 'العنوان المحفوظ' });
    const before = await snapshotFiles();
    const revisionsBefore = await store.listRevisions(story.id);

    diskFull = true;
    // The editor's debounced draft reaches the recovery journal (through the reserve)…
    const draft = { headline: 'العنوان الذي كتبه المحرر ولم يحفظ بعد' };
    await store.putRecoveryDraft(story.id, saved.version, draft);
    // …and the save fails as disk-full, leaving the store exactly as it was.
    await expect(stories.save(story.id, saved.version, draft)).rejects.toMatchObject({ code: 'disk-full' });
    expect(await snapshotFiles()).toEqual(before);
    expect(await store.listRevisions(story.id)).toEqual(revisionsBefore);
    expect((await store.get(story.id)).headline).toBe('العنوان المحفوظ');
    expect(store.list()[0]).toMatchObject({ id: story.id, version: saved.version });
    expect((await readdir(join(root, 'stories'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // The app is closed (or crashes); the next start offers the draft.
    await store.close();
    opened.splice(0);
    const again = await open({ mode: 'write' });
    expect(await again.listRecoveryDrafts()).toEqual([
      expect.objectContaining({ id: story.id, headline: draft.headline, currentVersion: saved.version }),
    ]);
    const restored = await restoreRecoveryDraft(again, story.id);
    expect(restored).toMatchObject({ headline: draft.headline, version: saved.version + 1 });
    expect(await again.listRecoveryDrafts()).toEqual([]);
    expect((await verifyStore(root)).problems).toEqual([]);
  });
});

describe('rename refused (EPERM / EBUSY, as on Windows)', () => {
  it('retries a busy rename and the save goes through', async () => {
    let refusals = 0;
    const fs: Partial<DurableFs> = {
      rename: async (from, to) => {
        if (to.includes('/stories/') && refusals < 3) {
          refusals += 1;
          throw failure(refusals % 2 ? 'EBUSY' : 'EPERM');
        }
        return defaultDurableFs.rename(from, to);
      },
    };
    const store = await open({ mode: 'write', create: true, fs });
    const story = makeStory();
    await store.update(story.id, () => story);
    expect(refusals).toBe(3);
    expect((await store.get(story.id)).headline).toBe(story.headline);
  });

  it('reports a rename refused for good, and loses nothing', async () => {
    let refuse = false;
    const fs: Partial<DurableFs> = {
      rename: async (from, to) => {
        if (refuse && to.includes('/stories/')) throw failure('EPERM');
        return defaultDurableFs.rename(from, to);
      },
    };
    const store = await open({ mode: 'write', create: true, fs });
    const story = makeStory();
    await store.update(story.id, () => story);
    const before = await snapshotFiles();
    refuse = true;
    await expect(store.update(story.id, (current) => bump(current!, 'لن يحفظ'))).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining('EPERM'),
    });
    // The revision written for the failed save is gone again; no temp file is left.
    expect(await snapshotFiles()).toEqual(before);
    refuse = false;
    expect((await store.update(story.id, (current) => bump(current!, 'حفظ'))).version).toBe(2);
    expect((await verifyStore(root)).problems).toEqual([]);
  });
});

describe('damaged files', () => {
  const DAMAGE: [string, (file: string) => Promise<void>][] = [
    ['empty', (file) => writeFile(file, '')],
    ['truncated', async (file) => truncate(file, Math.floor((await stat(file)).size / 2))],
    ['nul-filled', async (file) => writeFile(file, Buffer.alloc((await stat(file)).size))],
    [
      'not-utf8',
      async (file) =>
        writeFile(
          file,
          Buffer.concat([Buffer.from('{"headline":"'), Buffer.from([0xda, 0xe4, 0xe6]), Buffer.from('"}')]),
        ),
    ],
    ['invalid-json', (file) => writeFile(file, '{"id": nope}')],
    [
      'schema',
      async (file) =>
        writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), version: 0 })),
    ],
    [
      'id-mismatch',
      async (file) =>
        writeFile(
          file,
          JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), id: 'someone-elses-story' }),
        ),
    ],
  ];

  it.each(DAMAGE)(
    'a %s story file is quarantined, the story rebuilt from its revisions, the rest opens',
    async (kind, damage) => {
      const first = await open();
      const victim = makeStory();
      const bystander = makeStory();
      await first.update(victim.id, () => victim);
      const last = await first.update(victim.id, (current) => bump(current!, 'آخر نسخة محفوظة'));
      await first.update(bystander.id, () => bystander);
      await first.close();
      opened.splice(0);

      const file = join(root, 'stories', `${victim.id}.json`);
      await damage(file);
      const damagedBytes = await readFile(file);

      const store = await open({ mode: 'write' });
      expect(await store.count()).toBe(2);
      expect((await store.get(bystander.id)).headline).toBe(bystander.headline);
      // Reading the damaged story moves the file aside and brings back the last saved version.
      expect(await store.get(victim.id)).toEqual(last);
      const [entry] = await readQuarantineReport(root);
      expect(entry).toMatchObject({
        file: `stories/${victim.id}.json`,
        kind,
        action: 'rebuilt from revision 2',
      });
      expect(await readFile(join(root, entry!.movedTo))).toEqual(damagedBytes);
      expect(store.quarantined()).toHaveLength(1);
      expect((await verifyStore(root)).problems).toEqual([]);
    },
  );

  it('quarantines a damaged index, journal lines, revision and recovery draft, and repair fixes what it can', async () => {
    const first = await open();
    const a = makeStory();
    const b = makeStory();
    await first.update(a.id, () => a);
    await first.update(a.id, (current) => bump(current!));
    await first.update(b.id, () => b);
    await first.putRecoveryDraft(b.id, 1, { headline: 'مسودة' });
    await first.close();
    opened.splice(0);

    await writeFile(join(root, 'index.json'), Buffer.alloc(200));
    await appendFile(
      join(root, 'index.journal'),
      '{"op":"put","summary":{"id":"x"}}\n{"op":"begin","id":"' + a.id + '"}\n',
    );
    await writeFile(join(root, revisionRelative(b.id, 1)), '{"format":"mihbara-revision"');
    await writeFile(join(root, 'recovery', `${b.id}.json`), 'not json');

    const store = await open({ mode: 'write' });
    expect(
      store
        .list()
        .map((s) => s.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect(await store.listRecoveryDrafts()).toEqual([]);
    const repaired = await store.repair();
    expect(repaired).toMatchObject({ stories: 2, snapshotsAdded: 1 });
    const kinds = (await readQuarantineReport(root)).map(({ file, kind }) => `${file}:${kind}`).sort();
    expect(kinds).toEqual(
      [
        'index.journal:invalid-json',
        'index.json:nul-filled',
        `recovery/${b.id}.json:invalid-json`,
        `revisions/${b.id}/00000001.json:truncated`,
      ].sort(),
    );
    expect((await store.listRevisions(b.id)).map((r) => r.version)).toEqual([1]);
    expect((await verifyStore(root)).problems).toEqual([]);
  });

  it('a damaged story with no usable revision leaves the index and stays in quarantine', async () => {
    const first = await open();
    const story = makeStory();
    await first.update(story.id, () => story);
    await first.close();
    opened.splice(0);
    await writeFile(join(root, 'stories', `${story.id}.json`), '');
    await rm(join(root, 'revisions', story.id), { recursive: true });
    const store = await open({ mode: 'write' });
    await expect(store.get(story.id)).rejects.toMatchObject({ code: 'store-damaged' });
    expect(await store.has(story.id)).toBe(false);
    expect(await readQuarantineReport(root)).toEqual([
      expect.objectContaining({ file: `stories/${story.id}.json`, kind: 'empty' }),
    ]);
  });
});

describe('migrations', () => {
  let child: string;
  beforeAll(async () => {
    child = await bundleHelper('migrate-child.ts');
  });
  afterAll(() => rm(child, { force: true }));

  const stories = Array.from({ length: 240 }, (_, i) => makeStory({ headline: `خبر قديم ${i}` }));

  it.each([
    'prepare:50',
    'prepare:200',
    'swap:revisions',
    'swap:index.json',
    'swap:index.journal',
    'swap:mihbara-store.json',
  ])(
    'killed at %s: the next start completes it',
    async (point) => {
      await writeFormat1Store(root, stories);
      const run = spawn(process.execPath, [child, root, point], { stdio: ['ignore', 'pipe', 'pipe'] });
      const output = watchLines(run);
      expect(await output.exited, output.stderr()).toMatchObject({ signal: 'SIGKILL' });

      const store = await open({ mode: 'write', lockStaleMs: 2000, lockWaitMs: 10_000 });
      expect(JSON.parse(await readFile(join(root, 'mihbara-store.json'), 'utf8'))).toMatchObject({
        version: 2,
      });
      expect(await exists(join(root, '.migration'))).toBe(false);
      expect(await store.count()).toBe(stories.length);
      for (const story of [stories[0]!, stories[123]!, stories[239]!]) {
        expect(await store.get(story.id)).toEqual(story);
        expect((await store.listRevisions(story.id)).map((r) => r.version)).toEqual([1]);
      }
      expect((await verifyStore(root)).problems).toEqual([]);
    },
    30_000,
  );

  it('refuses a store written by a newer Mihbara and leaves it alone', async () => {
    const store = await open();
    const story = makeStory();
    await store.update(story.id, () => story);
    await store.close();
    opened.splice(0);
    const marker = join(root, 'mihbara-store.json');
    await writeFile(
      marker,
      JSON.stringify({ format: 'mihbara-store', version: 99, createdAt: '2030-01-01T00:00:00Z' }),
    );
    for (const mode of ['write', 'read'] as const) {
      await expect(openStore(root, { mode })).rejects.toMatchObject({
        code: 'invalid-request',
        message: expect.stringMatching(
          /format 99, written by a newer version of Mihbara.*will not downgrade/,
        ),
      });
    }
    expect(JSON.parse(await readFile(marker, 'utf8')).version).toBe(99);
    expect(await exists(join(root, 'writer.lock'))).toBe(false);
  });
});

describe('locking', () => {
  it('takes over at once the lock of a process killed with -9', async () => {
    const holder = spawnHelper('hold-store.ts', [root, '2']);
    const output = watchLines(holder);
    await output.waitFor((line) => line === 'ready');
    holder.kill('SIGKILL');
    await output.exited;
    // No waiting for the stale timeout (10 s by default): the holder is provably gone.
    const store = await open({ mode: 'write', lockWaitMs: 0 });
    expect(await store.count()).toBe(2);
  });

  it('a second app opens the store read-only and says so; saves are refused as store-locked', async () => {
    const holder = spawnHelper('hold-store.ts', [root, '1']);
    const output = watchLines(holder);
    try {
      await output.waitFor((line) => line === 'ready');
      const { store, readOnly } = await openStoreForApp(root);
      opened.push(store);
      expect(readOnly).toBe(true);
      expect(store.mode).toBe('read');
      expect(await store.count()).toBe(1);
      const [summary] = store.list();
      await expect(store.update(summary!.id, (current) => bump(current as Story))).rejects.toMatchObject({
        code: 'store-locked',
        message: expect.stringContaining('read-only'),
      });
    } finally {
      holder.stdin!.end('close\n');
      await output.exited;
    }
  });
});
