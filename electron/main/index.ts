/**
 * The Electron shell: the only part of the main process that imports `electron`. It opens the
 * store, serves the renderer, registers the handler table and the shell's channels on IPC, and
 * runs the window (menus, dialogs, remembered placement, save-before-close, crash recovery).
 * Every decision it makes lives in electron/main/shell/ as a plain function; this file wires them.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, shell, type MessageBoxOptions } from 'electron';
import log from 'electron-log/main';
// electron-updater is CommonJS: its named exports are read from the default export.
import updater from 'electron-updater';
import { ApiError } from '../../shared/api/errors';
import { SHELL_CHANNELS, type MenuCommand } from '../../shared/api/shell';
import type { UiLanguage } from '../../shared/i18n';
import type { Logger } from '../core/log';
import { exportFileName } from '../core/stories/exchange';
import { chosenPlaces } from '../core/places';
import { openWorkstation, type Workstation } from '../core/workstation';
import { installCredentialVault } from './shell/credentials';
import { createCloseGuard, FlushRequests } from './shell/close-guard';
import { backupFileName, exportStoryTo, importStoryFiles, storyFilesInArgv } from './shell/files';
import { chromiumLocale, translator } from './shell/i18n';
import { registerApi, registerShellChannels } from './shell/ipc';
import { buildMenuTemplate } from './shell/menu';
import { devServerUrlFor, isTrustedSenderUrl } from './shell/policy';
import { registerAppScheme, serveRenderer } from './shell/protocol';
import { DraftRelay, moveLegacyDrafts } from './shell/recovery';
import { placementFor, ShellStateFile } from './shell/shell-state';
import { createMainWindow, hardenSession } from './shell/window';

// A packaged build ignores the development server's variable (see devServerUrlFor).
const devServerUrl = devServerUrlFor(process.env, app.isPackaged);

function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) || undefined;
}

// `--user-data=DIR` (or MIHBARA_USER_DATA) moves everything the app keeps: tests use a temporary one.
const userData = flag('user-data') ?? process.env['MIHBARA_USER_DATA'];
if (userData) app.setPath('userData', userData);

log.transports.file.level = 'info';
log.errorHandler.startCatching({ showDialog: false });
const logLine = (message: string) => log.warn(message);
const logger: Logger = {
  info: (message) => log.info(message),
  warn: (message) => log.warn(message),
  error: (message) => log.error(message),
};

const shellState = new ShellStateFile(join(app.getPath('userData'), 'shell-state.json'), logLine);
shellState.loadSync();
let language: UiLanguage = shellState.uiLanguage;
// Chromium's locale mirrors its own views (the Windows/Linux menu bar) for Arabic.
app.commandLine.appendSwitch('lang', chromiumLocale(language));

/** The open workstation (store, services, dispatcher); closed on quit, after the window. */
let workstation: Workstation | undefined;
let mainWindow: BrowserWindow | undefined;
let pageReady = false;
// The page's unsaved text goes into the store's own recovery journal (the one the page offers back).
const legacyRecoveryFolder = join(app.getPath('userData'), 'recovery');
const journal = new DraftRelay(() => {
  const store = workstation?.services.store;
  return store && store.mode === 'write' ? store.archive : undefined;
}, logLine);
const flushRequests = new FlushRequests((request) => {
  if (mainWindow && !mainWindow.isDestroyed())
    mainWindow.webContents.send(SHELL_CHANNELS.flushRequest, request);
}, 5_000);
const waitingFiles: string[] = storyFilesInArgv(process.argv, process.cwd());

const t = (key: string, options?: Record<string, unknown>) => translator(language)(key, options);

/** `--store=DIR` or MIHBARA_STORE points the app at another store; the default lives in userData. */
function storeLocation(): string {
  return flag('store') ?? process.env['MIHBARA_STORE'] ?? join(app.getPath('userData'), 'store');
}

async function message(options: MessageBoxOptions): Promise<number> {
  const box = { ...options, buttons: options.buttons ?? [t('dialog.ok')] };
  const { response } =
    mainWindow && !mainWindow.isDestroyed()
      ? await dialog.showMessageBox(mainWindow, box)
      : await dialog.showMessageBox(box);
  return response;
}

/** Runs a menu action; a failure is logged and shown, never thrown into Electron. */
function guarded(action: () => Promise<void>): () => void {
  return () =>
    void action().catch((error: unknown) => {
      log.error(error);
      void message({
        type: 'error',
        title: t('dialog.failedTitle'),
        message: t('dialog.failedTitle'),
        detail: String((error as Error)?.message ?? error),
      });
    });
}

function sendToPage(command: MenuCommand): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(SHELL_CHANNELS.menu, command);
}

function setMenu(): void {
  const template = buildMenuTemplate({
    t: translator(language),
    language,
    platform: process.platform,
    development: !app.isPackaged,
    actions: {
      sendToPage,
      importFiles: guarded(chooseAndImport),
      exportStory: guarded(chooseAndExport),
      backUpStore: guarded(chooseAndBackUp),
      showLogFile: () => shell.showItemInFolder(log.transports.file.getFile().path),
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Imports story files (opened with the app, dropped on its icon, or chosen) and shows the last one. */
async function importPaths(paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  if (!workstation || !pageReady) {
    waitingFiles.push(...paths);
    return;
  }
  const outcome = await importStoryFiles(
    paths,
    workstation.services.stories,
    workstation.dispatch,
    workstation.services.media,
  );
  log.info(`imported ${outcome.imported.length} of ${paths.length} files`);
  if (outcome.failed.length > 0 || outcome.picturesNotFound.length > 0) {
    await message({
      type: 'warning',
      title: t(outcome.failed.length > 0 ? 'dialog.importFailedTitle' : 'dialog.importPicturesTitle'),
      message: t('dialog.importDone', { count: outcome.imported.length, total: paths.length }),
      detail: [
        ...outcome.failed.map((failure) => `${failure.path}: ${failure.reason}`),
        ...outcome.picturesNotFound.map(({ path, href }) =>
          t('dialog.importPictureNotFound', { path, href }),
        ),
      ].join('\n'),
    });
  }
  const last = outcome.imported.at(-1);
  if (last) sendToPage({ type: 'open-story', id: last.id });
}

async function chooseAndImport(): Promise<void> {
  const options = {
    title: t('dialog.importTitle'),
    buttonLabel: t('dialog.importButton'),
    properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
    filters: [
      { name: t('dialog.filterImportable'), extensions: ['json', 'xml', 'nitf', 'docx'] },
      { name: t('dialog.filterNinjs'), extensions: ['json'] },
      { name: t('dialog.filterDocx'), extensions: ['docx'] },
    ],
  };
  const choice = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options);
  if (!choice.canceled) await importPaths(choice.filePaths);
}

/** Asks the page to save; false (after telling the user) when its text is not on disk. */
async function pageSaved(): Promise<{ ok: boolean; storyId: string | null }> {
  const outcome = await flushRequests.request();
  if (!outcome.saved) {
    await message({
      type: 'warning',
      title: t('dialog.notSavedTitle'),
      message: t('dialog.notSavedTitle'),
      detail: t('dialog.notSavedDetail'),
    });
  }
  return { ok: outcome.saved, storyId: outcome.storyId };
}

async function chooseAndExport(): Promise<void> {
  const { ok, storyId } = await pageSaved();
  const stories = workstation?.services.stories;
  if (!ok || !stories) return;
  if (!storyId) {
    await message({ type: 'info', title: t('dialog.exportTitle'), message: t('dialog.exportNoStory') });
    return;
  }
  const story = await stories.get(storyId);
  const options = {
    title: t('dialog.exportTitle'),
    buttonLabel: t('dialog.exportButton'),
    defaultPath: join(app.getPath('documents'), exportFileName(story, 'ninjs')),
    filters: [
      { name: t('dialog.filterNinjs'), extensions: ['json'] },
      { name: t('dialog.filterHtml'), extensions: ['html'] },
    ],
  };
  const choice = mainWindow
    ? await dialog.showSaveDialog(mainWindow, options)
    : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return;
  await exportStoryTo(stories, storyId, choice.filePath);
  log.info(`exported ${storyId} to ${choice.filePath}`);
}

async function chooseAndBackUp(): Promise<void> {
  const dispatch = workstation?.dispatch;
  if (!dispatch) return;
  if (!(await pageSaved()).ok) return;
  // The same dialog the page's Maintenance screen opens; the job names the choice by its token.
  const chosen = await places.choose('backup-file');
  if (!chosen) return;
  // The backup runs as a job: the page's jobs screen shows its progress and can cancel it.
  const started = await dispatch('startJob', { kind: 'backup', target: chosen.token });
  if (!started.ok) {
    await message({
      type: 'warning',
      title: t('dialog.backupTitle'),
      message: t(`errors.${started.error.code}`),
    });
    return;
  }
  log.info(`backing up the store to ${(await places.resolve(chosen.token, 'backup-file')).join(', ')}`);
  sendToPage({ type: 'show-jobs' });
}

/** A backup file's path with the `.tar.gz` ending the dialog may have left off. */
const backupPath = (path: string) =>
  /\.tar\.gz$/i.test(path) ? path : `${path.replace(/\.(tar|gz)$/i, '')}.tar.gz`;

/**
 * The places jobs and folder settings may use outside the store: only what the user chose in the system dialog,
 * asked for by the page (`choosePlace`) or by a menu item; the page holds tokens, never paths.
 */
const places = chosenPlaces(async (use) => {
  if (use === 'import') {
    const options = {
      title: t('dialog.importTitle'),
      buttonLabel: t('dialog.importButton'),
      properties: ['openFile', 'openDirectory', 'multiSelections'] as (
        'openFile' | 'openDirectory' | 'multiSelections'
      )[],
    };
    const choice = mainWindow
      ? await dialog.showOpenDialog(mainWindow, options)
      : await dialog.showOpenDialog(options);
    return choice.canceled ? null : choice.filePaths;
  }
  if (use === 'export-folder' || use === 'channel-folder' || use === 'watch-folder') {
    const title = {
      'export-folder': 'exportTitle',
      'channel-folder': 'channelFolderTitle',
      'watch-folder': 'watchFolderTitle',
    }[use];
    const options = {
      title: t(`dialog.${title}`),
      buttonLabel: t(use === 'export-folder' ? 'dialog.exportButton' : 'dialog.chooseFolderButton'),
      properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
    };
    const choice = mainWindow
      ? await dialog.showOpenDialog(mainWindow, options)
      : await dialog.showOpenDialog(options);
    return choice.canceled ? null : choice.filePaths;
  }
  const options = {
    title: t('dialog.backupTitle'),
    buttonLabel: t('dialog.backupButton'),
    defaultPath: join(app.getPath('documents'), backupFileName(new Date())),
    filters: [{ name: t('dialog.filterBackup'), extensions: ['gz'] }],
  };
  const choice = mainWindow
    ? await dialog.showSaveDialog(mainWindow, options)
    : await dialog.showSaveDialog(options);
  return choice.canceled || !choice.filePath ? null : [backupPath(choice.filePath)];
});

function openWindow(): BrowserWindow {
  const displays = screen.getAllDisplays();
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...displays.filter((display) => display.id !== primary.id)].map(
    (d) => d.workArea,
  );
  const window = createMainWindow({
    preloadDir: join(__dirname, '../preload'),
    devServerUrl,
    placement: placementFor(shellState.state.window, workAreas),
    title: t('app.name'),
  });
  const remember = () => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    shellState.update({ window: { bounds: window.getNormalBounds(), maximized: window.isMaximized() } });
  };
  window.on('resize', remember);
  window.on('move', remember);
  window.on('maximize', remember);
  window.on('unmaximize', remember);

  const guard = createCloseGuard({
    flush: () => flushRequests.request(),
    confirmUnsaved: async () =>
      (await message({
        type: 'warning',
        title: t('dialog.closeUnsavedTitle'),
        message: t('dialog.closeUnsavedTitle'),
        detail: t('dialog.closeUnsavedMessage'),
        buttons: [t('dialog.closeAnyway'), t('dialog.stay')],
        defaultId: 1,
        cancelId: 1,
      })) === 0,
    close: () => window.close(),
  });
  window.on('close', (event) => {
    remember();
    guard.onClose(event);
  });

  let importAfterLoad = true; // files passed at start; again after a crash (none are left then)
  window.webContents.on('did-finish-load', () => {
    pageReady = true;
    if (importAfterLoad) {
      importAfterLoad = false;
      // Kept drafts are offered by the page itself (it lists the store's recovery journal).
      void importPaths(waitingFiles.splice(0)).catch((error: unknown) => log.error(error));
    }
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error(`the page went away: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    pageReady = false;
    importAfterLoad = true;
    window.webContents.reload();
    void message({
      type: 'error',
      title: t('dialog.crashTitle'),
      message: t('dialog.crashTitle'),
      detail: t('dialog.crashDetail'),
    });
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
    pageReady = false;
  });
  return window;
}

/**
 * Looks for a newer version on the update server (publish.url in electron-builder.yml) and, once
 * one is downloaded, offers to restart into it. Packaged builds only; failures are only logged.
 */
function checkForUpdates(): void {
  if (!app.isPackaged || process.env['MIHBARA_NO_UPDATES']) return;
  const { autoUpdater } = updater;
  autoUpdater.logger = log;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('update-downloaded', (info) => {
    void message({
      type: 'info',
      title: t('dialog.updateReadyTitle'),
      message: t('dialog.updateReadyTitle'),
      detail: t('dialog.updateReadyMessage', { version: info.version }),
      buttons: [t('dialog.updateRestart'), t('dialog.updateLater')],
      defaultId: 0,
      cancelId: 1,
    }).then((answer) => {
      // quitAndInstall closes the window through the close guard, so the page saves first.
      if (answer === 0) autoUpdater.quitAndInstall();
    });
  });
  void autoUpdater
    .checkForUpdates()
    .catch((error: unknown) => log.warn(`update check failed: ${String(error)}`));
}

// macOS hands opened files to the running app; it may do so before the app is ready.
app.on('open-file', (event, path) => {
  event.preventDefault();
  void importPaths([path]).catch((error: unknown) => log.error(error));
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    }
    void importPaths(storyFilesInArgv(argv, workingDirectory)).catch((error: unknown) => log.error(error));
  });

  void app.whenReady().then(async () => {
    hardenSession();
    // The newsroom-server password is kept encrypted by the system's secret store.
    installCredentialVault();
    // Team mode, when this workstation's team settings choose the newsroom server. A login the
    // server refuses (a wrong kept password) opens team mode offline on the cached copy, and the
    // team button says so. Anything else (schema not installed, not a newsroom user, TLS) is
    // told in a box before the local store opens: a workstation never changes store silently.
    // Another Mihbara holding the local store leaves it readable here: the window says read-only.
    try {
      workstation = await openWorkstation({
        root: storeLocation(),
        background: true,
        automaticBackups: true,
        places,
        log: logger,
        onTeamFailure: (error) => {
          log.error(error);
          dialog.showErrorBox(
            t('dialog.teamFailedTitle'),
            `${t('dialog.teamFailedBody')}\n\n${error instanceof Error ? error.message : String(error)}`,
          );
        },
      });
    } catch (error) {
      const inUse = error instanceof ApiError && error.code === 'store-locked';
      log.error(error);
      dialog.showErrorBox(
        t(inUse ? 'dialog.storeLockedTitle' : 'dialog.storeFailedTitle'),
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
      return;
    }
    const { dispatch } = workstation;
    const archive = workstation.services.store.archive;
    if (archive && archive.mode === 'write') {
      const moved = await moveLegacyDrafts(legacyRecoveryFolder, archive, logLine).catch(
        (error: unknown) => (log.error(error), 0),
      );
      if (moved > 0) logLine(`recovery: moved ${moved} kept drafts into the store's journal`);
    }
    const trusted = (url: string | undefined) => isTrustedSenderUrl(url, devServerUrl);
    registerApi(ipcMain, dispatch, trusted, logLine);
    registerShellChannels(
      ipcMain,
      trusted,
      {
        flushed: (answer) => void flushRequests.answer(answer),
        uiLanguage: ({ language: next }) => {
          if (next === language) return;
          language = next;
          shellState.update({ uiLanguage: next }, 0);
          setMenu();
        },
        draft: (draft) => {
          // A save settles the store's draft itself; only unsaved text needs relaying.
          if (!('saved' in draft)) void journal.keep(draft);
        },
      },
      logLine,
    );
    serveRenderer(join(__dirname, '../renderer'));
    setMenu();
    mainWindow = openWindow();
    checkForUpdates();
    app.on('activate', () => {
      mainWindow ??= openWindow();
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    // A window still open is closed first: its close waits for the page's save (close guard),
    // and the last window closing quits again. Only then does the store close.
    const open = BrowserWindow.getAllWindows().filter((window) => !window.isDestroyed());
    if (open.length > 0) {
      event.preventDefault();
      for (const window of open) window.close();
      return;
    }
    if (!workstation) return;
    event.preventDefault();
    // The workstation stops its scheduler, watched folder, outbox retries and jobs before its store closes.
    const closing = workstation;
    workstation = undefined;
    void Promise.allSettled([journal.settled(), shellState.flush()])
      .then(() => closing.close())
      .finally(() => app.quit());
  });
}
