/**
 * Autosave under failure: a failed save keeps the text and offers a retry; a save based on a
 * stale version is reported plainly as a conflict.
 */
import { test, expect } from './support/fixtures';

test('a failed save keeps the text, says why, and a retry saves it', async ({ workstation, page }) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.typeBody(['فقرة أولى']);
  await workstation.waitUntilSaved();

  await page.route('**/api/saveStory', (route) => route.abort('connectionrefused'));
  await page.keyboard.type(' وبقية النص');
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'error');
  await expect(workstation.saveStatus).toContainText('خطأ');
  await expect(workstation.saveStatus).toContainText('تعذّر الوصول');
  await expect(workstation.bodyBlocks).toHaveText(['فقرة أولى وبقية النص']);

  await page.unroute('**/api/saveStory');
  await page.getByRole('button', { name: 'أعد المحاولة' }).click();
  await workstation.waitUntilSaved();

  await page.reload();
  await expect(workstation.bodyBlocks).toHaveText(['فقرة أولى وبقية النص']);
});

test('a save based on a stale version is reported as a conflict', async ({ workstation, page, bridge }) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.typeBody(['نسختي']);
  await workstation.waitUntilSaved();

  // Someone else saves the same story first.
  const conflict = await page.evaluate(async (token) => {
    const call = (operation: string, body: unknown) =>
      fetch(`/api/${operation}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }).then((response) => response.json());
    const list = await call('listStories', {});
    const story = list.value.items[0];
    return call('saveStory', { id: story.id, baseVersion: story.version, edit: { headline: 'نسخة أخرى' } });
  }, bridge.token);
  expect(conflict.ok).toBe(true);

  await workstation.body.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' ومزيد');
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'error');
  await expect(workstation.saveStatus).toContainText('تعارض');
  await expect(workstation.bodyBlocks).toHaveText(['نسختي ومزيد']);
});
