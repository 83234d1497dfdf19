/**
 * The bridge's boundary: typed errors for bad payloads, 401 without the token, and the guards
 * against other hosts and paths outside the renderer.
 */
import { request as httpRequest } from 'node:http';
import { test, expect } from './support/fixtures';

function rawGet(origin: string, path: string, host?: string): Promise<number> {
  const url = new URL(origin);
  return new Promise((resolveStatus, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, path, method: 'GET', headers: host ? { Host: host } : {} },
      (response) => {
        response.resume();
        resolveStatus(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

test('a wrong payload from the page gets a typed invalid-request error', async ({
  workstation,
  page,
  bridge,
}) => {
  await workstation.open();
  const answer = await page.evaluate(async (token) => {
    const response = await fetch('/api/saveStory', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ id: 'not an id', baseVersion: 'one', edit: { headline: 42 } }),
    });
    return { status: response.status, body: await response.json() };
  }, bridge.token);
  expect(answer.status).toBe(400);
  expect(answer.body.ok).toBe(false);
  expect(answer.body.error.code).toBe('invalid-request');
  const paths = (answer.body.error.issues as { path: string }[]).map((issue) => issue.path);
  expect(paths).toEqual(expect.arrayContaining(['id', 'baseVersion', 'edit.headline']));
});

test('the API refuses requests without the token, and bad JSON is a typed error', async ({
  request,
  bridge,
}) => {
  const withoutToken = await request.post(`${bridge.origin}/api/listStories`, { data: {} });
  expect(withoutToken.status()).toBe(401);
  expect((await withoutToken.json()).error.code).toBe('untrusted-sender');

  const wrongToken = await request.post(`${bridge.origin}/api/listStories`, {
    data: {},
    headers: { Authorization: `Bearer ${'0'.repeat(64)}` },
  });
  expect(wrongToken.status()).toBe(401);

  const auth = { Authorization: `Bearer ${bridge.token}` };
  const notJson = await request.post(`${bridge.origin}/api/listStories`, {
    headers: { ...auth, 'Content-Type': 'application/json' },
    data: '{not json',
  });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error.code).toBe('invalid-request');

  const plainText = await request.post(`${bridge.origin}/api/listStories`, {
    headers: { ...auth, 'Content-Type': 'text/plain' },
    data: '{}',
  });
  expect(plainText.status()).toBe(415);

  const unknown = await request.post(`${bridge.origin}/api/deleteEverything`, { headers: auth, data: {} });
  expect((await unknown.json()).error.code).toBe('unknown-operation');

  const listed = await request.post(`${bridge.origin}/api/listStories`, { headers: auth, data: {} });
  expect(await listed.json()).toEqual({ ok: true, value: { total: 0, items: [] } });
});

test('other hosts and paths outside the renderer are refused', async ({ bridge }) => {
  expect(await rawGet(bridge.origin, '/')).toBe(200);
  expect(await rawGet(bridge.origin, '/', 'attacker.example:80')).toBe(403);
  expect(await rawGet(bridge.origin, '/../../package.json')).toBe(404);
  expect(await rawGet(bridge.origin, '/%2e%2e/%2e%2e/package.json')).toBe(404);
  expect(await rawGet(bridge.origin, '/..%2f..%2fpackage.json')).toBe(404);
});
