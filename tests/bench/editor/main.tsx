/**
 * Mounts either Mihbara's body editor or stock Slate (default rendering, no plugins) on the
 * same 1,000-paragraph Arabic story, and records keystroke (beforeinput) to next-frame times.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createEditor, type Descendant } from 'slate';
import { withHistory } from 'slate-history';
import { Editable, Slate, withReact } from 'slate-react';
import { BodyEditor } from '../../../renderer/src/editor/BodyEditor';
import type { StoryBody } from '../../../shared/story/schema';

declare global {
  interface Window {
    benchDocument: StoryBody;
    latencies: number[];
    firstRenderMs: number;
  }
}

function StockSlate({ value }: { value: StoryBody }) {
  const [editor] = useState(() => withHistory(withReact(createEditor())));
  return (
    <Slate editor={editor} initialValue={value as unknown as Descendant[]}>
      <Editable dir="rtl" lang="ar" />
    </Slate>
  );
}

function Ours({ value }: { value: StoryBody }) {
  const [body, setBody] = useState(value);
  return <BodyEditor value={body} onChange={setBody} dir="rtl" lang="ar" />;
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

const variant = new URLSearchParams(location.search).get('variant');
const value = window.benchDocument;
const mountedAt = performance.now();
createRoot(document.getElementById('root')!).render(
  <StrictMode>{variant === 'stock' ? <StockSlate value={value} /> : <Ours value={value} />}</StrictMode>,
);
requestAnimationFrame(() => {
  window.firstRenderMs = performance.now() - mountedAt;
});
