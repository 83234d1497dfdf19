/**
 * The main window, locked down: sandboxed, isolated, no Node, no navigation away from the app,
 * no new windows, no webviews, and only the permissions the app uses. The decisions are plain
 * functions (tested with `electron` mocked); `createMainWindow` only wires them up.
 */
import { join } from 'node:path';
import {
  BrowserWindow,
  session,
  shell,
  type BrowserWindowConstructorOptions,
  type HandlerDetails,
  type WindowOpenHandlerResponse,
} from 'electron';
import { ALLOWED_PERMISSIONS, APP_ORIGIN, isAllowedExternalUrl } from './policy';
import { MIN_WINDOW_SIZE, type Placement } from './shell-state';

/** Allows a permission request only for what the app uses. */
export function decidePermission(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/** Installs the permission handlers on the default session (the only one the app uses). */
export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(decidePermission(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
}

/** The window's options; `webPreferences` is the security checklist. */
export function mainWindowOptions(
  preloadDir: string,
  placement: Placement,
  title: string,
): BrowserWindowConstructorOptions {
  return {
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    width: placement.width,
    height: placement.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title,
    backgroundColor: '#f7f5f0',
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

/** Opens a link outside the app, but only a web or mail link. */
export function openOutside(url: string, openExternal: (url: string) => Promise<void>): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  void openExternal(url).catch(() => undefined);
  return true;
}

/**
 * Whether `url` is on the app's own scheme and host. Compared part by part: for a custom scheme
 * such as app:// the WHATWG `origin` is the opaque "null", which would match any other app:// host.
 */
export function sameSite(url: string, ownOrigin: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(ownOrigin);
    return target.protocol === own.protocol && target.host === own.host && target.host !== '';
  } catch {
    return false;
  }
}

/**
 * The `will-navigate` / `will-redirect` handler: the page stays the app's own page. A link to the
 * web that the user follows opens in the system browser instead (after the allow-list check).
 */
export function navigationGuard(ownOrigin: string, openExternal: (url: string) => Promise<void>) {
  return (event: { preventDefault(): void }, url: string): void => {
    if (sameSite(url, ownOrigin)) return;
    event.preventDefault();
    openOutside(url, openExternal);
  };
}

/** The window-open handler: never a new window; web and mail links go to the system. */
export function windowOpenHandler(openExternal: (url: string) => Promise<void>) {
  return ({ url }: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse => {
    openOutside(url, openExternal);
    return { action: 'deny' };
  };
}

/** Creates the main window and loads the app (from app://, or the dev server in development). */
export function createMainWindow(options: {
  preloadDir: string;
  devServerUrl?: string;
  placement: Placement;
  title: string;
}): BrowserWindow {
  const { preloadDir, devServerUrl, placement, title } = options;
  const window = new BrowserWindow(mainWindowOptions(preloadDir, placement, title));
  const ownOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
  const openExternal = (url: string) => shell.openExternal(url);
  const guard = navigationGuard(ownOrigin, openExternal);
  window.webContents.on('will-navigate', guard);
  window.webContents.on('will-redirect', guard);
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(windowOpenHandler(openExternal));
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
