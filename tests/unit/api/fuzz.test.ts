/**
 * Random and adversarial payloads at every operation of the contract, for every role, through the
 * real dispatcher and through the bridge. Properties: the process never dies (every call settles
 * with an answer), nothing is written outside the store, and a client's mistake is a 4xx (the
 * dispatcher never answers `internal`, the bridge never 5xx). The seed is printed; set FC_SEED to
 * replay a failure.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridge, type Bridge } from '../../../electron/bridge/server';
import { openStore } from '../../../electron/core/store/story-store';
import type { Workstation } from '../../../electron/core/workstation';
import { OPERATIONS } from '../../../shared/api/contract';
import { ApiErrorCode } from '../../../shared/api/errors';
import { workstationOn } from '../helpers/workstation';

const seed = Number(process.env['FC_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz seed: ${seed} (replay with FC_SEED=${seed})`);

let base: string;
let root: string;
let ws: Workstation;
let bridge: Bridge;
let origin: string;
const roles: string[] = [];

/** Every file under `folder` except the store, as relative paths. */
async function outsideFiles(): Promise<string[]> {
  const entries = await readdir(base, { recursive: true, withFileTypes: true });
  return entries
    .map((entry) => relative(base, join(entry.parentPath, entry.name)))
    .filter((path) => path !== 'store' && !path.startsWith(`store/`))
    .sort();
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'mihbara-fuzz-'));
  root = join(base, 'store');
  await mkdir(join(base, 'outside'));
  await writeFile(join(base, 'outside', 'secret.txt'), 'not for the store');
  ws = await workstationOn(await openStore(root, { mode: 'write', create: true }));
  const users = ws.services.workflow.service.users;
  roles.push(
    (await users.add({ name: 'ياسين أحمد', latinName: 'Yasin Ahmed', role: 'editor' })).id,
    (await users.add({ name: 'سلمى الكبير', latinName: 'Salma Kabir', role: 'desk-chief' })).id,
    'admin',
  );
  bridge = createBridge({ dispatch: ws.dispatch, rendererDir: join(base, 'no-renderer'), token: 'fuzz' });
  origin = new URL(await bridge.listen(0)).origin;
}, 30_000);
afterAll(async () => {
  await bridge?.close();
  await ws?.close();
  await rm(base, { recursive: true, force: true });
});

const adversarial = fc.constantFrom(
  '../outside/secret.txt',
  '../../etc/passwd',
  '..\\..\\windows',
  '%',
  '%2e%2e%2f',
  '\u0000',
  'x'.repeat(3000),
  '<img src=x onerror=alert(1)>',
  'aaaaaaaa-0000-0000-0000-000000000000',
  `${'0'.repeat(64)}.png`,
  '__proto__',
);
const text = fc.oneof(fc.string({ maxLength: 40 }), adversarial);
const deep = fc.integer({ min: 1, max: 60 }).map((levels) => {
  let node: unknown = { text: 'نص' };
  for (let i = 0; i < levels; i += 1) node = { type: 'bulleted-list', children: [node] };
  return [node];
});
const field = fc.constantFrom(
  'id',
  'baseVersion',
  'version',
  'edit',
  'draft',
  'name',
  'mime',
  'dataBase64',
  'file',
  'kind',
  'paths',
  'folder',
  'target',
  'settings',
  'query',
  'userId',
  'pin',
  'from',
  'to',
  'language',
  'body',
);
const value = fc.oneof(text, fc.integer(), fc.boolean(), deep, fc.jsonValue({ maxDepth: 3 }));
const payload = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(field, value, { maxKeys: 5 }),
  fc.record({ id: text, baseVersion: fc.integer({ min: -1, max: 5 }), edit: fc.record({ body: deep }) }),
);
const operation = fc.oneof(
  fc.constantFrom(...OPERATIONS),
  fc.constantFrom('noSuchOperation', '__proto__', 'constructor', 'toString'),
);
const known = new Set<string>(ApiErrorCode.options);

describe('fuzz: every operation, every role', () => {
  it('through the dispatcher: always an answer, never internal, nothing written outside the store', async () => {
    const before = await outsideFiles();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1, 2), operation, payload, async (role, name, request) => {
        await ws.services.workflow.switchUser(roles[role]!);
        const result = await ws.dispatch(name, request);
        if (result.ok) return;
        expect(known.has(result.error.code), result.error.code).toBe(true);
        expect(result.error.code, `${name}: ${result.error.detail}`).not.toBe('internal');
      }),
      { seed, numRuns: 400 },
    );
    expect(await outsideFiles()).toEqual(before);
  }, 120_000);

  it('through the bridge: a client mistake is a 4xx, and the bridge keeps answering', async () => {
    const path = fc.oneof(
      operation,
      fc.constantFrom('%', '%E0%A4%A', 'getStory%00', '..%2f..%2fetc'),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(path, fc.jsonValue({ maxDepth: 4 }), async (name, body) => {
        const response = await fetch(`${origin}/api/${name}`, {
          method: 'POST',
          headers: { Authorization: 'Bearer fuzz', 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(response.status, `${name} → ${response.status}`).toBeLessThan(500);
      }),
      { seed, numRuns: 150 },
    );
    const alive = await fetch(`${origin}/api/getStoreInfo`, {
      method: 'POST',
      headers: { Authorization: 'Bearer fuzz', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(alive.status).toBe(200);
  }, 120_000);
});
