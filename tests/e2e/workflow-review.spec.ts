/**
 * The desk chief's review, through the bridge in Chromium: comments highlighted in the editor and
 * in the read-only view and linked both ways with the comment list; the diff between any two
 * store revisions with "since submitted" / "since I last reviewed" and an explicit "mark
 * reviewed"; the embargo set in the workflow panel, shown as a badge, refused with a schedule
 * and blocking an early publication; and a lock takeover told to the former holder, whose
 * unsaved text is a revision they can look at.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { callApi as api } from './support/api';
import { test, expect } from './support/fixtures';
import { fillDate } from './support/dates';
import type { BridgeProcess } from './support/bridge';
import { DEFAULT_SETTINGS, formatDate } from '../../shared/text/house-style';

const repo = resolve(import.meta.dirname, '..', '..');

interface S {
  id: string;
  version: number;
  status: string;
  headline: string;
}

const paragraph = (text: string) => ({ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text }] });

/** Two users (added by the administrator through the API) and the summit story, submitted. */
async function setUp(request: APIRequestContext, bridge: BridgeProcess) {
  const call = <T = S>(op: string, data: object) => api<T>(request, bridge, op, data);
  const seed = JSON.parse(await readFile(resolve(repo, 'tests/fixtures/seed-stories.json'), 'utf8')) as {
    stories: Array<{ headline: string; body: string[]; suggestedTags: string[] }>;
  };
  const summit = seed.stories[0]!;
  await call('addPerson', { name: 'ياسين أحمد', latinName: 'Yasin Ahmed', role: 'editor', pin: '1111' });
  await call('addPerson', { name: 'سلمى الكبير', latinName: 'Salma Kabir', role: 'desk-chief', pin: '2222' });
  await call('switchUser', { userId: 'yasin-ahmed', pin: '1111' });
  let story = await call('createStory', { language: 'ar', edit: { headline: 'مسودة' } });
  story = await call('saveStory', {
    id: story.id,
    baseVersion: story.version,
    edit: {
      headline: summit.headline,
      byline: 'ياسين أحمد',
      tags: summit.suggestedTags,
      leadImage: {
        file: `${'a'.repeat(64)}.jpg`,
        caption: 'المجلس',
        credit: 'المكتب الإعلامي',
        altText: 'أعضاء المجلس',
      },
      body: summit.body.slice(0, 3).map(paragraph),
    },
  });
  return { call, summit, story };
}

async function switchTo(page: Page, label: string, name: string, pin: string) {
  await page.getByRole('button', { name: 'تبديل المستخدم' }).click();
  const dialog = page.getByRole('dialog', { name: 'تبديل المستخدم' });
  await dialog.getByLabel('المستخدم', { exact: true }).selectOption({ label });
  await dialog.getByLabel('الرمز السري').fill(pin);
  await dialog.getByRole('button', { name: 'تبديل', exact: true }).click();
  await expect(page.getByTestId('current-user')).toHaveText(name);
}

/** The text of each highlight in `scope`, in order. */
const marks = (scope: Locator) => scope.locator('.comment-mark').allTextContents();

test('comments are highlighted in the text, linked with the list both ways, and follow their words', async ({
  page,
  request,
  bridge,
  workstation,
}) => {
  test.setTimeout(120_000);
  const { call, summit, story } = await setUp(request, bridge);
  await call('transitionStory', { id: story.id, action: 'submit' });
  await call('releaseStory', { id: story.id });
  await call('switchUser', { userId: 'salma-kabir', pin: '2222' });
  const first = summit.body[0]!;
  const phrase = 'القمة العربية والاقتصادية';
  const second = 'رسالة رسمية';
  const c1 = await call<{ id: string }>('addComment', {
    id: story.id,
    block: 0,
    start: first.indexOf(phrase),
    end: first.indexOf(phrase) + phrase.length,
    text: 'هل هي قمة اقتصادية أم تنموية؟',
  });
  const c2 = await call<{ id: string }>('addComment', {
    id: story.id,
    block: 1,
    start: summit.body[1]!.indexOf(second),
    end: summit.body[1]!.indexOf(second) + second.length,
    text: 'من وقّع الرسالة؟',
  });

  await workstation.open();
  await workstation.openFromList(summit.headline);
  const panel = page.getByTestId('workflow-panel');
  // Highlighted in the editor, each on its words only.
  await expect.poll(() => marks(workstation.body)).toEqual([phrase, second]);

  // Typing before and after the words: the highlight stays on them.
  await workstation.bodyBlocks.nth(0).getByText('تسلم المجلس', { exact: false }).click();
  await page.keyboard.press('Home');
  await page.keyboard.type('عاجل: ');
  await page.keyboard.press('End');
  await page.keyboard.type(' وفق البيان.');
  await workstation.waitUntilSaved();
  await expect.poll(() => marks(workstation.body)).toEqual([phrase, second]);
  await expect(workstation.bodyBlocks.nth(0)).toContainText(`عاجل: ${first.slice(0, 10)}`);

  // The caret in the highlighted words chooses their comment in the list.
  const items = panel.getByTestId('comment');
  await workstation.body.locator('.comment-mark').nth(1).click();
  await expect(panel.locator(`[data-comment="${c2.id}"]`)).toHaveAttribute('aria-current', 'true');
  await expect(panel.locator(`[data-comment="${c1.id}"]`)).not.toHaveAttribute('aria-current', 'true');
  // And choosing a comment in the list marks its words in the text.
  await items
    .filter({ hasText: 'هل هي قمة' })
    .getByRole('button', { name: `على: «${phrase}»` })
    .click();
  await expect(workstation.body.locator('.comment-mark--selected')).toHaveText(phrase);
  await expect(panel.locator(`[data-comment="${c1.id}"]`)).toHaveAttribute('aria-current', 'true');
  await mkdir(resolve(repo, 'tests/artifacts'), { recursive: true });
  await workstation.headline.scrollIntoViewIfNeeded();
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/workflow-highlights-rtl.png') });

  // A resolved comment is no longer highlighted.
  await panel.locator(`[data-comment="${c2.id}"]`).getByRole('button', { name: 'تمّت المعالجة' }).click();
  await expect.poll(() => marks(workstation.body)).toEqual([phrase]);

  // The read-only view (the editor on a story she may not change) highlights too, linked the same way.
  await call('releaseStory', { id: story.id });
  await switchTo(page, 'ياسين أحمد — محرر', 'ياسين أحمد', '1111');
  const readOnly = page.getByTestId('read-only-body');
  await expect(readOnly).toBeVisible();
  await expect.poll(() => marks(readOnly)).toEqual([phrase]);
  await readOnly.getByRole('button', { name: `كلمات عليها تعليق: ${phrase}` }).focus();
  await expect(panel.locator(`[data-comment="${c1.id}"]`)).toHaveAttribute('aria-current', 'true');
  await expect(readOnly.locator('mark.comment-mark--selected')).toHaveText(phrase);
});

test('the review diff compares any two store revisions; "mark reviewed" moves the default base', async ({
  page,
  request,
  bridge,
  workstation,
}) => {
  test.setTimeout(120_000);
  const { call, summit, story } = await setUp(request, bridge);
  const submitted = await call('transitionStory', { id: story.id, action: 'submit' });
  await call('releaseStory', { id: story.id });
  await call('switchUser', { userId: 'salma-kabir', pin: '2222' });
  // The desk chief's copy edits: a new headline (metadata) and a sentence.
  const edited = await call('saveStory', {
    id: story.id,
    baseVersion: submitted.version,
    edit: { headline: `${summit.headline} الشهر المقبل` },
  });
  await call('saveStory', {
    id: story.id,
    baseVersion: edited.version,
    edit: {
      body: [
        paragraph(`${summit.body[0]} وأكدت الرئاسة تلقيها الدعوة.`),
        ...summit.body.slice(1, 3).map(paragraph),
      ],
    },
  });
  await call('releaseStory', { id: story.id });

  await workstation.open();
  await workstation.openFromList(`${summit.headline} الشهر المقبل`);
  const panel = page.getByTestId('workflow-panel');
  const base = panel.getByLabel('التغييرات منذ');
  const diff = panel.getByTestId('diff');
  // Default: since it was submitted (a store revision), headline and text both shown.
  await expect(base.locator('option:checked')).toHaveText(`الإرسال (النسخة ${submitted.version})`);
  await expect(diff.locator('.diff__fields')).toContainText('العنوان');
  await expect(diff.locator('.diff__fields ins')).toContainText('الشهر المقبل');
  await expect(diff.locator('.diff__body ins')).toContainText('وأكدت الرئاسة تلقيها الدعوة');

  // Any two revisions: the headline edit alone.
  await base.selectOption(String(submitted.version));
  await panel.getByLabel('حتى', { exact: true }).selectOption(String(edited.version));
  await expect(diff.locator('.diff__fields ins')).toContainText('الشهر المقبل');
  await expect(diff.locator('.diff__body ins')).toHaveCount(0);
  // From the very first revision, the whole story is new.
  await base.selectOption('1');
  await expect(diff.locator('.diff__body ins').first()).toContainText('تسلم المجلس الرئاسي');

  // Mark reviewed: the default base becomes this version, and nothing has changed since.
  await panel.getByRole('button', { name: 'علّم بأني راجعتها' }).click();
  await expect(panel.getByTestId('workflow-notice')).toContainText('سُجّلت مراجعتك للنسخة');
  await expect(base.locator('option:checked')).toContainText('آخر مراجعة لي');
  await expect(diff).toContainText('لا تغييرات.');
  const history = await call<{ entries: Array<{ kind: string; actor: string; version?: number }> }>(
    'getHistory',
    { id: story.id },
  );
  expect(history.entries.at(-1)).toMatchObject({
    kind: 'reviewed',
    actor: 'salma-kabir',
    version: edited.version + 1,
  });

  // A later change shows against that review, and only it.
  const latest = await call('getStory', { id: story.id });
  await call('saveStory', {
    id: story.id,
    baseVersion: latest.version,
    edit: { byline: 'ياسين أحمد وسلمى الكبير' },
  });
  await call('releaseStory', { id: story.id });
  await page.reload();
  await expect(panel.getByLabel('التغييرات منذ').locator('option:checked')).toContainText('آخر مراجعة لي');
  await expect(diff.locator('.diff__fields')).toContainText('اسم الكاتب');
  await expect(diff.locator('.diff__fields')).not.toContainText('العنوان');
  await expect(diff.locator('.diff__body ins')).toHaveCount(0);
});

test('embargo: set in the workflow panel, shown as a badge, refused with a schedule, blocks an early publication', async ({
  page,
  request,
  bridge,
  workstation,
}) => {
  test.setTimeout(120_000);
  const { call, summit, story } = await setUp(request, bridge);
  await call('transitionStory', { id: story.id, action: 'submit' });
  await call('releaseStory', { id: story.id });
  await call('switchUser', { userId: 'salma-kabir', pin: '2222' });
  await call('transitionStory', { id: story.id, action: 'approve' });
  await workstation.open();
  await workstation.storyList.getByRole('button', { name: new RegExp(summit.headline) }).click();
  const panel = page.getByTestId('workflow-panel');
  await expect(panel.getByTestId('workflow-status')).toHaveText('معتمدة');

  const until = new Date(Date.now() + 3 * 3_600_000);
  await fillDate(panel.getByRole('group', { name: 'محظورة النشر حتى' }), until, 'islamic-umalqura');
  await panel.getByRole('button', { name: 'اضبط حظر النشر' }).click();
  await expect(panel.getByTestId('embargo-badge')).toContainText('محظورة حتى');
  const entry = workstation.storyList.getByRole('button', { name: new RegExp(summit.headline) });
  await expect(entry.locator('.embargo-badge')).toHaveText('⏳ محظورة');
  expect((await call('getStory', { id: story.id })) as S & { embargo?: string }).toMatchObject({
    embargo: new Date(Math.floor(until.getTime() / 1000) * 1000).toISOString(),
  });

  // Publishing before the embargo is refused, with the reason and the time.
  await panel.getByRole('button', { name: 'انشر الآن' }).click();
  const problem = panel.getByTestId('workflow-problem');
  await expect(problem).toContainText('القصة محظورة النشر حتى موعدها.');
  await expect(problem).toContainText('لا تُنشر قبل');
  await expect(panel.getByTestId('workflow-status')).toHaveText('معتمدة');
  // Scheduling an embargoed story is refused (Superdesk's rule, enforced by the main process).
  await fillDate(
    panel.getByRole('group', { name: 'موعد النشر' }),
    new Date(Date.now() + 5 * 3_600_000),
    'islamic-umalqura',
  );
  await panel.getByRole('button', { name: 'جدوِل' }).click();
  await expect(problem).toContainText('لا يجتمع حظر النشر والجدولة.');
  await expect(panel.getByTestId('workflow-status')).toHaveText('معتمدة');
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/workflow-embargo-rtl.png') });

  // Lifted, the story can be scheduled; then an embargo is refused on the scheduled story.
  await panel.getByRole('button', { name: 'ارفع حظر النشر' }).click();
  await expect(panel.getByTestId('embargo-badge')).toHaveCount(0);
  await fillDate(
    panel.getByRole('group', { name: 'موعد النشر' }),
    new Date(Date.now() + 5 * 3_600_000),
    'islamic-umalqura',
  );
  await panel.getByRole('button', { name: 'جدوِل' }).click();
  await expect(panel.getByTestId('workflow-status')).toHaveText('مجدولة');
  // A scheduled story offers no embargo, and says why; the main process refuses one all the same.
  await expect(panel.getByRole('group', { name: 'محظورة النشر حتى' })).toHaveCount(0);
  await expect(panel.getByTestId('embargo-unavailable')).toHaveText('لا يجتمع حظر النشر والجدولة.');
  const refused = await call('setEmbargo', { id: story.id, until: until.toISOString() }).then(
    () => 'set',
    (error: Error) => error.message,
  );
  expect(refused).toMatch(/"code":"forbidden"/);
  await expect(panel.getByTestId('embargo-badge')).toHaveCount(0);
});

test("a desk chief's takeover: the former holder is told, and their unsaved text is kept for them, out of the story", async ({
  page,
  request,
  bridge,
  workstation,
}) => {
  test.setTimeout(120_000);
  const { call, summit, story } = await setUp(request, bridge);
  await call('releaseStory', { id: story.id });
  await workstation.open();
  await expect(page.getByTestId('current-user')).toHaveText('ياسين أحمد');
  await workstation.openFromList(summit.headline);

  // Saves do not get through (a slow disk, a stalled network); what is typed reaches the journal.
  const held: Array<() => Promise<void>> = [];
  await page.route('**/api/saveStory', (route) => void held.push(() => route.abort()));
  const unsaved = ' وقال مصدر دبلوماسي إن الوفد سيغادر الأحد.';
  await workstation.bodyBlocks.nth(2).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(unsaved);
  await expect.poll(async () => JSON.stringify(await call('listRecoveryDrafts', {}))).toContain(story.id);
  await expect.poll(() => held.length).toBeGreaterThan(0);

  // From another workstation's identity, the desk chief takes the story over: the story they
  // now edit is as it was saved, without the editor's unsaved text.
  await call('switchUser', { userId: 'salma-kabir', pin: '2222' });
  const before = await call<{ version: number }>('getStory', { id: story.id });
  await call('takeOverLock', { id: story.id });
  const taken = await call<{ version: number }>('getStory', { id: story.id });
  expect(taken.version).toBe(before.version);
  expect(JSON.stringify(taken)).not.toContain(unsaved.trim());
  await call('switchUser', { userId: 'yasin-ahmed', pin: '1111' });
  for (const release of held.splice(0)) await release();
  await page.unroute('**/api/saveStory');

  // Who took over, from whom and when (the house style's date and time), and where the text is.
  const history = await call<{ entries: Array<{ kind: string; at: string }> }>('getHistory', {
    id: story.id,
  });
  const when = formatDate(
    new Date(history.entries.find((entry) => entry.kind === 'lock-taken-over')!.at),
    DEFAULT_SETTINGS.houseStyle,
    { time: true },
  );
  const notice = page.getByTestId('takeover-notice');
  await expect(notice.locator('p').first()).toHaveText(
    `انتقل تحرير القصة من ياسين أحمد إلى رئيس القسم سلمى الكبير في ${when}؛ ما كتبته ولم يُحفظ أُبقي لك مسودةَ استرجاع خارج القصة، ولم يدخلها.`,
    { timeout: 15_000 },
  );
  // The story is the desk chief's now: no step of the workflow is offered to the former holder.
  await expect(
    page.getByTestId('workflow-panel').getByRole('button', { name: 'أرسل إلى القسم' }),
  ).toHaveCount(0);
  // The unsaved text, copied to the clipboard with one button, and shown on demand.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: bridge.origin });
  await notice.getByRole('button', { name: 'انسخ نصك غير المحفوظ' }).click();
  await expect(notice.getByTestId('takeover-copied')).toHaveText('نُسخ نصك إلى الحافظة.');
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(clipboard).toContain(unsaved.trim());
  expect(clipboard.startsWith(summit.headline)).toBe(true);
  await notice.getByRole('button', { name: 'اعرض نصك غير المحفوظ' }).click();
  await expect(notice.getByTestId('takeover-text')).toContainText(unsaved.trim());
  await expect(page.getByTestId('read-only-body')).not.toContainText(unsaved.trim());
  await expect(page.getByTestId('read-only-body')).toContainText(summit.body[2]!.slice(0, 40));
  await notice.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/workflow-takeover-rtl.png') });
  const axe = await new AxeBuilder({ page }).include('[data-testid="takeover-notice"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
  await page.getByRole('button', { name: 'Switch the interface to English' }).click();
  await expect(notice.locator('p').first()).toContainText(
    'your unsaved text is kept for you as a recovery draft, outside the story.',
  );
  await expect(notice.getByRole('button', { name: 'Copy your unsaved text' })).toBeVisible();
  await notice.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/workflow-takeover-en.png') });
  await page.getByRole('button', { name: 'حوّل الواجهة إلى العربية' }).click();

  // Offered again at the next start, to copy or set aside (never to restore into the story).
  await page.reload();
  const offer = page.getByRole('dialog').locator('[data-taken-over="true"]');
  await expect(offer).toContainText('انتقل تحرير القصة إلى سلمى الكبير في');
  await expect(
    offer.getByRole('button', { name: `انسخ نصك غير المحفوظ من «${summit.headline}»` }),
  ).toBeVisible();
  await expect(offer.getByRole('button', { name: /^استعادة/ })).toHaveCount(0);
  const dialogAxe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(dialogAxe.violations.map((v) => v.id)).toEqual([]);
  await page.getByRole('button', { name: 'لاحقًا' }).click();

  // The desk chief sees it in the story's history.
  await switchTo(page, 'سلمى الكبير — رئيس قسم', 'سلمى الكبير', '2222');
  await page.getByTestId('workflow-panel').getByRole('tab', { name: 'السجل' }).click();
  const historyTab = page.getByTestId('workflow-panel').getByRole('region', { name: 'السجل' });
  await expect(historyTab).toContainText(
    'تولّى التحرير — من ياسين أحمد؛ أُبقي نصه الذي لم يُحفظ له مسودةَ استرجاع خارج القصة',
  );
  const revisions = await call<Array<{ version: number }>>('listRevisions', { id: story.id });
  expect(revisions.at(-1)!.version).toBe(before.version);
});
