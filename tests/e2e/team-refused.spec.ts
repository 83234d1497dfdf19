/**
 * A team workstation whose kept password the server refuses at start: it does not open the
 * local folder store. It works offline on the cached copy of the team's stories, says in Arabic
 * that the login was refused and where to fix it, and keeps the user's saves waiting.
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import AxeBuilder from '@axe-core/playwright';
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

test.describe('team mode, login refused at start', () => {
  test.skip(reason !== null, reason ?? '');
  let cluster: Cluster;
  let folder = '';
  let bridge: BridgeProcess | null = null;
  const environment = { ...process.env };

  test.beforeAll(async () => {
    cluster = await startCluster();
  });
  test.afterAll(async () => {
    await bridge?.stop();
    cluster?.destroy();
    if (folder) await rm(folder, { recursive: true, force: true });
    for (const name of ['PGPASSWORD', 'PGHOST', 'PGPORT', 'PGUSER']) {
      if (environment[name] === undefined) delete process.env[name];
      else process.env[name] = environment[name];
    }
  });

  test('works offline on the cached copy, says so in Arabic with the way to the settings, and keeps saves waiting', async ({
    browser,
    request,
  }) => {
    test.setTimeout(120_000);
    const url = await cluster.createDatabase('newsroom_refused');
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    await migrate(owner);
    await owner.query(`CREATE ROLE ${PASSWORD_GROUP} NOLOGIN`);
    await addNewsroomLogin(owner, { id: 'rana', name: 'رنا يوسف', role: 'editor', password: 'كلمة-صحيحة' });
    await owner.query(`GRANT ${PASSWORD_GROUP} TO mihbara_rana`);
    await owner.end();

    folder = await mkdtemp(join(tmpdir(), 'mihbara-team-refused-'));
    await writeTeamSettings(folder, url, 'mihbara_rana');
    // The bridge has no secret store: its password comes from PGPASSWORD (inherited by the child),
    // which goes only to the server, port and login the PG* variables name.
    const address = new URL(url);
    Object.assign(process.env, { PGHOST: address.hostname, PGPORT: address.port, PGUSER: 'mihbara_rana' });
    process.env.PGPASSWORD = 'كلمة-صحيحة';
    bridge = new BridgeProcess(folder);
    await bridge.start();
    const context = await browser.newContext();
    const page = await context.newPage();
    const desk = new Workstation(page, bridge);
    await desk.open();
    await expect(page.getByRole('button', { name: /وضع الفريق: متصل بخادم الفريق/ })).toBeVisible();
    await desk.newStory();
    await page.keyboard.type('اجتماع وزراء الخارجية العرب');
    await desk.waitUntilSaved();
    await bridge.stop();

    // The password is now wrong for this login: the next start is refused by the server.
    process.env.PGPASSWORD = 'كلمة-خاطئة';
    await bridge.start();
    await desk.open();
    const notice = page.getByRole('alert').filter({ hasText: 'رفض خادم غرفة الأخبار اسم الدخول' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('إعدادات وضع الفريق');
    await expect(page.getByRole('button', { name: /وضع الفريق: رفض الخادم الدخول/ })).toBeVisible();
    expect(
      await api<{ backend: string; refused?: string }>(request, bridge, 'getTeamStatus', {}),
    ).toMatchObject({
      backend: 'team',
      online: false,
      refused: 'login',
    });

    // The team's story as cached here, edited; the save waits for the server.
    await desk.openFromList('اجتماع وزراء الخارجية العرب');
    await desk.headline.press('End');
    await page.keyboard.type(' في القاهرة');
    await desk.waitUntilSaved();
    await expect
      .poll(async () => (await api<{ pending: number }>(request, bridge!, 'getTeamStatus', {})).pending)
      .toBe(1);
    await expect(
      page.getByRole('button', { name: /رفض الخادم الدخول — بانتظار الإرسال: [1١]/ }),
    ).toBeVisible();

    // The notice's button opens the team settings.
    await notice.getByRole('button', { name: 'فتح إعدادات وضع الفريق' }).focus();
    await mkdir(resolve(repo, 'tests/artifacts'), { recursive: true });
    await page.screenshot({ path: resolve(repo, 'tests/artifacts/team-login-refused.png') });
    const axe = await new AxeBuilder({ page }).include('.team-status__refused').analyze();
    expect(axe.violations).toEqual([]);
    await notice.getByRole('button', { name: 'فتح إعدادات وضع الفريق' }).click();
    await expect(page.getByRole('dialog', { name: 'وضع الفريق' })).toBeVisible();
    await context.close().catch(() => undefined);
  });
});
