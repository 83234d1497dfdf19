/**
 * The spell-checking worker: loads the dictionaries (fetched as assets of the app, so the same
 * code works from app:// and from the bridge) and answers check/suggest/add requests, keeping
 * Hunspell's work off the thread that handles typing.
 */
import { createSpellEngine, type SpellEngine } from '../../../shared/text/spell-engine';
import type { SpellRequest, SpellResponse } from './spell-protocol';

// Checks may arrive before the load request (the newsroom list is fetched first): they wait.
let provideEngine: (engine: Promise<SpellEngine>) => void = () => undefined;
const engine = new Promise<SpellEngine>((resolve) => {
  provideEngine = resolve;
});

const post = (message: SpellResponse) => (self as unknown as Worker).postMessage(message);

async function bytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

self.onmessage = (event: MessageEvent<SpellRequest>) => {
  const request = event.data;
  if (request.type === 'load') {
    const started = performance.now();
    const loading = (async () => {
      const entries = await Promise.all(
        Object.entries(request.dictionaries).map(
          async ([language, urls]) =>
            [language, { aff: await bytes(urls.aff), dic: await bytes(urls.dic) }] as const,
        ),
      );
      return createSpellEngine(Object.fromEntries(entries), request.words);
    })();
    provideEngine(loading);
    loading.then(
      () => post({ type: 'loaded', loadMs: performance.now() - started }),
      (error: unknown) =>
        post({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  void engine.then(
    (ready) => {
      if (request.type === 'check') {
        const started = performance.now();
        const misspelled = ready.misspelled(request.words);
        post({ type: 'checked', id: request.id, misspelled, checkMs: performance.now() - started });
      } else if (request.type === 'suggest') {
        post({
          type: 'suggestions',
          id: request.id,
          word: request.word,
          suggestions: ready.suggest(request.word),
        });
      } else if (request.type === 'add') {
        ready.add(request.word);
      }
    },
    () => undefined,
  );
};
