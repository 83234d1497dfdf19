/**
 * The built app in a real Electron: starts with a temporary data folder, creates and saves a
 * story, and checks the window's security settings and that navigation away is blocked.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { MihbaraApi } from '../../shared/api/contract';
import type { MihbaraShell } from '../../shared/api/shell';
import { electronAvailability, repo } from './electron-binary';

declare global {
  interface Window {
    mihbara?: MihbaraApi;
    mihbaraShell?: MihbaraShell;
  }
}

const availability = electronAvailability();
const ar = JSON.parse(readFileSync(join(repo, 'shared', 'i18n', 'ar.json'), 'utf8')) as {
  list: { newStory: string };
  editor: { headline: string };
  save: { saved: string };
};

test.describe('Mihbara in a real Electron', () => {
  test.skip(!availability.executablePath, availability.reason ?? '');

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'mihbara-electron-'));
    app = await electron.launch({
      executablePath: availability.executablePath,
      args: ['.', `--user-data=${userData}`],
      cwd: repo,
      env: { ...process.env, MIHBARA_NO_UPDATES: '1', ELECTRON_RENDERER_URL: '' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('serves the app from app:// with the API and the shell bridge, and no Node', async () => {
    expect(page.url()).toBe('app://mihbara/index.html');
    const globals = await page.evaluate(() => ({
      api: typeof window.mihbara?.listStories,
      shell: typeof window.mihbaraShell?.onMenuCommand,
      require: typeof (window as { require?: unknown }).require,
      process: typeof (window as { process?: unknown }).process,
    }));
    expect(globals).toEqual({
      api: 'function',
      shell: 'function',
      require: 'undefined',
      process: 'undefined',
    });
  });

  test('creates and saves a story in the temporary store', async () => {
    await page.getByRole('button', { name: ar.list.newStory }).first().click();
    await page.getByLabel(ar.editor.headline).fill('قمة الرياض تبحث التعاون الاقتصادي');
    await expect(page.getByText(ar.save.saved)).toBeVisible();
    const result = await page.evaluate(() => window.mihbara!.listStories({}));
    expect(result.ok && result.value.items.map((story) => story.headline)).toEqual([
      'قمة الرياض تبحث التعاون الاقتصادي',
    ]);
    const storePath = await page.evaluate(async () => {
      const info = await window.mihbara!.getStoreInfo({});
      return info.ok ? info.value.path : null;
    });
    expect(storePath).toBe(join(userData, 'store'));
  });

  test('runs the window isolated and sandboxed, without Node', async () => {
    // contextBridge objects are frozen copies: only an isolated context gets them.
    const page_ = await page.evaluate(() => ({
      frozen: Object.isFrozen(window.mihbara),
      node: typeof (window as { process?: unknown }).process,
    }));
    expect(page_).toEqual({ frozen: true, node: 'undefined' });
    const sandboxed = await app.evaluate(({ app: electronApp, BrowserWindow }) => {
      const pid = BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId();
      return electronApp.getAppMetrics().find((metric) => metric.pid === pid)?.sandboxed;
    });
    // Electron reports OS-level sandboxing on Windows and macOS only.
    if (process.platform === 'win32' || process.platform === 'darwin') expect(sandboxed).toBe(true);
  });

  test('blocks navigation away and new windows', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.evaluate(() => window.open('https://example.com/'));
    // Give a navigation the chance to happen, then check it did not.
    await page.waitForTimeout(1_000);
    expect(page.url()).toBe('app://mihbara/index.html');
    expect(app.windows()).toHaveLength(1);
  });
});
