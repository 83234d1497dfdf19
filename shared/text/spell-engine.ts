/**
 * The spell-checking engine: real Hunspell compiled to WebAssembly (hunspell-asm), one instance
 * per language. Chosen over nspell by measurement with Ayaspell's affix file: both load in about
 * a second, but nspell does not implement Hunspell's flag aliases (`AF`), which Ayaspell uses
 * for every entry, so it rejected المدرسة, الكتاب, كتبت… Plain module: the worker, the unit
 * tests and the benchmark all use it.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the unit tests and bench compile this file without the renderer folder, so the declaration is pulled in here
/// <reference path="./hunspell-asm-cjs.d.ts" />
// The CommonJS build: the ES build calls a namespace import of (CommonJS) nanoid as a function,
// which bundlers turn into "nanoid is not a function" at run time.
import { loadModule } from 'hunspell-asm/dist/cjs/index.js';
import type { Hunspell, HunspellFactory } from 'hunspell-asm';
import { MAX_CHECKED_LENGTH, languageOfWord, type SpellLanguage } from './spelling';

export interface DictionaryFiles {
  aff: Uint8Array;
  dic: Uint8Array;
}

export interface SpellEngine {
  /** true when `word` is spelled correctly (or belongs to no checked language) */
  correct(word: string): boolean;
  /** the misspelled words among `words` */
  misspelled(words: readonly string[]): string[];
  suggest(word: string, limit?: number): string[];
  /** accepts `word` from now on (the newsroom's list) */
  add(word: string): void;
}

let factory: Promise<HunspellFactory> | undefined;

/** Loads the WebAssembly module once per thread. */
function hunspellFactory(): Promise<HunspellFactory> {
  factory ??= loadModule();
  return factory;
}

/** Creates an engine from dictionary files, accepting the newsroom's `extraWords`. */
export async function createSpellEngine(
  dictionaries: Partial<Record<SpellLanguage, DictionaryFiles>>,
  extraWords: readonly string[] = [],
): Promise<SpellEngine> {
  const hunspellFactoryInstance = await hunspellFactory();
  const instances: Partial<Record<SpellLanguage, Hunspell>> = {};
  for (const [language, files] of Object.entries(dictionaries) as [SpellLanguage, DictionaryFiles][]) {
    const aff = hunspellFactoryInstance.mountBuffer(files.aff, `${language}.aff`);
    const dic = hunspellFactoryInstance.mountBuffer(files.dic, `${language}.dic`);
    instances[language] = hunspellFactoryInstance.create(aff, dic);
    // The files live in the module's memory file system; Hunspell has read them.
    hunspellFactoryInstance.unmount(aff);
    hunspellFactoryInstance.unmount(dic);
  }
  // Newsroom words are also kept here: Hunspell's addWord does not apply IGNORE (harakat) to
  // the added word, so a name added with its harakat is compared without them, like the text.
  const accepted = new Set<string>();
  const key = (word: string) => word.normalize('NFC').replace(/[\u064b-\u065f\u0670\u0640]/g, '');

  const engine: SpellEngine = {
    correct(word) {
      const language = languageOfWord(word);
      const instance = language && instances[language];
      if (!instance) return true;
      if (accepted.has(key(word))) return true;
      if (word.length > MAX_CHECKED_LENGTH) return false;
      return instance.spell(word);
    },
    misspelled(words) {
      return words.filter((word) => !engine.correct(word));
    },
    suggest(word, limit = 6) {
      const language = languageOfWord(word);
      const instance = language && instances[language];
      if (!instance || word.length > MAX_CHECKED_LENGTH) return [];
      return instance.suggest(word).slice(0, limit);
    },
    add(word) {
      accepted.add(key(word));
      const language = languageOfWord(word);
      if (language) instances[language]?.addWord(key(word));
    },
  };
  for (const word of extraWords) engine.add(word);
  return engine;
}
