/**
 * Property-based test of the story editor (the same plugins as the body editor, headless): any
 * sequence of typing, Enter, Backspace, Tab and Shift+Tab, block and list toggles, marks, links,
 * pastes (including a bare <li>), caret moves, undo and redo leaves a document the story schema
 * accepts, and whose HTML export has every <li> inside a <ul> or <ol>. The seed is printed so a
 * failure can be replayed with FC_SEED.
 */
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { createEditor, Editor, Transforms, type Descendant } from 'slate';
import { withHistory } from 'slate-history';
import { withReact } from 'slate-react';
import { describe, expect, it } from 'vitest';
import { bodyToHtml } from '../../../shared/format/body-to-html';
import { htmlToBody } from '../../../shared/format/html-to-body';
import { StoryBody, emptyBody } from '../../../shared/story/schema';
import {
  indentListItem,
  setLink,
  setTextBlockType,
  toggleList,
  toggleMark,
} from '../../../renderer/src/editor/commands';
import { withStoryBehaviour } from '../../../renderer/src/editor/compose';
import { insertBlocks } from '../../../renderer/src/editor/paste';
import type { MihbaraEditor } from '../../../renderer/src/editor/slate-types';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const seed = Number(env.FC_SEED ?? Date.now() % 2_147_483_647);
const RUNS = Number(env.FC_RUNS ?? 120);

type Step =
  | { kind: 'type'; text: string }
  | { kind: 'enter' | 'backspace' | 'tab' | 'shift-tab' | 'undo' | 'redo' | 'delete' }
  | { kind: 'block'; type: 'paragraph' | 'heading-two' | 'heading-three' | 'block-quote' | 'pull-quote' }
  | { kind: 'list'; type: 'bulleted-list' | 'numbered-list' }
  | { kind: 'mark'; mark: 'bold' | 'italic' | 'underline' }
  | { kind: 'link' }
  | { kind: 'paste'; html: string }
  | { kind: 'move'; to: number; extend: boolean };

const PASTES = [
  '<p>فقرة ملصوقة</p>',
  '<ul><li>أول</li><li>ثانٍ</li></ul>',
  '<li>بند بلا قائمة</li>',
  '<ol><li>واحد<ul><li>متداخل</li></ul></li></ol>',
  '<h2>عنوان</h2><p>نص <b>غامق</b> و<a href="https://example.com">رابط</a></p>',
  '<blockquote>اقتباس</blockquote><hr>',
  'نص عادي',
];

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom('قال', 'G20', ' ', 'في ', 'x')
      .map((text) => ({ kind: 'type' as const, text })),
  },
  { weight: 4, arbitrary: fc.constant({ kind: 'enter' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'backspace' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 2, arbitrary: fc.constantFrom({ kind: 'tab' as const }, { kind: 'shift-tab' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('paragraph', 'heading-two', 'heading-three', 'block-quote', 'pull-quote')
      .map((type) => ({ kind: 'block' as const, type })),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom('bulleted-list', 'numbered-list')
      .map((type) => ({ kind: 'list' as const, type })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('bold', 'italic', 'underline')
      .map((mark) => ({ kind: 'mark' as const, mark })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'link' as const }) },
  { weight: 2, arbitrary: fc.constantFrom(...PASTES).map((html) => ({ kind: 'paste' as const, html })) },
  { weight: 2, arbitrary: fc.constantFrom({ kind: 'undo' as const }, { kind: 'redo' as const }) },
  {
    weight: 3,
    arbitrary: fc
      .record({ to: fc.nat(1000), extend: fc.boolean() })
      .map(({ to, extend }) => ({ kind: 'move' as const, to, extend })),
  },
);

function storyEditor(): MihbaraEditor {
  const editor = withStoryBehaviour(withHistory(withReact(createEditor())), () => ({
    dir: 'rtl',
    lang: 'ar',
  }));
  editor.children = emptyBody('ar') as Descendant[];
  Transforms.select(editor, Editor.start(editor, []));
  return editor;
}

/** A caret (or a selection from the caret) at the `to`-th position of the document, modulo its length. */
function moveTo(editor: MihbaraEditor, to: number, extend: boolean): void {
  const points = Array.from(Editor.positions(editor, { at: [] }));
  if (points.length === 0) return;
  const point = points[to % points.length]!;
  if (extend && editor.selection)
    Transforms.select(editor, { anchor: editor.selection.anchor, focus: point });
  else Transforms.select(editor, point);
}

function apply(editor: MihbaraEditor, action: Step): void {
  if (!editor.selection) Transforms.select(editor, Editor.end(editor, []));
  switch (action.kind) {
    case 'type':
      return editor.insertText(action.text);
    case 'enter':
      return editor.insertBreak();
    case 'backspace':
      return editor.deleteBackward('character');
    case 'delete':
      return editor.deleteForward('character');
    case 'tab':
    case 'shift-tab':
      indentListItem(editor, action.kind === 'shift-tab');
      return;
    case 'block':
      return setTextBlockType(editor, action.type);
    case 'list':
      return toggleList(editor, action.type);
    case 'mark':
      return toggleMark(editor, action.mark);
    case 'link':
      setLink(editor, 'https://example.com/x', editor.selection);
      return;
    case 'paste':
      return insertBlocks(editor, htmlToBody(action.html, { language: 'ar' }).body);
    case 'undo':
      return editor.undo();
    case 'redo':
      return editor.redo();
    case 'move':
      return moveTo(editor, action.to, action.extend);
  }
}

/** Every <li> of the exported HTML sits directly in a <ul> or <ol>. */
function bareListItems(html: string): number {
  let bare = 0;
  const walk = (node: { name?: string; children?: unknown[] }, parent: string | undefined) => {
    if (node.name === 'li' && parent !== 'ul' && parent !== 'ol') bare += 1;
    for (const child of (node.children ?? []) as Array<{ name?: string; children?: unknown[] }>) {
      walk(child, node.name ?? parent);
    }
  };
  walk(parseDocument(html) as never, undefined);
  return bare;
}

describe('the story editor, under random editing', () => {
  it('always leaves a schema-valid body that exports without a bare <li>', () => {
    console.log(`editor property test: seed ${seed} (replay with FC_SEED=${seed}), ${RUNS} runs`);
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const editor = storyEditor();
        for (const action of steps) {
          try {
            apply(editor, action);
          } catch (error) {
            throw new Error(`${action.kind} threw: ${(error as Error).message}`, { cause: error });
          }
        }
        const body = editor.children;
        const parsed = StoryBody.safeParse(body);
        if (!parsed.success) {
          throw new Error(
            `not a valid body: ${JSON.stringify(parsed.error.issues.slice(0, 3))}\n${JSON.stringify(body)}`,
          );
        }
        expect(bareListItems(bodyToHtml(parsed.data, { language: 'ar' }))).toBe(0);
      }),
      { seed, numRuns: RUNS },
    );
  });
});
