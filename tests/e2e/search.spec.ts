/**
 * Finding stories: a variant spelling (احمد for أحمد), filters, highlighted results, a saved
 * search in the sidebar, bad queries, and the duplicate warning on a new story.
 */
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './support/fixtures';
import { seedStory } from './support/api';
import { fillDate } from './support/dates';

const repo = resolve(import.meta.dirname, '..', '..');

test('search with a variant spelling, filters and a saved search', async ({
  workstation,
  bridge,
  page,
  request,
}) => {
  await seedStory(request, bridge, {
    headline: 'أحمد يفتتح مستشفى جديدا في بغداد',
    body: ['افتتح الوزير أحمد مستشفى للأطفال في العاصمة العراقية.'],
    tags: ['صحة'],
  });
  await seedStory(request, bridge, {
    headline: 'أحمد يلتقي وفدا ليبيا في طرابلس',
    body: ['بحث أحمد مع الوفد العلاقات بين البلدين.'],
    tags: ['سياسة'],
  });
  await seedStory(request, bridge, { headline: 'أسعار النفط ترتفع', body: ['ارتفعت أسعار النفط.'] });

  await workstation.open();
  // Search opens in the main pane, from the button at the top of the story list.
  await page.getByRole('button', { name: 'البحث', exact: true }).click();
  const search = page.getByRole('search');
  const box = search.getByRole('searchbox', { name: 'ابحث في القصص' });
  const results = page.getByRole('list', { name: 'نتائج البحث' });
  const count = page.locator('.search-panel__count');

  await box.fill('احمد');
  await expect(count).toHaveText('نتيجتان');
  await expect(results.getByRole('listitem')).toHaveCount(2);
  await expect(results.locator('mark').first()).toHaveText('أحمد');

  // Prefixes and ى/ي: "بالمستشفي" finds مستشفى.
  await box.fill('احمد بالمستشفي');
  await expect(count).toHaveText('نتيجة واحدة');
  await expect(results.getByRole('button')).toContainText('أحمد يفتتح مستشفى جديدا في بغداد');

  // Filters: tag, status, date range.
  await box.fill('احمد');
  await search.getByRole('button', { name: 'عوامل التصفية' }).click();
  await search.getByLabel('الوسم').fill('سياسه');
  await expect(count).toHaveText('نتيجة واحدة');
  await expect(results.getByRole('button')).toContainText('أحمد يلتقي وفدا ليبيا في طرابلس');
  await search.getByLabel('الحالة').selectOption('published');
  await expect(count).toHaveText('لا نتائج');
  await search.getByLabel('الحالة').selectOption('draft');
  await expect(count).toHaveText('نتيجة واحدة');
  // The date picker speaks Hijri (Umm al-Qura) in the Arabic UI: 1 January 2020 is 6 Jumada I 1441.
  const to = search.getByRole('group', { name: 'إلى تاريخ' });
  await fillDate(to, new Date(2020, 0, 1, 12), 'islamic-umalqura');
  await expect(search.getByText('١ يناير ٢٠٢٠').or(search.getByText('1 يناير 2020'))).toBeVisible();
  await expect(count).toHaveText('لا نتائج');
  await fillDate(to, null, 'islamic-umalqura');
  await expect(count).toHaveText('نتيجة واحدة');

  // Save it; it is in the sidebar after a reload and runs again from there.
  await page.getByRole('button', { name: 'احفظ هذا البحث' }).click();
  await page.getByLabel('اسم البحث').fill('لقاءات أحمد');
  await page.getByRole('button', { name: 'احفظ', exact: true }).click();
  const saved = page.getByRole('navigation', { name: 'عمليات البحث المحفوظة' });
  await expect(saved.getByRole('button', { name: 'لقاءات أحمد', exact: true })).toBeVisible();
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/search.png'), fullPage: true });
  // The search panel with its filters open, highlighted results and a saved search passes axe.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
  await page.reload();
  await saved.getByRole('button', { name: 'لقاءات أحمد', exact: true }).click();
  await expect(box).toHaveValue('احمد');
  await expect(count).toHaveText('نتيجة واحدة');
  await expect(results.getByRole('button')).toContainText('أحمد يلتقي وفدا ليبيا في طرابلس');

  // Bad queries: no words, regex metacharacters, 10,000 characters.
  await search.getByLabel('الوسم').fill('');
  await search.getByLabel('الحالة').selectOption('');
  for (const bad of ['.*[(', '؟!،', 'َُِ', 'ـــ']) {
    await box.fill(bad);
    await expect(count).toHaveText('لا نتائج');
  }
  await box.fill('أحمد '.repeat(2_000));
  await expect(count).toHaveText('نتيجتان');

  // Opening a result opens the story.
  await box.fill('النفط');
  await expect(count).toHaveText('نتيجة واحدة');
  await results.getByRole('button').click();
  await expect(workstation.headline).toHaveValue('أسعار النفط ترتفع');
});

test('a new story that repeats a recent one is flagged before it is submitted', async ({
  workstation,
  bridge,
  page,
  request,
}) => {
  await seedStory(request, bridge, {
    headline: 'الرئاسة الليبية تتسلم دعوة رسمية لحضور القمة العربية في العراق',
    body: ['تسلم المجلس الرئاسي الليبي دعوة رسمية من العراق لحضور القمة العربية في بغداد.'],
  });
  await workstation.open();
  await workstation.newStory();
  await page.keyboard.type('الرئاسه الليبيه تتسلم دعوه رسميه لحضور القمه العربيه في العراق');
  await workstation.typeBody(['تسلم المجلس الرئاسي الليبي دعوة من العراق لحضور القمة العربية ببغداد.']);
  const warning = page.getByRole('alert').filter({ hasText: 'قد تكون هذه القصة مكررة' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('الرئاسة الليبية تتسلم دعوة رسمية لحضور القمة العربية في العراق');
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/duplicate-warning.png'), fullPage: true });
});
