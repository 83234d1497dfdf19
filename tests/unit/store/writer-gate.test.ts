/**
 * One writer gate: every write into a store is checked against the writer lock at the moment of
 * writing. A process that lost the lock (frozen past its staleness while another took over) and a
 * process that opened the store read-only write nothing (users, settings, media, stories, the
 * search index, backups into the store) and say so.
 */
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSearchService } from '../../../electron/core/search/service';
import { createSettingsService } from '../../../electron/core/settings/settings';
import { createBackup } from '../../../electron/core/store/backup';
import { createMediaStore } from '../../../electron/core/store/media';
import { openStore } from '../../../electron/core/store/story-store';
import { createWorkflow } from '../../../electron/core/workflow';
import { makeStory, tempFolder } from './helpers/fixtures';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let folder: { path: string; remove: () => Promise<void> };
let root: string;
beforeEach(async () => {
  folder = await tempFolder();
  root = join(folder.path, 'store');
});
afterEach(() => folder.remove());

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'written',
    (error: { code?: string }) => error.code ?? String(error),
  );

/** What another process does when it takes over a lock gone stale: a new lock folder, its own record. */
async function takeOver(): Promise<void> {
  await rename(join(root, 'writer.lock'), join(folder.path, 'old-lock'));
  await mkdir(join(root, 'writer.lock'));
  const record = {
    schemaVersion: 1,
    pid: process.pid + 100_000,
    host: hostname(),
    since: new Date().toISOString(),
    lockIno: (await stat(join(root, 'writer.lock'))).ino,
  };
  await writeFile(join(root, 'writer.lock.owner.json'), JSON.stringify(record));
}

describe('writer gate', () => {
  it('a process whose lock was taken over writes nothing, and leaves the new holder its lock', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const store = await openStore(root, { mode: 'write', create: true });
    const workflow = createWorkflow(store);
    const story = makeStory();
    await store.update(story.id, () => story);
    await workflow.service.users.add({ name: 'ليلى حسن', latinName: 'Layla Hassan', role: 'editor' });
    const users = await readFile(join(root, 'workflow', 'users.json'), 'utf8');

    await takeOver();
    // Its refresh timer has not noticed yet: the check at write time must.
    const attempts = {
      user: codeOf(workflow.service.users.add({ name: 'سلمى', latinName: 'Salma', role: 'editor' })),
      settings: codeOf(
        createSettingsService(store)
          .getSettings()
          .then((s) => createSettingsService(store).saveSettings(s)),
      ),
      media: codeOf(createMediaStore(root).add(PNG, 'a.png')),
      story: codeOf(store.update(story.id, (s) => ({ ...s!, headline: 'بعد فقدان القفل' }))),
      backup: codeOf(createBackup(root, join(root, 'backups', 'b.tar.gz'))),
    };
    for (const [what, code] of Object.entries(attempts)) expect(await code, what).toBe('store-locked');
    expect(await readFile(join(root, 'workflow', 'users.json'), 'utf8')).toBe(users);
    expect(await readdir(join(root, 'media'))).toEqual([]);
    expect((await store.get(story.id)).version).toBe(1);

    await store.close();
    // Closing did not remove the lock of the process that took over.
    expect((await readdir(root)).filter((name) => name.startsWith('writer.lock'))).toHaveLength(2);
    log.mockRestore();
  });

  it('a read-only process writes nothing: media, backups into the store, a search-index rebuild', async () => {
    const writer = await openStore(root, { mode: 'write', create: true });
    const story = makeStory();
    await writer.update(story.id, () => story);
    await writer.close();
    const before = (await readdir(root)).sort();

    const reader = await openStore(root, { mode: 'read' });
    const search = createSearchService(reader);
    try {
      expect(await codeOf(createMediaStore(root).add(PNG, 'a.png'))).toBe('store-locked');
      expect(await codeOf(createBackup(root, join(root, 'backups', 'b.tar.gz')))).toBe('store-locked');
      expect(await codeOf(search.rebuild())).toBe('store-locked');
      // Even a service told it may write (a wrong flag) is stopped by the gate.
      const settings = createSettingsService({ ...reader, mode: 'write' });
      expect(await codeOf(settings.saveSettings(await settings.getSettings()))).toBe('store-locked');
      const refused = await createMediaStore(root)
        .add(PNG, 'a.png')
        .catch((error: Error) => error.message);
      expect(refused).toMatch(/read-only.*nothing was written/);
    } finally {
      await search.close();
      await reader.close();
    }
    expect((await readdir(root)).sort()).toEqual(before);
    expect(await readdir(join(root, 'media'))).toEqual([]);
  });
});
