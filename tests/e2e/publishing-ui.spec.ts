/**
 * Publishing and wire ingest in the window, through the bridge in Chromium:
 * - the administrator adds a folder channel and tests it (and a channel whose folder is missing
 *   fails its test with the catalogue's reason), a story goes through publish and its delivery
 *   shows in the story's log and in the channels screen's log;
 * - a wire ninjs file dropped in the watched folder appears in Incoming, an uploaded one too,
 *   duplicates are ignored (dropped or uploaded), and an item opens as a draft keeping its source.
 * axe-core over the channels screen and the Incoming queue; Arabic screenshots of both in
 * tests/artifacts/publishing-ui-*.png.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { storyToNinjs } from '../../shared/format/ninjs';
import { Story } from '../../shared/story/schema';
import type english from '../../shared/i18n/en.json';
import { callApi, seedStory } from './support/api';
import { expect, test } from './support/fixtures';
import { makePng } from './editor-helpers';

const ARTIFACTS = resolve('tests/artifacts');
/** The Arabic catalogue, so the test addresses controls by the names a user hears. */
const ar = JSON.parse(readFileSync(resolve('shared/i18n/ar.json'), 'utf8')) as Pick<
  typeof english,
  'publishing' | 'incoming'
>;
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

async function noAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}

/** A wire item from an agency, as ninjs 3.1. */
function wireNinjs(id: string, headline: string): string {
  const story = Story.parse({
    id,
    schemaVersion: 1,
    version: 2,
    language: 'ar',
    direction: 'rtl',
    headline,
    subheadline: '',
    slugline: 'wire',
    byline: 'وكالة الأنباء',
    body: [{ type: 'paragraph', children: [{ text: `${headline}. تفاصيل الخبر كما وردت من الوكالة.` }] }],
    tags: ['ليبيا'],
    status: 'published',
    urgency: 4,
    createdAt: '2026-05-01T08:00:00Z',
    updatedAt: '2026-05-01T09:00:00Z',
    publishedAt: '2026-05-01T09:00:00Z',
  });
  return JSON.stringify(storyToNinjs(story));
}

let outside: string;
// Folders a browser names are places inside the bridge's exchange folder.
test.beforeEach(async ({ bridge }) => {
  outside = await mkdtemp(join(bridge.exchange!, 'mihbara-e2e-pubui-'));
});
test.afterEach(async () => {
  await rm(outside, { recursive: true, force: true });
});

test('an administrator adds and tests a folder channel; a published story shows its delivery', async ({
  workstation,
  page,
  request,
  bridge,
}) => {
  const site = join(outside, 'site');
  await mkdir(site);
  await workstation.open();
  await page.getByRole('button', { name: ar.publishing.channelsButton }).click();
  const screen = page.getByRole('region', { name: ar.publishing.channelsTitle });
  await expect(screen.getByText(ar.publishing.noChannels)).toBeVisible();

  const add = async (id: string, name: string, path: string) => {
    const form = page.getByRole('form', { name: ar.publishing.add.title });
    await form.getByLabel(ar.publishing.add.id).fill(id);
    await form.getByLabel(ar.publishing.add.name).fill(name);
    await form.getByLabel(ar.publishing.add.path).fill(path);
    await form.getByLabel(ar.publishing.add.baseUrl).fill('https://news.example/');
    await form.getByRole('button', { name: ar.publishing.add.submit }).click();
    await expect(form.getByRole('status')).toHaveText(fill(ar.publishing.add.added, { name }));
  };
  await add('website', 'الموقع', site);
  await add('archive', 'الأرشيف', join(outside, 'no-such-folder'));

  const row = (name: string) => screen.locator('tr', { has: page.getByRole('rowheader', { name }) });
  await page.getByRole('button', { name: fill(ar.publishing.testLabel, { name: 'الموقع' }) }).click();
  await expect(row('الموقع').getByRole('status')).toHaveText(ar.publishing.testOk);
  await page.getByRole('button', { name: fill(ar.publishing.testLabel, { name: 'الأرشيف' }) }).click();
  await expect(row('الأرشيف').getByRole('status')).toHaveText(
    fill(ar.publishing.testFailed, { reason: ar.publishing.reason['channel-folder-missing'] }),
  );
  // A channel whose folder is missing would refuse every publication: the administrator turns it off.
  await page.getByRole('button', { name: fill(ar.publishing.disableLabel, { name: 'الأرشيف' }) }).click();
  await expect(
    page.getByRole('button', { name: fill(ar.publishing.enableLabel, { name: 'الأرشيف' }) }),
  ).toBeVisible();
  await expect(row('الأرشيف').locator('td').nth(4)).toHaveText(ar.publishing.no);

  // The outlet the site publishes as: its name, and a logo chosen from disk into the media store.
  const logoFile = join(outside, 'logo.png');
  await writeFile(logoFile, Buffer.from(await makePng(page, 'Al-Fajr', '#8c1c13'), 'base64'));
  await page.getByRole('button', { name: fill(ar.publishing.outlet.editLabel, { name: 'الموقع' }) }).click();
  const outlet = page.getByTestId('outlet-editor');
  await outlet.getByLabel(ar.publishing.outlet.name).fill('صحيفة الفجر');
  await outlet.locator('input[type="file"]').setInputFiles(logoFile);
  await expect(
    outlet.getByRole('img', { name: fill(ar.publishing.outlet.logoAlt, { name: 'صحيفة الفجر' }) }),
  ).toBeVisible();
  await noAxeViolations(page);
  await page.screenshot({ path: join(ARTIFACTS, 'publishing-ui-outlet.png'), fullPage: true });
  // The picture library it can choose from is a dialog of its own: axe-clean too.
  await outlet.getByRole('button', { name: ar.publishing.outlet.fromLibrary }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await noAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await outlet.getByRole('button', { name: ar.publishing.outlet.save }).click();
  await expect(outlet).toHaveCount(0);
  const saved = (
    await callApi<Array<{ id: string; folder?: { siteTitle: string; logo?: string } }>>(
      request,
      bridge,
      'listChannels',
      {},
    )
  ).find((channel) => channel.id === 'website');
  expect(saved!.folder).toMatchObject({
    siteTitle: 'صحيفة الفجر',
    logo: expect.stringMatching(/^[0-9a-f]{64}\.png$/),
  });
  const logo = saved!.folder!.logo!;

  await noAxeViolations(page);
  await page.screenshot({ path: join(ARTIFACTS, 'publishing-ui-channels.png'), fullPage: true });

  // A story through the workflow (as the administrator at the keyboard) to publication.
  const story = await seedStory(request, bridge, {
    headline: 'القمة العربية تنطلق في بغداد',
    byline: 'ياسين أحمد',
    body: ['انطلقت أعمال القمة العربية في بغداد بحضور القادة العرب.'],
    tags: ['القمة العربية'],
  });
  const withImage = await callApi<{ version: number }>(request, bridge, 'saveStory', {
    id: story.id,
    baseVersion: story.version,
    edit: {
      leadImage: { file: `${'e'.repeat(64)}.jpg`, caption: 'القادة', credit: 'محبرة', altText: 'صورة' },
    },
  });
  expect(withImage.version).toBeGreaterThan(story.version);
  for (const action of ['submit', 'approve', 'publish'])
    await callApi(request, bridge, 'transitionStory', { id: story.id, action });
  expect(existsSync(join(site, 'stories', `${story.id}.html`))).toBe(true);
  // The page and the index show the outlet's name and logo (copied beside the pages).
  expect(existsSync(join(site, 'media', logo))).toBe(true);
  const storyPage = readFileSync(join(site, 'stories', `${story.id}.html`), 'utf8');
  expect(storyPage).toContain(`<img src="../media/${logo}" alt="" />`);
  expect(storyPage).toContain('<span class="brand__name">صحيفة الفجر</span>');
  const index = readFileSync(join(site, 'index.html'), 'utf8');
  expect(index).toContain(`<img src="media/${logo}" alt="" /><span>صحيفة الفجر</span>`);

  // The channels screen's log shows it; so does the story's own log under the story.
  await screen.getByRole('button', { name: ar.publishing.log.refresh }).click();
  const log = page.getByRole('region', { name: ar.publishing.log.title });
  await expect(log.locator('tbody tr')).toHaveCount(1);
  await expect(log.locator('tbody tr').first()).toContainText(ar.publishing.log.status.delivered);

  await page.getByRole('button', { name: ar.publishing.channelsButton }).click();
  await workstation.storyList.getByRole('button', { name: /القمة العربية تنطلق في بغداد/ }).click();
  const storyLog = page.getByRole('region', { name: ar.publishing.log.storyTitle });
  const delivered = storyLog.locator('tbody tr');
  await expect(delivered).toHaveCount(1);
  await expect(delivered).toContainText('الموقع');
  await expect(delivered).toContainText(ar.publishing.log.event.publish);
  await expect(delivered).toContainText(ar.publishing.log.status.delivered);
});

test('wire files dropped in the watched folder or uploaded reach Incoming once and open as drafts', async ({
  workstation,
  page,
  request,
  bridge,
}) => {
  const wire = join(outside, 'wire');
  await mkdir(wire);
  await writeFile(join(wire, 'afp-1.json'), wireNinjs('wire-item-0001', 'وصول وفود القمة إلى بغداد'));

  await workstation.open();
  await page.getByRole('button', { name: ar.publishing.channelsButton }).click();
  const watchForm = page.getByRole('form', { name: ar.publishing.watch.title });
  // A folder outside the bridge's exchange folder is not a place the user chose here: refused in words.
  await expect(watchForm.getByLabel(ar.publishing.watch.folder)).toHaveAccessibleDescription(
    ar.publishing.watch.hint,
  );
  await watchForm.getByLabel(ar.publishing.watch.folder).fill(join(outside, '..', '..'));
  await watchForm.getByRole('button', { name: ar.publishing.watch.save }).click();
  await expect(watchForm.getByRole('status')).toHaveText(ar.publishing.reason.place);
  await watchForm.getByLabel(ar.publishing.watch.folder).fill(wire);
  await watchForm.getByRole('button', { name: ar.publishing.watch.save }).click();
  await expect(watchForm.getByTestId('watch-state')).toContainText(ar.publishing.watch.active);

  // The file already there is taken at once and moved aside.
  await expect.poll(async () => readdir(join(wire, 'processed')).catch(() => [])).toEqual(['afp-1.json']);
  await page.getByRole('button', { name: new RegExp(`^${ar.incoming.title}`) }).click();
  const queue = page.getByRole('region', { name: ar.incoming.title });
  const items = queue.getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first().getByRole('heading')).toHaveText('وصول وفود القمة إلى بغداد');

  // The same item dropped again (another file name, same guid and version) is ignored.
  await writeFile(join(wire, 'afp-1-again.json'), wireNinjs('wire-item-0001', 'وصول وفود القمة إلى بغداد'));
  await expect
    .poll(async () => (await readdir(join(wire, 'processed'))).sort(), { timeout: 15_000 })
    .toEqual(['afp-1-again.json', 'afp-1.json']);
  expect((await callApi<{ items: unknown[] }>(request, bridge, 'listIncoming', {})).items).toHaveLength(1);

  // Uploaded from the page: taken once, then ignored as a duplicate.
  const upload = queue.getByLabel(ar.incoming.upload);
  const file = {
    name: 'reuters-7.json',
    mimeType: 'application/json',
    buffer: Buffer.from(wireNinjs('wire-item-0002', 'مباحثات ليبية روسية في طرابلس')),
  };
  await upload.setInputFiles(file);
  await expect(queue.locator('.incoming__messages')).toHaveText(
    fill(ar.incoming.outcome.queued, { name: file.name }),
  );
  await expect(items).toHaveCount(2);
  await upload.setInputFiles(file);
  await expect(queue.locator('.incoming__messages')).toHaveText(
    fill(ar.incoming.outcome.duplicate, { name: file.name }),
  );
  await expect(items).toHaveCount(2);

  await noAxeViolations(page);
  await page.screenshot({ path: join(ARTIFACTS, 'publishing-ui-incoming.png'), fullPage: true });

  // Spike one; open the other as a draft that keeps its source.
  await queue
    .getByRole('button', {
      name: fill(ar.incoming.spikeLabel, { headline: 'مباحثات ليبية روسية في طرابلس' }),
    })
    .click();
  await expect(queue.locator('[data-status="spiked"]')).toHaveCount(1);
  const listed = await callApi<{ items: { guid: string; headline: string }[] }>(
    request,
    bridge,
    'listIncoming',
    {},
  );
  const guid = listed.items.find((item) => item.headline === 'وصول وفود القمة إلى بغداد')!.guid;
  await queue
    .getByRole('button', { name: fill(ar.incoming.openLabel, { headline: 'وصول وفود القمة إلى بغداد' }) })
    .click();
  await expect(workstation.headline).toHaveValue('وصول وفود القمة إلى بغداد');
  await expect(workstation.body).toContainText('تفاصيل الخبر كما وردت من الوكالة');
  const stories = (
    await callApi<{ items: { id: string; headline: string }[] }>(request, bridge, 'listStories', {})
  ).items;
  const draft = stories.find((s) => s.headline === 'وصول وفود القمة إلى بغداد')!;
  const opened = await callApi<{ status: string; source?: { guid: string } }>(request, bridge, 'getStory', {
    id: draft.id,
  });
  expect(opened.status).toBe('draft');
  expect(opened.source?.guid).toBe(guid);

  // Back in Incoming the item says where it went.
  await page.getByRole('button', { name: new RegExp(`^${ar.incoming.title}`) }).click();
  await expect(queue.locator('[data-status="opened"]')).toHaveCount(1);
  await expect(
    queue.getByRole('button', {
      name: fill(ar.incoming.goToLabel, { headline: 'وصول وفود القمة إلى بغداد' }),
    }),
  ).toBeVisible();
});
