/**
 * The Incoming screen's "check now" and its refusals, through the bridge in Chromium:
 * - the watched folder is looked at on demand; the screen says how many files were taken,
 *   skipped as duplicates and refused, and lists each refusal in Arabic with its code;
 * - a long look shows its progress and can be stopped; the files it did not reach stay;
 * - a refused upload says why in Arabic.
 * The bridge polls the folder only hourly here, so only the button looks at it. Arabic
 * screenshot in tests/artifacts/publishing-incoming-check.png.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { storyToNinjs } from '../../shared/format/ninjs';
import type english from '../../shared/i18n/en.json';
import { Story } from '../../shared/story/schema';
import { callApi } from './support/api';
import { type BridgeProcess } from './support/bridge';
import { expect, test as base, withBridge } from './support/fixtures';

const ARTIFACTS = resolve('tests/artifacts');
const ar = JSON.parse(readFileSync(resolve('shared/i18n/ar.json'), 'utf8')) as Pick<
  typeof english,
  'incoming'
>;
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));

const test = base.extend<{ bridge: BridgeProcess }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  bridge: async ({}, use) =>
    withBridge(
      await mkdtemp(join(tmpdir(), 'mihbara-e2e-check-')),
      'tests/e2e/publishing-slow-watch-bridge.ts',
      use,
    ),
});

function wireNinjs(n: number, headline: string): string {
  return JSON.stringify(
    storyToNinjs(
      Story.parse({
        id: `wire-check-${String(n).padStart(4, '0')}`,
        schemaVersion: 1,
        version: 1,
        language: 'ar',
        direction: 'rtl',
        headline,
        body: [{ type: 'paragraph', children: [{ text: `${headline}. نص الخبر من الوكالة.` }] }],
        status: 'published',
        createdAt: '2026-05-01T08:00:00Z',
        updatedAt: '2026-05-01T09:00:00Z',
      }),
    ),
  );
}

let outside: string;
// Folders a browser names are places inside the bridge's exchange folder.
test.beforeEach(async ({ bridge }) => {
  outside = await mkdtemp(join(bridge.exchange!, 'mihbara-e2e-wire-'));
});
test.afterEach(async () => {
  await rm(outside, { recursive: true, force: true });
});

test('check the watched folder now: counts, refusals in Arabic with their codes, progress and stop', async ({
  workstation,
  page,
  request,
  bridge,
}) => {
  const wire = join(outside, 'wire');
  await mkdir(wire);
  await callApi(request, bridge, 'setIncomingWatch', { folder: wire });
  await writeFile(join(wire, 'afp-1.json'), wireNinjs(1, 'وصول وفود القمة إلى بغداد'));
  await writeFile(join(wire, 'afp-1-again.json'), wireNinjs(1, 'وصول وفود القمة إلى بغداد'));
  await writeFile(
    join(wire, 'evil.xml'),
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  );
  await writeFile(join(wire, 'broken.json'), '{"uri": "urn:x", ');

  await workstation.open();
  await page.getByRole('button', { name: new RegExp(`^${ar.incoming.title}`) }).click();
  const queue = page.getByRole('region', { name: ar.incoming.title });
  const check = queue.getByRole('group', { name: new RegExp(ar.incoming.check.watched) });
  await expect(check).toContainText(wire);
  await check.getByRole('button', { name: ar.incoming.check.now }).click();
  await expect(check.getByRole('status')).toHaveText(
    fill(ar.incoming.check.result.done, { taken: 1, duplicates: 1, refused: 2 }),
  );
  await expect(queue.getByRole('listitem').filter({ has: page.getByRole('heading') })).toHaveCount(1);

  // Each refusal in Arabic, with its code.
  await queue.getByText(fill(ar.incoming.rejectedTitle, { count: 2 })).click();
  const xxe = queue.locator('[data-refusal="xml-external-entity"]');
  await expect(xxe).toContainText(ar.incoming.refusal['xml-external-entity']);
  await expect(xxe.locator('code')).toHaveText('xml-external-entity');
  const json = queue.locator('[data-refusal="malformed-json"]');
  await expect(json).toContainText(ar.incoming.refusal['malformed-json']);
  await expect(json).toContainText('broken.json');
  // Beside the file in the folder's rejected/, the code and the reason.
  expect(readFileSync(join(wire, 'rejected', 'evil.xml.reason.txt'), 'utf8')).toMatch(
    /^code: xml-external-entity\nreason: /,
  );

  // An upload refused says why, in Arabic.
  await queue.getByLabel(ar.incoming.upload).setInputFiles({
    name: 'photo.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ uri: 'urn:x:pic', type: 'picture', headlines: [{ value: 'صورة' }] }),
    ),
  });
  await expect(queue.locator('.incoming__messages')).toHaveText(
    fill(ar.incoming.outcome.rejectedBecause, {
      name: 'photo.json',
      reason: fill(ar.incoming.refusal['not-text'], { type: 'picture' }),
    }),
  );
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'publishing-incoming-check.png'), fullPage: true });

  // A long look: its progress shows, and it stops between two files when asked.
  for (let n = 100; n < 500; n += 1)
    await writeFile(join(wire, `bulk-${n}.json`), wireNinjs(n, `خبر الوكالة رقم ${n}`));
  await check.getByRole('button', { name: ar.incoming.check.now }).click();
  await expect(check.getByRole('progressbar', { name: ar.incoming.check.progressLabel })).toBeVisible();
  await expect(check.getByRole('status')).toContainText(/400/);
  await check.getByRole('button', { name: ar.incoming.check.cancel }).click();
  const stopped = check.locator('[data-scan-state="cancelled"]');
  await expect(stopped).toBeVisible({ timeout: 20_000 });
  const scan = await callApi<{ done: number; taken: number; total: number }>(
    request,
    bridge,
    'getIncomingScan',
    {},
  );
  expect(scan.total).toBe(400);
  expect(scan.done).toBeLessThan(400);
  await expect(stopped).toHaveText(
    fill(ar.incoming.check.result.cancelled, {
      done: scan.done,
      total: 400,
      taken: scan.taken,
      duplicates: 0,
      refused: 0,
    }),
  );
  expect((await readdir(wire)).filter((name) => name.startsWith('bulk-'))).toHaveLength(400 - scan.done);
});
