/**
 * The editor's side of the spell-checking worker: one worker for the whole window (the
 * dictionaries load once, not per story), with promise-based check and suggest.
 */
import arAff from '../../../resources/dictionaries/ar/ar.aff?url&no-inline';
import arDic from '../../../resources/dictionaries/ar/ar.dic?url';
import enAff from '../../../resources/dictionaries/en/en.aff?url&no-inline';
import enDic from '../../../resources/dictionaries/en/en.dic?url';
import type { SpellRequest, SpellResponse } from './spell-protocol';

export type SpellState = 'loading' | 'ready' | 'failed';

export interface SpellClient {
  readonly state: SpellState;
  /** resolves to the misspelled words among `words` */
  check(words: string[]): Promise<string[]>;
  suggest(word: string): Promise<string[]>;
  add(word: string): void;
  /** called when the state changes */
  subscribe(listener: () => void): () => void;
}

function createSpellClient(newsroomWords: Promise<string[]>): SpellClient {
  const worker = new Worker(new URL('./spell.worker.ts', import.meta.url), { type: 'module' });
  let state: SpellState = 'loading';
  const listeners = new Set<() => void>();
  const waiting = new Map<number, (value: string[]) => void>();
  let nextId = 1;
  const send = (message: SpellRequest) => worker.postMessage(message);
  const setState = (next: SpellState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  worker.onmessage = (event: MessageEvent<SpellResponse>) => {
    const message = event.data;
    if (message.type === 'loaded') setState('ready');
    else if (message.type === 'load-failed') {
      console.error(`Mihbara spell checker: ${message.message}`);
      setState('failed');
    } else if (message.type === 'checked') {
      waiting.get(message.id)?.(message.misspelled);
      waiting.delete(message.id);
    } else if (message.type === 'suggestions') {
      waiting.get(message.id)?.(message.suggestions);
      waiting.delete(message.id);
    }
  };
  worker.onerror = (event) => {
    console.error(`Mihbara spell checker: ${event.message}`);
    setState('failed');
  };

  void newsroomWords.then((words) =>
    send({
      type: 'load',
      dictionaries: { ar: { aff: arAff, dic: arDic }, en: { aff: enAff, dic: enDic } },
      words,
    }),
  );

  const ask = (make: (id: number) => SpellRequest) =>
    new Promise<string[]>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      send(make(id));
    });

  return {
    get state() {
      return state;
    },
    check: (words) => ask((id) => ({ type: 'check', id, words })),
    suggest: (word) => ask((id) => ({ type: 'suggest', id, word })),
    add: (word) => send({ type: 'add', word }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let shared: SpellClient | undefined;

/** The window's spell client, started on first use with the newsroom's word list. */
export function spellClient(newsroomWords: () => Promise<string[]>): SpellClient {
  shared ??= createSpellClient(newsroomWords());
  return shared;
}
