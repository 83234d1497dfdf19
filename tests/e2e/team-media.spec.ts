/**
 * Images in team mode through two bridges on one newsroom server: a picture put in a story on
 * workstation A (yasin) shows in that story on workstation B (huda), whose folder never had it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { StoryBody } from '../../shared/story/schema';
import { addNewsroomLogin } from '../../electron/core/team/admin';
import { migrate } from '../../electron/core/team/migrate';
import { skipReason, startCluster, type Cluster } from '../unit/team/pg-cluster';
import { BridgeProcess } from './support/bridge';
import { test, expect } from './support/fixtures';
import { writeTeamSettings } from './support/team';
import { Workstation } from './support/workstation';
import { api, makePng } from './editor-helpers';

const repo = resolve(import.meta.dirname, '..', '..');
const reason = skipReason();

test.describe('team mode, shared images', () => {
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

  const workstationBridge = async (url: string, login: string) => {
    const folder = await mkdtemp(join(tmpdir(), 'mihbara-team-media-'));
    folders.push(folder);
    await writeTeamSettings(folder, url, login);
    const bridge = new BridgeProcess(folder);
    await bridge.start();
    bridges.push(bridge);
    return { bridge, folder };
  };

  test('a picture added on workstation A shows in the story on workstation B', async ({ browser }) => {
    test.setTimeout(120_000);
    const url = await cluster.createDatabase('newsroom_media');
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    await migrate(owner);
    await addNewsroomLogin(owner, { id: 'yasin', name: 'ياسين أحمد', role: 'editor' });
    await addNewsroomLogin(owner, { id: 'huda', name: 'هدى سالم', role: 'desk-chief' });
    await owner.end();

    const a = await workstationBridge(url, 'mihbara_yasin');
    const b = await workstationBridge(url, 'mihbara_huda');
    const contextA = await browser.newContext();
    const pageA = await contextA.newPage();
    await new Workstation(pageA, a.bridge).open();
    const { file } = await api<{ file: string }>(pageA, 'addMedia', {
      name: 'المجلس.png',
      mime: 'image/png',
      dataBase64: await makePng(pageA, 'Presidential Council', '#8b1a1a'),
    });
    const created = await api<{ id: string; version: number }>(pageA, 'createStory', {
      language: 'ar',
      edit: { headline: 'مسودة' },
    });
    const body = [
      {
        type: 'image',
        dir: 'rtl',
        lang: 'ar',
        file,
        caption: 'المجلس الرئاسي الليبي في طرابلس',
        credit: 'وكالة الأنباء',
        alt: 'أعضاء المجلس الرئاسي',
        children: [{ text: '' }],
      },
      { type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text: 'اجتمع المجلس صباح اليوم.' }] },
    ] as StoryBody;
    await api(pageA, 'saveStory', {
      id: created.id,
      baseVersion: created.version,
      edit: { headline: 'المجلس الرئاسي يجتمع في طرابلس', body },
    });
    await contextA.close().catch(() => undefined);

    // Workstation B never had the file; it comes from the server when the story is opened.
    expect(existsSync(join(b.folder, 'media', file))).toBe(false);
    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    const desk = new Workstation(pageB, b.bridge);
    await desk.open();
    // Yasin still holds the story's lock: the desk chief takes it over to edit (and see the picture).
    await desk.storyList.getByRole('button', { name: /المجلس الرئاسي يجتمع في طرابلس/ }).click();
    await pageB.getByRole('button', { name: 'تولَّ التحرير' }).click();
    await expect(desk.headline).toHaveValue('المجلس الرئاسي يجتمع في طرابلس');
    const picture = desk.body.locator('figure img');
    await expect(picture).toHaveAttribute('src', /^blob:/);
    await expect(picture).toHaveAttribute('alt', 'أعضاء المجلس الرئاسي');
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
    expect(existsSync(join(b.folder, 'media', file))).toBe(true);
    await mkdir(resolve(repo, 'tests/artifacts'), { recursive: true });
    await pageB.screenshot({ path: resolve(repo, 'tests/artifacts/team-media-on-b.png') });
    await contextB.close().catch(() => undefined);
  });
});
