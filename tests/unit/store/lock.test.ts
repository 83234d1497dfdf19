import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/story-store';
import { spawnHelper, tempFolder, watchLines } from './helpers/fixtures';

let folder: { path: string; remove: () => Promise<void> };
let root: string;
beforeEach(async () => {
  folder = await tempFolder();
  root = join(folder.path, 'store');
});
afterEach(() => folder.remove());

describe('writer lock', () => {
  it('keeps a second process out while one holds the store, and frees it on exit', async () => {
    const child = spawnHelper('hold-store.ts', [root, '5']);
    const output = watchLines(child);
    try {
      await output.waitFor((line) => line === 'ready');
      const saved = output.lines
        .filter((line) => line.startsWith('saved '))
        .map((line) => line.split(' ')[1]);
      expect(saved).toHaveLength(5);

      const refused = await openStore(root, { mode: 'write' }).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'store-locked', message: expect.stringContaining('in use') });
      expect((refused as Error).message).toContain(root);

      // Reading needs no lock and works beside the writer.
      const reader = await openStore(root, { mode: 'read' });
      expect(await reader.count()).toBe(5);
      await reader.close();

      child.stdin!.end('close\n');
      expect(await output.exited).toEqual({ code: 0, signal: null });
      expect(await readdir(root)).not.toContain('writer.lock');

      const store = await openStore(root, { mode: 'write' });
      try {
        expect(new Set(store.list().map((s) => s.id))).toEqual(new Set(saved));
        for (const id of saved) expect((await store.get(id!)).version).toBe(1);
      } finally {
        await store.close();
      }
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a second writer in the same process until the first closes', async () => {
    const first = await openStore(root, { mode: 'write', create: true });
    await expect(openStore(root, { mode: 'write' })).rejects.toMatchObject({
      code: 'store-locked',
      message: expect.stringContaining('in use'),
    });
    await first.close();
    const second = await openStore(root, { mode: 'write' });
    await second.close();
  });
});
