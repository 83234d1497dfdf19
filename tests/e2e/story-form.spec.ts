/**
 * The story as an editor writes it, in the Arabic interface, from a fresh store: the summit story
 * with every field of the form (slug, desk, headline, sub-headline, byline, dateline place and
 * date, a lead image chosen from a file with caption, credit and alt text, a body with bold text,
 * a link and a list left with Enter, a tag, urgency, an embargo, a note to the desk) is sent to
 * the desk under the default checklist; the desk chief sees the lead image, the emphasis and the
 * link in the review, lifts the embargo, approves and publishes; the published page shows it all.
 * Screenshots of the form, the review and the published page, in Arabic and English.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { callApi } from './support/api';
import { fillDate } from './support/dates';

const repo = resolve(import.meta.dirname, '..', '..');

const ARTIFACTS = resolve(repo, 'tests/artifacts');

interface SeedStory {
  headline: string;
  byline: string;
  body: string[];
  suggestedTags: string[];
  leadImage: { caption: string };
}

const SLUG = 'قمة-بغداد';
const SUBHEADLINE = 'دعوة رسمية من بغداد إلى المجلس الرئاسي الليبي';
const PLACE = 'طرابلس';
const CREDIT = 'المكتب الإعلامي للمجلس الرئاسي';
const ALT = 'أعضاء المجلس الرئاسي الليبي في طرابلس';
const NOTE = 'الصورة من المكتب الإعلامي؛ يرجى التحقق من موعد القمة.';
const LINK = 'https://example.com/summit';
const ITEMS = ['القمة العربية في دورتها الرابعة والثلاثين', 'القمة التنموية في دورتها الخامسة'];
const AFTER_LIST = 'ويُنتظر أن يعلن المجلس موقفه خلال أيام.';

async function switchTo(page: Page, name: string, role: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: 'تبديل المستخدم' }).click();
  const dialog = page.getByRole('dialog', { name: 'تبديل المستخدم' });
  await dialog.getByLabel('المستخدم', { exact: true }).selectOption({ label: `${name} — ${role}` });
  await dialog.getByLabel('الرمز السري').fill(pin);
  await dialog.getByRole('button', { name: 'تبديل', exact: true }).click();
  await expect(page.getByTestId('current-user')).toHaveText(name);
}

async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
}

test('an editor writes the summit story in the form, the desk chief reviews and publishes it', async ({
  page,
  request,
  bridge,
  workstation,
}) => {
  test.setTimeout(150_000);
  const summit = (
    JSON.parse(await readFile(resolve(repo, 'tests/fixtures/seed-stories.json'), 'utf8')) as {
      stories: SeedStory[];
    }
  ).stories[0]!;
  const root = await mkdtemp(join(tmpdir(), 'mihbara-e2e-form-'));
  try {
    // A folder channel's folder is a place inside the bridge's exchange folder.
    const site = join(bridge.exchange!, 'site');
    await mkdir(site);
    const call = (operation: string, payload: unknown) => callApi(request, bridge, operation, payload);
    await call('addPerson', {
      name: 'ياسين أحمد',
      latinName: 'Yasin Ahmed',
      role: 'editor',
      pin: '1111',
      desks: ['politics'],
    });
    await call('addPerson', {
      name: 'سلمى الكبير',
      latinName: 'Salma Kabir',
      role: 'desk-chief',
      pin: '2222',
      desks: ['politics'],
    });
    await call('createChannel', {
      channel: {
        id: 'website',
        name: 'الموقع',
        kind: 'folder',
        enabled: true,
        internal: false,
        folder: { path: site, baseUrl: 'https://news.example/', siteTitle: 'محبرة' },
      },
    });

    // A photograph to choose from disk (drawn here, so the test needs nothing from elsewhere).
    await page.setViewportSize({ width: 640, height: 360 });
    await page.setContent(
      '<body style="margin:0;height:360px;background:linear-gradient(135deg,#1f4e79,#c9a227)">' +
        '<p dir="rtl" style="font:40px serif;color:#fff;padding:40px">المجلس الرئاسي الليبي</p></body>',
    );
    const photo = join(root, 'summit.png');
    await page.screenshot({ path: photo });
    await page.setViewportSize({ width: 1280, height: 900 });

    await workstation.open();
    await switchTo(page, 'ياسين أحمد', 'محرر', '1111');

    // 1. The editor writes the story, field by field, in the form's order.
    await workstation.newStory();
    await workstation.headline.fill(summit.headline);
    // Slug, desk, dateline, lead image, urgency, embargo and note are in the side panel's details tab.
    await workstation.showDetails();
    await page.getByLabel('الشعار (سلَغ)').fill(SLUG);
    const desk = page.getByRole('combobox', { name: 'القسم' });
    await expect(desk).toHaveValue('سياسة'); // the editor's desk, already chosen
    await workstation.subheadline.fill(SUBHEADLINE);
    await workstation.byline.fill(summit.byline);
    await workstation.datelinePlace.fill(PLACE);
    // The one date picker: the Hijri (Umm al-Qura) calendar in the Arabic UI, the Gregorian date beside it.
    const dateline = page.getByRole('group', { name: 'تاريخ الخبر' });
    await fillDate(dateline, new Date(2026, 4, 4, 12), 'islamic-umalqura');
    await expect(page.locator('.story-form__dateline-date').getByTestId('date-other-calendar')).toHaveText(
      '4 مايو 2026',
    );

    const lead = page.getByTestId('lead-image');
    await lead.locator('input[type="file"]').setInputFiles(photo);
    const thumb = lead.locator('img.lead-image__thumb');
    await expect(thumb).toBeVisible();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
    await lead.getByLabel('التعليق').fill(summit.leadImage.caption);
    await lead.getByLabel('المصدر (حقوق الصورة)').fill(CREDIT);
    await lead.getByLabel('النص البديل (لمن لا يرى الصورة)').fill(ALT);

    // The body: bold words, a link, a list left with Enter on its empty third item.
    await workstation.body.click();
    await page.keyboard.type(summit.body[0]!);
    await page.keyboard.press('Enter');
    await page.keyboard.type('وتسلم ');
    await page.keyboard.press('Control+B');
    await page.keyboard.type('رئيس المجلس الرئاسي');
    await page.keyboard.press('Control+B');
    await page.keyboard.type(' الدعوة، وتفاصيلها في ');
    await page.keyboard.press('Control+K');
    await page.getByLabel('عنوان الرابط').fill(LINK);
    await page.getByLabel('عنوان الرابط').press('Enter');
    // The caret is back in the text once the link is in (the editor takes focus after it applies
    // the link); keys sent before that, faster than anyone types, would reach no field.
    await expect(workstation.body).toBeFocused();
    await page.keyboard.type(' الموقع الرسمي.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('وعلى جدول الأعمال:');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+8');
    await page.keyboard.type(ITEMS[0]!);
    await page.keyboard.press('Enter');
    await page.keyboard.type(ITEMS[1]!);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // the empty third item leaves the list
    await page.keyboard.type(AFTER_LIST);
    await expect(workstation.body.locator('ul > li')).toHaveText(ITEMS);
    await expect(workstation.body.locator(':scope > p').last()).toHaveText(AFTER_LIST);
    await expect(workstation.body.locator('strong')).toHaveText('رئيس المجلس الرئاسي');
    await expect(workstation.body.locator(`a[href="${LINK}"]`)).toHaveCount(1);
    await expect(workstation.bodyBlocks.nth(1)).toHaveText(
      `وتسلم رئيس المجلس الرئاسي الدعوة، وتفاصيلها في ${LINK} الموقع الرسمي.`,
    );

    // The newsroom's settings (the headline limit the checklist counts against among them) are the
    // administrators': the editor sees them read-only, with a note saying who sets them.
    await page.getByRole('button', { name: 'إعدادات التدقيق' }).click();
    const settings = page.getByRole('dialog', { name: 'إعدادات التدقيق وأسلوب التحرير' });
    await expect(settings.getByText('يضبط مديرو النظام إعدادات غرفة الأخبار')).toBeVisible();
    await expect(settings.getByRole('spinbutton')).toBeDisabled();
    await expect(settings.getByRole('button', { name: 'حفظ' })).toHaveCount(0);
    await settings.screenshot({ path: join(ARTIFACTS, 'settings-editor-ar.png') });
    await settings.getByRole('button', { name: 'إغلاق' }).click();
    await expect(settings).toHaveCount(0);

    // A tag, the urgency, the note to the desk.
    const tagBox = page.getByRole('combobox', { name: 'الوسوم' });
    await tagBox.fill(summit.suggestedTags[0]!);
    await page
      .getByRole('option', { name: new RegExp(summit.suggestedTags[0]!) })
      .first()
      .click();
    await page.getByRole('button', { name: /درجة الأهمية/ }).click();
    await page.getByRole('listbox').getByRole('option', { name: '3', exact: true }).click();
    await page.getByLabel('ملاحظة إلى القسم (لا تُنشر)').fill(NOTE);
    await workstation.waitUntilSaved();

    // The embargo, in its one control (the workflow panel's): tomorrow at 10:00 (the story is saved
    // first, then comes back with it).
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    tomorrow.setHours(10, 0, 0, 0);
    const workflowPanel = page.getByTestId('workflow-panel');
    await fillDate(
      workflowPanel.getByRole('group', { name: 'محظورة النشر حتى' }),
      tomorrow,
      'islamic-umalqura',
    );
    await workflowPanel.getByRole('button', { name: 'اضبط حظر النشر' }).click();
    await expect(workflowPanel.getByRole('button', { name: 'ارفع حظر النشر' })).toBeVisible();
    await expect(page.getByTestId('embargo-badge')).toBeVisible();
    // One embargo control on the page, the details tab open beside it.
    await expect(page.getByRole('group', { name: /محظور/ })).toHaveCount(1);

    const id = ((await call('listStories', {})) as { items: Array<{ id: string }> }).items[0]!.id;
    const saved = (await call('getStory', { id })) as Record<string, unknown>;
    expect(saved).toMatchObject({
      slugline: SLUG,
      desk: 'politics',
      headline: summit.headline,
      subheadline: SUBHEADLINE,
      byline: summit.byline,
      dateline: { place: PLACE, date: '2026-05-04T12:00:00Z' },
      leadImage: { caption: summit.leadImage.caption, credit: CREDIT, altText: ALT },
      tags: [summit.suggestedTags[0]],
      urgency: 3,
      edNote: NOTE,
    });
    expect(JSON.stringify(saved.body)).toContain(' الموقع الرسمي.');
    expect((saved.leadImage as { file: string }).file).toMatch(/^[0-9a-f]{64}\.png$/);
    expect(typeof saved.embargo).toBe('string');
    expect((saved.body as Array<{ type: string }>).map((block) => block.type)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'bulleted-list',
      'paragraph',
    ]);
    await shoot(page, 'story-form-ar.png');

    // The side panel's checklist: the levels of the story's desk, and the one headline limit.
    const panel = page.getByTestId('workflow-panel');
    await workstation.showTab('قائمة التحقق');
    await expect(panel.getByTestId('checklist-source')).toContainText('تسري مستويات قسم سياسة.');
    await expect(panel.getByTestId('checklist-source')).toContainText('حد العنوان: 80 حرفًا');
    await expect(panel.locator('[data-item="lead-image"]')).toContainText('مستوفى — ينبّه');
    await panel.screenshot({ path: join(ARTIFACTS, 'story-checklist-ar.png') });

    // 2. Sent to the desk under the default checklist.
    await panel.getByRole('button', { name: 'أرسل إلى القسم' }).click();
    await expect(panel.getByTestId('workflow-status')).toHaveText('مُرسلة للمراجعة');

    // 3. The desk chief reviews: lead image, emphasis and the link (its target on focus).
    await switchTo(page, 'سلمى الكبير', 'رئيس قسم', '2222');
    await workstation.openFromList(summit.headline);
    await workstation.showDetails();
    await expect(page.getByTestId('lead-image').locator('img.lead-image__thumb')).toBeVisible();
    await workstation.showTab('المراجعة');
    await panel.getByLabel('التغييرات منذ').selectOption({ index: 0 });
    const diff = panel.getByTestId('diff');
    await expect(diff.locator('strong')).toHaveText('رئيس المجلس الرئاسي');
    const link = diff.locator(`a[href="${LINK}"]`);
    await expect(link).toHaveAttribute('data-target', 'example.com/summit');
    await expect(diff.locator('ul > li')).toHaveCount(2);
    await link.focus();
    await shoot(page, 'story-review-ar.png');

    // The embargo lifted, then approved and published.
    await panel.getByRole('button', { name: 'ارفع حظر النشر' }).click();
    await expect(page.getByTestId('embargo-badge')).toHaveCount(0);
    await panel.getByRole('button', { name: 'اعتمد' }).click();
    await expect(panel.getByTestId('workflow-status')).toHaveText('معتمدة');
    await panel.getByRole('button', { name: 'انشر الآن' }).click();
    await expect(panel.getByTestId('workflow-status')).toHaveText('منشورة');
    // Published: read-only now, with the lead image, the emphasis and the link.
    const readOnly = page.getByTestId('read-only-body');
    await expect(readOnly.locator('strong')).toHaveText('رئيس المجلس الرئاسي');
    await expect(readOnly.locator(`a[href="${LINK}"]`)).toBeVisible();
    await expect(page.locator('.story-header__lead img')).toHaveAttribute('alt', ALT);
    await expect(page.getByTestId('story-slug')).toHaveText(SLUG);

    // The English interface shows the same story.
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await expect(page.getByTestId('read-only-body').locator('strong')).toHaveText('رئيس المجلس الرئاسي');
    // The desk by its English name in the English interface.
    await expect(page.locator('.story-header__desk')).toHaveText('Desk: Politics');
    await shoot(page, 'story-review-en.png');

    // 5. The held ninjs of the Russia story (withheld by the agency, with a Media Topic) is imported
    // by the editor through the maintenance screen, and goes to the desk under the default checklist.
    const russia = (
      JSON.parse(await readFile(resolve(repo, '../shared/fixtures/seed-stories.json'), 'utf8')) as {
        stories: Array<{ key: string; headline: string; body: string[] }>;
      }
    ).stories.find((story) => story.key === 'russia-cooperation')!;
    const wire = join(bridge.exchange!, 'russia-cooperation.json');
    await writeFile(
      wire,
      JSON.stringify({
        uri: 'urn:newsml:lana.example:2026:russia-cooperation',
        type: 'text',
        version: '1',
        pubstatus: 'withheld',
        language: 'ar',
        headline: russia.headline,
        byline: 'وكالة الأنباء الليبية',
        subject: [{ uri: 'http://cv.iptc.org/newscodes/mediatopic/20000638', name: 'defence' }],
        body_html: russia.body.map((paragraph) => `<p>${paragraph}</p>`).join(''),
      }),
    );
    await call('switchUser', { userId: 'yasin-ahmed', pin: '1111' });
    // A reload, so the page learns who is at the keyboard now (a navigation to the same address with
    // only its token fragment changed would stay in the page).
    await page.reload();
    await page
      .getByRole('navigation', { name: 'Long work' })
      .getByRole('button', { name: 'Long work' })
      .click();
    const importCard = page
      .getByRole('region', { name: 'Maintenance and long work' })
      .getByRole('region', { name: 'Import files' });
    await importCard
      .getByLabel('Files or folders (one a line, inside the exchange folder in a browser)')
      .fill(wire);
    await importCard.getByRole('button', { name: 'Import', exact: true }).click();
    const job = page.locator('li.job[data-job-kind="import"]').first();
    await expect(job).toHaveAttribute('data-job-state', 'ok');
    const imported = (
      (await call('listStories', {})) as { items: Array<{ id: string; headline: string }> }
    ).items.find((story) => story.headline === russia.headline)!;
    expect(await call('getStory', { id: imported.id })).toMatchObject({
      subjects: ['medtop:20000638'],
      byline: 'وكالة الأنباء الليبية',
    });
    await page
      .getByRole('navigation', { name: 'Stories' })
      .getByRole('button', { name: russia.headline })
      .click();
    await expect(page.getByLabel('Headline', { exact: true })).toHaveValue(russia.headline);
    // No desk: the levels for stories without a desk apply, and say so.
    await workstation.showTab('Checklist');
    await expect(panel.getByTestId('checklist-source')).toContainText(
      'The story has no desk: the levels for stories without a desk apply.',
    );
    await expect(panel.locator('[data-item="subject"]')).toContainText('met — blocks');
    await panel.screenshot({ path: join(ARTIFACTS, 'story-checklist-no-desk-en.png') });
    await panel.getByRole('button', { name: 'Submit to the desk' }).click();
    await expect(panel.getByTestId('workflow-status')).toHaveText('Submitted');

    // 4. The published page.
    const pagePath = join(site, 'stories', `${id}.html`);
    await expect
      .poll(async () =>
        readFile(pagePath, 'utf8').then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    const html = await readFile(pagePath, 'utf8');
    expect(html).not.toMatch(/<li>(?![\s\S]*<\/(ul|ol)>)/);
    await page.goto(pathToFileURL(pagePath).href);
    await expect(page.locator('h1')).toHaveText(summit.headline);
    await expect(page.locator('.subheadline')).toHaveText(SUBHEADLINE);
    await expect(page.locator('figure.lead-image img')).toHaveAttribute('alt', ALT);
    await expect
      .poll(() => page.locator('figure.lead-image img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(640);
    await expect(page.locator('figure.lead-image figcaption')).toContainText(CREDIT);
    const body = page.locator('.story-body');
    await expect(body.locator('strong')).toHaveText('رئيس المجلس الرئاسي');
    await expect(body.locator(`a[href="${LINK}"]`)).toHaveCount(1);
    await expect(body.locator('ul > li')).toHaveText(ITEMS);
    await expect(body.locator(':scope > p').last()).toHaveText(AFTER_LIST);
    expect(html).not.toContain(NOTE); // the note to the desk is never published
    await body.locator(`a[href="${LINK}"]`).focus();
    await shoot(page, 'story-published-ar.png');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('the form in the English interface', async ({ page, request, bridge, workstation }) => {
  await callApi(request, bridge, 'addPerson', {
    name: 'ياسين أحمد',
    latinName: 'Yasin Ahmed',
    role: 'editor',
    pin: '1111',
    desks: ['politics'],
  });
  await workstation.open();
  await page.getByRole('button', { name: 'Switch the interface to English' }).click();
  // The administrator's checklist of stories without a desk, in English.
  await page.getByRole('button', { name: 'People and desks' }).click();
  const people = page.getByRole('dialog', { name: 'People and desks' });
  const noDesk = people.getByTestId('no-desk');
  await expect(noDesk.getByRole('heading', { name: 'Stories without a desk' })).toBeVisible();
  await expect(noDesk.getByLabel('Lead image')).toHaveValue('warn');
  await mkdir(ARTIFACTS, { recursive: true });
  await noDesk.screenshot({ path: join(ARTIFACTS, 'people-no-desk-en.png') });
  await people.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'New story', exact: true }).click();
  await workstation.showDetails('Details');
  await expect(page.getByLabel('Slug')).toBeVisible();
  await page.getByRole('combobox', { name: 'Desk' }).click();
  await expect(page.getByRole('option', { name: 'Politics' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Lead image' })).toBeVisible();
  await expect(page.getByLabel('Note to the desk (not published)')).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await shoot(page, 'story-form-en.png');
});
