/**
 * Exports, backups and imports read and write only where the user chose, whatever the door:
 * through the real bridge (HTTP), a path outside the exchange folder it was started with is a
 * 403, a symbolic link out of it too, and the store's own files are never a place; without an
 * exchange folder every named path is refused and the store's own folders are used. On the
 * desktop a request names the dialog's token, never a path. A refusal quotes no file.
 */
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from '../../../electron/bridge/start';
import { silentLogger } from '../../../electron/core/log';
import { chosenPlaces, exchangePlaces } from '../../../electron/core/places';
import { openStore } from '../../../electron/core/store/story-store';
import { openWorkstation } from '../../../electron/core/workstation';

let dir: string;
const bridges: RunningBridge[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mihbara-places-'));
});
afterEach(async () => {
  for (const bridge of bridges.splice(0)) await bridge.close();
  await rm(dir, { recursive: true, force: true });
});

async function bridgeWith(exchange?: string) {
  const bridge = await startBridge({
    store: join(dir, 'store'),
    port: 0,
    renderer: join(dir, 'no-renderer'),
    log: silentLogger,
    ...(exchange ? { exchange } : {}),
  });
  bridges.push(bridge);
  const url = new URL(bridge.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const call = async (operation: string, body: unknown) => {
    const response = await fetch(`${url.origin}/api/${operation}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { value?: { id: string } } };
  };
  await call('createStory', { language: 'ar', edit: { headline: 'مسودة' } });
  return { bridge, call };
}

const exportTo = (folder: string) => ({
  kind: 'export',
  stories: { which: 'all' },
  format: 'ninjs',
  folder,
});

describe('places through the bridge', () => {
  it('takes places inside the exchange folder and refuses every other with a 403', async () => {
    const exchange = join(dir, 'exchange');
    await mkdir(exchange);
    const secret = join(dir, 'secret.txt');
    await writeFile(secret, 'root:x:0:0:سر\n');
    await symlink(dir, join(exchange, 'way-out'));
    const { bridge, call } = await bridgeWith(exchange);

    const inside = await call('startJob', exportTo('out'));
    expect(inside.status).toBe(200);
    await bridge.workstation.services.jobs.settled(inside.body.value!.id);
    expect((await readdir(join(exchange, 'out'))).length).toBe(1);

    for (const request of [
      exportTo(join(dir, 'elsewhere')),
      exportTo('../elsewhere'),
      exportTo('way-out/elsewhere'),
      exportTo(join(dir, 'store', 'exports', 'x')),
      { kind: 'backup', target: join(dir, 'backup.tar.gz') },
      { kind: 'import', paths: [secret] },
      { kind: 'import', paths: ['way-out/secret.txt'] },
      { kind: 'import', paths: [join(dir, 'store', 'workflow', 'users.json')] },
    ]) {
      const refused = await call('startJob', request);
      expect([JSON.stringify(request), refused.status]).toEqual([JSON.stringify(request), 403]);
      expect(JSON.stringify(refused.body)).not.toContain('root:x');
    }
    expect(await readdir(dir)).not.toContain('elsewhere');
    expect(bridge.workstation.services.jobs.list()).toHaveLength(1);
    // There is no dialog here: choosing is a client mistake (4xx), not a failure.
    expect((await call('choosePlace', { use: 'import' })).status).toBe(400);
  });

  it('without an exchange folder refuses every named place and uses the store’s own folders', async () => {
    const { bridge, call } = await bridgeWith();
    expect((await call('startJob', exportTo(join(dir, 'out')))).status).toBe(403);
    expect((await call('startJob', exportTo('out'))).status).toBe(403);
    const defaulted = await call('startJob', { kind: 'export', stories: { which: 'all' }, format: 'html' });
    expect(defaulted.status).toBe(200);
    const job = await bridge.workstation.services.jobs.settled(defaulted.body.value!.id);
    expect(job.target?.startsWith(join(dir, 'store', 'exports'))).toBe(true);
  });
});

describe('places on the desktop', () => {
  it('a request names the dialog’s token, for the use it was chosen for; a path is refused', async () => {
    const chosen = join(dir, 'chosen-folder');
    const places = chosenPlaces(async (use) => (use === 'export-folder' ? [chosen] : null));
    const store = await openStore(join(dir, 'store'), { mode: 'write', create: true });
    const workstation = await openWorkstation({ root: store.root, log: silentLogger, places }, { store });
    try {
      expect(await workstation.dispatch('startJob', exportTo(chosen))).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      const choice = await workstation.dispatch('choosePlace', { use: 'export-folder' });
      expect(choice).toMatchObject({ ok: true, value: { label: 'chosen-folder' } });
      const token = (choice as { value: { token: string } }).value.token;
      expect(token).not.toContain(dir);
      // The token of a folder chosen for an export does not open an import.
      expect(await workstation.dispatch('startJob', { kind: 'import', paths: [token] })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      const started = await workstation.dispatch('startJob', exportTo(token));
      expect(started).toMatchObject({ ok: true });
      const done = await workstation.services.jobs.settled((started as { value: { id: string } }).value.id);
      expect(done).toMatchObject({ state: 'ok', target: chosen });
      expect(await readdir(chosen)).toEqual([]);
      // Cancelled: nothing chosen.
      expect(await workstation.dispatch('choosePlace', { use: 'import' })).toEqual({ ok: true, value: null });
    } finally {
      await workstation.close();
    }
  });

  it('the exchange folder’s own rule, without a bridge: inside it only', async () => {
    const places = exchangePlaces(join(dir, 'x'));
    await expect(places.resolve('a/b', 'import')).resolves.toEqual([join(dir, 'x', 'a', 'b')]);
    await expect(places.resolve('/etc/passwd', 'import')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(places.resolve('.', 'export-folder')).rejects.toMatchObject({ code: 'forbidden' });
  });
});
