/**
 * UI strings for the main process (menus, dialogs), from the same catalogues as the page.
 * One i18next instance per language, created once: the menu is rebuilt in the other language
 * without touching the page's own instance.
 */
import i18next, { type TFunction } from 'i18next';
import { i18nResources, type UiLanguage } from '../../../shared/i18n';

const instances = new Map<UiLanguage, TFunction>();

/** The translate function of `language`; missing keys fall back to Arabic, then to the key. */
export function translator(language: UiLanguage): TFunction {
  let t = instances.get(language);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      resources: i18nResources(),
      lng: language,
      fallbackLng: 'ar',
      interpolation: { escapeValue: false }, // menus and dialogs are not HTML
      initAsync: false,
    });
    t = instance.t.bind(instance) as TFunction;
    instances.set(language, t);
  }
  return t;
}

/**
 * The Chromium `--lang` for a UI language. Chromium draws its own views (the Windows and Linux
 * menu bar, context menus, dialogs it owns) right-to-left when its locale is RTL, so this is
 * what mirrors the native menus in Arabic. It is read at start, so a switch applies at the next start.
 */
export function chromiumLocale(language: UiLanguage): string {
  return language === 'ar' ? 'ar' : 'en-US';
}
