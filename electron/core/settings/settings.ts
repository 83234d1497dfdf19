/**
 * The newsroom's settings (typing aids, house style, spell checking, headline guide) and its
 * own word list: two of the newsroom's documents, kept where the store keeps the others (the
 * tags, the gazetteer): on the server in team mode, so every workstation proofs and checks
 * against the same house style and the same headline limit; in a store folder, two small
 * files written durably through the store's writer gate:
 *
 *   <root>/settings.json          NewsroomSettings
 *   <root>/newsroom-words.json    { words: string[] } — names and transliterations the
 *                                 dictionaries lack, shared by everyone using the store
 *
 * Who may change them is the contract's rule (saving the settings is an administrator's; any
 * signed-in user adds a word); in team mode the server checks the settings document too.
 */
import { ApiError } from '../../../shared/api/errors';
import { DEFAULT_SETTINGS, NewsroomSettings, NewsroomWord } from '../../../shared/text/house-style';
import { newsroomFile } from '../tags/newsroom-file';
import type { StoryStore } from '../store/types';

/** The documents' names: in a store folder (relative to its root), and on the server. */
export const SETTINGS_DOCUMENTS = {
  settings: { folder: 'settings.json', server: 'newsroom/settings.json' },
  words: { folder: 'newsroom-words.json', server: 'newsroom/newsroom-words.json' },
} as const;
/** A newsroom list grows by hand, one name at a time; this bounds a runaway script, not people. */
export const MAX_NEWSROOM_WORDS = 50_000;

interface WordsFile {
  words: string[];
}

export interface SettingsService {
  getSettings(): Promise<NewsroomSettings>;
  saveSettings(settings: NewsroomSettings): Promise<NewsroomSettings>;
  listWords(): Promise<string[]>;
  /** adds a word (normalized to NFC, duplicates ignored) and returns the whole list */
  addWord(word: string): Promise<string[]>;
}

const damaged = (what: string, detail: string) =>
  new ApiError('store-damaged', `the newsroom's ${what} are not what Mihbara wrote: ${detail}`);

/**
 * The settings and word list of `store`. A store opened read-only (the command line's `list`,
 * `verify`) refuses to save them; a process that lost the store's lock is stopped by the
 * writer gate.
 */
export function createSettingsService(store: StoryStore): SettingsService {
  const serverName = (path: string) => path.replace(/^newsroom\//, '');
  const settings = newsroomFile<NewsroomSettings>(
    store,
    serverName(SETTINGS_DOCUMENTS.settings.server),
    () => DEFAULT_SETTINGS,
    (value) => {
      const parsed = NewsroomSettings.safeParse(value);
      if (!parsed.success) throw damaged('settings', parsed.error.message);
      return parsed.data;
    },
    SETTINGS_DOCUMENTS.settings.folder,
  );
  const words = newsroomFile<WordsFile>(
    store,
    serverName(SETTINGS_DOCUMENTS.words.server),
    () => ({ words: [] }),
    (value) => {
      const list = (value as Partial<WordsFile> | null)?.words;
      if (!Array.isArray(list) || !list.every((word) => typeof word === 'string'))
        throw damaged('word list', 'not a list of words');
      return { words: list };
    },
    SETTINGS_DOCUMENTS.words.folder,
  );

  return {
    getSettings: () => settings.read(),
    saveSettings(next) {
      const valid = NewsroomSettings.parse(next);
      return settings.update(() => ({ next: valid, result: valid }));
    },
    listWords: async () => (await words.read()).words,
    async addWord(word) {
      const clean = NewsroomWord.parse(word).normalize('NFC');
      return words.update(({ words: current }) => {
        if (current.includes(clean)) return { next: { words: current }, result: current };
        if (current.length >= MAX_NEWSROOM_WORDS) {
          throw new ApiError(
            'invalid-request',
            `the newsroom word list is full (${MAX_NEWSROOM_WORDS} words)`,
          );
        }
        const updated = [...current, clean].sort((a, b) => a.localeCompare(b, 'ar'));
        return { next: { words: updated }, result: updated };
      });
    },
  };
}
