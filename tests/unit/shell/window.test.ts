import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron binary cannot run here: the module is replaced by recorders.
const recorded = vi.hoisted(() => ({
  windows: [] as {
    options: Record<string, unknown>;
    listeners: Map<string, (...args: unknown[]) => void>;
    openHandler?: (details: { url: string }) => unknown;
    loaded?: string;
  }[],
  permissionRequest: undefined as
    undefined | ((contents: unknown, permission: string, callback: (ok: boolean) => void) => void),
  permissionCheck: undefined as undefined | ((contents: unknown, permission: string) => boolean),
  opened: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const entry = {
        options,
        listeners: new Map<string, (...args: unknown[]) => void>(),
      } as (typeof recorded.windows)[number];
      recorded.windows.push(entry);
      this.webContents = {
        on: (name: string, listener: (...args: unknown[]) => void) => entry.listeners.set(name, listener),
        setWindowOpenHandler: (handler: (details: { url: string }) => unknown) =>
          (entry.openHandler = handler),
      };
      (this as unknown as { loadURL: (url: string) => Promise<void> }).loadURL = async (url: string) => {
        entry.loaded = url;
      };
    }
    once() {}
    show() {}
    maximize() {}
  }
  return {
    BrowserWindow,
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof recorded.permissionRequest) =>
          (recorded.permissionRequest = handler),
        setPermissionCheckHandler: (handler: typeof recorded.permissionCheck) =>
          (recorded.permissionCheck = handler),
      },
    },
    shell: { openExternal: async (url: string) => void recorded.opened.push(url) },
  };
});

const { createMainWindow, hardenSession, mainWindowOptions, navigationGuard, windowOpenHandler } =
  await import('../../../electron/main/shell/window');

const placement = { width: 1200, height: 800, maximized: false };
const prevented = () => {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
};

beforeEach(() => {
  recorded.windows.length = 0;
  recorded.opened.length = 0;
});

describe('main window', () => {
  it('is isolated and sandboxed, with no Node in the page, its workers or frames', () => {
    const prefs = mainWindowOptions('/app/out/preload', placement, 'محبرة').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
  });

  it('opens where it was left, or lets the system centre it', () => {
    expect(
      mainWindowOptions('/p', { x: 40, y: 60, width: 1000, height: 700, maximized: false }, 't'),
    ).toMatchObject({ x: 40, y: 60, width: 1000, height: 700 });
    const centred = mainWindowOptions('/p', placement, 't');
    expect(centred).not.toHaveProperty('x');
    expect(centred).not.toHaveProperty('y');
  });

  it('wires the guards into the real window and loads the app from app://, not file://', () => {
    createMainWindow({ preloadDir: '/p', placement, title: 'محبرة' });
    const [window] = recorded.windows;
    expect(window!.options['webPreferences']).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(window!.loaded).toBe('app://mihbara/index.html');
    expect([...window!.listeners.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-navigate',
      'will-redirect',
    ]);
    const attach = prevented();
    window!.listeners.get('will-attach-webview')!(attach);
    expect(attach.prevented).toBe(true);
    const navigate = prevented();
    window!.listeners.get('will-navigate')!(navigate, 'https://evil.example/');
    expect(navigate.prevented).toBe(true);
    expect(window!.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
});

describe('navigation and new windows', () => {
  it('keeps the page on the app’s origin and sends followed web links to the system browser', async () => {
    const opened: string[] = [];
    const guard = navigationGuard('app://mihbara', async (url) => void opened.push(url));
    const stay = prevented();
    guard(stay, 'app://mihbara/index.html');
    expect(stay.prevented).toBe(false);
    for (const url of [
      'https://news.example/story',
      'app://evil/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      const event = prevented();
      guard(event, url);
      expect(event.prevented, url).toBe(true);
    }
    expect(opened).toEqual(['https://news.example/story']);
  });

  it('never opens a window; opens only web and mail links outside', () => {
    const opened: string[] = [];
    const handler = windowOpenHandler(async (url) => void opened.push(url));
    for (const url of [
      'https://a.example/',
      'mailto:desk@example.com',
      'javascript:alert(1)',
      'file:///C:/Windows/system.ini',
      'ms-settings:privacy',
      'data:text/html,<b>x</b>',
      'http://b.example/',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://a.example/', 'mailto:desk@example.com', 'http://b.example/']);
  });
});

describe('permissions', () => {
  it('denies everything the app does not use', () => {
    hardenSession();
    const answers: Record<string, boolean> = {};
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'pointerLock',
      'clipboard-sanitized-write',
    ]) {
      recorded.permissionRequest!({}, permission, (ok) => (answers[permission] = ok));
      expect(recorded.permissionCheck!({}, permission)).toBe(answers[permission]);
    }
    expect(
      Object.entries(answers)
        .filter(([, ok]) => ok)
        .map(([name]) => name),
    ).toEqual(['clipboard-sanitized-write']);
  });
});
