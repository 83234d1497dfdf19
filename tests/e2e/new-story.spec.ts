/**
 * New stories appear when written: "New story" opens an editor on a story that is not stored;
 * left untouched it leaves nothing in the list, and its first edit stores it with that edit,
 * every keystroke typed fast included, and with a recovery draft as for any story. Arabic
 * interface from a fresh store, then English with a desk as the first edit. Screenshots of a new
 * untouched story in both languages.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { api } from './editor-helpers';

const ARTIFACTS = resolve(import.meta.dirname, '..', 'artifacts');
const HEADLINE = 'الرئاسة الليبية تتسلم دعوة رسمية لحضور قمة بغداد';

interface Listed {
  id: string;
  headline: string;
  desk?: string;
}

const stored = async (page: Page) => (await api<{ items: Listed[] }>(page, 'listStories', {})).items;

async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, name) });
}

test('a new story is stored at its first edit, every keystroke in it; an untouched one leaves nothing', async ({
  page,
  workstation,
}) => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await workstation.open();
  await workstation.newStory();
  await expect(page.getByTestId('workflow-unstored')).toHaveText(/تُحفَظ القصة حين تبدأ الكتابة/);
  await shoot(page, 'new-story-untouched-ar.png');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );

  // Left untouched for another new story, then for nothing at all: nothing was stored.
  await workstation.newStory();
  expect(await stored(page)).toEqual([]);
  await expect(workstation.storyList.getByRole('button', { name: '(بلا عنوان)' })).toHaveCount(0);

  // The first keystrokes are typed at full speed while every save after the first fails: the
  // first one stores the story, the rest are in its recovery draft until a save goes through.
  await page.route('**/api/saveStory', (route) => route.abort('connectionrefused'));
  await page.keyboard.type(HEADLINE);
  await expect
    .poll(async () => (await api<{ headline: string }[]>(page, 'listRecoveryDrafts', {}))[0]?.headline)
    .toBe(HEADLINE);
  const [first] = await stored(page);
  expect(HEADLINE.startsWith(first!.headline) && first!.headline.length > 0).toBe(true);
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'error');
  await page.unroute('**/api/saveStory');
  await page.getByRole('button', { name: 'أعد المحاولة' }).click();
  await workstation.waitUntilSaved();
  await expect(workstation.storyList.getByRole('button', { name: HEADLINE })).toBeVisible();
  expect((await stored(page)).map((story) => story.headline)).toEqual([HEADLINE]);

  // A reload opens the story again, as it was written.
  await page.reload();
  await expect(workstation.headline).toHaveValue(HEADLINE);

  // A new story left for an older one: the list still has only the story that was written.
  await workstation.newStory();
  await workstation.openFromList(HEADLINE);
  expect((await stored(page)).map((story) => story.headline)).toEqual([HEADLINE]);
  await expect(workstation.storyList.getByRole('button', { name: '(بلا عنوان)' })).toHaveCount(0);
});

test('in English, a desk picked first stores the new story; an untouched one is not listed', async ({
  page,
  workstation,
}) => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await workstation.open();
  await page.getByRole('button', { name: 'Switch the interface to English' }).click();
  await page.getByRole('button', { name: 'New story', exact: true }).click();
  await expect(page.getByLabel('Headline', { exact: true })).toBeFocused();
  await expect(page.getByTestId('workflow-unstored')).toHaveText(/saved when you start writing/);
  await workstation.showDetails('Details');
  await shoot(page, 'new-story-untouched-en.png');
  await page.getByRole('button', { name: 'New story', exact: true }).click();
  expect(await stored(page)).toEqual([]);

  await workstation.showDetails('Details');
  await page.getByRole('combobox', { name: 'Desk' }).click();
  await page.getByRole('option', { name: 'Politics' }).click();
  await expect.poll(async () => (await stored(page)).map((story) => story.desk)).toEqual(['politics']);
  await expect(page.getByTestId('workflow-unstored')).toHaveCount(0);
  const list = page.getByRole('navigation', { name: 'Stories' });
  await expect(list.getByRole('button', { name: '(untitled)' })).toHaveCount(1);
});
