/** Revisions (storage, listing, comparing, restoring) and backups (consistent, restorable, rotating). */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import * as tar from 'tar';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import {
  createBackup,
  restoreBackup,
  rotateBackup,
  writeBackupSettings,
} from '../../../electron/core/store/backup';
import { restoreRevision } from '../../../electron/core/store/history';
import { SNAPSHOT_EVERY, revisionRelative } from '../../../electron/core/store/revisions';
import { openStore } from '../../../electron/core/store/story-store';
import type { FolderStore } from '../../../electron/core/store/types';
import { verifyStore } from '../../../electron/core/store/verify';
import type { Story } from '../../../shared/story/schema';
import { arabicParagraphs } from '../../bench/generate';
import { bump, makeStory, tempFolder } from './helpers/fixtures';

let folder: { path: string; remove: () => Promise<void> };
let root: string;
let store: FolderStore;
beforeEach(async () => {
  folder = await tempFolder();
  root = join(folder.path, 'store');
  store = await openStore(root, { mode: 'write', create: true, actor: 'ياسين' });
});
afterEach(async () => {
  await store.close().catch(() => undefined);
  await folder.remove();
});

const size = async (id: string, version: number) =>
  (await stat(join(root, revisionRelative(id, version)))).size;

describe('revisions', () => {
  it('stores each change by its size, not the story’s, and rebuilds every version exactly', async () => {
    const story = makeStory({ body: arabicParagraphs(50) });
    const versions: Story[] = [await store.update(story.id, () => story)];
    for (let i = 1; i < 25; i++) {
      versions.push(
        await store.update(story.id, (current) => {
          const body = [...current!.body];
          body[i] = { ...body[i]!, children: [{ text: `فقرة معدلة رقم ${i}` }] };
          return { ...bump(current!), body };
        }),
      );
    }
    const snapshot = await size(story.id, 1);
    const deltas = [];
    for (let version = 2; version <= 25; version++) {
      if ((version - 1) % SNAPSHOT_EVERY !== 0) deltas.push(await size(story.id, version));
    }
    // A one-paragraph edit of a 50-paragraph story stores about one paragraph.
    expect(Math.max(...deltas)).toBeLessThan(snapshot / 10);
    for (const expected of versions)
      expect(await store.getRevision(story.id, expected.version)).toEqual(expected);

    const list = await store.listRevisions(story.id);
    expect(list.map((r) => r.version)).toEqual(versions.map((v) => v.version));
    expect(list[0]).toMatchObject({ actor: 'ياسين', change: { created: true }, kind: 'snapshot' });
    expect(list[1]).toMatchObject({
      change: { fields: ['headline', 'body'], blocksAdded: 1, blocksRemoved: 1 },
      kind: 'delta',
    });
    expect(list.filter((r) => r.kind === 'snapshot').map((r) => r.version)).toEqual([1, 11, 21]);
  });

  it('compares two versions and restores an old one as a new revision, rewriting nothing', async () => {
    const story = makeStory({ headline: 'الأصل' });
    await store.update(story.id, () => story);
    await store.update(story.id, (current) => ({
      ...bump(current!, 'تعديل'),
      body: [{ ...current!.body[0]!, children: [{ text: 'نص جديد تماما' }] }],
    }));
    const comparison = await store.compareRevisions(story.id, 1, 2);
    expect(comparison.fields).toEqual([{ field: 'headline', before: 'الأصل', after: 'تعديل' }]);
    expect(
      comparison.body
        .filter((part) => part.added)
        .map((part) => part.value)
        .join(''),
    ).toContain('جديد');

    const before = await Promise.all([1, 2].map((v) => readFile(join(root, revisionRelative(story.id, v)))));
    const restored = await restoreRevision(store, story.id, 1, { baseVersion: 2, actor: 'رئيس التحرير' });
    expect(restored).toMatchObject({ version: 3, headline: 'الأصل', body: story.body });
    expect((await store.listRevisions(story.id)).at(-1)).toMatchObject({
      version: 3,
      restoredFrom: 1,
      actor: 'رئيس التحرير',
    });
    expect(await Promise.all([1, 2].map((v) => readFile(join(root, revisionRelative(story.id, v)))))).toEqual(
      before,
    );
    await expect(restoreRevision(store, story.id, 1, { baseVersion: 2 })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('backup and restore', () => {
  async function seed(count: number): Promise<Story[]> {
    const stories: Story[] = [];
    for (let i = 0; i < count; i++) {
      const story = makeStory({ headline: `خبر ${i}` });
      stories.push(await store.update(story.id, () => story));
    }
    return stories;
  }

  it('restore compares the manifest counts with what came out: an archive missing one file is refused', async () => {
    await seed(3);
    const archive = join(folder.path, 'backup.tar.gz');
    await createBackup(root, archive, { store });
    const unpacked = join(folder.path, 'unpacked');
    await mkdir(unpacked);
    await tar.x({ file: archive, cwd: unpacked });
    const revisions = join(unpacked, 'revisions');
    const first = (await readdir(revisions))[0]!;
    const lost = (await readdir(join(revisions, first)))[0]!;
    await rm(join(revisions, first, lost));
    const names = await readdir(unpacked);
    const short = join(folder.path, 'short.tar.gz');
    await tar.c({ gzip: true, cwd: unpacked, file: short }, names);
    const target = join(folder.path, 'restored-short');
    await expect(restoreBackup(short, target)).rejects.toMatchObject({
      code: 'store-damaged',
      message: expect.stringMatching(/is incomplete/),
    });
    expect(await readdir(target)).toEqual([]);
  });

  it('archives a consistent snapshot while saves keep coming, and restores it into an empty folder', async () => {
    const stories = await seed(40);
    // Media files are named by their content (verify checks the name against the bytes).
    const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const photoName = `${createHash('sha256').update(photo).digest('hex')}.png`;
    await writeFile(join(root, 'media', photoName), photo);
    let saving = true;
    const saves = (async () => {
      for (let i = 0; saving; i++) {
        await store.update(stories[i % stories.length]!.id, (current) => bump(current!, `أثناء النسخ ${i}`));
      }
    })();
    const archive = join(folder.path, 'backup.tar.gz');
    const phases = new Set<string>();
    const manifest = await createBackup(root, archive, { store, onProgress: (p) => phases.add(p.phase) });
    saving = false;
    await saves;
    expect(manifest).toMatchObject({ stories: 40, storeFormat: 2 });
    expect([...phases]).toEqual(['snapshot', 'archive']);

    const target = join(folder.path, 'restored');
    const { report } = await restoreBackup(archive, target);
    expect(report.problems).toEqual([]);
    // Only store content travels: no lock, no staging folder, no backups of backups.
    expect((await readdir(target)).sort()).toEqual(
      ['index.journal', 'index.json', 'media', 'mihbara-store.json', 'revisions', 'stories'].sort(),
    );
    const restored = await openStore(target, { mode: 'write' });
    try {
      expect(await restored.count()).toBe(40);
      // Every restored story matches its last revision: no save was half in the snapshot.
      for (const summary of restored.list()) {
        expect((await restored.listRevisions(summary.id)).at(-1)?.version).toBe(summary.version);
      }
      expect(await readFile(join(target, 'media', photoName))).toHaveLength(4);
    } finally {
      await restored.close();
    }
    await expect(restoreBackup(archive, target)).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('cancels a backup and leaves no archive behind', async () => {
    await seed(5);
    const controller = new AbortController();
    const archive = join(folder.path, 'cancelled.tar.gz');
    const running = createBackup(root, archive, {
      store,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(running).rejects.toThrow();
    expect((await readdir(folder.path)).filter((name) => name.startsWith('cancelled'))).toEqual([]);
    expect((await readdir(root)).filter((name) => name.startsWith('.backup-'))).toEqual([]);
  });

  it('keeps only the configured number of automatic backups', async () => {
    await seed(3);
    await writeBackupSettings(root, { keep: 2 });
    const made = [];
    for (const day of [1, 2, 3]) {
      made.push((await rotateBackup(store, { now: new Date(Date.UTC(2026, 0, day)) })).file);
    }
    const kept = await readdir(join(root, 'backups'));
    expect(kept.sort()).toEqual(
      made
        .slice(1)
        .map((file) => file.split('/').at(-1))
        .sort(),
    );
    // Backups are not backed up: the archive holds no backups folder.
    expect((await verifyStore(root)).problems).toEqual([]);
  });

  it('backs up and restores from the command line while the app holds the store', async () => {
    await seed(3);
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
    };
    const archive = join(folder.path, 'cli.tar.gz');
    expect(await runCli(['backup', '--store', root, '--out', archive], io)).toBe(0);
    expect(out.join('')).toContain('backed up 3 stories');
    // A write command beside the running app says the store is in use.
    expect(await runCli(['rebuild-index', '--store', root], io)).toBe(1);
    expect(err.join('')).toContain('in use by another process');
    const target = join(folder.path, 'from-cli');
    expect(await runCli(['restore', '--from', archive, '--store', target], io)).toBe(0);
    expect(await runCli(['verify', '--store', target], io)).toBe(0);
    expect(await runCli(['restore', '--from', archive, '--store', target], io)).toBe(1);
    expect(err.join('')).toContain('needs an empty folder');
  });
});
