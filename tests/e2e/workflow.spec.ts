/**
 * The desk's day, through the bridge in Chromium: an editor drafts the summit story and submits
 * it, the checklist blocks a missing byline and warns of a missing image credit, the editor fixes the byline; the desk chief finds it
 * in "waiting for my review", reads the word diff, comments on a phrase and returns it; the
 * editor resolves the comment and resubmits; the desk chief approves and schedules it, and the
 * main process publishes it at its time. Then the Russia story goes through a correction.
 *
 * The lead image is set through the API (the story editor has no lead-image fields yet).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { callApi as api } from './support/api';
import { test, expect } from './support/fixtures';
import { fillDate } from './support/dates';

const repo = resolve(import.meta.dirname, '..', '..');
interface SeedStory {
  headline: string;
  byline: string | null;
  body: string[];
  suggestedTags: string[];
}

function cli(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
}

async function switchTo(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: 'تبديل المستخدم' }).click();
  const dialog = page.getByRole('dialog', { name: 'تبديل المستخدم' });
  await dialog
    .getByLabel('المستخدم', { exact: true })
    .selectOption({ label: `${name} — ${name === 'سلمى الكبير' ? 'رئيس قسم' : 'محرر'}` });
  await dialog.getByLabel('الرمز السري').fill(pin);
  await dialog.getByRole('button', { name: 'تبديل', exact: true }).click();
  await expect(page.getByTestId('current-user')).toHaveText(name);
}

test('summit story: submit, checklist, review with diff and comment, return, resubmit, approve, scheduled publication', async ({
  page,
  request,
  bridge,
  workstation,
}) => {
  test.setTimeout(180_000);
  const seed = JSON.parse(await readFile(resolve(repo, 'tests/fixtures/seed-stories.json'), 'utf8')) as {
    stories: SeedStory[];
  };
  const summit = seed.stories[0]!;
  await bridge.stop();
  cli(
    'user',
    'add',
    '--store',
    bridge.storeDir,
    'ياسين أحمد',
    '--role',
    'editor',
    '--latin',
    'Yasin Ahmed',
    '--pin',
    '1111',
  );
  cli(
    'user',
    'add',
    '--store',
    bridge.storeDir,
    'سلمى الكبير',
    '--role',
    'desk-chief',
    '--latin',
    'Salma Kabir',
    '--pin',
    '2222',
  );
  await bridge.start();

  await workstation.open();
  // A wrong PIN is refused.
  await page.getByRole('button', { name: 'تبديل المستخدم' }).click();
  await page.getByLabel('المستخدم', { exact: true }).selectOption({ label: 'ياسين أحمد — محرر' });
  await page.getByLabel('الرمز السري').fill('9999');
  await page.getByRole('button', { name: 'تبديل', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toHaveText('الرمز السري غير صحيح.');
  await page.getByRole('button', { name: 'إلغاء' }).click();
  await switchTo(page, 'ياسين أحمد', '1111');

  // 1. The editor drafts the story.
  await workstation.newStory();
  await page.keyboard.type(summit.headline);
  await workstation.byline.click();
  await page.keyboard.type(summit.byline!);
  await workstation.typeBody(summit.body.slice(0, 3));
  await workstation.waitUntilSaved();
  const id = (await api<{ items: Array<{ id: string }> }>(request, bridge, 'listStories', {})).items[0]!.id;
  const draft = await api<{ version: number }>(request, bridge, 'getStory', { id });
  await api(request, bridge, 'saveStory', {
    id,
    baseVersion: draft.version,
    edit: {
      leadImage: {
        file: `${'a'.repeat(64)}.jpg`,
        caption: 'المجلس الرئاسي الليبي',
        credit: '',
        altText: 'أعضاء المجلس الرئاسي الليبي',
      },
      tags: summit.suggestedTags,
      byline: '',
    },
  });
  await page.reload();
  await expect(workstation.headline).toHaveValue(summit.headline);
  await expect(
    page.getByRole('navigation', { name: 'القوائم' }).getByRole('button', { name: /مسوداتي/ }),
  ).toContainText('1');

  // 2. Submit: the checklist blocks the missing byline (the missing image credit only warns).
  const panel = page.getByTestId('workflow-panel');
  await panel.getByRole('button', { name: 'أرسل إلى القسم' }).click();
  const problem = panel.getByTestId('workflow-problem');
  await expect(problem).toContainText('في قائمة التحقق بنود مانعة.');
  await expect(problem.getByRole('list', { name: 'قائمة التحقق' })).toHaveText('اسم الكاتب');
  await expect(panel.getByTestId('workflow-status')).toHaveText('مسودة');

  // 3. The editor fixes it and resubmits.
  const fixing = await api<{ version: number }>(request, bridge, 'getStory', { id });
  await api(request, bridge, 'saveStory', {
    id,
    baseVersion: fixing.version,
    edit: { byline: summit.byline! },
  });
  await page.reload();
  await panel.getByRole('button', { name: 'أرسل إلى القسم' }).click();
  await expect(panel.getByTestId('workflow-status')).toHaveText('مُرسلة للمراجعة');
  await expect(panel.getByTestId('workflow-notice')).toContainText('مصدر الصورة');
  // An editor cannot change a submitted story: read-only.
  await expect(page.getByTestId('read-only-body')).toBeVisible();

  // 4. The desk chief finds it waiting for review, copy-edits a word, reads the diff, comments, returns it.
  await switchTo(page, 'سلمى الكبير', '2222');
  const toReview = page
    .getByRole('navigation', { name: 'القوائم' })
    .getByRole('button', { name: /بانتظار مراجعتي/ });
  await expect(toReview).toContainText('1');
  await toReview.click();
  await workstation.openFromList(summit.headline);
  const second = workstation.bodyBlocks.nth(1);
  await second.getByText('رسالة رسمية', { exact: false }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' وأكدت الرئاسة تلقيها الدعوة.');
  await workstation.waitUntilSaved();
  const diff = panel.getByTestId('diff');
  await expect(diff.locator('ins')).toContainText('وأكدت الرئاسة تلقيها الدعوة');
  await expect(panel.getByLabel('التغييرات منذ')).toContainText('الإرسال');
  // Select a phrase of the first paragraph in the diff and comment on it.
  const phrase = 'القمة العربية والاقتصادية';
  await diff.locator('p[data-block="0"]').evaluate((block, words) => {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(words);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error('phrase not found');
  }, phrase);
  await panel
    .getByLabel('التعليق', { exact: true })
    .fill('هل هي قمة اقتصادية أم تنموية؟ راجع البيان الرسمي.');
  await panel.getByRole('button', { name: 'علّق على التحديد' }).click();
  const comment = panel.getByTestId('comment');
  await expect(comment).toContainText(`على: «${phrase}»`);
  await mkdir(resolve(repo, 'tests/artifacts'), { recursive: true });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/workflow-review-rtl.png'), fullPage: true });

  await panel.getByRole('button', { name: 'أعِد إلى المحرر' }).click();
  await expect(problem).toHaveText('اكتب ملاحظة أولا.');
  await panel.getByLabel('ملاحظة', { exact: true }).fill('أضف مصدرا للتصريح وتحقق من اسم القمة.');
  await panel.getByRole('button', { name: 'أعِد إلى المحرر' }).click();
  await expect(panel.getByTestId('workflow-status')).toHaveText('مُعادة للكاتب');

  // 5. The editor resolves the comment, edits, and resubmits.
  await switchTo(page, 'ياسين أحمد', '1111');
  const returned = page
    .getByRole('navigation', { name: 'القوائم' })
    .getByRole('button', { name: /أُعيدت إليّ/ });
  await expect(returned).toContainText('1');
  await returned.click();
  await workstation.openFromList(summit.headline);
  // The reason, who returned it and when, at the top of the story until it is sent again.
  const why = page.getByTestId('returned-notice');
  await expect(why).toContainText('أعادها سلمى الكبير');
  await expect(why).toContainText('أضف مصدرا للتصريح وتحقق من اسم القمة.');
  // The desk's note is in the story's history, in the side panel's history tab.
  await workstation.showTab('السجل');
  await expect(panel.getByRole('listitem').filter({ hasText: 'أضف مصدرا للتصريح' })).toBeVisible();
  await workstation.showTab('المراجعة');
  await comment.getByRole('button', { name: 'تمّت المعالجة' }).click();
  await expect(comment).toContainText('عولج');
  await workstation.bodyBlocks.nth(0).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' وفق البيان الرسمي.');
  await workstation.waitUntilSaved();
  await panel.getByRole('button', { name: 'أرسل إلى القسم' }).click();
  await expect(panel.getByTestId('workflow-status')).toHaveText('مُرسلة للمراجعة');
  await expect(page.getByTestId('returned-notice')).toHaveCount(0);

  // 6. The desk chief sees what changed since their review, approves and schedules it.
  await switchTo(page, 'سلمى الكبير', '2222');
  await workstation.openFromList(summit.headline);
  await expect(panel.getByLabel('التغييرات منذ')).toContainText('آخر مراجعة لي');
  await expect(diff.locator('ins')).toContainText('وفق البيان الرسمي');
  await expect(comment).toContainText('عولج');
  const at = new Date(Date.now() + 20_000);
  // The Arabic UI's picker is Hijri (Umm al-Qura), typed segment by segment.
  await fillDate(panel.getByRole('group', { name: 'موعد النشر' }), at, 'islamic-umalqura');
  await panel.getByRole('button', { name: 'اعتمد وجدوِل' }).click();
  await expect(panel.getByTestId('workflow-status')).toHaveText('مجدولة');

  // 7. The main process publishes it at its time.
  const entry = workstation.storyList.getByRole('button', { name: new RegExp(summit.headline) });
  await expect(entry).toContainText('منشورة', { timeout: 45_000 });
  const history = await api<{
    entries: Array<{ actor: string; action?: string; to?: string }>;
    intact: boolean;
  }>(request, bridge, 'getHistory', { id });
  expect(history.intact).toBe(true);
  expect(history.entries.filter((e) => e.action).map((e) => `${e.actor}:${e.action}`)).toEqual([
    'yasin-ahmed:submit',
    'salma-kabir:return',
    'yasin-ahmed:submit',
    'salma-kabir:approve',
    'scheduler:publish',
  ]);
  // The command line reads the same history (read-only, beside the running bridge).
  expect(cli('history', '--store', bridge.storeDir, id)).toMatch(
    /scheduler \(scheduler\) {2}publish: scheduled → published/,
  );
});

test('the Russia story goes through a correction: the live copy stays unchanged until the correction is approved', async ({
  request,
  bridge,
}) => {
  const seed = JSON.parse(await readFile(resolve(repo, 'tests/fixtures/seed-stories.json'), 'utf8')) as {
    stories: SeedStory[];
  };
  const russia = seed.stories[1]!;
  await bridge.stop();
  cli(
    'user',
    'add',
    '--store',
    bridge.storeDir,
    'ياسين أحمد',
    '--role',
    'editor',
    '--latin',
    'Yasin Ahmed',
    '--pin',
    '1111',
  );
  cli(
    'user',
    'add',
    '--store',
    bridge.storeDir,
    'سلمى الكبير',
    '--role',
    'desk-chief',
    '--latin',
    'Salma Kabir',
    '--pin',
    '2222',
  );
  await bridge.start();
  type S = {
    id: string;
    version: number;
    status: string;
    headline: string;
    body: unknown[];
    correction?: { note: string; sequence: number };
  };
  const call = <T = S>(op: string, data: object) => api<T>(request, bridge, op, data);

  await call('switchUser', { userId: 'yasin-ahmed', pin: '1111' });
  let story = await call('createStory', { language: 'ar', edit: { headline: 'مسودة' } });
  story = await call('saveStory', {
    id: story.id,
    baseVersion: story.version,
    edit: {
      headline: russia.headline,
      byline: 'ياسين أحمد',
      tags: russia.suggestedTags,
      leadImage: {
        file: `${'b'.repeat(64)}.jpg`,
        caption: 'موسكو',
        credit: 'وكالة الأنباء',
        altText: 'لقاء في موسكو',
      },
      body: russia.body.map((text) => ({ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text }] })),
    },
  });
  story = await call('transitionStory', { id: story.id, action: 'submit' });
  await call('switchUser', { userId: 'salma-kabir', pin: '2222' });
  await call('transitionStory', { id: story.id, action: 'approve' });
  const published = await call('transitionStory', { id: story.id, action: 'publish' });
  expect(published.status).toBe('published');

  // A correction is started with its public note; the editor fixes the name.
  await call('transitionStory', {
    id: story.id,
    action: 'correct',
    note: 'صُحّح اسم نائب وزير الدفاع الروسي.',
  });
  await call('releaseStory', { id: story.id });
  await call('switchUser', { userId: 'yasin-ahmed', pin: '1111' });
  const underCorrection = await call('getStory', { id: story.id });
  expect(underCorrection.status).toBe('correction');
  const fixedBody = russia.body.map((text) => text.replace('يونس بك يفكيروف', 'يونس بك يفكوروف'));
  await call('saveStory', {
    id: story.id,
    baseVersion: underCorrection.version,
    edit: {
      body: fixedBody.map((text) => ({ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text }] })),
    },
  });
  // Still live, unchanged.
  const live = await call<S>('getLiveStory', { id: story.id });
  expect(live.version).toBe(published.version);
  expect(JSON.stringify(live.body)).toContain('يونس بك يفكيروف');
  // An editor cannot approve the correction.
  const refused = await request.post(`${bridge.origin}/api/transitionStory`, {
    headers: { authorization: `Bearer ${bridge.token}`, origin: bridge.origin },
    data: { id: story.id, action: 'approve' },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.issues[0].message).toBe('role');

  await call('releaseStory', { id: story.id });
  await call('switchUser', { userId: 'salma-kabir', pin: '2222' });
  const corrected = await call('transitionStory', { id: story.id, action: 'approve' });
  expect(corrected).toMatchObject({
    status: 'corrected',
    correction: { note: 'صُحّح اسم نائب وزير الدفاع الروسي.', sequence: 1 },
  });
  const republished = await call<S>('getLiveStory', { id: story.id });
  expect(JSON.stringify(republished.body)).toContain('يونس بك يفكوروف');
});
