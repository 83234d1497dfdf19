/**
 * The story list shows a page at a time: the newest stories, how many there are in all, and a
 * "more" control that asks the backend for the next ones; in Arabic (plural forms of the count)
 * and in English, with no axe violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './support/fixtures';
import { callApi, seedStory } from './support/api';

const STORIES = 53;

test('the list shows the newest page, the count of all, and more on request, in Arabic and English', async ({
  workstation,
  page,
  request,
  bridge,
}) => {
  for (let i = 1; i <= STORIES; i += 1)
    await seedStory(request, bridge, { headline: `خبر رقم ${i} عن القمة العربية`, body: ['نص قصير.'] });
  await workstation.open();
  const items = workstation.storyList.getByRole('listitem');
  await expect(items).toHaveCount(50);
  // Newest change first: the last seeded story heads the list.
  await expect(items.first()).toContainText(`خبر رقم ${STORIES} عن`);
  const count = workstation.storyList.locator('.story-list__count');
  await expect(count).toContainText('من أصل');
  await expect(count).toContainText('قصة');
  const more = workstation.storyList.getByRole('button', { name: 'عرض المزيد من القصص' });
  await more.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'tests/artifacts/story-list-more-ar.png' });
  const results = await new AxeBuilder({ page }).include('.story-list').analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  await more.click();
  await expect(items).toHaveCount(STORIES);
  await expect(items.last()).toContainText('خبر رقم 1 عن');
  await expect(more).toHaveCount(0);
  // The page shown is what the list asks for again at each refresh: it stays complete.
  const listed = await callApi<{ total: number; items: unknown[] }>(request, bridge, 'listStories', {
    limit: 50,
  });
  expect(listed.total).toBe(STORIES);
  expect(listed.items).toHaveLength(50);

  await page.getByRole('button', { name: 'Switch the interface to English' }).click();
  const list = page.getByRole('navigation', { name: 'Stories' });
  await expect(list.locator('.story-list__count')).toHaveText(`Showing ${STORIES} of ${STORIES} stories`);
  await page.reload();
  await expect(list.getByRole('listitem')).toHaveCount(50);
  await expect(list.locator('.story-list__count')).toHaveText(`Showing 50 of ${STORIES} stories`);
  const moreEn = list.getByRole('button', { name: 'Show more stories' });
  await moreEn.scrollIntoViewIfNeeded();
  await moreEn.focus();
  await page.screenshot({ path: 'tests/artifacts/story-list-more-en.png' });
  await page.keyboard.press('Enter');
  await expect(list.getByRole('listitem')).toHaveCount(STORIES);
});
