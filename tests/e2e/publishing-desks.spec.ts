/**
 * Channels per desk in the window, through the bridge in Chromium: the administrator adds a
 * channel for one desk and one for all desks, changes a channel's desks in the channels screen
 * (an empty choice is refused in words), and a story of the politics desk is delivered only to
 * the channels that serve it. Arabic screenshot in tests/artifacts/publishing-desks.png.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type english from '../../shared/i18n/en.json';
import { callApi, seedStory } from './support/api';
import { expect, test } from './support/fixtures';

const ARTIFACTS = resolve('tests/artifacts');
const ar = JSON.parse(readFileSync(resolve('shared/i18n/ar.json'), 'utf8')) as Pick<
  typeof english,
  'publishing'
>;
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

let outside: string;
// Folders a browser names are places inside the bridge's exchange folder.
test.beforeEach(async ({ bridge }) => {
  outside = await mkdtemp(join(bridge.exchange!, 'mihbara-e2e-desks-'));
});
test.afterEach(async () => {
  await rm(outside, { recursive: true, force: true });
});

test('an administrator limits channels to desks; a politics story goes only where politics is served', async ({
  workstation,
  page,
  request,
  bridge,
}) => {
  for (const name of ['all', 'sport', 'politics']) await mkdir(join(outside, name));
  await workstation.open();
  await page.getByRole('button', { name: ar.publishing.channelsButton }).click();
  const screen = page.getByRole('region', { name: ar.publishing.channelsTitle });
  const form = page.getByRole('form', { name: ar.publishing.add.title });

  const add = async (id: string, name: string, desks: string[] | 'all') => {
    await form.getByLabel(ar.publishing.add.id).fill(id);
    await form.getByLabel(ar.publishing.add.name).fill(name);
    await form.getByLabel(ar.publishing.add.path).fill(join(outside, id));
    const chooser = form.getByRole('group', { name: ar.publishing.desks.legend });
    if (desks === 'all') {
      await chooser.getByLabel(ar.publishing.desks.all).check();
    } else {
      await chooser.getByLabel(ar.publishing.desks.some).check();
      for (const desk of desks) await chooser.getByLabel(desk, { exact: true }).check();
    }
    await form.getByRole('button', { name: ar.publishing.add.submit }).click();
    await expect(form.getByRole('status')).toHaveText(fill(ar.publishing.add.added, { name }));
  };

  // "Only these desks" with none ticked is refused in words, and nothing is added.
  await form.getByLabel(ar.publishing.add.id).fill('nothing');
  await form.getByLabel(ar.publishing.add.name).fill('لا شيء');
  await form.getByLabel(ar.publishing.add.path).fill(join(outside, 'all'));
  await form
    .getByRole('group', { name: ar.publishing.desks.legend })
    .getByLabel(ar.publishing.desks.some)
    .check();
  await expect(form.getByRole('alert')).toHaveText(ar.publishing.desks.noneChosen);
  await form.getByRole('button', { name: ar.publishing.add.submit }).click();
  await expect(form.getByRole('status')).toHaveText(ar.publishing.desks.noneChosen);

  await add('all', 'الموقع العام', 'all');
  await add('sport', 'موقع الرياضة', ['رياضة']);
  await add('politics', 'نشرة الاقتصاد', ['اقتصاد']);

  const row = (name: string) => screen.locator('tr', { has: page.getByRole('rowheader', { name }) });
  await expect(row('الموقع العام').locator('[data-desks]')).toHaveText(ar.publishing.desks.all);
  await expect(row('موقع الرياضة').locator('[data-desks]')).toHaveText('رياضة');

  // The third channel is changed in place: politics and economy.
  await page
    .getByRole('button', { name: fill(ar.publishing.desks.editLabel, { name: 'نشرة الاقتصاد' }) })
    .click();
  const editor = screen.getByRole('group', {
    name: fill(ar.publishing.desks.legendOf, { name: 'نشرة الاقتصاد' }),
  });
  await editor.getByLabel('اقتصاد', { exact: true }).uncheck();
  await expect(editor.getByRole('alert')).toHaveText(ar.publishing.desks.noneChosen);
  await expect(screen.getByRole('button', { name: ar.publishing.desks.save })).toBeDisabled();
  await editor.getByLabel('سياسة', { exact: true }).check();
  await editor.getByLabel('اقتصاد', { exact: true }).check();
  await editor.getByLabel('سياسة', { exact: true }).focus();
  await page.screenshot({ path: join(ARTIFACTS, 'publishing-desks.png'), fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await screen.getByRole('button', { name: ar.publishing.desks.save }).click();
  await expect(editor).toHaveCount(0);
  await expect(row('نشرة الاقتصاد').locator('[data-desks]')).toHaveText('سياسة، اقتصاد');
  const saved = await callApi<Array<{ id: string; desks: unknown }>>(request, bridge, 'listChannels', {});
  expect(Object.fromEntries(saved.map((c) => [c.id, c.desks]))).toEqual({
    all: 'all',
    sport: ['sports'],
    politics: ['politics', 'economy'],
  });

  // The administrator joins the politics desk, so the story they write belongs to it.
  await callApi(request, bridge, 'updatePerson', { userId: 'admin', desks: ['politics'] });
  const story = await seedStory(request, bridge, {
    headline: 'مباحثات ليبية روسية في طرابلس',
    byline: 'ياسين أحمد',
    body: ['بحث الجانبان التعاون العسكري بين ليبيا وروسيا.'],
    tags: ['ليبيا'],
  });
  await callApi(request, bridge, 'saveStory', {
    id: story.id,
    baseVersion: story.version,
    edit: {
      leadImage: { file: `${'e'.repeat(64)}.jpg`, caption: 'الوفدان', credit: 'محبرة', altText: 'صورة' },
    },
  });
  for (const action of ['submit', 'approve', 'publish'])
    await callApi(request, bridge, 'transitionStory', { id: story.id, action });
  const page1 = (site: string) => existsSync(join(outside, site, 'stories', `${story.id}.html`));
  expect([page1('all'), page1('sport'), page1('politics')]).toEqual([true, false, true]);
  const deliveries = await callApi<Array<{ channelId: string }>>(request, bridge, 'listDeliveries', {
    storyId: story.id,
  });
  expect(deliveries.map((d) => d.channelId).sort()).toEqual(['all', 'politics']);
});
