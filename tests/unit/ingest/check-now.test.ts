/**
 * "Check now" on the watched folder: through the API, a look at the folder counts the files
 * taken, skipped as duplicates and refused, reports its progress while it runs, can be stopped
 * between two files (the rest wait for the next look), and is refused with a reason code when no
 * folder is watched. It never overlaps the watcher's own looks.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Dispatch } from '../../../electron/core/api/dispatch';
import { type IngestService } from '../../../electron/core/ingest/service';
import { openStore } from '../../../electron/core/store/story-store';
import type { StoryStore } from '../../../electron/core/store/types';
import type { IncomingScan } from '../../../shared/publishing/contract';
import { storyToNinjs } from '../../../shared/format/ninjs';
import { sampleStory, tempDir } from '../publishing/helpers';
import { workstationOn } from '../helpers/workstation';
import { silentLogger } from '../../../electron/core/log';
import { argumentPlaces } from '../../../electron/core/places';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: StoryStore;
let ingest: IngestService;
let dispatch: Dispatch;
let wire: string;

beforeEach(async () => {
  dir = await tempDir('mihbara-check-now-');
  store = await openStore(join(dir.path, 'store'), { mode: 'write', create: true });
  // A long poll: only "check now" looks at the folder during a test.
  const workstation = await workstationOn(
    store,
    { watchIntervalMs: 3_600_000 },
    silentLogger,
    argumentPlaces,
  );
  ingest = workstation.services.ingest;
  dispatch = workstation.dispatch;
  wire = join(dir.path, 'wire');
  await mkdir(wire);
});
afterEach(async () => {
  await ingest.stop();
  await store.close();
  await dir.remove();
});

const ninjs = (id: string) => JSON.stringify(storyToNinjs(sampleStory({ id: `wire-story-${id}` })));
const call = async <T>(operation: Parameters<Dispatch>[0], payload: unknown = {}): Promise<T> => {
  const result = await dispatch(operation, payload);
  if (!result.ok) throw new Error(`${operation}: ${JSON.stringify(result.error)}`);
  return result.value as T;
};
const settled = async (): Promise<IncomingScan> => {
  let scan: IncomingScan | null = null;
  await expect
    .poll(
      async () => {
        scan = await call<IncomingScan | null>('getIncomingScan');
        return scan?.state;
      },
      { timeout: 20_000 },
    )
    .not.toBe('running');
  return scan!;
};

describe('check the watched folder now', () => {
  it('is refused with a reason while no folder is watched', async () => {
    const result = await dispatch('checkIncomingWatch', {});
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', issues: [{ path: 'reason', message: 'ingest-no-folder' }] },
    });
    expect(await call('getIncomingScan')).toBeNull();
  });

  it('counts the files taken, skipped as duplicates and refused', async () => {
    await writeFile(join(wire, 'a.json'), ninjs('wire-a'));
    await writeFile(join(wire, 'b.json'), ninjs('wire-b'));
    await writeFile(join(wire, 'b-again.json'), ninjs('wire-b'));
    await writeFile(
      join(wire, 'bad.xml'),
      '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    );
    await writeFile(join(wire, 'empty.json'), '');
    await call('setIncomingWatch', { folder: wire });

    const first = await call<IncomingScan>('checkIncomingWatch');
    expect(first).toMatchObject({ state: 'running', folder: wire });
    const done = await settled();
    expect(done).toMatchObject({
      id: first.id,
      state: 'done',
      total: 5,
      done: 5,
      taken: 2,
      duplicates: 1,
      refused: 2,
    });
    expect(done.finishedAt).toBeDefined();
    expect((await readdir(join(wire, 'processed'))).sort()).toEqual(['a.json', 'b-again.json', 'b.json']);
    expect((await readdir(join(wire, 'rejected'))).filter((n) => !n.endsWith('.reason.txt')).sort()).toEqual([
      'bad.xml',
      'empty.json',
    ]);
    const listed = await call<{ items: unknown[]; rejected: Array<{ code?: string }> }>('listIncoming');
    expect(listed.items).toHaveLength(2);
    expect(listed.rejected.map((r) => r.code).sort()).toEqual(['empty', 'xml-external-entity']);

    // Nothing new: a second look finds nothing.
    await call('checkIncomingWatch');
    expect(await settled()).toMatchObject({ state: 'done', total: 0, taken: 0 });
  });

  it('shows its progress and stops between two files when cancelled', async () => {
    for (let i = 0; i < 60; i += 1)
      await writeFile(join(wire, `item-${String(i).padStart(2, '0')}.json`), ninjs(`wire-${i}`));
    await call('setIncomingWatch', { folder: wire });
    await call('checkIncomingWatch');
    // Progress is visible while it runs…
    await expect
      .poll(async () => (await call<IncomingScan>('getIncomingScan')).done, { interval: 5 })
      .toBeGreaterThan(0);
    const during = await call<IncomingScan>('cancelIncomingScan');
    expect(during.total).toBe(60);
    const stopped = await settled();
    expect(stopped.state).toBe('cancelled');
    expect(stopped.done).toBeLessThan(60);
    expect(stopped.taken).toBe(stopped.done);
    // …and what it did not reach is still in the folder, for the next look.
    const left = (await readdir(wire)).filter((n) => n.endsWith('.json'));
    expect(left).toHaveLength(60 - stopped.done);
    await call('checkIncomingWatch');
    expect(await settled()).toMatchObject({ state: 'done', taken: 60 - stopped.done });
  });

  it('does not overlap the watcher: a look asked for while it scans runs after it', async () => {
    for (let i = 0; i < 30; i += 1) await writeFile(join(wire, `w-${i}.json`), ninjs(`watch-${i}`));
    await call('setIncomingWatch', { folder: wire });
    await ingest.start(); // the watcher looks at once
    await call('checkIncomingWatch');
    const done = await settled();
    // Every file was taken once, by one look or the other; none twice, none refused as missing.
    expect(done.refused).toBe(0);
    const listed = await call<{ items: unknown[]; rejected: unknown[] }>('listIncoming');
    expect(listed.items).toHaveLength(30);
    expect(listed.rejected).toHaveLength(0);
    expect((await readdir(join(wire, 'processed'))).length).toBe(30);
  });
});
