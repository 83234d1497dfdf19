/**
 * Mounts Mihbara's body editor, stock Slate (default rendering, no plugins) or a bare
 * contenteditable (the browser's own floor) on the same Arabic story, and records keystroke
 * (beforeinput) to next-frame times and the time to the first frame.
 */
import { StrictMode, useEffect, useState, type ReactNode } from 'react';
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

/** The same paragraphs in a plain contenteditable: no framework at all. */
function Bare({ value }: { value: StoryBody }) {
  return (
    <div contentEditable suppressContentEditableWarning dir="rtl" lang="ar" data-slate-editor="bare">
      {value.map((block, index) => (
        <p key={index}>{block.children.map((child) => ('text' in child ? child.text : '')).join('')}</p>
      ))}
    </div>
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

/** Effects run after React commits; the frame after that is the first one showing the story. */
function FirstFrame({ children }: { children: ReactNode }) {
  useEffect(() => {
    requestAnimationFrame(() => {
      window.firstRenderMs = performance.now() - mountedAt;
    });
  }, []);
  return children;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FirstFrame>
      {variant === 'stock' ? (
        <StockSlate value={value} />
      ) : variant === 'bare' ? (
        <Bare value={value} />
      ) : (
        <Ours value={value} />
      )}
    </FirstFrame>
  </StrictMode>,
);
