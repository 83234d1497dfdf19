/**
 * axe-core over the main window with a story open, in Arabic and in English. No rule is
 * disabled: a violation is a bug in the UI.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './support/fixtures';

test('the window with an open story has no axe violations', async ({ workstation, page }) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.headline.fill('عنوان للتجربة');
  await workstation.typeBody(['فقرة أولى من نص القصة.', 'فقرة ثانية تذكر "CNN" في وسطها.']);
  await workstation.waitUntilSaved();

  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
});

test('switching the UI to English mirrors the window but not the story', async ({ workstation, page }) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.typeBody(['نص عربي']);
  await workstation.waitUntilSaved();

  await page.getByRole('button', { name: 'Switch the interface to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Stories' })).toBeVisible();
  await expect(page.getByLabel('Story body')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByLabel('Headline', { exact: true })).toHaveAttribute('dir', 'rtl');

  // The choice is remembered.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});
