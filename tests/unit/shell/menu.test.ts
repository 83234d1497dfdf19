import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../../electron/main/shell/menu';
import { translator } from '../../../electron/main/shell/i18n';
import { acceleratorOf, PAGE_SHORTCUTS } from '../../../shared/api/shell';
import { catalogues, UI_LANGUAGES, type UiLanguage } from '../../../shared/i18n';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

function actions(): MenuActions & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    sent,
    sendToPage: (command) => void sent.push(command),
    importFiles: vi.fn(),
    exportStory: vi.fn(),
    backUpStore: vi.fn(),
    showLogFile: vi.fn(),
  };
}

function menu(language: UiLanguage, platform: NodeJS.Platform, development = false) {
  const acts = actions();
  const template = buildMenuTemplate({
    t: translator(language),
    language,
    platform,
    development,
    actions: acts,
  });
  return { template, items: flatten(template), acts };
}

/** Every string value in a catalogue, with interpolation placeholders filled the way the menu fills them. */
function catalogueValues(language: UiLanguage): Set<string> {
  const values = new Set<string>();
  const walk = (node: unknown) => {
    if (typeof node === 'string')
      values.add(
        node.replaceAll(
          '{{name}}',
          String(catalogues[language].app && (catalogues[language].app as Record<string, string>)['name']),
        ),
      );
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(catalogues[language]);
  return values;
}

const ARABIC = /[\u0600-\u06FF]/;
const LANGUAGE_NAMES = new Set(['العربية', 'English']); // each language names itself

describe('application menu', () => {
  for (const language of UI_LANGUAGES) {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      it(`labels every item from the ${language} catalogue on ${platform}`, () => {
        const { items } = menu(language, platform, true);
        const values = catalogueValues(language);
        const labelled = items.filter((item) => item.type !== 'separator');
        expect(labelled.length).toBeGreaterThan(25);
        for (const item of labelled) {
          expect(item.label, JSON.stringify(item)).toBeTruthy();
          expect(values.has(item.label!), `${item.label} is not a ${language} catalogue string`).toBe(true);
          expect(item.label).not.toMatch(/^menu\.|^dialog\.|\{\{/);
          if (language === 'ar' && !LANGUAGE_NAMES.has(item.label!)) expect(item.label).toMatch(ARABIC);
          if (language === 'en' && !LANGUAGE_NAMES.has(item.label!)) expect(item.label).not.toMatch(ARABIC);
        }
      });
    }
  }

  it('has the macOS application menu first only on macOS', () => {
    const mac = menu('ar', 'darwin').template;
    const windows = menu('ar', 'win32').template;
    expect(mac[0]!.label).toBe('محبرة');
    expect((mac[0]!.submenu as MenuItemConstructorOptions[]).map((item) => item.role)).toContain('quit');
    expect(windows[0]!.label).toBe('ملف');
    expect(windows).toHaveLength(mac.length - 1);
  });

  it('shows the page’s shortcuts and replays them into the page when clicked', () => {
    const { items, acts } = menu('en', 'win32');
    const byShortcut = Object.keys(PAGE_SHORTCUTS).map((shortcut) => {
      const item = items.find((candidate) => candidate.accelerator === acceleratorOf(shortcut as never));
      expect(item, shortcut).toBeDefined();
      // The page answers these keys itself (by physical key); the menu must not swallow them.
      expect(item!.registerAccelerator).toBe(false);
      (item!.click as () => void)();
      return shortcut;
    });
    expect(acts.sent).toEqual(byShortcut.map((shortcut) => ({ type: 'shortcut', shortcut })));
    expect(acceleratorOf('heading-two')).toBe('CmdOrCtrl+Alt+1');
    expect(acceleratorOf('new-story')).toBe('CmdOrCtrl+Alt+N');
  });

  it('matches the editor’s undo and redo keys and leaves them to the page', () => {
    const { items } = menu('ar', 'linux');
    expect(items.find((item) => item.role === 'undo')).toMatchObject({
      accelerator: 'CmdOrCtrl+Z',
      registerAccelerator: false,
    });
    expect(items.find((item) => item.role === 'redo')).toMatchObject({
      accelerator: 'CmdOrCtrl+Shift+Z',
      registerAccelerator: false,
    });
  });

  it('switches the interface language from the View menu and marks the current one', () => {
    const { items, acts } = menu('ar', 'darwin');
    const radios = items.filter((item) => item.type === 'radio');
    expect(radios.map((item) => [item.label, item.checked])).toEqual([
      ['العربية', true],
      ['English', false],
    ]);
    (radios[1]!.click as () => void)();
    expect(acts.sent).toEqual([{ type: 'ui-language', language: 'en' }]);
  });

  it('offers import, export, backup and the log file, and developer tools only in development', () => {
    const { items, acts } = menu('en', 'win32');
    for (const label of ['Import…', 'Export Story…', 'Back Up the Store…', 'Show the Log File']) {
      (items.find((item) => item.label === label)!.click as () => void)();
    }
    expect(acts.importFiles).toHaveBeenCalledOnce();
    expect(acts.exportStory).toHaveBeenCalledOnce();
    expect(acts.backUpStore).toHaveBeenCalledOnce();
    expect(acts.showLogFile).toHaveBeenCalledOnce();
    expect(items.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(menu('en', 'win32', true).items.some((item) => item.role === 'toggleDevTools')).toBe(true);
  });
});
