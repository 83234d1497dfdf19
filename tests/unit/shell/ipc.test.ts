import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { registerApi } from '../../../electron/main/shell/ipc';
import { isTrustedSenderUrl } from '../../../electron/main/shell/policy';
import { OPERATIONS, channelOf } from '../../../shared/api/contract';
import { memoryStore } from '../helpers/memory-store';
import { workstationOn } from '../helpers/workstation';

type Listener = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

function fakeIpc() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle: (channel: string, listener: Listener) => {
      handlers.set(channel, listener);
    },
  };
}
const from = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;

describe('IPC registration', () => {
  it('registers exactly one checked handler per operation', async () => {
    const ipc = fakeIpc();
    const store = memoryStore();
    registerApi(ipc as never, (await workstationOn(store)).dispatch, () => true);
    expect([...ipc.handlers.keys()].sort()).toEqual(OPERATIONS.map(channelOf).sort());
  });

  it('serves the app page and refuses any other sender without touching the store', async () => {
    const ipc = fakeIpc();
    const store = memoryStore();
    registerApi(ipc as never, (await workstationOn(store)).dispatch, (url) => isTrustedSenderUrl(url));
    const create = ipc.handlers.get(channelOf('createStory'))!;
    expect(
      await create(from('app://mihbara/index.html'), { language: 'ar', edit: { headline: 'مسودة' } }),
    ).toMatchObject({ ok: true });
    expect(await create(from('https://evil.example/'), { language: 'ar' })).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
    expect(await create({} as IpcMainInvokeEvent, {})).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
    expect(store.writes).toBe(1);
  });

  it('answers a malformed payload with a typed error', async () => {
    const ipc = fakeIpc();
    const store = memoryStore();
    registerApi(ipc as never, (await workstationOn(store)).dispatch, () => true);
    const save = ipc.handlers.get(channelOf('saveStory'))!;
    expect(await save(from('app://mihbara/'), null)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });
});
