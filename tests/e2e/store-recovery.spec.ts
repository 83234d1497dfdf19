/**
 * The recovery journal end to end: the editor's text reaches it independently of the save; when
 * the save fails (here: the disk is full) the next start offers the text back, in Arabic and
 * in English, and restoring saves it as a new version of the story.
 */
import { mkdir } from 'node:fs/promises';
import { seedStory } from './support/api';
import { test, expect } from './support/fixtures';
import { Workstation } from './support/workstation';

const SCREENSHOTS = 'tests/artifacts/store-recovery';

test('after a disk-full save the next start offers the unsaved text, and restoring saves it', async ({
  workstation,
  page,
  context,
  request,
  bridge,
}) => {
  await mkdir(SCREENSHOTS, { recursive: true });
  await seedStory(request, bridge, { headline: 'قمة المناخ في القاهرة', body: ['الفقرة الأولى من الخبر'] });
  // Every save fails as the store reports a full disk.
  await page.route('**/api/saveStory', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'disk-full', detail: 'ENOSPC (test)' } }),
    }),
  );
  await workstation.open();
  await workstation.openFromList('قمة المناخ في القاهرة');
  const drafted = page.waitForRequest(
    (req) => req.url().endsWith('/api/putRecoveryDraft') && req.postData()!.includes('وبقية النص'),
  );
  await workstation.body.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' وبقية النص');
  await drafted;
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'error');
  await expect(workstation.saveStatus).toContainText('القرص ممتلئ');

  // The app dies before the disk has room again (closing without unload handlers is what a
  // crash looks like to the page), then starts again.
  await page.close();
  const next = await context.newPage();
  await next.goto(bridge.url);
  const dialog = next.getByRole('dialog', { name: 'نصوص لم تُحفظ' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('قمة المناخ في القاهرة');
  await expect(next.locator('html')).toHaveAttribute('dir', 'rtl');
  await next.screenshot({ path: `${SCREENSHOTS}/offer-ar.png` });
  await dialog.getByRole('button', { name: 'استعادة النص غير المحفوظ من «قمة المناخ في القاهرة»' }).click();
  await expect(dialog).toBeHidden();
  const restarted = new Workstation(next, bridge);
  await expect(restarted.bodyBlocks).toHaveText(['الفقرة الأولى من الخبر وبقية النص']);

  // It is a saved version now: a fresh start shows it and offers nothing.
  await next.reload();
  await restarted.openFromList('قمة المناخ في القاهرة');
  await expect(restarted.bodyBlocks).toHaveText(['الفقرة الأولى من الخبر وبقية النص']);
  await expect(next.getByRole('dialog')).toHaveCount(0);
});
test('the offer in English; setting a draft aside keeps it out of the way', async ({
  page,
  request,
  bridge,
}) => {
  await mkdir(SCREENSHOTS, { recursive: true });
  const story = await seedStory(request, bridge, { headline: 'Budget vote', body: ['First paragraph'] });
  const put = await request.post(`${bridge.origin}/api/putRecoveryDraft`, {
    data: { id: story.id, baseVersion: story.version, draft: { headline: 'Budget vote: late amendment' } },
    headers: { Authorization: `Bearer ${bridge.token}` },
  });
  expect((await put.json()).ok).toBe(true);
  await page.addInitScript(() => window.localStorage.setItem('mihbara.uiLanguage', 'en'));
  await page.goto(bridge.url);
  const dialog = page.getByRole('dialog', { name: 'Unsaved text' });
  await expect(dialog).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.screenshot({ path: `${SCREENSHOTS}/offer-en.png` });
  await dialog
    .getByRole('button', { name: 'Set aside the unsaved text of “Budget vote: late amendment”' })
    .click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unsaved text' })).toBeHidden();
});
