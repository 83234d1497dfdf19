/**
 * Editor behaviour as small plugins, one concern each.
 */
import { Editor, Element, Node, Path, Range, Transforms } from 'slate';
import { HistoryEditor } from 'slate-history';
import { directionOf, type BlockElement, type Direction } from '../../../shared/story/schema';
import { TEXT_BLOCK_TYPES, currentListType, textBlockAt } from './commands';
import { detectDirection, manualDirection } from './direction';
import type { MihbaraEditor } from './slate-types';

/** Block types that render no editable text of their own. */
const VOID_TYPES: ReadonlySet<string> = new Set(['image', 'separator']);

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

const BREAK_TO_PARAGRAPH: ReadonlySet<string> = new Set(['heading-two', 'heading-three', 'pull-quote']);

/** After a sub-heading or a pull quote, Enter starts a paragraph rather than another of the same. */
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
      BREAK_TO_PARAGRAPH.has(node.type) &&
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

const LIST_TYPES: ReadonlySet<string> = new Set(['bulleted-list', 'numbered-list']);
const isList = (node: Node): node is BlockElement => Element.isElement(node) && LIST_TYPES.has(node.type);

/** Takes the list item at the selection one list out; outside every list it becomes a paragraph. */
function liftListItem(editor: MihbaraEditor): void {
  Editor.withoutNormalizing(editor, () => {
    Transforms.unwrapNodes(editor, { match: isList, split: true, mode: 'lowest' });
    if (currentListType(editor)) return;
    const item = textBlockAt(editor);
    if (item && item[0].type === 'list-item')
      Transforms.setNodes(editor, { type: 'paragraph' }, { at: item[1] });
  });
}

/**
 * Lists behave as in a word processor: Enter in an empty item and Backspace at the start of an
 * item take it one level out (out of the list at the top level), adjacent lists of one kind merge,
 * and the document can never hold a list item outside a list, nor a list holding anything else
 * (whatever transform or paste produced it, the normalizer puts it right).
 */
export function withLists(editor: MihbaraEditor): MihbaraEditor {
  const { insertBreak, deleteBackward, normalizeNode } = editor;
  editor.normalizeNode = (entry, options) => {
    const [node, path] = entry;
    if (Element.isElement(node) && node.type === 'list-item') {
      const parent = path.length > 1 ? Node.get(editor, Path.parent(path)) : editor;
      if (!isList(parent)) {
        Transforms.setNodes(editor, { type: 'paragraph' }, { at: path });
        return;
      }
    }
    if (isList(node)) {
      // Only items and nested lists belong in a list.
      for (const [child, childPath] of Node.children(editor, path)) {
        if (Element.isElement(child) && (child.type === 'list-item' || isList(child))) continue;
        if (!Element.isElement(child) || Editor.isInline(editor, child)) {
          Transforms.wrapNodes(editor, { type: 'list-item', children: [] }, { at: childPath });
        } else if (TEXT_BLOCK_TYPES.has((child as unknown as BlockElement).type)) {
          Transforms.setNodes(editor, { type: 'list-item' }, { at: childPath });
        } else {
          Transforms.liftNodes(editor, { at: childPath });
        }
        return;
      }
      // Two lists of the same kind side by side are one list: the second joins the first, so an
      // item turned into a list next to another list can be nested with Tab.
      if (path.length > 0 && Path.hasPrevious(path)) {
        const previous = Node.get(editor, Path.previous(path));
        if (Element.isElement(previous) && previous.type === node.type) {
          Transforms.mergeNodes(editor, { at: path });
          return;
        }
      }
    }
    normalizeNode(entry, options);
  };
  const inItem = () => {
    const block = textBlockAt(editor);
    return block && block[0].type === 'list-item' && editor.selection && Range.isCollapsed(editor.selection)
      ? block
      : undefined;
  };
  editor.insertBreak = () => {
    const block = inItem();
    if (block && Node.string(block[0]) === '' && currentListType(editor)) return liftListItem(editor);
    insertBreak();
  };
  editor.deleteBackward = (unit) => {
    const block = inItem();
    if (block && Editor.isStart(editor, editor.selection!.anchor, block[1]) && currentListType(editor)) {
      return liftListItem(editor);
    }
    deleteBackward(unit);
  };
  return editor;
}

/**
 * New text decides its block's direction: after each insertion, a block takes the direction
 * most of its letters ask for (and a matching language). A block whose direction was set by
 * hand keeps it.
 */
export function withDirectionDetection(editor: MihbaraEditor): MihbaraEditor {
  const { insertText } = editor;
  editor.insertText = (text, options) => {
    const entry = textBlockAt(editor);
    const manual = entry ? entry[0].dirManual === true || manualDirection.has(entry[0]) : false;
    insertText(text, options);
    if (!entry || !Node.has(editor, entry[1])) return;
    const [, path] = entry;
    const block = Node.get(editor, path) as BlockElement;
    if (manual) {
      manualDirection.add(block);
      return;
    }
    const detected = detectDirection(Node.string(block));
    if (!detected || detected === block.dir) return;
    const lang =
      block.lang && directionOf(block.lang) === detected ? block.lang : detected === 'rtl' ? 'ar' : 'en';
    // Part of the same typing step: undo removes the letter and the direction change together.
    HistoryEditor.withMerging(editor, () =>
      Transforms.setNodes(editor, { dir: detected, lang }, { at: path }),
    );
  };
  return editor;
}

/**
 * Undo works a word at a time: Slate merges all consecutive typing into one step, so one Ctrl+Z
 * would remove a whole paragraph. A new step starts where a new word starts.
 */
export function withWordUndo(editor: MihbaraEditor): MihbaraEditor {
  const { insertText } = editor;
  editor.insertText = (text, options) => {
    const { selection } = editor;
    if (selection && Range.isCollapsed(selection) && /^\S/u.test(text)) {
      const { path, offset } = selection.anchor;
      const node = Node.has(editor, path) ? Node.get(editor, path) : undefined;
      const previous = node && 'text' in node ? node.text.slice(0, offset) : '';
      if (/\s$/u.test(previous)) {
        HistoryEditor.withNewBatch(editor, () => insertText(text, options));
        return;
      }
    }
    insertText(text, options);
  };
  return editor;
}

/**
 * Text typed at the end of a link, and a new paragraph started there, are not part of the link
 * (as in every word processor): the caret steps out of the link first.
 */
export function withLinkEdges(editor: MihbaraEditor): MihbaraEditor {
  const { insertText, insertBreak } = editor;
  const stepOut = () => {
    const { selection } = editor;
    if (!selection || !Range.isCollapsed(selection)) return;
    const link = Editor.above(editor, { match: (n) => Element.isElement(n) && n.type === 'link' });
    if (!link || !Editor.isEnd(editor, selection.anchor, link[1])) return;
    const after = Editor.after(editor, link[1]);
    if (after) Transforms.select(editor, after);
  };
  editor.insertText = (text, options) => {
    stepOut();
    insertText(text, options);
  };
  editor.insertBreak = () => {
    stepOut();
    insertBreak();
  };
  return editor;
}
