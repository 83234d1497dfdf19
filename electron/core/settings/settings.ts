/**
 * The newsroom's settings (typing aids, house style, spell checking, headline guide) and its
 * own word list, each a small lowdb file in the store folder, written through the store's
 * durable adapter so a crash or a full disk never leaves them half written.
 *
 *   <root>/settings.json          NewsroomSettings
 *   <root>/newsroom-words.json    { words: string[] } — names and transliterations the
 *                                 dictionaries lack, shared by everyone using the store
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import { fileError } from '../errors';
import { ApiError } from '../../../shared/api/errors';
import { DEFAULT_SETTINGS, NewsroomSettings, NewsroomWord } from '../../../shared/text/house-style';
import { DurableJsonFile } from '../store/durable-file';
import { oneAtATime } from '../one-at-a-time';

export const SETTINGS_NAME = 'settings.json';
export const NEWSROOM_WORDS_NAME = 'newsroom-words.json';
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

/**
 * Settings and word list of the store at `root`. `writable` is false for a store opened
 * read-only (the command line's `list`, `verify`): saving is then refused, never done unlocked.
 */
export function createSettingsService(root: string, writable = true): SettingsService {
  const settingsFile = join(root, SETTINGS_NAME);
  const wordsFile = join(root, NEWSROOM_WORDS_NAME);
  const settingsDb = new Low<unknown>(new DurableJsonFile<unknown>(settingsFile, { indent: 2 }), null);
  const wordsDb = new Low<WordsFile>(new DurableJsonFile<WordsFile>(wordsFile, { indent: 2 }), {
    words: [],
  });
  // Serialize word additions so two quick "add" clicks cannot both read the old list.
  const oneWordAtATime = oneAtATime();

  const refuseReadOnly = () => {
    if (!writable)
      throw new ApiError('invalid-request', 'the store is open read-only; settings cannot be saved');
  };

  const readSettings = async (): Promise<NewsroomSettings> => {
    try {
      await settingsDb.read();
    } catch (error) {
      throw fileError(error, settingsFile);
    }
    if (settingsDb.data === null) return DEFAULT_SETTINGS;
    const parsed = NewsroomSettings.safeParse(settingsDb.data);
    if (!parsed.success) {
      throw new ApiError(
        'store-damaged',
        `${settingsFile} does not hold Mihbara settings: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  };

  const readWords = async (): Promise<string[]> => {
    try {
      await wordsDb.read();
    } catch (error) {
      throw fileError(error, wordsFile);
    }
    const words = wordsDb.data?.words;
    if (!Array.isArray(words) || !words.every((word) => typeof word === 'string')) {
      throw new ApiError('store-damaged', `${wordsFile} does not hold a newsroom word list`);
    }
    return words;
  };

  return {
    getSettings: readSettings,
    async saveSettings(settings) {
      refuseReadOnly();
      const valid = NewsroomSettings.parse(settings);
      settingsDb.data = valid;
      try {
        await settingsDb.write();
      } catch (error) {
        throw fileError(error, settingsFile);
      }
      return valid;
    },
    listWords: readWords,
    addWord(word) {
      return oneWordAtATime(async () => {
        refuseReadOnly();
        const clean = NewsroomWord.parse(word).normalize('NFC');
        const words = await readWords();
        if (words.includes(clean)) return words;
        if (words.length >= MAX_NEWSROOM_WORDS) {
          throw new ApiError(
            'invalid-request',
            `the newsroom word list is full (${MAX_NEWSROOM_WORDS} words)`,
          );
        }
        const updated = [...words, clean].sort((a, b) => a.localeCompare(b, 'ar'));
        wordsDb.data = { words: updated };
        try {
          await wordsDb.write();
        } catch (error) {
          throw fileError(error, wordsFile);
        }
        return updated;
      });
    },
  };
}
