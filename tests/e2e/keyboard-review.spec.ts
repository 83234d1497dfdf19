/**
 * Keyboard first: a desk chief reviews a story with the keyboard only (Tab, arrows, Enter and the
 * window's shortcuts), schedules it with the Hijri (Umm al-Qura) date picker of the Arabic UI,
 * finds it in search and publishes it. On the published page the dates, digits and plurals
 * follow the house style (Arabic-Indic digits, both calendars, the dual "دقيقتا قراءة").
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { callApi } from './support/api';
import { test, expect } from './support/fixtures';

const ARTIFACTS = resolve(import.meta.dirname, '..', 'artifacts');

/** Presses Tab until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 160): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('review by keyboard, Hijri scheduling, search and publication; the page in house style', async ({
  page,
  request,
  bridge,
  workstation,
}) => {
  test.setTimeout(240_000);
  const call = <T = { id: string; version: number }>(op: string, data: object) =>
    callApi<T>(request, bridge, op, data);
  const site = await mkdtemp(join(bridge.exchange!, 'site-'));
  try {
    await call('addPerson', { name: 'ياسين أحمد', latinName: 'Yasin Ahmed', role: 'editor', pin: '1111' });
    await call('addPerson', {
      name: 'سلمى الكبير',
      latinName: 'Salma Kabir',
      role: 'desk-chief',
      pin: '2222',
    });
    await call('createChannel', {
      channel: {
        id: 'website',
        name: 'الموقع',
        kind: 'folder',
        folder: { path: site, baseUrl: 'https://news.example/', siteTitle: 'صحيفة الفجر' },
      },
    });
    await call('saveSettings', {
      settings: { houseStyle: { digits: 'arab', calendar: 'both', months: 'egyptian-gulf' } },
    });
    await call('switchUser', { userId: 'yasin-ahmed', pin: '1111' });
    const created = await call('createStory', { language: 'ar', edit: { headline: 'مسودة' } });
    // 300 words: two minutes of reading, the Arabic dual.
    const sentence = 'ناقش وزراء مالية مجموعة G20 خطط دعم الاقتصاد العالمي ونموه المتوقع هذا العام';
    const body = Array.from({ length: 25 }, () => ({
      type: 'paragraph',
      dir: 'rtl',
      lang: 'ar',
      children: [{ text: sentence }],
    }));
    const story = await call('saveStory', {
      id: created.id,
      baseVersion: created.version,
      edit: {
        headline: 'وزراء مالية G20 يبحثون نمو الاقتصاد',
        byline: 'ياسين أحمد',
        desk: 'politics',
        tags: ['اقتصاد'],
        body,
      },
    });
    await call('transitionStory', { id: story.id, action: 'submit' });
    await call('releaseStory', { id: story.id });
    await call('switchUser', { userId: 'salma-kabir', pin: '2222' });

    await workstation.open();
    const panel = page.getByTestId('workflow-panel');

    // Open the story from the list.
    await tabTo(page, workstation.storyList.getByRole('button', { name: /وزراء مالية G20/ }));
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('workflow-status')).toHaveText('مُرسلة للمراجعة');

    // Review: read the changes, mark it reviewed, write the note.
    await tabTo(page, panel.getByRole('tab', { name: 'المراجعة' }));
    await expect(panel.getByRole('tab', { name: 'المراجعة' })).toHaveAttribute('aria-selected', 'true');
    // The review mark and the workflow's steps have shortcuts, in the sheet (Ctrl+/) and the tooltips.
    await page.keyboard.press('Control+/');
    const sheet = page.getByTestId('shortcuts-sheet');
    for (const row of [
      'علّم بأني راجعتها Ctrl+Alt+Shift+M',
      'اعتمد Ctrl+Alt+Shift+A',
      'انشر الآن Ctrl+Alt+Shift+P',
    ]) {
      await expect(sheet.getByRole('row', { name: row, exact: true })).toBeVisible();
    }
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'علّم بأني راجعتها' })).toHaveAttribute(
      'title',
      'علّم بأني راجعتها (Ctrl+Alt+Shift+M)',
    );
    await page.keyboard.press('Control+Alt+Shift+KeyM');
    await expect(panel.getByTestId('workflow-notice')).toBeVisible();
    await tabTo(page, panel.getByLabel('ملاحظة', { exact: true }));
    await page.keyboard.type('راجعتها، تُنشر غدا.');

    // Schedule for tomorrow with the Hijri calendar: open it, one day forward (ArrowLeft in RTL), Enter.
    const picker = panel.getByRole('group', { name: 'موعد النشر' });
    await tabTo(page, picker.getByRole('button', { name: 'افتح التقويم' }));
    await page.keyboard.press('Enter');
    const calendar = page.getByRole('dialog').filter({ has: page.getByRole('grid') });
    await expect(calendar.getByRole('heading')).toHaveText(/[٠-٩]{4} هـ/);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect(calendar).toHaveCount(0);
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    // The Gregorian date is written out beside the Hijri field, in the house digits.
    const gregorianDay = new Intl.DateTimeFormat('ar-EG-u-ca-gregory-nu-arab', {
      day: 'numeric',
      month: 'long',
    }).format(tomorrow);
    await expect(panel.locator('.calendar__secondary').first()).toContainText(gregorianDay);
    await page.screenshot({ path: join(ARTIFACTS, 'keyboard-hijri-schedule.png') });
    // Approved and scheduled by its shortcut, from wherever the focus is.
    await expect(panel.getByRole('button', { name: 'اعتمد وجدوِل' })).toHaveAttribute(
      'aria-keyshortcuts',
      'Control+Alt+Shift+A',
    );
    await page.keyboard.press('Control+Alt+Shift+KeyA');
    await expect(panel.getByTestId('workflow-status')).toHaveText('مجدولة');
    const scheduled = await call<{ publishAt: string }>('getStory', { id: story.id });
    expect(new Date(scheduled.publishAt).toDateString()).toBe(tomorrow.toDateString());

    // Find it in search (Ctrl+Alt+F) and open the result beside the list.
    await page.keyboard.press('Control+Alt+F');
    const box = page.getByRole('searchbox', { name: 'ابحث في القصص' });
    await expect(box).toBeFocused();
    await page.keyboard.type('وزراء المالية');
    const result = page
      .getByRole('list', { name: 'نتائج البحث' })
      .getByRole('button', { name: /وزراء مالية G20/ });
    await tabTo(page, result);
    await page.keyboard.press('Enter');
    await expect(page.locator('.search-layout__story')).toContainText('وزراء مالية G20');
    await tabTo(page, page.getByRole('button', { name: 'أغلق البحث' }));
    await page.keyboard.press('Enter');

    // Publish now, by its shortcut.
    await expect(panel.getByRole('button', { name: 'انشر الآن' })).toHaveAttribute(
      'title',
      'انشر الآن (Ctrl+Alt+Shift+P)',
    );
    await page.keyboard.press('Control+Alt+Shift+KeyP');
    await expect(panel.getByTestId('workflow-status')).toHaveText('منشورة');

    // The published page: house digits, both calendars, the dual, tags linking to their page.
    const pagePath = join(site, 'stories', `${story.id}.html`);
    await expect.poll(() => existsSync(pagePath)).toBe(true);
    const html = await readFile(pagePath, 'utf8');
    const published = /<p class="published">[^<]*<time[^>]*>([^<]+)<\/time>/.exec(html)?.[1] ?? '';
    expect(published).toMatch(/^[٠-٩]+ [^\s]+ [٠-٩]{4} م الموافق [٠-٩]+ .+ [٠-٩]{4} هـ$/);
    expect(published).not.toMatch(/[0-9]/);
    expect(html).toContain('<p class="reading">دقيقتا قراءة</p>');
    expect(html).toContain(
      '<p class="kicker" itemprop="articleSection"><a href="../sections/politics.html">سياسة</a></p>',
    );
    expect(html).toMatch(/<a href="\.\.\/tags\/[^"]+\.html" rel="tag">اقتصاد<\/a>/);
    expect(existsSync(join(site, 'tags', 'اقتصاد.html'))).toBe(true);
    const index = await readFile(join(site, 'index.html'), 'utf8');
    expect(/<time[^>]*>([^<]+)<\/time>/.exec(index)?.[1]).not.toMatch(/[0-9]/);
    await page.goto(pathToFileURL(pagePath).href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('وزراء مالية G20 يبحثون نمو الاقتصاد');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'keyboard-published.png'), fullPage: true });
  } finally {
    await rm(site, { recursive: true, force: true });
  }
});
