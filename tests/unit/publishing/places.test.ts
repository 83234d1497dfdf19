/**
 * A folder channel's folder and the watched wire folder are places the user chose, like long
 * work's: through the real bridge (HTTP) only a folder inside its exchange folder is saved (as
 * its absolute path); a path outside it, a `..` out of it, a symbolic link out of it and the
 * store's own folders are a 403 with reason `place`, and nothing is stored. A setting saved
 * before keeps working when it is saved again as it is. On the desktop a request names the
 * dialog's token, for the use it was chosen for; choosing is an administrator's.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from '../../../electron/bridge/start';
import { silentLogger } from '../../../electron/core/log';
import { chosenPlaces } from '../../../electron/core/places';
import { openStore } from '../../../electron/core/store/story-store';
import { openWorkstation } from '../../../electron/core/workstation';

let dir: string;
const bridges: RunningBridge[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mihbara-setting-places-'));
});
afterEach(async () => {
  for (const bridge of bridges.splice(0)) await bridge.close();
  await rm(dir, { recursive: true, force: true });
});

const folderChannel = (path: string, name = 'الموقع') => ({
  id: 'website',
  name,
  kind: 'folder' as const,
  enabled: true,
  internal: false,
  folder: { path, baseUrl: 'https://news.example/', siteTitle: 'محبرة' },
});

/** A bridge whose exchange folder holds the store too, so the store's own rule is reached. */
async function bridgeOn(exchange: string) {
  const bridge = await startBridge({
    store: join(exchange, 'store'),
    port: 0,
    renderer: join(dir, 'no-renderer'),
    log: silentLogger,
    exchange,
  });
  bridges.push(bridge);
  const url = new URL(bridge.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  return async (operation: string, body: unknown) => {
    const response = await fetch(`${url.origin}/api/${operation}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
}

describe('folder settings through the bridge', () => {
  it('saves folders inside the exchange folder and refuses every other with a 403', async () => {
    const exchange = join(dir, 'exchange');
    await mkdir(join(exchange, 'site'), { recursive: true });
    await mkdir(join(exchange, 'wire'));
    await mkdir(join(dir, 'elsewhere'));
    await symlink(dir, join(exchange, 'way-out'));
    const call = await bridgeOn(exchange);

    const refused = [
      join(dir, 'elsewhere'),
      '../elsewhere',
      'site/../../elsewhere',
      'way-out/elsewhere',
      'store',
      'store/publishing',
      join(exchange, 'store', 'incoming'),
    ];
    for (const place of refused) {
      for (const [operation, body] of [
        ['createChannel', { channel: folderChannel(place) }],
        ['setIncomingWatch', { folder: place }],
      ] as const) {
        const answer = await call(operation, body);
        expect([operation, place, answer.status, answer.body.error]).toMatchObject([
          operation,
          place,
          403,
          { code: 'forbidden', issues: [{ path: 'reason', message: 'place' }] },
        ]);
      }
    }
    expect((await call('listChannels', {})).body.value).toEqual([]);
    expect((await call('getIncomingWatch', {})).body.value).toMatchObject({ folder: null });

    const channel = await call('createChannel', { channel: folderChannel('site') });
    expect(channel.status).toBe(200);
    expect(channel.body.value).toMatchObject({ folder: { path: join(exchange, 'site') } });
    const watch = await call('setIncomingWatch', { folder: join(exchange, 'wire') });
    expect([watch.status, watch.body.value]).toEqual([200, { folder: join(exchange, 'wire'), active: true }]);
    // Changing the channel keeps its folder without choosing it again; another folder is checked.
    expect(
      (await call('updateChannel', { channel: folderChannel(join(exchange, 'site'), 'ب') })).status,
    ).toBe(200);
    expect((await call('updateChannel', { channel: folderChannel('way-out/elsewhere') })).status).toBe(403);
    const stored = JSON.parse(await readFile(join(exchange, 'store', 'publishing', 'channels.json'), 'utf8'));
    expect(stored).toMatchObject([{ name: 'ب', folder: { path: join(exchange, 'site') } }]);
  });

  it('an existing setting made before the rule keeps working when saved again as it is', async () => {
    const exchange = join(dir, 'exchange');
    const outside = join(dir, 'old-site');
    await mkdir(outside);
    await mkdir(exchange);
    const call = await bridgeOn(exchange);
    // A store whose settings were saved before: paths outside today's exchange folder.
    await mkdir(join(exchange, 'store', 'publishing'), { recursive: true });
    await mkdir(join(exchange, 'store', 'incoming'), { recursive: true });
    await writeFile(
      join(exchange, 'store', 'publishing', 'channels.json'),
      JSON.stringify([folderChannel(outside)]),
    );
    await writeFile(join(exchange, 'store', 'incoming', 'watch.json'), JSON.stringify({ folder: outside }));

    expect((await call('updateChannel', { channel: folderChannel(outside, 'ب') })).status).toBe(200);
    expect((await call('testChannel', { id: 'website' })).body.value).toMatchObject({ ok: true });
    expect((await call('setIncomingWatch', { folder: outside })).body.value).toMatchObject({
      folder: outside,
    });
    expect((await call('setIncomingWatch', { folder: null })).status).toBe(200);
    // Once dropped, the old folder is a new choice again, and refused.
    expect((await call('setIncomingWatch', { folder: outside })).status).toBe(403);
  });
});

describe('folder settings on the desktop', () => {
  it('name the dialog’s token for their own use; a path or another use’s token is refused', async () => {
    const site = join(dir, 'site');
    const wire = join(dir, 'wire');
    await mkdir(site);
    await mkdir(wire);
    const places = chosenPlaces(async (use) =>
      use === 'channel-folder' ? [site] : use === 'watch-folder' ? [wire] : null,
    );
    const store = await openStore(join(dir, 'store'), { mode: 'write', create: true });
    const workstation = await openWorkstation({ root: store.root, log: silentLogger, places }, { store });
    const { dispatch } = workstation;
    const tokenFor = async (use: 'channel-folder' | 'watch-folder') => {
      const choice = await dispatch('choosePlace', { use });
      expect(choice).toMatchObject({
        ok: true,
        value: { label: use === 'channel-folder' ? 'site' : 'wire' },
      });
      return (choice as { value: { token: string } }).value.token;
    };
    try {
      const forbidden = {
        ok: false,
        error: { code: 'forbidden', issues: [{ path: 'reason', message: 'place' }] },
      };
      expect(await dispatch('createChannel', { channel: folderChannel(site) })).toMatchObject(forbidden);
      expect(await dispatch('setIncomingWatch', { folder: wire })).toMatchObject(forbidden);
      const [channelToken, watchToken] = [await tokenFor('channel-folder'), await tokenFor('watch-folder')];
      expect(await dispatch('createChannel', { channel: folderChannel(watchToken) })).toMatchObject(
        forbidden,
      );
      expect(await dispatch('setIncomingWatch', { folder: channelToken })).toMatchObject(forbidden);
      expect(await dispatch('createChannel', { channel: folderChannel(channelToken) })).toMatchObject({
        ok: true,
        value: { folder: { path: site } },
      });
      expect(await dispatch('setIncomingWatch', { folder: watchToken })).toMatchObject({
        ok: true,
        value: { folder: wire },
      });

      // Choosing a folder for these settings is an administrator's.
      const editor = await workstation.services.workflow.service.users.add({ name: 'سارة', role: 'editor' });
      await workstation.services.workflow.switchUser(editor.id);
      for (const use of ['channel-folder', 'watch-folder'] as const)
        expect(await dispatch('choosePlace', { use })).toMatchObject({
          ok: false,
          error: { code: 'forbidden', issues: [{ path: 'reason', message: 'role' }] },
        });
    } finally {
      await workstation.close();
    }
  });
});
