/**
 * The Electron shell: the only part of the main process that imports `electron`. It opens
 * the store, serves the renderer, registers the handler table on IPC and opens the window.
 * Everything it wires up is plain Node code shared with the browser bridge and the CLI.
 */
import { join } from 'node:path';
import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import { ApiError } from '../../shared/api/errors';
import { createDispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { createStoryService } from './stories/service';
import { openStore } from './store/story-store';
import type { StoryStore } from './store/types';
import { registerApi } from './shell/ipc';
import { isTrustedSenderUrl } from './shell/policy';
import { registerAppScheme, serveRenderer } from './shell/protocol';
import { createMainWindow, hardenSession } from './shell/window';

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
let store: StoryStore | undefined;
let mainWindow: BrowserWindow | undefined;

/** `--store=DIR` or MIHBARA_STORE points the app at another store; the default lives in userData. */
function storeLocation(): string {
  const flag = process.argv.find((arg) => arg.startsWith('--store='));
  return (
    flag?.slice('--store='.length) || process.env['MIHBARA_STORE'] || join(app.getPath('userData'), 'store')
  );
}

function fail(titleAr: string, titleEn: string, detail: string): void {
  const arabic = app.getLocale().startsWith('ar') || !app.getLocale().startsWith('en');
  dialog.showErrorBox(arabic ? titleAr : titleEn, detail);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  void app.whenReady().then(async () => {
    hardenSession();
    let opened: StoryStore;
    try {
      opened = await openStore(storeLocation(), { mode: 'write', create: true });
    } catch (error) {
      const inUse = error instanceof ApiError && error.code === 'store-locked';
      fail(
        inUse ? 'المخزن مستخدم في نافذة أخرى من محبرة' : 'تعذّر فتح مخزن القصص',
        inUse ? 'The story store is in use by another Mihbara window' : 'The story store could not be opened',
        error instanceof Error ? error.message : String(error),
      );
      return;
    }
    store = opened;
    const dispatch = createDispatch(createHandlers({ store: opened, stories: createStoryService(opened) }));
    registerApi(ipcMain, dispatch, (url) => isTrustedSenderUrl(url, devServerUrl));
    serveRenderer(join(__dirname, '../renderer'));
    mainWindow = createMainWindow(join(__dirname, '../preload'), devServerUrl);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!store) return;
    event.preventDefault();
    const closing = store;
    store = undefined;
    void closing.close().finally(() => app.quit());
  });
}
