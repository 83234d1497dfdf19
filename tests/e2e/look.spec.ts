/**
 * The workstation as one designed product: the story list, the editor with its side panel, the
 * review (diff and comments), search with results, the people screen and the published page, in
 * Arabic and English, at 1440×900 and 1024×700 (screenshots under tests/artifacts/look/). At
 * 1024×700 nothing is clipped (no sideways scrolling); axe finds nothing on any screen or dialog,
 * the switch-user dialog included, and the text of popovers has at least 4.5:1 contrast.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { callApi } from './support/api';
import { contrastOf } from './support/contrast';
import { test, expect } from './support/fixtures';
import { makePng } from './editor-helpers';

const ARTIFACTS = resolve(import.meta.dirname, '..', 'artifacts', 'look');
const paragraph = (text: string) => ({ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text }] });

async function axeClean(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (v) => `${where} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found).toEqual([]);
}

/** Nothing wider than the window: a clipped pane would scroll the page sideways. */
async function notClipped(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${where} is wider than the window`).toBeLessThanOrEqual(0);
}

/**
 * Every element `inner` finds lies inside `outer`'s box, `margin` pixels from its sides: a label
 * scrolled out of a tab list, or a field touching the pane's edge, fails.
 */
async function within(inner: Locator, outer: Locator, margin: number, where: string): Promise<void> {
  const box = (await outer.boundingBox())!;
  const count = await inner.count();
  expect(count, `${where}: nothing to measure`).toBeGreaterThan(0);
  for (let i = 0; i < count; i += 1) {
    const item = inner.nth(i);
    const own = (await item.boundingBox())!;
    const name = `${where}: «${(await item.textContent())?.trim().slice(0, 30)}»`;
    expect(own.x - box.x, `${name} past the start`).toBeGreaterThanOrEqual(margin);
    expect(box.x + box.width - (own.x + own.width), `${name} past the end`).toBeGreaterThanOrEqual(margin);
  }
}

test('every screen in Arabic and English, at two sizes: looked at, unclipped, axe-clean', async ({
  page,
  request,
  bridge,
  workstation,
}) => {
  test.setTimeout(420_000);
  const call = <T = { id: string; version: number }>(op: string, data: object) =>
    callApi<T>(request, bridge, op, data);
  const site = await mkdtemp(join(bridge.exchange!, 'site-'));
  try {
    await workstation.open();
    const { file } = await call<{ file: string }>('addMedia', {
      name: 'council.png',
      mime: 'image/png',
      dataBase64: await makePng(page, 'Presidential Council', '#7a2e1f'),
    });
    const { file: logo } = await call<{ file: string }>('addMedia', {
      name: 'logo.png',
      mime: 'image/png',
      dataBase64: await makePng(page, 'AL-FAJR', '#8c1c13'),
    });
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
        folder: { path: site, baseUrl: 'https://news.example/', siteTitle: 'صحيفة الفجر', logo },
      },
    });
    await call('saveSettings', {
      settings: { houseStyle: { digits: 'arab', calendar: 'both', months: 'egyptian-gulf' } },
    });

    await call('switchUser', { userId: 'yasin-ahmed', pin: '1111' });
    const write = async (headline: string, body: string[], extra: object = {}) => {
      const created = await call('createStory', { language: 'ar', edit: { headline: 'مسودة' } });
      return call('saveStory', {
        id: created.id,
        baseVersion: created.version,
        edit: { headline, byline: 'ياسين أحمد', desk: 'politics', body: body.map(paragraph), ...extra },
      });
    };
    const earlier = await write('الرئاسي الليبي يستقبل وفدا عراقيا', ['استقبل المجلس الرئاسي وفدا عراقيا.'], {
      tags: ['ليبيا'],
    });
    const lead = await write(
      'قمة G20 تبحث نمو الاقتصاد العالمي 3.8% في 2026',
      [
        'بحث قادة مجموعة G20 في اجتماعهم اليوم توقعات نمو الاقتصاد العالمي بنسبة 3.8% خلال عام 2026.',
        'وقال المتحدث باسم القمة إن الدول الأعضاء اتفقت على خطة لمواجهة آثار جائحة COVID-19 على التجارة.',
        'وأضاف أن الاجتماع المقبل سيعقد في الرياض، وأن الوفود ناقشت ملفات الطاقة والمناخ والديون.',
      ],
      {
        subheadline: 'توقعات بنمو أسرع في الاقتصادات الناشئة',
        dateline: { place: 'الرياض', date: '2026-03-01T09:00:00Z' },
        tags: ['اقتصاد', 'ليبيا', 'G20'],
        leadImage: {
          file,
          caption: 'قادة المجموعة في الجلسة الافتتاحية',
          credit: 'المكتب الإعلامي',
          altText: 'قادة المجموعة',
        },
      },
    );
    const review = await write(
      'الوفد الليبي يصل بغداد للمشاركة في القمة',
      [
        'وصل الوفد الليبي إلى بغداد صباح اليوم للمشاركة في أعمال القمة العربية.',
        'ويضم الوفد وزير الخارجية وعددا من المستشارين.',
      ],
      { tags: ['ليبيا'] },
    );
    for (const story of [earlier, lead, review]) {
      await call('transitionStory', { id: story.id, action: 'submit' });
      await call('releaseStory', { id: story.id });
    }
    await call('switchUser', { userId: 'salma-kabir', pin: '2222' });
    for (const story of [earlier, lead]) {
      await call('transitionStory', { id: story.id, action: 'approve' });
      await call('transitionStory', { id: story.id, action: 'publish' });
    }
    const current = await call('getStory', { id: review.id });
    const edited = await call('saveStory', {
      id: review.id,
      baseVersion: current.version,
      edit: {
        body: [
          paragraph('وصل الوفد الليبي إلى بغداد مساء أمس للمشاركة في أعمال القمة العربية الثالثة والثلاثين.'),
          paragraph('ويضم الوفد وزير الخارجية وعددا من المستشارين.'),
        ],
      },
    });
    await call('addComment', { id: review.id, block: 0, start: 0, end: 16, text: 'تحقق من موعد الوصول.' });
    await call('releaseStory', { id: edited.id });
    // The screens are looked at as the administrator, who may open every screen.
    await call('switchUser', { userId: 'admin' });
    const draft = await write('مسودة: الحكومة تعلن خطة للطاقة المتجددة', [
      'أعلنت الحكومة خطة للطاقة المتجددة تمتد عشر سنوات.',
    ]);
    await call('releaseStory', { id: draft.id });

    const pagePath = join(site, 'stories', `${lead.id}.html`);
    const published = await readFile(pagePath, 'utf8');
    expect(published).toContain('المزيد من سياسة');

    for (const language of ['ar', 'en'] as const) {
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ] as const) {
        const tag = `${language}-${width}`;
        const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}-${tag}.png`) });
        const checkAxe = width === 1024;
        await page.setViewportSize({ width, height });
        await page.goto(bridge.url);
        if (language === 'en' && (await page.locator('html').getAttribute('lang')) !== 'en') {
          await page.getByRole('button', { name: 'Switch the interface to English' }).click();
        }
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        const t = (ar: string, en: string) => (language === 'ar' ? ar : en);

        // The story list (no story open).
        await page.evaluate(() => {
          window.sessionStorage.removeItem('mihbara.lastStory');
          window.sessionStorage.removeItem('mihbara.searchOpen');
        });
        await page.reload();
        const list = page.getByRole('navigation', { name: t('القصص', 'Stories') });
        await expect(list.getByRole('button', { name: /قمة G20/ })).toBeVisible();
        await notClipped(page, `story list ${tag}`);
        await shot('story-list');
        if (checkAxe) await axeClean(page, `story list ${tag}`);

        // The review: diff and comments in the side panel, the story read-only in the middle.
        await list.getByRole('button', { name: /الوفد الليبي يصل بغداد/ }).click();
        const panel = page.getByTestId('workflow-panel');
        await expect(panel.getByTestId('diff').locator('ins').first()).toBeVisible();
        await expect(panel.getByTestId('comment')).toHaveCount(1);
        await notClipped(page, `review ${tag}`);
        // Every tab label shows whole; the review's selects keep clear of the side panel's edges.
        const tabList = panel.getByRole('tablist');
        await within(tabList.getByRole('tab'), tabList, 0, `side panel tabs ${tag}`);
        await within(panel.locator('select'), page.locator('.pane--end'), 8, `review selects ${tag}`);
        await shot('review');
        if (checkAxe) await axeClean(page, `review ${tag}`);

        // The editor with its side panel on the details tab (the administrator may edit).
        await page.getByRole('button', { name: t('تبديل المستخدم', 'Switch user') }).click();
        const dialog = page.getByRole('dialog', { name: t('تبديل المستخدم', 'Switch user') });
        await expect(dialog).toBeVisible();
        if (checkAxe) {
          await axeClean(page, `switch user ${tag}`);
          expect(await contrastOf(dialog)).toBeGreaterThanOrEqual(4.5);
        }
        await shot('switch-user');
        await page.keyboard.press('Escape');
        await list.getByRole('button', { name: /مسودة: الحكومة تعلن/ }).click();
        await expect(page.getByRole('textbox', { name: t('نص القصة', 'Story body') })).toBeVisible();
        await page.getByRole('tab', { name: t('التفاصيل', 'Details') }).click();
        await expect(page.getByTestId('story-details')).toBeVisible();
        // The lead image's buttons each keep their words on one line in the narrow details tab.
        for (const button of await page
          .getByTestId('lead-image')
          .locator('.lead-image__actions button')
          .all()) {
          expect((await button.boundingBox())!.height, `lead image button ${tag}`).toBeLessThan(48);
        }
        await notClipped(page, `editor ${tag}`);
        await shot('editor');
        if (checkAxe) await axeClean(page, `editor ${tag}`);

        // Search in the main pane, with results, filters and a Hijri date picker opened.
        await page.keyboard.press('Control+Alt+F');
        const box = page.getByRole('searchbox', { name: t('ابحث في القصص', 'Search stories') });
        await expect(box).toBeFocused();
        await box.fill('ليبي');
        await expect(
          page.getByRole('list', { name: t('نتائج البحث', 'Search results') }).getByRole('listitem'),
        ).not.toHaveCount(0);
        await page.getByRole('button', { name: t('عوامل التصفية', 'Filters') }).click();
        await notClipped(page, `search ${tag}`);
        await shot('search');
        if (checkAxe) await axeClean(page, `search ${tag}`);
        await page
          .getByRole('button', { name: t('افتح التقويم', 'Open the calendar') })
          .first()
          .click();
        const calendar = page.getByRole('dialog').filter({ has: page.getByRole('grid') });
        await expect(calendar).toBeVisible();
        if (language === 'ar') await expect(calendar.getByRole('heading')).toHaveText(/هـ/);
        if (checkAxe) {
          await axeClean(page, `date picker ${tag}`);
          expect(await contrastOf(calendar)).toBeGreaterThanOrEqual(4.5);
        }
        await shot('date-picker');
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: t('أغلق البحث', 'Close search') }).click();

        // The shortcuts sheet.
        await page.keyboard.press('Control+/');
        const sheet = page.getByTestId('shortcuts-sheet');
        await expect(sheet).toBeVisible();
        await notClipped(page, `shortcuts ${tag}`);
        await shot('shortcuts');
        if (checkAxe) await axeClean(page, `shortcuts ${tag}`);
        await page.keyboard.press('Escape');

        // The people screen.
        await page.getByRole('button', { name: t('الأشخاص والأقسام', 'People and desks') }).click();
        const people = page.getByTestId('people-screen');
        await expect(people).toBeVisible();
        await shot('people');
        if (checkAxe) await axeClean(page, `people ${tag}`);
        await page.keyboard.press('Escape');

        // The published page (the site speaks the story's language, Arabic, in both UIs).
        if (language === 'ar') {
          await page.goto(pathToFileURL(pagePath).href);
          await expect(page.getByRole('heading', { level: 1 })).toContainText('G20');
          // The outlet's logo and name in the masthead, here and on the index.
          const brand = page.locator('.masthead .brand');
          await expect(brand).toContainText('صحيفة الفجر');
          await expect
            .poll(() => brand.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
            .toBe(480);
          await notClipped(page, `published page ${tag}`);
          await page.screenshot({ path: join(ARTIFACTS, `published-${tag}.png`), fullPage: true });
          if (checkAxe) await axeClean(page, `published page ${tag}`);
          await page.goto(pathToFileURL(join(site, 'index.html')).href);
          await expect
            .poll(() =>
              page.locator('.masthead .brand img').evaluate((img: HTMLImageElement) => img.naturalWidth),
            )
            .toBe(480);
          await page.screenshot({ path: join(ARTIFACTS, `site-index-${tag}.png`) });
          if (checkAxe) await axeClean(page, `site index ${tag}`);
        }
      }
    }
  } finally {
    await rm(site, { recursive: true, force: true });
  }
});
