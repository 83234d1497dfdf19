/**
 * What the toolbar and the shortcuts do to the document: block types, lists, marks, links,
 * per-block direction, separators and images. Each command is a plain function of the editor,
 * so keyboard and toolbar share one implementation.
 */
import { Editor, Element, Node, Path, Range, Transforms, type NodeEntry } from 'slate';
import {
  SafeUrl,
  directionOf,
  type BlockElement,
  type BlockType,
  type Direction,
  type LinkElement,
} from '../../../shared/story/schema';
import { manualDirection } from './direction';
import type { MihbaraEditor } from './slate-types';

/** Block types whose content is text (they switch into one another). */
export const TEXT_BLOCK_TYPES: ReadonlySet<BlockType> = new Set([
  'paragraph',
  'heading-two',
  'heading-three',
  'block-quote',
  'pull-quote',
  'list-item',
]);

export type ListType = 'bulleted-list' | 'numbered-list';
export type MarkName = 'bold' | 'italic' | 'underline';
const LIST_TYPES: ReadonlySet<string> = new Set(['bulleted-list', 'numbered-list']);

const isBlock = (editor: MihbaraEditor, node: Node): node is BlockElement =>
  Element.isElement(node) && node.type !== 'link' && Editor.isBlock(editor, node);

/** The innermost text block (paragraph, heading, quote, list item) at the selection. */
export function textBlockAt(
  editor: MihbaraEditor,
  at = editor.selection,
): NodeEntry<BlockElement> | undefined {
  if (!at) return undefined;
  return Editor.above<BlockElement>(editor, {
    at,
    mode: 'lowest',
    match: (n) => isBlock(editor, n) && TEXT_BLOCK_TYPES.has(n.type),
  });
}

/** The type of the text block at the selection, if the selection sits in one. */
export function currentBlockType(editor: MihbaraEditor): BlockType | undefined {
  return textBlockAt(editor)?.[0].type;
}

/** The list type the selection is in, if any (the innermost list). */
export function currentListType(editor: MihbaraEditor): ListType | undefined {
  if (!editor.selection) return undefined;
  const entry = Editor.above<BlockElement>(editor, {
    at: editor.selection,
    mode: 'lowest',
    match: (n) => isBlock(editor, n) && LIST_TYPES.has(n.type),
  });
  return entry?.[0].type as ListType | undefined;
}

function ensureSelection(editor: MihbaraEditor): void {
  if (!editor.selection) Transforms.select(editor, Editor.end(editor, []));
}

/** Turns the selected text blocks into paragraphs, sub-headings or quotes (leaving any list). */
export function setTextBlockType(editor: MihbaraEditor, type: BlockType): void {
  ensureSelection(editor);
  Editor.withoutNormalizing(editor, () => {
    if (currentListType(editor)) {
      liftOutOfLists(editor);
    }
    Transforms.setNodes(
      editor,
      { type },
      { match: (n) => isBlock(editor, n) && TEXT_BLOCK_TYPES.has(n.type), mode: 'lowest' },
    );
  });
}

function liftOutOfLists(editor: MihbaraEditor): void {
  for (let guard = 0; guard < 20 && currentListType(editor); guard += 1) {
    Transforms.unwrapNodes(editor, {
      match: (n) => isBlock(editor, n) && LIST_TYPES.has(n.type),
      split: true,
      mode: 'lowest',
    });
  }
  Transforms.setNodes(
    editor,
    { type: 'paragraph' },
    { match: (n) => isBlock(editor, n) && n.type === 'list-item', mode: 'lowest' },
  );
}

/** Turns the selected blocks into a list of `type`, switches the list's type, or leaves the list. */
export function toggleList(editor: MihbaraEditor, type: ListType): void {
  ensureSelection(editor);
  const current = currentListType(editor);
  Editor.withoutNormalizing(editor, () => {
    if (current === type) {
      liftOutOfLists(editor);
      return;
    }
    if (current) {
      Transforms.setNodes(
        editor,
        { type },
        { match: (n) => isBlock(editor, n) && LIST_TYPES.has(n.type), mode: 'lowest' },
      );
      return;
    }
    const block = textBlockAt(editor)?.[0];
    Transforms.setNodes(
      editor,
      { type: 'list-item' },
      { match: (n) => isBlock(editor, n) && TEXT_BLOCK_TYPES.has(n.type), mode: 'lowest' },
    );
    const list: BlockElement = { type, dir: block?.dir, lang: block?.lang, children: [] };
    Transforms.wrapNodes(editor, list, {
      match: (n) => isBlock(editor, n) && n.type === 'list-item',
      mode: 'lowest',
    });
  });
}

/**
 * Tab in a list item nests it one level deeper (inside a list of the same kind, placed in the
 * parent list right after the previous item); Shift+Tab takes it one level out.
 */
export function indentListItem(editor: MihbaraEditor, outdent: boolean): boolean {
  const type = currentListType(editor);
  if (!type) return false;
  if (outdent) {
    const lists = Array.from(
      Editor.nodes(editor, { match: (n) => isBlock(editor, n) && LIST_TYPES.has(n.type) }),
    );
    if (lists.length < 2) return true; // already at the top level: Shift+Tab does nothing
    Transforms.liftNodes(editor, {
      match: (n) => isBlock(editor, n) && n.type === 'list-item',
      mode: 'lowest',
    });
    return true;
  }
  const item = Editor.above<BlockElement>(editor, {
    match: (n) => isBlock(editor, n) && n.type === 'list-item',
    mode: 'lowest',
  });
  if (!item || item[1][item[1].length - 1] === 0) return true; // the first item has nothing to nest under
  const parent = Node.parent(editor, item[1]) as BlockElement;
  Transforms.wrapNodes(
    editor,
    { type: type, dir: parent.dir, lang: parent.lang, children: [] },
    { match: (n) => isBlock(editor, n) && n.type === 'list-item', mode: 'lowest' },
  );
  return true;
}

export function isMarkActive(editor: MihbaraEditor, mark: MarkName): boolean {
  return Editor.marks(editor)?.[mark] === true;
}

export function toggleMark(editor: MihbaraEditor, mark: MarkName): void {
  ensureSelection(editor);
  if (isMarkActive(editor, mark)) Editor.removeMark(editor, mark);
  else Editor.addMark(editor, mark, true);
}

/** The language an "other language" run gets: English inside right-to-left text, Arabic inside left-to-right. */
export function otherLanguageOf(editor: MihbaraEditor): string {
  const block = textBlockAt(editor)?.[0];
  return (block?.dir ?? 'rtl') === 'rtl' ? 'en' : 'ar';
}

export function isOtherLanguageActive(editor: MihbaraEditor): boolean {
  return typeof Editor.marks(editor)?.lang === 'string';
}

/** Marks the selection as a run in the other language (rendered with its own dir and lang), or unmarks it. */
export function toggleOtherLanguage(editor: MihbaraEditor): void {
  ensureSelection(editor);
  if (isOtherLanguageActive(editor)) Editor.removeMark(editor, 'lang');
  else Editor.addMark(editor, 'lang', otherLanguageOf(editor));
}

/** The link the selection is in, if any. */
export function activeLink(editor: MihbaraEditor): NodeEntry<LinkElement> | undefined {
  if (!editor.selection) return undefined;
  return Editor.above<LinkElement>(editor, {
    match: (n) => Element.isElement(n) && n.type === 'link',
  });
}

/**
 * Adds `https://` to a bare address ("example.com") and accepts only web, mail and phone
 * links: never `javascript:`, `data:` or anything else a click could run.
 */
export function normalizeLinkUrl(input: string): string | undefined {
  let url = input.trim();
  if (!url) return undefined;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    if (/^[^\s/]+\.[^\s]+$/.test(url)) url = `https://${url}`;
    else return undefined;
  }
  if (!SafeUrl.safeParse(url).success) return undefined;
  try {
    if (/^https?:/i.test(url)) new URL(url);
  } catch {
    return undefined;
  }
  return url;
}

/** Links the selection (or inserts the address as linked text); false when the address is refused. */
export function setLink(editor: MihbaraEditor, input: string, at: Range | null): boolean {
  const url = normalizeLinkUrl(input);
  if (!url) return false;
  if (at) Transforms.select(editor, at);
  ensureSelection(editor);
  const existing = activeLink(editor);
  if (existing) {
    Transforms.setNodes(editor, { url }, { at: existing[1] });
    return true;
  }
  const selection = editor.selection!;
  if (Range.isCollapsed(selection)) {
    Transforms.insertNodes(editor, { type: 'link', url, children: [{ text: url }] });
  } else {
    // A link never holds another: links inside the selection give way to the new one.
    Transforms.unwrapNodes(editor, { match: (n) => Element.isElement(n) && n.type === 'link', split: true });
    Transforms.wrapNodes(editor, { type: 'link', url, children: [] }, { split: true });
    Transforms.collapse(editor, { edge: 'end' });
  }
  return true;
}

export function removeLink(editor: MihbaraEditor, at: Range | null): void {
  if (at) Transforms.select(editor, at);
  Transforms.unwrapNodes(editor, { match: (n) => Element.isElement(n) && n.type === 'link' });
}

/**
 * Sets the direction of the selected blocks by hand. The language follows when it no longer
 * fits (an Arabic block turned left-to-right becomes English), and the override is remembered
 * so detection does not undo it.
 */
export function setBlockDirection(editor: MihbaraEditor, dir: Direction): void {
  ensureSelection(editor);
  const entries = Array.from(
    Editor.nodes<BlockElement>(editor, {
      match: (n) => isBlock(editor, n) && TEXT_BLOCK_TYPES.has(n.type),
      mode: 'lowest',
    }),
  );
  Editor.withoutNormalizing(editor, () => {
    for (const [node, path] of entries) {
      const lang = node.lang && directionOf(node.lang) === dir ? node.lang : dir === 'rtl' ? 'ar' : 'en';
      // Stored on the block, so the choice outlives the session and survives a reload.
      Transforms.setNodes(editor, { dir, lang, dirManual: true }, { at: path });
    }
  });
  for (const [, path] of entries) manualDirection.add(Node.get(editor, path));
}

/** The direction of the text block at the selection. */
export function currentDirection(editor: MihbaraEditor): Direction | undefined {
  return textBlockAt(editor)?.[0].dir;
}

/** Inserts a void block (image, separator) after the current top-level block, with a paragraph after it. */
export function insertVoidBlock(editor: MihbaraEditor, block: BlockElement): void {
  ensureSelection(editor);
  const top = editor.selection ? editor.selection.anchor.path.slice(0, 1) : [editor.children.length - 1];
  const current = Node.has(editor, top) ? (Node.get(editor, top) as BlockElement) : undefined;
  const dir = block.dir ?? current?.dir;
  const lang = block.lang ?? current?.lang;
  const at = Path.next(top);
  Transforms.insertNodes(
    editor,
    [
      { ...block, dir, lang },
      { type: 'paragraph', dir, lang, children: [{ text: '' }] },
    ],
    { at },
  );
  Transforms.select(editor, Editor.start(editor, Path.next(at)));
}

export function insertSeparator(editor: MihbaraEditor): void {
  insertVoidBlock(editor, { type: 'separator', children: [{ text: '' }] });
}

export function insertImage(editor: MihbaraEditor, file: string, alt = ''): void {
  insertVoidBlock(editor, { type: 'image', file, alt, caption: '', credit: '', children: [{ text: '' }] });
}
