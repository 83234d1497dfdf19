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
import { ReactEditor } from 'slate-react';
import { commentDecorator, openByBlock } from '../../../shared/workflow/highlights';
import { commentClass, commentIdOf, selectComment, useCommentFocus } from '../review/comment-focus';
import type { EditorExtension } from './extensions';
import type { MihbaraEditor } from './slate-types';

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
      const byBlock = useMemo(() => openByBlock(comments), [comments]);
      // Always a function (the editor keys its memo on the list of decorators), new only when
      // the comments or the chosen one change.
      const decorate = useMemo(() => commentDecorator(byBlock, selected), [byBlock, selected]);

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
