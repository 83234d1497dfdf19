/**
 * The application menu as a plain template, built for one UI language and one platform, so it
 * can be checked without Electron (every label translated, accelerators matching the page's
 * shortcuts). index.ts turns it into a native menu with `Menu.buildFromTemplate`.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { TFunction } from 'i18next';
import { acceleratorOf, type MenuCommand, type PageShortcut } from '../../../shared/api/shell';
import type { UiLanguage } from '../../../shared/i18n';

/** What the menu items do; the shell supplies them. */
export interface MenuActions {
  /** forwards a command to the page */
  sendToPage(command: MenuCommand): void;
  importFiles(): void;
  exportStory(): void;
  backUpStore(): void;
  showLogFile(): void;
}

export interface MenuOptions {
  t: TFunction;
  language: UiLanguage;
  platform: NodeJS.Platform;
  /** development builds add reload and developer tools */
  development: boolean;
  actions: MenuActions;
}

/**
 * Items the page already answers on the keyboard: the menu shows the accelerator but does not
 * register it (Windows/Linux), so the key reaches the page, which reads the physical key and
 * therefore also works under an Arabic layout. On macOS the page gets a key before the menu does.
 * Clicking the item replays the shortcut into the page.
 */
function pageShortcut(
  label: string,
  shortcut: PageShortcut,
  actions: MenuActions,
): MenuItemConstructorOptions {
  return {
    label,
    accelerator: acceleratorOf(shortcut),
    registerAccelerator: false,
    click: () => actions.sendToPage({ type: 'shortcut', shortcut }),
  };
}

/** The whole menu bar (on macOS the first entry is the application menu). */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { t, language, platform, development, actions } = options;
  const mac = platform === 'darwin';
  const appName = t('app.name');
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about', label: t('menu.about', { name: appName }) },
      separator,
      { role: 'services', label: t('menu.services') },
      separator,
      { role: 'hide', label: t('menu.hide', { name: appName }) },
      { role: 'hideOthers', label: t('menu.hideOthers') },
      { role: 'unhide', label: t('menu.showAll') },
      separator,
      { role: 'quit', label: t('menu.quit', { name: appName }) },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [
      pageShortcut(t('menu.newStory'), 'new-story', actions),
      separator,
      { label: t('menu.import'), accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
      { label: t('menu.export'), accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.exportStory() },
      { label: t('menu.backup'), click: () => actions.backUpStore() },
      separator,
      mac
        ? { role: 'close', label: t('menu.closeWindow') }
        : { role: 'quit', label: t('menu.quit', { name: appName }) },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [
      // Slate answers the native undo/redo commands (historyUndo/historyRedo), and so do inputs.
      { role: 'undo', label: t('menu.undo'), accelerator: 'CmdOrCtrl+Z', registerAccelerator: false },
      { role: 'redo', label: t('menu.redo'), accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false },
      separator,
      { role: 'cut', label: t('menu.cut') },
      { role: 'copy', label: t('menu.copy') },
      { role: 'paste', label: t('menu.paste') },
      { role: 'pasteAndMatchStyle', label: t('menu.pasteAsText') },
      { role: 'selectAll', label: t('menu.selectAll') },
    ],
  };

  const formatMenu: MenuItemConstructorOptions = {
    label: t('menu.format'),
    submenu: [
      pageShortcut(t('menu.paragraph'), 'paragraph', actions),
      pageShortcut(t('menu.headingTwo'), 'heading-two', actions),
      pageShortcut(t('menu.headingThree'), 'heading-three', actions),
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      {
        label: t('menu.language'),
        submenu: [
          {
            // Each language names itself, as language pickers do.
            label: t('menu.languageArabic'),
            type: 'radio',
            checked: language === 'ar',
            click: () => actions.sendToPage({ type: 'ui-language', language: 'ar' }),
          },
          {
            label: t('menu.languageEnglish'),
            type: 'radio',
            checked: language === 'en',
            click: () => actions.sendToPage({ type: 'ui-language', language: 'en' }),
          },
        ],
      },
      separator,
      { role: 'zoomIn', label: t('menu.zoomIn') },
      { role: 'zoomOut', label: t('menu.zoomOut') },
      { role: 'resetZoom', label: t('menu.resetZoom') },
      separator,
      { role: 'togglefullscreen', label: t('menu.fullScreen') },
      ...(development
        ? [
            separator,
            { role: 'reload', label: t('menu.reload') } as const,
            { role: 'toggleDevTools', label: t('menu.devTools') } as const,
          ]
        : []),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: t('menu.window'),
    role: 'window',
    submenu: [
      { role: 'minimize', label: t('menu.minimize') },
      { role: 'zoom', label: t('menu.zoom') },
      ...(mac ? [separator, { role: 'front', label: t('menu.front') } as const] : []),
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: t('menu.help'),
    role: 'help',
    submenu: [
      { label: t('menu.showLog'), click: () => actions.showLogFile() },
      ...(mac ? [] : [separator, { role: 'about', label: t('menu.about', { name: appName }) } as const]),
    ],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, formatMenu, viewMenu, windowMenu, helpMenu];
}
