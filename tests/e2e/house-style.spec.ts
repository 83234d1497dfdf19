/**
 * The house style reaches every date the interface shows: the story list follows the newsroom's
 * digits and calendar as soon as the settings say so.
 */
import { test, expect } from './support/fixtures';

test('dates and numbers follow the house style: Hijri with Arabic-Indic digits', async ({
  workstation,
  bridge,
  page,
}) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.headline.fill('قمة بغداد');
  // Eleven words: the count is a number the house digits must reach ("١١ كلمة").
  await workstation.typeBody(['يجتمع القادة العرب في بغداد غدا لبحث ملفات المنطقة الساخنة كلها']);
  await workstation.waitUntilSaved();
  const entry = workstation.storyList.getByRole('button', { name: 'قمة بغداد' });
  // The default house style: Gregorian, Western digits.
  await expect(entry.locator('time')).toHaveText(/\d{4}/);
  const count = page.locator('.queues__count').first();
  await expect(count).toHaveText(/^[0-9]+$/);

  const response = await fetch(`${new URL(bridge.url).origin}/api/saveSettings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge.token}` },
    body: JSON.stringify({
      settings: { houseStyle: { digits: 'arab', calendar: 'hijri', months: 'levantine' } },
    }),
  });
  expect(await response.json()).toMatchObject({ ok: true });
  await page.reload();
  await expect(entry.locator('time')).toHaveText(/[٠-٩]{4}\s*هـ/);
  await expect(entry.locator('time')).not.toHaveText(/[0-9]/);
  // Numbers in the interface follow the same digits: the queue counts and the counts in strings.
  await expect(count).toHaveText(/^[٠-٩]+$/);
  await expect(page.locator('[data-counts="body"]')).toHaveText(/^[٠-٩]+ كلمة/);
});
