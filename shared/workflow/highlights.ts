/**
 * Where comment highlights go in a Slate document: the words each open comment is anchored to,
 * found again in the block as it is edited. Pure (Slate's node helpers only), so the editor
 * extension (renderer/src/editor/comment-highlights.ts) and the benchmark share it.
 */
import { Element, Node, type BaseRange, type NodeEntry, type Path } from 'slate';
import { locateInBlock } from './anchors';
import type { Anchor, Comment } from './model';

/** A highlight: the range and the comment it shows (`commentId`, `commentSelected`). */
export type HighlightRange = BaseRange & Record<string, unknown>;

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
): HighlightRange[] {
  const text = Node.string(block);
  const ranges: HighlightRange[] = [];
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

/** The open, anchored comments by the top-level block they sit in. */
export function openByBlock(
  comments: readonly Comment[],
): Map<number, Array<{ id: string; anchor: Anchor }>> {
  const map = new Map<number, Array<{ id: string; anchor: Anchor }>>();
  for (const comment of comments) {
    if (comment.resolved || comment.detached) continue;
    const list = map.get(comment.anchor.block) ?? [];
    list.push({ id: comment.id, anchor: comment.anchor });
    map.set(comment.anchor.block, list);
  }
  return map;
}

/**
 * Slate's decorate for the comment highlights: a map lookup for every node, and work only on the
 * top-level blocks that carry a comment (the benchmark compares it with no decoration at all).
 */
export function commentDecorator(
  byBlock: ReadonlyMap<number, Array<{ id: string; anchor: Anchor }>>,
  selected: string | null,
): (entry: NodeEntry) => HighlightRange[] {
  return ([node, path]) => {
    if (byBlock.size === 0 || path.length !== 1 || !Element.isElement(node)) return [];
    const list = byBlock.get(path[0]!);
    return list ? rangesOf(node, path, list, selected) : [];
  };
}
