/**
 * Every block and mark made with the toolbar and shortcuts, links refused when unsafe, and how
 * every block type looks in an RTL story, an LTR story in the Arabic UI and an Arabic story in
 * the English UI (screenshots under tests/artifacts/, toolbar mirrored with the UI).
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { api, makePng, savedBody } from './editor-helpers';
import type { Workstation } from './support/workstation';
import type { Story, StoryBody } from '../../shared/story/schema';

test('toolbar and shortcuts make quotes, nested lists, marks, links, other-language runs and separators', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.typeBody(['اقتباس عادي', 'اقتباس بارز', 'بند أول', 'بند فرعي', 'فقرة فيها رابط']);
  const blocks = workstation.body.locator('[data-block]');

  await blocks.nth(0).click();
  await page.keyboard.press('Control+Alt+3');
  await blocks.nth(1).click();
  await page.getByRole('button', { name: 'اقتباس بارز (يُبرز جملة من القصة)' }).click();
  await blocks.nth(2).click();
  await page.keyboard.press('Control+Shift+8');
  await workstation.body.getByText('بند فرعي').click();
  await page.getByRole('button', { name: 'قائمة نقطية' }).click();
  await page.keyboard.press('Tab');
  await expect(workstation.body.locator('ul ul > li')).toHaveText('بند فرعي');
  await page.keyboard.press('Shift+Tab');
  await expect(workstation.body.locator('ul ul')).toHaveCount(0);
  await page.keyboard.press('Tab');

  // Marks: select a word and apply bold, italic, underline and the other-language run.
  const last = workstation.body.getByText('فقرة فيها رابط');
  await last.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' AP');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+Alt+E');
  await expect(workstation.body.locator('span[dir="ltr"][lang="en"]')).toHaveText('AP');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+Control+ArrowLeft');
  await page.keyboard.press('Control+B');
  await page.keyboard.press('Control+I');
  await page.keyboard.press('Control+U');
  await expect(workstation.body.locator('u > em > strong')).toHaveText('فقرة');
  await expect(page.getByRole('button', { name: 'غامق' })).toHaveAttribute('aria-pressed', 'true');

  // Links: javascript: and data: are refused with a message; a bare address gets https://.
  await page.keyboard.press('Control+K');
  const address = page.getByLabel('عنوان الرابط');
  await expect(address).toBeFocused();
  for (const unsafe of ['javascript:alert(1)', 'data:text/html,<b>x</b>', ' JavaScript:void(0)']) {
    await address.fill(unsafe);
    await address.press('Enter');
    await expect(page.getByRole('alert')).toContainText('روابط javascript: وdata: ممنوعة');
  }
  await address.fill('example.com/news');
  await address.press('Enter');
  await expect(workstation.body.locator('a[href="https://example.com/news"]')).toHaveText('فقرة');

  // Separator by shortcut; a tooltip names every shortcut. The caret is back in the text once the
  // link is in (the editor takes focus after it applies the link): keys sent before that reach no field.
  await expect(workstation.body).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Alt+S');
  await expect(workstation.body.locator('[data-block="separator"] hr')).toHaveCount(1);
  await expectTooltip(page, 'غامق', 'غامق Ctrl+B');
  await expectTooltip(page, 'قائمة مرقّمة', 'قائمة مرقّمة Ctrl+Shift+7');

  const body = await savedBody(page);
  expect(body.map((block) => block.type)).toEqual([
    'block-quote',
    'pull-quote',
    'bulleted-list',
    'paragraph',
    'separator',
    'paragraph',
  ]);
  expect(JSON.stringify(body[2])).toMatch(/"type":"bulleted-list".*"type":"bulleted-list".*بند فرعي/);
  expect(body[3]!.children).toEqual([
    { text: '' },
    {
      type: 'link',
      url: 'https://example.com/news',
      children: [{ text: 'فقرة', bold: true, italic: true, underline: true }],
    },
    { text: ' فيها رابط ' },
    { text: 'AP', lang: 'en' },
  ]);
});

/** A body with every block type and mark, in the language given. */
function everyBlock(language: 'ar' | 'en', image: string): StoryBody {
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  const t = (ar: string, en: string) => (language === 'ar' ? ar : en);
  const block = (type: StoryBody[number]['type'], text: string) => ({
    type,
    dir,
    lang: language,
    children: [{ text }],
  });
  return [
    block(
      'heading-two',
      t('التعاون العسكري بين ليبيا وروسيا', 'Military cooperation between Libya and Russia'),
    ),
    {
      type: 'paragraph',
      dir,
      lang: language,
      children: [
        { text: t('قال المتحدث باسم ', 'The spokesman for ') },
        { text: t('المجلس الرئاسي', 'the Presidential Council'), bold: true },
        { text: t(' إن الوفد ', ' said the delegation ') },
        { text: t('وصل', 'arrived'), italic: true },
        { text: t(' صباح اليوم، بحسب ', ' this morning, according to ') },
        { text: t('Reuters', 'الجزيرة'), lang: t('en', 'ar') },
        { text: t(' و', ' and ') },
        {
          type: 'link',
          url: 'https://example.com/news',
          children: [{ text: t('وكالة الأنباء', 'the news agency'), underline: true }],
        },
        { text: '.' },
      ],
    },
    block('heading-three', t('جدول الأعمال', 'The agenda')),
    block('block-quote', t('«نحن هنا من أجل السلام والتعاون»', '“We are here for peace and cooperation”')),
    block('pull-quote', t('«لن نتراجع عن الحوار»', '“We will not step back from dialogue”')),
    {
      type: 'bulleted-list',
      dir,
      lang: language,
      children: [
        block('list-item', t('التعاون الاقتصادي', 'Economic cooperation')),
        {
          type: 'bulleted-list',
          dir,
          lang: language,
          children: [block('list-item', t('الطاقة والنفط', 'Energy and oil'))],
        },
        block('list-item', t('الأمن الإقليمي', 'Regional security')),
      ],
    },
    {
      type: 'numbered-list',
      dir,
      lang: language,
      children: [
        block('list-item', t('الجلسة الأولى', 'First session')),
        block('list-item', t('الجلسة الثانية', 'Second session')),
      ],
    },
    {
      type: 'image',
      dir,
      lang: language,
      file: image,
      caption: t('المجلس الرئاسي الليبي', 'The Libyan Presidential Council'),
      credit: t('رويترز', 'Reuters'),
      alt: t('أعضاء المجلس في طرابلس', 'Council members in Tripoli'),
      children: [{ text: '' }],
    },
    block('separator', ''),
    block('paragraph', t('انتهى الاجتماع مساءً.', 'The meeting ended in the evening.')),
  ] as StoryBody;
}

async function openStoryWith(page: Page, workstation: Workstation, language: 'ar' | 'en', headline: string) {
  const { file } = await api<{ file: string }>(page, 'addMedia', {
    name: 'council.png',
    mime: 'image/png',
    dataBase64: await makePng(page, 'Presidential Council'),
  });
  const created = await api<Story>(page, 'createStory', { language, edit: { headline } });
  await api<Story>(page, 'saveStory', {
    id: created.id,
    baseVersion: created.version,
    edit: { headline, body: everyBlock(language, file) },
  });
  await page.reload();
  await workstation.openFromList(headline);
  await expect(workstation.body.locator('figure img')).toHaveAttribute('src', /^blob:/);
}

/** The toolbar button's tooltip (shown on keyboard focus, and on hover with a mouse) names the action and its shortcut. */
async function expectTooltip(page: Page, name: string, text: string) {
  const button = page.getByRole('button', { name, exact: true });
  await button.focus();
  await expect(page.getByRole('tooltip')).toHaveText(text);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toHaveCount(0);
}

/**
 * In the UI's direction, the toolbar's first button (paragraph) sits at the start edge, undo at the
 * end edge (the toolbar may wrap onto several rows; each button is then measured against its edge).
 */
async function expectToolbarMirrored(page: Page, uiDir: 'rtl' | 'ltr', paragraph: string, undo: string) {
  const bar = (await page.getByRole('toolbar').first().boundingBox())!;
  const first = (await page.getByRole('button', { name: paragraph }).boundingBox())!;
  // Undo's group (undo, redo) closes the toolbar.
  const last = (await page
    .getByRole('button', { name: undo })
    .locator('xpath=ancestor::div[contains(@class, "editor-toolbar__group")][1]')
    .boundingBox())!;
  const right = bar.x + bar.width;
  const startGap = uiDir === 'rtl' ? right - (first.x + first.width) : first.x - bar.x;
  const endGap = uiDir === 'rtl' ? last.x - bar.x : right - (last.x + last.width);
  expect(startGap).toBeLessThan(24);
  expect(endGap).toBeLessThan(24);
  if (Math.abs(first.y - last.y) < 2) {
    if (uiDir === 'rtl') expect(first.x).toBeGreaterThan(last.x);
    else expect(first.x).toBeLessThan(last.x);
  }
}

test('every block type renders right in an RTL story, an LTR story and the English UI', async ({
  workstation,
  page,
}) => {
  await workstation.open();

  // Arabic UI, Arabic story.
  await openStoryWith(page, workstation, 'ar', 'قصة بكل أنواع الكتل');
  await expect(workstation.body).toHaveAttribute('dir', 'rtl');
  await expect(workstation.body.locator('[data-block="heading-two"]')).toHaveAttribute('dir', 'rtl');
  await expect(workstation.body.locator('span[lang="en"][dir="ltr"]')).toHaveText('Reuters');
  await expectToolbarMirrored(page, 'rtl', 'فقرة عادية', 'تراجع');
  // The paragraph's text starts at the right edge of the editing area.
  const area = (await workstation.body.boundingBox())!;
  const paragraph = (await workstation.body.locator('[data-block="paragraph"]').first().boundingBox())!;
  expect(Math.round(area.x + area.width - (paragraph.x + paragraph.width))).toBeLessThan(40);
  await workstation.body.locator('[data-block="heading-two"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'tests/artifacts/editor-rtl-story.png', fullPage: true });

  // Arabic UI, English story: the content is LTR while the UI stays mirrored.
  await openStoryWith(page, workstation, 'en', 'Every block type');
  await expect(workstation.body).toHaveAttribute('dir', 'ltr');
  await expect(workstation.body.locator('[data-block="heading-two"]')).toHaveAttribute('dir', 'ltr');
  await expect(workstation.body.locator('span[lang="ar"][dir="rtl"]')).toHaveText('الجزيرة');
  await expectToolbarMirrored(page, 'rtl', 'فقرة عادية', 'تراجع');
  const english = (await workstation.body.locator('[data-block="paragraph"]').first().boundingBox())!;
  expect(Math.round(english.x - area.x)).toBeLessThan(40);
  await page.screenshot({ path: 'tests/artifacts/editor-ltr-story-arabic-ui.png', fullPage: true });

  // English UI, Arabic story: the toolbar flips, the story stays RTL.
  await page.locator('.top-bar__language').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page
    .getByRole('navigation', { name: 'Stories' })
    .getByRole('button', { name: 'قصة بكل أنواع الكتل' })
    .click();
  await expect(page.getByRole('textbox', { name: 'Story body' })).toHaveAttribute('dir', 'rtl');
  await expectToolbarMirrored(page, 'ltr', 'Paragraph (normal text)', 'Undo');
  await expectTooltip(page, 'Bold', 'Bold Ctrl+B');
  await page.screenshot({ path: 'tests/artifacts/editor-rtl-story-english-ui.png', fullPage: true });
});
