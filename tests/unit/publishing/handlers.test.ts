/**
 * Publishing and ingest through the handler table, as the renderer calls them: channels are an
 * administrator's (an editor is refused), a channel test says why it failed with a reason code,
 * secrets never come back, the delivery log shows a publication, wire files sent from the page
 * land in the Incoming queue once (a duplicate is ignored), open as a draft keeping their source,
 * and the watched folder is checked and followed at once.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Dispatch } from '../../../electron/core/api/dispatch';
import { type IngestService } from '../../../electron/core/ingest/service';
import { createStoryService } from '../../../electron/core/stories/service';
import { openStore } from '../../../electron/core/store/story-store';
import type { StoryStore } from '../../../electron/core/store/types';
import { createWorkflow, type Workflow } from '../../../electron/core/workflow';
import type { ResponseOf } from '../../../shared/api/contract';
import { storyToNinjs } from '../../../shared/format/ninjs';
import { sampleStory, tempDir } from './helpers';
import { workstationOn } from '../helpers/workstation';
import { argumentPlaces } from '../../../electron/core/places';
import { silentLogger } from '../../../electron/core/log';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: StoryStore;
let workflow: Workflow;
let ingest: IngestService;
let dispatch: Dispatch;
let site: string;

const folderChannel = (path: string) => ({
  id: 'website',
  name: 'الموقع',
  kind: 'folder' as const,
  enabled: true,
  internal: false,
  folder: { path, baseUrl: 'https://news.example/', siteTitle: 'محبرة' },
});

async function ok<T>(result: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const answer = await result;
  expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
  return answer.value as T;
}

const wireFile = (id: string, headline = 'خبر من الوكالة') =>
  Buffer.from(JSON.stringify(storyToNinjs(sampleStory({ id, headline })))).toString('base64');

beforeEach(async () => {
  dir = await tempDir('mihbara-pubapi-');
  site = join(dir.path, 'site');
  await mkdir(site);
  store = await openStore(join(dir.path, 'store'), { mode: 'write', create: true });
  workflow = createWorkflow(store, { log: silentLogger });
  const workstation = await workstationOn(
    store,
    { workflow, watchIntervalMs: 50 },
    silentLogger,
    argumentPlaces,
  );
  ingest = workstation.services.ingest;
  dispatch = workstation.dispatch;
});
afterEach(async () => {
  ingest.stop();
  await store.close();
  await dir.remove();
});

describe('channels through the API', () => {
  it('lets an administrator add, test, change and remove channels, and never returns a secret', async () => {
    const created = await ok<ResponseOf<'createChannel'>>(
      dispatch('createChannel', { channel: folderChannel(site) }),
    );
    expect(created.folder?.path).toBe(site);
    const again = await dispatch('createChannel', { channel: folderChannel(site) });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(await ok(dispatch('testChannel', { id: 'website' }))).toMatchObject({ ok: true });
    await rm(site, { recursive: true });
    expect(await ok(dispatch('testChannel', { id: 'website' }))).toMatchObject({
      ok: false,
      reason: 'channel-folder-missing',
    });

    await ok(
      dispatch('createChannel', {
        channel: {
          id: 'partner',
          name: 'Partner',
          kind: 'http',
          enabled: false,
          internal: true,
          http: { url: 'http://127.0.0.1:9/hook', secret: 'a-long-shared-secret', timeoutMs: 500 },
        },
      }),
    );
    const listed = await ok<ResponseOf<'listChannels'>>(dispatch('listChannels', {}));
    expect(listed.map((c) => c.id).sort()).toEqual(['partner', 'website']);
    expect(JSON.stringify(listed)).not.toContain('a-long-shared-secret');
    expect(listed.find((c) => c.id === 'partner')?.http?.hasSecret).toBe(true);

    // An empty secret on update keeps the one set.
    await ok(
      dispatch('updateChannel', {
        channel: {
          id: 'partner',
          name: 'Partner 2',
          kind: 'http',
          enabled: true,
          internal: true,
          http: { url: 'http://127.0.0.1:9/hook', secret: '', timeoutMs: 500 },
        },
      }),
    );
    expect((await workflow.service.users.list()).length).toBeGreaterThan(0);
    const test = await ok<ResponseOf<'testChannel'>>(dispatch('testChannel', { id: 'partner' }));
    expect(test).toMatchObject({ ok: false, reason: 'channel-http-failed' });

    await ok(dispatch('deleteChannel', { id: 'partner' }));
    expect(await dispatch('deleteChannel', { id: 'partner' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await dispatch('updateChannel', { channel: folderChannel('/nowhere') })).toMatchObject({
      ok: true,
    });
  });

  it('refuses channels, retries and the watched folder to an editor, but shows the queue', async () => {
    const editor = await workflow.service.users.add({ name: 'سارة', role: 'editor' });
    await workflow.switchUser(editor.id);
    for (const [op, payload] of [
      ['listChannels', {}],
      ['createChannel', { channel: folderChannel(site) }],
      ['testChannel', { id: 'website' }],
      ['deleteChannel', { id: 'website' }],
      ['setIncomingWatch', { folder: site }],
    ] as const) {
      expect(await dispatch(op, payload), op).toMatchObject({
        ok: false,
        error: { code: 'forbidden', issues: [{ path: 'reason', message: 'role' }] },
      });
    }
    expect(await dispatch('listIncoming', {})).toMatchObject({ ok: true, value: { items: [] } });
  });

  it('logs the deliveries of a story published through the workflow', async () => {
    await ok(dispatch('createChannel', { channel: folderChannel(site) }));
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
    const story = await createStoryService(store).adopt({ ...rest, status: 'draft' });
    for (const action of ['submit', 'approve', 'publish'] as const)
      await ok(dispatch('transitionStory', { id: story.id, action }));
    const log = await ok<ResponseOf<'listDeliveries'>>(dispatch('listDeliveries', { storyId: story.id }));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      channelId: 'website',
      event: 'publish',
      status: 'delivered',
      attempts: 1,
    });
    expect(await ok(dispatch('listDeliveries', { storyId: 'no-such-story-0001' }))).toEqual([]);
  });
});

describe('the Incoming queue through the API', () => {
  it('takes a file sent from the page once, opens it as a draft with its source, and spikes another', async () => {
    const first = await ok<ResponseOf<'ingestIncomingFile'>>(
      dispatch('ingestIncomingFile', { name: 'wire-1.json', dataBase64: wireFile('wire-item-0001') }),
    );
    expect(first).toMatchObject({ kind: 'queued', item: { headline: 'خبر من الوكالة', status: 'new' } });
    const again = await ok(
      dispatch('ingestIncomingFile', { name: 'wire-1-again.json', dataBase64: wireFile('wire-item-0001') }),
    );
    expect(again).toMatchObject({ kind: 'duplicate' });
    const bad = await ok(
      dispatch('ingestIncomingFile', {
        name: 'bad.xml',
        dataBase64: Buffer.from('<!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>').toString('base64'),
      }),
    );
    expect(bad).toMatchObject({
      kind: 'rejected',
      code: 'xml-entity-expansion',
      reason: expect.stringMatching(/entit/),
    });
    const second = await ok<{ item: { id: string } }>(
      dispatch('ingestIncomingFile', {
        name: 'wire-2.json',
        dataBase64: wireFile('wire-item-0002', 'خبر ثان'),
      }),
    );

    const listed = await ok<ResponseOf<'listIncoming'>>(dispatch('listIncoming', {}));
    expect(listed.items).toHaveLength(2);
    expect(listed.rejected).toMatchObject([{ fileName: 'bad.xml' }]);

    const item = (first as { item: { id: string; guid: string } }).item;
    const story = await ok<ResponseOf<'openIncoming'>>(dispatch('openIncoming', { id: item.id }));
    expect(story).toMatchObject({ status: 'draft', authors: ['admin'], source: { guid: item.guid } });
    expect(await dispatch('openIncoming', { id: item.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await ok(dispatch('spikeIncoming', { id: second.item.id }))).toMatchObject({ status: 'spiked' });
    const after = await ok<ResponseOf<'listIncoming'>>(dispatch('listIncoming', {}));
    expect(Object.fromEntries(after.items.map((i) => [i.id, i.status]))).toEqual({
      [item.id]: 'opened',
      [second.item.id]: 'spiked',
    });
  });

  it('refuses a file larger than the ingest takes', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 32).toString('base64');
    expect(await dispatch('ingestIncomingFile', { name: 'big.json', dataBase64: big })).toMatchObject({
      ok: false,
      error: { code: 'file-too-large' },
    });
  });

  it('checks the watched folder and follows it at once once started', async () => {
    expect(await ok(dispatch('getIncomingWatch', {}))).toEqual({ folder: null, active: false });
    // The command line's places: its own absolute paths, never the store's folder.
    expect(await dispatch('setIncomingWatch', { folder: 'relative/wire' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', issues: [{ path: 'reason', message: 'place' }] },
    });
    expect(await dispatch('setIncomingWatch', { folder: join(dir.path, 'missing') })).toMatchObject({
      ok: false,
      error: { code: 'io', issues: [{ path: 'reason', message: 'ingest-folder-missing' }] },
    });
    for (const inStore of [store.root, join(store.root, 'incoming')])
      expect(await dispatch('setIncomingWatch', { folder: inStore })).toMatchObject({
        ok: false,
        error: { code: 'forbidden', issues: [{ path: 'reason', message: 'place' }] },
      });

    const wire = join(dir.path, 'wire');
    await mkdir(wire);
    await writeFile(join(wire, 'a.json'), Buffer.from(wireFile('wire-item-0003'), 'base64'));
    await ingest.start();
    expect(await ok(dispatch('setIncomingWatch', { folder: wire }))).toEqual({ folder: wire, active: true });
    await expect
      .poll(async () => (await ok<ResponseOf<'listIncoming'>>(dispatch('listIncoming', {}))).items.length)
      .toBe(1);
    expect(await ok(dispatch('setIncomingWatch', { folder: null }))).toEqual({ folder: null, active: false });
  });
});
