/**
 * UI strings. One catalogue per language; Arabic is the default and the English switch is
 * remembered in localStorage. Changing the UI language flips `dir`/`lang` on <html>, which
 * mirrors the whole layout (the CSS uses logical properties only). Story text keeps its own
 * direction regardless.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { i18nResources, type UiLanguage } from '../../../shared/i18n';
import { convertDigits, type DigitStyle } from '../../../shared/text/digits';
import { formatNumber } from '../../../shared/text/house-style';

// The catalogues live in shared/i18n/ so the main process (menus, dialogs) reads the same keys.
export { UI_LANGUAGES, type UiLanguage } from '../../../shared/i18n';

const STORAGE_KEY = 'mihbara.uiLanguage';

function storedLanguage(): UiLanguage {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'ar';
  } catch {
    // Storage can be unavailable (privacy settings, sandboxed frames): Arabic it is.
    return 'ar';
  }
}

function applyToDocument(language: string): void {
  const root = document.documentElement;
  root.lang = language;
  root.dir = language === 'ar' ? 'rtl' : 'ltr';
  // Numbered lists follow the digits too (CSS reads this).
  root.dataset['digits'] = language === 'ar' ? houseDigits : 'latn';
  document.title = i18next.t('app.name');
  // In Electron the main process follows the page's language for its menus and dialogs.
  window.mihbaraShell?.setUiLanguage({ language: language === 'en' ? 'en' : 'ar' });
}

let houseDigits: DigitStyle = 'latn';

/** In the Arabic UI, numbers follow the newsroom's digit style; the English UI keeps Western digits. */
function inHouseDigits(text: string): string {
  return houseDigits === 'arab' && i18next.language === 'ar' ? convertDigits(text, 'arab') : text;
}

/**
 * The newsroom's digit style for numbers the interface shows (counts in strings and badges).
 * Re-announces the language so every translated component renders again with it.
 */
export function setHouseDigits(style: DigitStyle): void {
  if (style === houseDigits) return;
  houseDigits = style;
  if (i18next.isInitialized) void i18next.changeLanguage(i18next.language);
}

/** A number as the interface shows it: grouped, in the house digit style (Western in English). */
export function formatCount(value: number): string {
  return formatNumber(value, {
    digits: houseDigits === 'arab' && i18next.language === 'ar' ? 'arab' : 'latn',
  });
}

if (!i18next.isInitialized) {
  void i18next.use(initReactI18next).init({
    resources: i18nResources(),
    lng: storedLanguage(),
    fallbackLng: 'ar',
    // React escapes already; the "escape" step only puts interpolated numbers in the house digits.
    interpolation: { escapeValue: true, escape: (value: string) => inHouseDigits(value) },
    returnNull: false,
    initAsync: false,
  });
  applyToDocument(i18next.language);
  i18next.on('languageChanged', applyToDocument);
}

/** Switches the UI language and remembers the choice for the next start. */
export function setUiLanguage(language: UiLanguage): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but the switch still applies to this session.
  }
  void i18next.changeLanguage(language);
}

/** The UI language currently in use. */
export function uiLanguage(): UiLanguage {
  return i18next.language === 'en' ? 'en' : 'ar';
}

export default i18next;
