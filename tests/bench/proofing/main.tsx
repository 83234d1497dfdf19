/**
 * Mounts Mihbara's body editor with the proofing extensions on a 1,000-paragraph Arabic story,
 * with the spell checker on or off (?checker=on|off), and records keystroke (beforeinput) to
 * next-frame times. The API is an in-memory stand-in: this page has no store behind it.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BodyEditor } from '../../../renderer/src/editor/BodyEditor';
import { proofingExtensions } from '../../../renderer/src/proofing';
import { spellSessionOf } from '../../../renderer/src/proofing/spell-extension';
import type { MihbaraEditor } from '../../../renderer/src/editor/slate-types';
import { DEFAULT_SETTINGS } from '../../../shared/text/house-style';
import type { MihbaraApi } from '../../../shared/api/contract';
import type { StoryBody } from '../../../shared/story/schema';

declare global {
  interface Window {
    benchDocument: StoryBody;
    latencies: number[];
    firstRenderMs: number;
    /** misspelled words found so far (checker on) */
    misspelledCount: () => number;
  }
}

const checker = new URLSearchParams(location.search).get('checker') !== 'off';
window.mihbara = {
  getSettings: async () => ({ ok: true, value: { ...DEFAULT_SETTINGS, spellCheck: checker } }),
  listNewsroomWords: async () => ({ ok: true, value: [] }),
} as unknown as MihbaraApi;

let editorRef: MihbaraEditor | undefined;
window.misspelledCount = () => (editorRef ? (spellSessionOf(editorRef)?.misspelled.size ?? 0) : 0);

function Bench({ value }: { value: StoryBody }) {
  const [body, setBody] = useState(value);
  const [extensions] = useState(() => [
    ...proofingExtensions(),
    { name: 'bench-probe', plugin: (editor: MihbaraEditor) => (editorRef = editor) },
  ]);
  return <BodyEditor value={body} onChange={setBody} dir="rtl" lang="ar" extensions={extensions} />;
}

window.latencies = [];
document.addEventListener(
  'beforeinput',
  () => {
    const started = performance.now();
    requestAnimationFrame(() => window.latencies.push(performance.now() - started));
  },
  true,
);

const mountedAt = performance.now();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Bench value={window.benchDocument} />
  </StrictMode>,
);
requestAnimationFrame(() => {
  window.firstRenderMs = performance.now() - mountedAt;
});
