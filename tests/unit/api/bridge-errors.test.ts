/**
 * The bridge answers a client's mistakes with a 4xx and a clear code, never a 500: a malformed
 * escape in the operation's name, a file the store does not take, a file too large; and it
 * refuses an Origin that is not exactly its own (scheme included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridge, type Bridge } from '../../../electron/bridge/server';
import { MAX_MEDIA_BYTES } from '../../../shared/media/limits';
import { setup } from '../workflow/helpers';

let bridge: Bridge;
let base: string;
beforeAll(async () => {
  const w = await setup();
  bridge = createBridge({ dispatch: w.dispatch, rendererDir: '/nonexistent', token: 't0ken' });
  base = new URL(await bridge.listen(0)).origin;
});
afterAll(() => bridge.close());

const call = (operation: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/${operation}`, {
    method: 'POST',
    headers: { Authorization: 'Bearer t0ken', 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('bridge: client mistakes get 4xx', () => {
  it('a malformed % in the operation name is a 400', async () => {
    const response = await call('getStory%', {});
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid-request');
  });

  it('an unsupported file is a 415 and a too-large one a 413', async () => {
    const text = await call('addMedia', {
      name: 'a.png',
      mime: 'image/png',
      dataBase64: Buffer.from('not an image').toString('base64'),
    });
    expect([text.status, (await text.json()).error.code]).toEqual([415, 'unsupported-file']);
    const docx = await call('importDocx', {
      name: 'a.docx',
      dataBase64: Buffer.from('plain').toString('base64'),
    });
    expect([docx.status, (await docx.json()).error.code]).toEqual([415, 'unsupported-file']);
    const big = Buffer.alloc(MAX_MEDIA_BYTES + 1);
    const large = await call('addMedia', {
      name: 'big.png',
      mime: 'image/png',
      dataBase64: big.toString('base64'),
    });
    expect([large.status, (await large.json()).error.code]).toEqual([413, 'file-too-large']);
  });

  it('an Origin without its scheme, or with another one, is refused; its own origin is served', async () => {
    const host = base.replace(/^http:\/\//, '');
    for (const origin of [host, `https://${host}`, `http://${host}.evil`, 'null']) {
      expect((await call('getStoreInfo', {}, { Origin: origin })).status, origin).toBe(403);
    }
    expect((await call('getStoreInfo', {}, { Origin: base })).status).toBe(200);
  });
});
