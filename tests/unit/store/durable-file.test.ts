import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DamagedFileError,
  DurableJsonFile,
  defaultDurableFs,
  type DurableFs,
} from '../../../electron/core/store/durable-file';
import { tempFolder } from './helpers/fixtures';

const fsError = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

let folder: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.remove());

const leftovers = async () => (await readdir(folder.path)).filter((name) => name.endsWith('.tmp'));

describe('DurableJsonFile', () => {
  it('round-trips data through lowdb, Arabic text included', async () => {
    const file = join(folder.path, 'data.json');
    const db = new Low(new DurableJsonFile<{ items: string[] }>(file), { items: [] });
    await db.read();
    expect(db.data).toEqual({ items: [] });
    db.data.items.push('محبرة', 'خبر عاجل');
    await db.write();

    const again = new Low(new DurableJsonFile<{ items: string[] }>(file), { items: [] });
    await again.read();
    expect(again.data.items).toEqual(['محبرة', 'خبر عاجل']);
    expect(await leftovers()).toEqual([]);
  });

  it('writes compact JSON by default and indented JSON on request', async () => {
    await new DurableJsonFile(join(folder.path, 'a.json')).write({ a: [1] });
    await new DurableJsonFile(join(folder.path, 'b.json'), { indent: 2 }).write({ a: [1] });
    expect(await readFile(join(folder.path, 'a.json'), 'utf8')).toBe('{"a":[1]}\n');
    expect(await readFile(join(folder.path, 'b.json'), 'utf8')).toContain('\n  "a"');
  });

  it('reads a missing file as null', async () => {
    expect(await new DurableJsonFile(join(folder.path, 'nothing.json')).read()).toBeNull();
  });

  it('reports an unparseable file as a DamagedFileError naming it, never as null', async () => {
    const file = join(folder.path, 'broken.json');
    await writeFile(file, '{"items": ["محبرة"');
    const error = await new DurableJsonFile(file).read().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DamagedFileError);
    expect((error as DamagedFileError).file).toBe(file);
    expect((error as DamagedFileError).kind).toBe('truncated');
    expect((error as Error).message).toContain(file);
  });

  it('retries a rename refused with EPERM then EBUSY, and succeeds', async () => {
    const file = join(folder.path, 'data.json');
    await new DurableJsonFile(file).write({ v: 1 });
    const refusals = ['EPERM', 'EBUSY'];
    let attempts = 0;
    const fs: Partial<DurableFs> = {
      rename: async (from, to) => {
        attempts += 1;
        const code = refusals.shift();
        if (code) throw fsError(code);
        return defaultDurableFs.rename(from, to);
      },
    };
    await new DurableJsonFile(file, { fs, renameRetryDelayMs: 1 }).write({ v: 2 });
    expect(attempts).toBe(3);
    expect(await new DurableJsonFile(file).read()).toEqual({ v: 2 });
    expect(await leftovers()).toEqual([]);
  });

  it('gives up on a permanent EPERM with that error, keeping the old file and no temp file', async () => {
    const file = join(folder.path, 'data.json');
    await new DurableJsonFile(file).write({ v: 1 });
    let attempts = 0;
    const fs: Partial<DurableFs> = {
      rename: async () => {
        attempts += 1;
        throw fsError('EPERM');
      },
    };
    await expect(
      new DurableJsonFile(file, { fs, renameRetries: 3, renameRetryDelayMs: 1 }).write({ v: 2 }),
    ).rejects.toMatchObject({ code: 'EPERM' });
    expect(attempts).toBe(4);
    expect(await new DurableJsonFile(file).read()).toEqual({ v: 1 });
    expect(await leftovers()).toEqual([]);
  });

  it('does not retry errors that are not transient', async () => {
    let attempts = 0;
    const fs: Partial<DurableFs> = {
      rename: async () => {
        attempts += 1;
        throw fsError('EXDEV');
      },
    };
    await expect(new DurableJsonFile(join(folder.path, 'x.json'), { fs }).write({})).rejects.toMatchObject({
      code: 'EXDEV',
    });
    expect(attempts).toBe(1);
    expect(await leftovers()).toEqual([]);
  });

  it('on ENOSPC mid-write keeps the previous file intact and frees the temp file', async () => {
    const file = join(folder.path, 'data.json');
    await new DurableJsonFile(file).write({ body: 'النسخة الأولى' });
    let partialWritten = false;
    const fs: Partial<DurableFs> = {
      open: async (path, flags) => {
        const handle = await defaultDurableFs.open(path, flags);
        if (flags !== 'wx') return handle;
        return {
          // Write part of the data for real, as a full disk does, then fail.
          writeFile: async (data) => {
            await handle.writeFile(String(data).slice(0, 5));
            partialWritten = (await leftovers()).length === 1;
            throw fsError('ENOSPC');
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        };
      },
    };
    await expect(
      new DurableJsonFile(file, { fs }).write({ body: 'النسخة الثانية'.repeat(100) }),
    ).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(partialWritten).toBe(true);
    expect(await new DurableJsonFile(file).read()).toEqual({ body: 'النسخة الأولى' });
    expect(await leftovers()).toEqual([]);
  });

  it('keeps concurrent writes in call order', async () => {
    const file = join(folder.path, 'data.json');
    const adapter = new DurableJsonFile<{ n: number }>(file);
    await Promise.all(Array.from({ length: 20 }, (_, n) => adapter.write({ n })));
    expect(await adapter.read()).toEqual({ n: 19 });
    expect(await leftovers()).toEqual([]);
  });
});
