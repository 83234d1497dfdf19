/**
 * Closing the bridge (or the app) stops its background work: the outbox's retry timer, the
 * watched folder's poll and the scheduler. The bridge is started as `npm run web` starts it
 * (the composition root with background work), closed, and every interval its workstation
 * started must be cleared, and no server left listening.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBridge } from '../../../electron/bridge/start';
import { silentLogger } from '../../../electron/core/log';
import { createIngestService } from '../../../electron/core/ingest/service';
import { stopBackgroundWork } from '../../../electron/core/publishing/background';
import { createStoryService } from '../../../electron/core/stories/service';
import { openStore } from '../../../electron/core/store/story-store';
import { tempDir } from './helpers';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('mihbara-background-');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dir.remove();
});

const servers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;

describe('closing the bridge', () => {
  it('leaves no interval of the outbox, the watched folder or the scheduler running', async () => {
    const intervals: Array<ReturnType<typeof setInterval>> = [];
    const realSetInterval = globalThis.setInterval;
    vi.spyOn(globalThis, 'setInterval').mockImplementation(((handler: () => void, ms?: number) => {
      const timer = realSetInterval(handler, ms);
      intervals.push(timer);
      return timer;
    }) as typeof setInterval);
    const listeningBefore = servers();

    const bridge = await startBridge(
      { store: join(dir.path, 'store'), port: 0, renderer: join(dir.path, 'no-renderer'), log: silentLogger },
      { scheduleIntervalMs: 50, watchIntervalMs: 50 },
    );
    const { ingest } = bridge.workstation.services;
    const wire = join(dir.path, 'wire');
    await mkdir(wire);
    await ingest.configureWatch(wire);
    expect((await ingest.watch()).active).toBe(true);
    expect(servers()).toBe(listeningBefore + 1);
    // One interval each: the outbox, the scheduler, the watched folder (nothing else made one).
    expect(intervals).toHaveLength(3);
    expect(intervals.some((timer) => (timer as unknown as { _destroyed: boolean })._destroyed)).toBe(false);

    await bridge.close();

    expect(intervals.map((timer) => (timer as unknown as { _destroyed: boolean })._destroyed)).toEqual([
      true,
      true,
      true,
    ]);
    expect(servers()).toBe(listeningBefore);
    expect((await ingest.watch().catch(() => ({ active: false }))).active).toBe(false);
  });

  it('waits for a scan of the watched folder under way before the store closes', async () => {
    const store = await openStore(join(dir.path, 'store'), { mode: 'write', create: true });
    const ingest = createIngestService(store, { stories: createStoryService(store), log: silentLogger });
    const wire = join(dir.path, 'wire');
    await mkdir(wire);
    const { writeFile } = await import('node:fs/promises');
    for (let i = 0; i < 20; i += 1) await writeFile(join(wire, `bad-${i}.json`), '{ not json');
    await ingest.configureWatch(wire);
    await ingest.start(); // the first scan starts at once
    await stopBackgroundWork({ ingest });
    // Every file the scan took was finished (moved aside) before stop resolved: none is half-done.
    const { readdir } = await import('node:fs/promises');
    const left = (await readdir(wire)).filter((name) => name.endsWith('.json'));
    const rejected = (await readdir(join(wire, 'rejected')).catch(() => [])).filter((name) =>
      name.endsWith('.json'),
    );
    expect(left.length + rejected.length).toBe(20);
    expect(rejected.length).toBe(20);
    await store.close();
  });
});
