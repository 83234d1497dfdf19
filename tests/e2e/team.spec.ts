/**
 * Team mode through two bridge processes sharing one PostgreSQL server, in two browser
 * contexts: the editor (ياسين, editor login) submits the summit story; it appears in the desk
 * chief's queue (هدى, desk-chief login) through the change feed, without a reload; she returns
 * it with a note, he resubmits, she approves. The team settings dialog is checked in Arabic.
 * Skipped, with the reason, where Debian's PostgreSQL binaries are absent.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { Page } from '@playwright/test';
import { addNewsroomLogin } from '../../electron/core/team/admin';
import { migrate } from '../../electron/core/team/migrate';
import { PASSWORD_GROUP, skipReason, startCluster, type Cluster } from '../unit/team/pg-cluster';
import { BridgeProcess } from './support/bridge';
import { callApi as api } from './support/api';
import { test, expect } from './support/fixtures';
import { writeTeamSettings } from './support/team';
import { Workstation } from './support/workstation';

const repo = resolve(import.meta.dirname, '..', '..');
const reason = skipReason();

/** Resolves when the page's change feed brings an event about story `id`. */
const feedBrings = (page: Page, id: string) =>
  page.waitForResponse(
    async (response) =>
      response.url().endsWith('/api/waitForChanges') && (await response.text()).includes(`"${id}"`),
    { timeout: 30_000 },
  );

test.describe('team mode', () => {
  test.skip(reason !== null, reason ?? '');
  let cluster: Cluster;
  const folders: string[] = [];
  const bridges: BridgeProcess[] = [];

  test.beforeAll(async () => {
    cluster = await startCluster();
  });
  test.afterAll(async () => {
    for (const bridge of bridges) await bridge.stop();
    cluster?.destroy();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  /** A workstation folder set to team mode with `login`, and its bridge. */
  const workstationBridge = async (url: string, login: string) => {
    const folder = await mkdtemp(join(tmpdir(), 'mihbara-team-e2e-'));
    folders.push(folder);
    await writeTeamSettings(folder, url, login);
    const bridge = new BridgeProcess(folder);
    await bridge.start();
    bridges.push(bridge);
    return bridge;
  };

  test('submit → live in the desk chief’s queue → return → resubmit → approve', async ({
    browser,
    request,
  }) => {
    test.setTimeout(180_000);
    const url = await cluster.createDatabase('newsroom_e2e');
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    await migrate(owner);
    await addNewsroomLogin(owner, { id: 'yasin', name: 'ياسين أحمد', role: 'editor' });
    await addNewsroomLogin(owner, { id: 'huda', name: 'هدى سالم', role: 'desk-chief' });
    await owner.end();

    const editorBridge = await workstationBridge(url, 'mihbara_yasin');
    const chiefBridge = await workstationBridge(url, 'mihbara_huda');
    const editorContext = await browser.newContext();
    const chiefContext = await browser.newContext();
    const editorPage = await editorContext.newPage();
    const chiefPage = await chiefContext.newPage();
    const editor = new Workstation(editorPage, editorBridge);
    const chief = new Workstation(chiefPage, chiefBridge);
    await editor.open();
    await chief.open();
    await expect(editorPage.getByTestId('current-user')).toHaveText('ياسين أحمد');
    await expect(chiefPage.getByTestId('current-user')).toHaveText('هدى سالم');
    await expect(editorPage.getByRole('button', { name: /وضع الفريق: متصل بخادم الفريق/ })).toBeVisible();

    const seed = JSON.parse(await readFile(resolve(repo, 'tests/fixtures/seed-stories.json'), 'utf8')) as {
      stories: Array<{ headline: string; byline: string | null; body: string[]; suggestedTags: string[] }>;
    };
    const summit = seed.stories[0]!;
    await editor.newStory();
    await editorPage.keyboard.type(summit.headline);
    await editor.byline.click();
    await editorPage.keyboard.type(summit.byline!);
    await editor.typeBody(summit.body.slice(0, 2));
    await editor.waitUntilSaved();
    const id = (await api<{ items: Array<{ id: string }> }>(request, editorBridge, 'listStories', {}))
      .items[0]!.id;
    const draft = await api<{ version: number }>(request, editorBridge, 'getStory', { id });
    await api(request, editorBridge, 'saveStory', {
      id,
      baseVersion: draft.version,
      edit: {
        leadImage: {
          file: `${'a'.repeat(64)}.jpg`,
          caption: 'المجلس الرئاسي الليبي',
          credit: 'المكتب الإعلامي للمجلس الرئاسي',
          altText: 'أعضاء المجلس الرئاسي الليبي',
        },
        tags: summit.suggestedTags,
      },
    });
    await editorPage.reload();
    await expect(editor.headline).toHaveValue(summit.headline);

    // Search runs on the server: the desk chief's workstation finds the editor's story at once,
    // through spelling variants (ه for ة), and keeps no index of its own.
    await chiefPage.getByRole('button', { name: 'البحث', exact: true }).click();
    const chiefSearch = chiefPage.getByRole('search');
    await chiefSearch.getByRole('searchbox', { name: 'ابحث في القصص' }).fill('الليبيه العربيه');
    await expect(chiefPage.locator('.search-panel__count')).toHaveText('نتيجة واحدة');
    const chiefResults = chiefPage.getByRole('list', { name: 'نتائج البحث' });
    await expect(chiefResults.getByRole('button')).toContainText(summit.headline);
    await expect(chiefResults.locator('mark').first()).toHaveText('الليبية');
    await expect(chiefPage.locator('.search-panel__notice')).toHaveCount(0);
    expect(existsSync(join(chiefBridge.storeDir, 'search', 'index.bin'))).toBe(false);
    await chiefSearch.getByRole('searchbox', { name: 'ابحث في القصص' }).fill('');
    // Search has the main pane; closing it brings back the story with its side panel.
    await chiefPage.getByRole('button', { name: 'أغلق البحث' }).click();

    // 1. Submit: the desk chief's queue shows it, carried by the change feed (no reload).
    const panel = editorPage.getByTestId('workflow-panel');
    const arrives = feedBrings(chiefPage, id);
    await panel.getByRole('button', { name: 'أرسل إلى القسم' }).click();
    await expect(panel.getByTestId('workflow-status')).toHaveText('مُرسلة للمراجعة');
    await arrives;
    const toReview = chiefPage
      .getByRole('navigation', { name: 'القوائم' })
      .getByRole('button', { name: /بانتظار مراجعتي/ });
    await expect(toReview).toContainText('1');
    await toReview.click();
    // The editor's window still holds the story's lock: the desk chief reads it and acts on it.
    const chiefPanel = chiefPage.getByTestId('workflow-panel');
    await chief.storyList.getByRole('button', { name: summit.headline }).click();
    await expect(chiefPanel.getByTestId('workflow-status')).toHaveText('مُرسلة للمراجعة');
    await mkdir(resolve(repo, 'tests/artifacts'), { recursive: true });
    await chiefPage.screenshot({
      path: resolve(repo, 'tests/artifacts/team-chief-queue.png'),
      fullPage: true,
    });

    // 2. Return with a note; the editor's list follows.
    await chiefPanel.getByLabel('ملاحظة', { exact: true }).fill('أضف مصدرا للتصريح.');
    const backToEditor = feedBrings(editorPage, id);
    await chiefPanel.getByRole('button', { name: 'أعِد إلى المحرر' }).click();
    await expect(chiefPanel.getByTestId('workflow-status')).toHaveText('مُعادة للكاتب');
    await backToEditor;
    const returned = editorPage
      .getByRole('navigation', { name: 'القوائم' })
      .getByRole('button', { name: /أُعيدت إليّ/ });
    await expect(returned).toContainText('1');

    // 3. Resubmit; 4. approve.
    await editorPage.reload();
    // The desk's note is in the story's history, in the side panel's history tab.
    await editorPage.getByRole('tab', { name: 'السجل' }).click();
    await expect(panel.getByRole('listitem').filter({ hasText: 'أضف مصدرا للتصريح' })).toBeVisible();
    const again = feedBrings(chiefPage, id);
    await panel.getByRole('button', { name: 'أرسل إلى القسم' }).click();
    await expect(panel.getByTestId('workflow-status')).toHaveText('مُرسلة للمراجعة');
    await again;
    await chiefPage.reload();
    await chief.storyList.getByRole('button', { name: summit.headline }).click();
    await expect(chiefPanel.getByTestId('workflow-status')).toHaveText('مُرسلة للمراجعة');
    await chiefPanel.getByRole('button', { name: 'اعتمد', exact: true }).click();
    await expect(chiefPanel.getByTestId('workflow-status')).toHaveText('معتمدة');

    // The server holds the history, in the two logins' names.
    const history = await api<{ entries: Array<{ actor: string; action?: string }>; intact: boolean }>(
      request,
      editorBridge,
      'getHistory',
      { id },
    );
    expect(history.intact).toBe(true);
    expect(history.entries.filter((e) => e.action).map((e) => `${e.actor}:${e.action}`)).toEqual([
      'yasin:submit',
      'huda:return',
      'yasin:submit',
      'huda:approve',
    ]);
    // And the editor's login cannot approve, whatever the page sends.
    const refused = await request.post(`${editorBridge.origin}/api/transitionStory`, {
      headers: { authorization: `Bearer ${editorBridge.token}`, origin: editorBridge.origin },
      data: { id, action: 'publish' },
    });
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');

    // The team settings, in Arabic, right to left.
    await editorPage.getByRole('button', { name: /وضع الفريق/ }).click();
    const dialog = editorPage.getByRole('dialog', { name: 'وضع الفريق' });
    await expect(dialog.getByLabel('على خادم غرفة الأخبار (PostgreSQL)')).toBeChecked();
    await expect(dialog.getByLabel('اسم الدخول إلى قاعدة البيانات')).toHaveValue('mihbara_yasin');
    await dialog.getByRole('button', { name: 'اختبار الاتصال' }).click();
    await expect(dialog.getByRole('status')).toHaveText('تم الاتصال: أنت yasin بدور محرر.');
    await dialog.screenshot({ path: resolve(repo, 'tests/artifacts/team-settings-rtl.png') });

    // A wrong password is refused in Arabic and not kept; the saved settings stay as they were.
    const owner2 = new pg.Client({ connectionString: url });
    await owner2.connect();
    await owner2.query(`CREATE ROLE ${PASSWORD_GROUP} NOLOGIN`);
    await addNewsroomLogin(owner2, { id: 'rana', name: 'رنا يوسف', role: 'editor', password: 'كلمة-صحيحة' });
    await owner2.query(`GRANT ${PASSWORD_GROUP} TO mihbara_rana`);
    await owner2.end();
    await dialog.getByLabel('اسم الدخول إلى قاعدة البيانات').fill('mihbara_rana');
    await dialog.getByLabel('كلمة المرور').fill('كلمة-خاطئة');
    await dialog.getByRole('button', { name: 'حفظ', exact: true }).click();
    await expect(
      dialog.getByText('لم تُحفظ كلمة المرور: رفض الخادم اسم الدخول أو كلمة المرور.'),
    ).toBeVisible();
    await dialog.screenshot({ path: resolve(repo, 'tests/artifacts/team-settings-wrong-password.png') });
    const kept = await readFile(join(editorBridge.storeDir, 'team', 'settings.json'), 'utf8');
    expect(kept).toContain('mihbara_yasin');
    expect(kept).not.toContain('كلمة-خاطئة');
    // Another run may have cleared test-results (traces) meanwhile: closing must not fail the test.
    await editorContext.close().catch(() => undefined);
    await chiefContext.close().catch(() => undefined);
  });

  test('a bridge started while the server is stopped signs in from the last session, edits, and drains on restart', async ({
    browser,
    request,
  }) => {
    test.setTimeout(180_000);
    const url = await cluster.createDatabase('newsroom_offline');
    const owner = new pg.Client({ connectionString: url });
    owner.on('error', () => undefined);
    await owner.connect();
    await migrate(owner);
    await addNewsroomLogin(owner, { id: 'yasin', name: 'ياسين أحمد', role: 'editor' });
    await addNewsroomLogin(owner, { id: 'huda', name: 'هدى سالم', role: 'desk-chief' });
    await owner.end();

    // A first session with the server up: one story written and saved.
    const bridge = await workstationBridge(url, 'mihbara_yasin');
    const context = await browser.newContext();
    const page = await context.newPage();
    const desk = new Workstation(page, bridge);
    await desk.open();
    await expect(page.getByTestId('current-user')).toHaveText('ياسين أحمد');
    await desk.newStory();
    await page.keyboard.type('قمة بغداد تبدأ غدا');
    await desk.waitUntilSaved();
    const id = (await api<{ items: Array<{ id: string }> }>(request, bridge, 'listStories', {})).items[0]!.id;
    await bridge.stop();

    // The server goes away; the workstation starts again without it.
    cluster.stop();
    try {
      await bridge.start();
      await desk.open();
      await expect(page.getByTestId('current-user')).toHaveText('ياسين أحمد');
      await expect(page.getByRole('button', { name: /وضع الفريق: غير متصل/ })).toBeVisible();
      await desk.openFromList('قمة بغداد تبدأ غدا');
      await desk.headline.press('End');
      await page.keyboard.type(' بحضور ليبيا');
      await desk.waitUntilSaved();
      await expect
        .poll(async () => (await api<{ pending: number }>(request, bridge, 'getTeamStatus', {})).pending)
        .toBe(1);
      await expect(page.getByRole('button', { name: /غير متصل — بانتظار الإرسال: [1١]/ })).toBeVisible();
      // The list shows what this workstation keeps, and says so.
      await expect(desk.storyList.locator('.story-list__offline')).toHaveText(
        'الخادم غير متاح: القائمة تعرض القصص المحفوظة على هذا الجهاز فقط.',
      );
      await mkdir(resolve(repo, 'tests/artifacts'), { recursive: true });
      await page.screenshot({ path: resolve(repo, 'tests/artifacts/team-offline-start.png') });
      // Offline, search covers the stories kept on this workstation, and says so.
      await page.getByRole('button', { name: 'البحث', exact: true }).click();
      await page.getByRole('search').getByRole('searchbox', { name: 'ابحث في القصص' }).fill('قمه ليبيا');
      await expect(page.locator('.search-panel__count')).toHaveText('نتيجة واحدة');
      await expect(page.locator('.search-panel__notice')).toHaveText(
        'الخادم غير متاح: البحث يشمل القصص المحفوظة على هذا الجهاز فقط.',
      );
      await page.screenshot({ path: resolve(repo, 'tests/artifacts/team-offline-search.png') });
      // The same notice in the English interface.
      await page.getByRole('button', { name: 'Switch the interface to English' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.locator('.search-panel__count')).toHaveText('1 result');
      await expect(page.locator('.search-panel__notice')).toHaveText(
        'The newsroom server cannot be reached: only the stories kept on this workstation were searched.',
      );
      await expect(page.locator('.story-list__offline')).toHaveText(
        'The newsroom server cannot be reached: only the stories kept on this workstation are listed.',
      );
      await page.screenshot({ path: resolve(repo, 'tests/artifacts/team-offline-search-en.png') });
      await page.getByRole('button', { name: 'حوّل الواجهة إلى العربية' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
      await page.getByRole('search').getByRole('searchbox', { name: 'ابحث في القصص' }).fill('');
    } finally {
      cluster.start();
    }

    // Back: the outbox drains on its own, once, and the page says so.
    await expect
      .poll(async () => api<{ online: boolean; pending: number }>(request, bridge, 'getTeamStatus', {}), {
        timeout: 30_000,
      })
      .toMatchObject({ online: true, pending: 0 });
    await expect(page.getByRole('button', { name: /وضع الفريق: متصل بخادم الفريق/ })).toBeVisible();
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      const row = await check.query<{ headline: string; version: number }>(
        'SELECT headline, version FROM mihbara.stories WHERE id = $1',
        [id],
      );
      expect(row.rows[0]!.headline).toBe('قمة بغداد تبدأ غدا بحضور ليبيا');
      const revisions = await check.query<{ n: string }>(
        'SELECT count(*) AS n FROM mihbara.revisions WHERE story_id = $1',
        [id],
      );
      expect(Number(revisions.rows[0]!.n)).toBe(row.rows[0]!.version);
    } finally {
      await check.end();
    }
    await context.close().catch(() => undefined);
  });
});
