/** The main window, locked down: sandboxed, isolated, no navigation, no new windows. */
import { join } from 'node:path';
import { BrowserWindow, session, shell } from 'electron';
import { ALLOWED_PERMISSIONS, APP_ORIGIN, isAllowedExternalUrl } from './policy';

export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) =>
    ALLOWED_PERMISSIONS.has(permission),
  );
}

export function createMainWindow(preloadDir: string, devServerUrl?: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'محبرة',
    backgroundColor: '#f7f5f0',
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const ownOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
  window.webContents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== ownOrigin) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
