/** Messages between the editor and the spell-checking worker. */
import type { SpellLanguage } from '../../../shared/text/spelling';

/** Where the worker fetches each dictionary (asset URLs of the renderer build). */
export type DictionaryUrls = Partial<Record<SpellLanguage, { aff: string; dic: string }>>;

export type SpellRequest =
  | { type: 'load'; dictionaries: DictionaryUrls; words: string[] }
  | { type: 'check'; id: number; words: string[] }
  | { type: 'suggest'; id: number; word: string }
  | { type: 'add'; word: string };

export type SpellResponse =
  | { type: 'loaded'; loadMs: number }
  | { type: 'load-failed'; message: string }
  | { type: 'checked'; id: number; misspelled: string[]; checkMs: number }
  | { type: 'suggestions'; id: number; word: string; suggestions: string[] };
