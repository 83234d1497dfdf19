/**
 * Proofing in the real renderer through the bridge: spelling marks and the spelling menu, the
 * newsroom word list, normalized find and replace-all on the fixture articles, typing aids.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import type { BridgeProcess } from './support/bridge';
import type { Workstation } from './support/workstation';
import { contrastOf } from './support/contrast';

const repo = resolve(import.meta.dirname, '..', '..');
const artifacts = resolve(repo, 'tests/artifacts');

interface FixtureBlock {
  type: string;
  text?: string;
  items?: string[];
}
const fixtures = JSON.parse(readFileSync(resolve(repo, 'tests/fixtures/articles-ar.json'), 'utf8')) as {
  articles: { headline: string; body: FixtureBlock[] }[];
};

const paragraph = (text: string) => ({ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text }] });

/** The fixture articles' bodies as one story body, each block as a paragraph, list items included. */
function fixtureBody() {
  return fixtures.articles.flatMap((article) =>
    article.body.flatMap((block) => (block.text ? [block.text] : (block.items ?? []))).map(paragraph),
  );
}

async function call(bridge: BridgeProcess, operation: string, request: unknown): Promise<unknown> {
  const response = await fetch(`${bridge.origin}/api/${operation}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${operation}: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Creates a story through the API and opens it in the workstation. */
async function openStory(workstation: Workstation, bridge: BridgeProcess, headline: string, body: unknown[]) {
  const story = (await call(bridge, 'createStory', { language: 'ar', edit: { headline: 'مسودة' } })) as {
    id: string;
    version: number;
  };
  await call(bridge, 'saveStory', { id: story.id, baseVersion: story.version, edit: { headline, body } });
  await workstation.open();
  await workstation.openFromList(headline);
}

const marked = (page: Page) => page.locator('.proof-misspelled');

test('a misspelled Arabic word is underlined and a suggestion from the context menu replaces it', async ({
  workstation,
  bridge,
  page,
}) => {
  await openStory(workstation, bridge, 'تدقيق إملائي', [paragraph('ذهبت الطالبه إلى المدرسة صباحا')]);
  await expect(page.getByText('التدقيق الإملائي يعمل')).toBeVisible({ timeout: 30_000 });
  await expect(marked(page)).toHaveText(['الطالبه']);
  // The browser's own checker is off where ours runs.
  await expect(workstation.body).toHaveAttribute('spellcheck', 'false');
  // The underline is a decoration only: the text is still one joined run (no padding, no font change).
  const style = await marked(page).evaluate((el) => getComputedStyle(el).textDecorationStyle);
  expect(style).toBe('wavy');
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: resolve(artifacts, 'proofing-misspelled.png') });

  // From the keyboard: Shift+F10 on the word opens the menu at the word's start edge (its right
  // edge in Arabic), on the first suggestion; its text is readable; Escape gives the text back.
  await marked(page).click();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'تدقيق كلمة «الطالبه»' });
  const first = menu.getByRole('menuitem', { name: 'الطالبة', exact: true });
  await expect(first).toBeFocused();
  const word = (await marked(page).boundingBox())!;
  const box = (await page.locator('.spell-menu').boundingBox())!;
  expect(Math.abs(box.x + box.width - (word.x + word.width))).toBeLessThan(4);
  expect(box.y).toBeGreaterThanOrEqual(word.y + word.height - 1);
  expect(await contrastOf(page.locator('.spell-menu'))).toBeGreaterThanOrEqual(4.5);
  const axe = await new AxeBuilder({ page }).include('.spell-menu').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'تجاهل' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(workstation.body).toBeFocused();

  await marked(page).click({ button: 'right' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'الطالبة', exact: true })).toBeVisible();
  await page.screenshot({ path: resolve(artifacts, 'proofing-menu.png') });
  await menu.getByRole('menuitem', { name: 'الطالبة', exact: true }).click();

  await expect(workstation.bodyBlocks).toHaveText(['ذهبت الطالبة إلى المدرسة صباحا']);
  await expect(marked(page)).toHaveCount(0);
  await workstation.waitUntilSaved();
});

test('a word added to the newsroom list is no longer marked, here and after a reload', async ({
  workstation,
  bridge,
  page,
}) => {
  await openStory(workstation, bridge, 'أسماء الأعلام', [
    paragraph('التقى الوزير بالسفير محمدوف في العاصمة'),
  ]);
  await expect(marked(page)).toHaveText(['محمدوف'], { timeout: 30_000 });

  await marked(page).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'إضافة إلى قاموس غرفة الأخبار' }).click();
  await expect(marked(page)).toHaveCount(0);
  expect(await call(bridge, 'listNewsroomWords', {})).toEqual(['محمدوف']);

  // The list lives in the store: a fresh page loads it into the checker.
  await page.reload();
  await workstation.openFromList('أسماء الأعلام');
  await expect(page.getByText('التدقيق الإملائي يعمل')).toBeVisible({ timeout: 30_000 });
  await workstation.bodyBlocks.first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' الطالبه');
  // The checker did run on this page (it marks the new word), and still accepts the name.
  await expect(marked(page)).toHaveText(['الطالبه']);
});

test('find is normalized (or exact on demand) and replace-all over the fixture articles is one undo step', async ({
  workstation,
  bridge,
  page,
}) => {
  await openStory(workstation, bridge, 'المقالات', fixtureBody());
  await workstation.bodyBlocks.first().click();
  await page.keyboard.press('Control+f');
  const bar = page.getByRole('search', { name: 'بحث واستبدال في القصة' });
  const query = bar.getByLabel('بحث', { exact: true });
  await expect(query).toBeFocused();

  // الاخرة (no hamza, no madda) finds الآخرة; ذكري finds ذِكْرَى (harakat, alef maqsura).
  await query.fill('الاخرة');
  await expect(bar.locator('.find-bar__count')).toHaveText('1 من 1');
  await expect(page.locator('.find-current')).toHaveText('الآخرة');
  await bar.getByLabel('مطابقة تامة').check();
  await expect(bar.locator('.find-bar__count')).toHaveText('لا نتائج');
  await bar.getByLabel('مطابقة تامة').uncheck();
  await query.fill('ذكري');
  await expect(page.locator('.find-current')).toHaveText('ذِكْرَى');
  await page.screenshot({ path: resolve(artifacts, 'proofing-find.png') });

  await query.fill('البنك');
  await expect(bar.locator('.find-bar__count')).toHaveText('1 من 2');
  await bar.getByLabel('استبدال بـ').fill('المصرف');
  await bar.getByRole('button', { name: 'استبدال الكل' }).click();
  await expect(bar.locator('.find-bar__count')).toHaveText('لا نتائج');
  const body = workstation.body;
  await expect(body).not.toContainText('البنك');
  await expect(body.getByText(/المصرف/)).toHaveCount(2);

  // One undo brings every replaced match back.
  await bar.getByRole('button', { name: 'إغلاق البحث' }).click();
  await expect(body).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(body.getByText(/البنك/)).toHaveCount(2);
  await expect(body).not.toContainText('المصرف');
  await workstation.waitUntilSaved();
});

test('typing aids: Arabic comma, question mark and guillemets in Arabic text, Latin ones in English', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.body.click();
  await page.keyboard.type('قال الوزير, "نعم"; هل تأتي?');
  await page.keyboard.press('Enter');
  await page.keyboard.type('He said, "yes"?');
  await expect(workstation.bodyBlocks).toHaveText(['قال الوزير، «نعم»؛ هل تأتي؟', 'He said, «yes»?']);
  await page.screenshot({ path: resolve(artifacts, 'proofing-typing-aids.png') });
  await workstation.waitUntilSaved();
});
