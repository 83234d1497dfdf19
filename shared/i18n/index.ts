/**
 * The UI string catalogues, one per language, shared by the renderer (React screens) and the
 * main process (menus, dialogs). They live here rather than under renderer/ so that both sides
 * read the very same keys; the files are plain JSON so translators can edit them directly.
 */
import ar from './ar.json';
import en from './en.json';

/** The interface languages, Arabic first: it is the default. */
export const UI_LANGUAGES = ['ar', 'en'] as const;
/** One of {@link UI_LANGUAGES}. */
export type UiLanguage = (typeof UI_LANGUAGES)[number];
/** A nested catalogue as i18next reads it. */
export type Catalogue = { readonly [key: string]: string | Catalogue };

/** Every catalogue, keyed by language. */
export const catalogues: Readonly<Record<UiLanguage, Catalogue>> = { ar, en };

/** i18next `resources` for every language (the default `translation` namespace). */
export function i18nResources(): Record<UiLanguage, { translation: Catalogue }> {
  return { ar: { translation: ar }, en: { translation: en } };
}
