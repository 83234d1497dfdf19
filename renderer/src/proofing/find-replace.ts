/**
 * Find and replace inside a story, with Arabic-normalized matching (shared/text/normalize):
 * the matches of the whole document, and replace-all as one undo step.
 */
import { Editor, Node, Text, Transforms, type Descendant, type Path } from 'slate';
import { HistoryEditor } from 'slate-history';
import { findMatches } from '../../../shared/text/normalize';
import type { MihbaraEditor } from '../editor/slate-types';

export interface StoryMatch {
  path: Path;
  start: number;
  end: number;
}

/** Every match of `query` in the document, in reading order. Matches stay inside one text run. */
export function findInDocument(children: Descendant[], query: string, exact: boolean): StoryMatch[] {
  if (query === '') return [];
  const matches: StoryMatch[] = [];
  const root = { children } as unknown as Node;
  for (const [node, path] of Node.texts(root)) {
    for (const { start, end } of findMatches(node.text, query, exact)) matches.push({ path, start, end });
  }
  return matches;
}

const rangeOf = (match: StoryMatch) => ({
  anchor: { path: match.path, offset: match.start },
  focus: { path: match.path, offset: match.end },
});

/** Replaces one match (checked to be still where it was) and puts the caret after it. */
export function replaceMatch(editor: MihbaraEditor, match: StoryMatch, replacement: string): boolean {
  const node = Node.has(editor, match.path) ? Node.get(editor, match.path) : undefined;
  if (!node || !Text.isText(node) || match.end > node.text.length) return false;
  Transforms.insertText(editor, replacement, { at: rangeOf(match) });
  Transforms.select(editor, { path: match.path, offset: match.start + replacement.length });
  return true;
}

/**
 * Replaces every match; all the changes form one undo step. Works from the last match to the
 * first, so the offsets of the earlier matches in a text run stay valid.
 */
export function replaceAll(
  editor: MihbaraEditor,
  matches: readonly StoryMatch[],
  replacement: string,
): number {
  if (matches.length === 0) return 0;
  HistoryEditor.withNewBatch(editor, () => {
    Editor.withoutNormalizing(editor, () => {
      for (const match of [...matches].reverse()) {
        Transforms.insertText(editor, replacement, { at: rangeOf(match) });
      }
    });
  });
  return matches.length;
}
