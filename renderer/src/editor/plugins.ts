/**
 * Editor behaviour as small plugins, one concern each.
 */
import { Editor, Element, Node, Range, Transforms } from 'slate';
import type { BlockType, Direction } from '../../../shared/story/schema';
import type { MihbaraEditor } from './slate-types';

/** Block types that render no editable text of their own. */
const VOID_TYPES: ReadonlySet<string> = new Set(['image', 'separator']);

/** Block types a toolbar button can switch a text block to or from. */
export const TEXT_BLOCK_TYPES: ReadonlySet<BlockType> = new Set([
  'paragraph',
  'heading-two',
  'heading-three',
]);

/** Links are inline; images and separators are void. */
export function withSchema(editor: MihbaraEditor): MihbaraEditor {
  const { isInline, isVoid } = editor;
  editor.isInline = (element) => element.type === 'link' || isInline(element);
  editor.isVoid = (element) => VOID_TYPES.has(element.type) || isVoid(element);
  return editor;
}

/**
 * Every top-level block carries `dir` and `lang`. A block created without them (pasted,
 * inserted by a transform) takes the story's; a block split with Enter keeps its own.
 */
export function withStoryLanguage(
  editor: MihbaraEditor,
  language: () => { dir: Direction; lang: string },
): MihbaraEditor {
  const { normalizeNode } = editor;
  editor.normalizeNode = (entry, options) => {
    const [node, path] = entry;
    if (path.length === 1 && Element.isElement(node) && node.type !== 'link') {
      const missing: { dir?: Direction; lang?: string } = {};
      const story = language();
      if (!node.dir) missing.dir = story.dir;
      if (!node.lang) missing.lang = story.lang;
      if (missing.dir || missing.lang) {
        Transforms.setNodes(editor, missing, { at: path });
        return;
      }
    }
    normalizeNode(entry, options);
  };
  return editor;
}

/** After a sub-heading, Enter starts a paragraph rather than another heading. */
export function withHeadingBreak(editor: MihbaraEditor): MihbaraEditor {
  const { insertBreak } = editor;
  editor.insertBreak = () => {
    const { selection } = editor;
    const block = Editor.above(editor, {
      match: (n) => Element.isElement(n) && Editor.isBlock(editor, n),
    });
    insertBreak();
    if (!selection || !block || Range.isExpanded(selection)) return;
    const [node, path] = block;
    if (
      Element.isElement(node) &&
      (node.type === 'heading-two' || node.type === 'heading-three') &&
      Editor.isEnd(editor, Range.start(selection), path)
    ) {
      Transforms.setNodes(editor, { type: 'paragraph' });
    }
  };
  return editor;
}

/** Harakat (U+064B–U+065F) and the superscript alef (U+0670). */
const HARAKAH = /[\u064B-\u065F\u0670]$/;

/**
 * Backspace after a vowel mark removes only the mark, as a native text field does. Slate's
 * grapheme deletion would take the letter with it ("كتبَ" → "كت").
 */
export function withArabicMarks(editor: MihbaraEditor): MihbaraEditor {
  const { deleteBackward } = editor;
  editor.deleteBackward = (unit) => {
    const { selection } = editor;
    if (unit === 'character' && selection && Range.isCollapsed(selection)) {
      const { path, offset } = selection.anchor;
      if (offset > 0) {
        const node = Node.get(editor, path);
        const before = 'text' in node ? node.text.slice(0, offset) : '';
        if (HARAKAH.test(before)) {
          Transforms.delete(editor, {
            at: { anchor: { path, offset: offset - 1 }, focus: { path, offset } },
          });
          return;
        }
      }
    }
    deleteBackward(unit);
  };
  return editor;
}

/** The type of the text block at the selection, if the selection sits in one. */
export function currentBlockType(editor: MihbaraEditor): BlockType | undefined {
  if (!editor.selection) return undefined;
  const entry = Editor.above(editor, {
    at: editor.selection,
    match: (n) => Element.isElement(n) && Editor.isBlock(editor, n) && n.type !== 'link',
  });
  const node = entry?.[0];
  return node && Element.isElement(node) && node.type !== 'link' ? node.type : undefined;
}

/** Turns the selected text blocks into paragraphs or sub-headings. */
export function setTextBlockType(editor: MihbaraEditor, type: BlockType): void {
  if (!editor.selection) {
    Transforms.select(editor, Editor.end(editor, []));
  }
  Transforms.setNodes(
    editor,
    { type },
    {
      match: (n) =>
        Element.isElement(n) &&
        n.type !== 'link' &&
        Editor.isBlock(editor, n) &&
        TEXT_BLOCK_TYPES.has(n.type),
    },
  );
}

/**
 * Whether Slate must handle a horizontal arrow itself: next to inline or void elements its
 * own movement keeps the caret out of non-editable parts. Everywhere else the browser's
 * visual movement is right, including RTL paragraphs that begin with a Latin word.
 */
export function needsSlateArrowHandling(editor: MihbaraEditor): boolean {
  const { selection } = editor;
  if (!selection) return true;
  const block = Editor.above(editor, {
    at: selection,
    match: (n) => Element.isElement(n) && Editor.isBlock(editor, n),
  });
  if (!block) return true;
  const [node] = block;
  if (!Element.isElement(node) || Editor.isVoid(editor, node)) return true;
  return node.children.some((child) => Element.isElement(child) && Editor.isInline(editor, child));
}
