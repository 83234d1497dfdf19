/**
 * Comments in the text: the words each open comment is anchored to are highlighted in the body
 * editor (Slate decorations), and putting the caret in them (click or keyboard) chooses that
 * comment in the comment list; choosing one in the list brings its words into view.
 *
 * Only blocks that carry a comment are looked at: for every other block, decorate returns at
 * once, so a long story with a few comments costs nothing per keystroke. The words are found
 * again in the block as it is being edited (nearest occurrence of the quote), so a highlight
 * follows its words when text is typed around them.
 */
import { useEffect, useMemo } from 'react';
import { Element, Node, type NodeEntry, type Path } from 'slate';
import { ReactEditor } from 'slate-react';
import { locateInBlock } from '../../../shared/workflow/anchors';
import type { Anchor } from '../../../shared/workflow/model';
import { commentClass, commentIdOf, selectComment, useCommentFocus } from '../review/comment-focus';
import type { DecoratedRange, EditorExtension } from './extensions';
import type { MihbaraEditor } from './slate-types';

/** The Slate point at plain-text `offset` of the block at `path`. */
function pointAt(block: Node, path: Path, offset: number, edge: 'start' | 'end') {
  let seen = 0;
  let last: { path: Path; offset: number } | null = null;
  for (const [text, textPath] of Node.texts(block)) {
    const length = text.text.length;
    // A start on a boundary goes into the next text, an end stays in the previous one.
    if (edge === 'start' ? offset < seen + length : offset <= seen + length) {
      return { path: [...path, ...textPath], offset: offset - seen };
    }
    seen += length;
    last = { path: [...path, ...textPath], offset: length };
  }
  return last;
}

/** The highlight ranges of one top-level block. */
function rangesOf(
  block: Node,
  path: Path,
  comments: Array<{ id: string; anchor: Anchor }>,
  selected: string | null,
): DecoratedRange[] {
  const text = Node.string(block);
  const ranges: DecoratedRange[] = [];
  for (const comment of comments) {
    const found = locateInBlock(text, comment.anchor);
    if (!found) continue;
    const anchor = pointAt(block, path, found.start, 'start');
    const focus = pointAt(block, path, found.end, 'end');
    if (!anchor || !focus) continue;
    ranges.push({ anchor, focus, commentId: comment.id, commentSelected: comment.id === selected });
  }
  return ranges;
}

/** Classes of a highlighted leaf: the mark, its comment's id, and whether it is the chosen one. */
const leafClassName = (leaf: Record<string, unknown>) =>
  typeof leaf.commentId === 'string'
    ? `comment-mark ${commentClass(leaf.commentId)}${leaf.commentSelected ? ' comment-mark--selected' : ''}`
    : undefined;

/** The extension for the story `storyId`, given to the body editor at mount. */
export function commentHighlights(storyId: string): EditorExtension {
  return {
    name: 'comment-highlights',
    useContributions(editor: MihbaraEditor) {
      const { comments, selected, from } = useCommentFocus(storyId);
      const byBlock = useMemo(() => {
        const map = new Map<number, Array<{ id: string; anchor: Anchor }>>();
        for (const comment of comments) {
          if (comment.resolved || comment.detached) continue;
          const list = map.get(comment.anchor.block) ?? [];
          list.push({ id: comment.id, anchor: comment.anchor });
          map.set(comment.anchor.block, list);
        }
        return map;
      }, [comments]);

      // Always a function (the editor keys its memo on the list of decorators), new only when
      // the comments or the chosen one change.
      const decorate = useMemo(
        () =>
          ([node, path]: NodeEntry): DecoratedRange[] => {
            if (byBlock.size === 0 || path.length !== 1 || !Element.isElement(node)) return [];
            const list = byBlock.get(path[0]!);
            return list ? rangesOf(node, path, list, selected) : [];
          },
        [byBlock, selected],
      );

      // The caret in highlighted words chooses their comment.
      useEffect(() => {
        if (byBlock.size === 0) return;
        const onSelection = () => {
          const node = window.getSelection()?.anchorNode ?? null;
          let root: HTMLElement;
          try {
            root = ReactEditor.toDOMNode(editor, editor);
          } catch {
            return;
          }
          if (!node || !root.contains(node)) return;
          const id = commentIdOf(node instanceof globalThis.Element ? node : node.parentElement);
          if (id) selectComment(id, 'text');
        };
        document.addEventListener('selectionchange', onSelection);
        return () => document.removeEventListener('selectionchange', onSelection);
      }, [editor, byBlock]);

      // A comment chosen in the list: its words come into view.
      useEffect(() => {
        if (!selected || from !== 'list') return;
        try {
          const root = ReactEditor.toDOMNode(editor, editor);
          root.querySelector(`.${commentClass(selected)}`)?.scrollIntoView({ block: 'nearest' });
        } catch {
          // The editor is not mounted yet.
        }
      }, [editor, selected, from]);

      return { decorate, leafClassName };
    },
  };
}
