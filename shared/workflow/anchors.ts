/**
 * Comments anchored to text ranges. An anchor is a top-level block, offsets in that block's
 * plain text, and the quoted words. After the text changes, the anchor is found again by
 * searching for the quote, preferring the occurrence nearest its old place, so a comment
 * survives edits around it and follows its words when paragraphs move.
 */
import type { BodyNode, StoryBody } from '../story/schema';
import type { Anchor } from './model';

/** The plain text of one node, as the anchor offsets count it (UTF-16 code units). */
export function nodeText(node: BodyNode): string {
  if ('text' in node) return node.text;
  return node.children.map(nodeText).join('');
}

/** The plain text of every top-level block. */
export function blockTexts(body: StoryBody): string[] {
  return body.map(nodeText);
}

/** An anchor over `start`–`end` of block `block`, quoting the text there; null if out of range or empty. */
export function makeAnchor(body: StoryBody, block: number, start: number, end: number): Anchor | null {
  const text = blockTexts(body)[block];
  if (text === undefined || start < 0 || end > text.length || end <= start) return null;
  const quote = text.slice(start, end);
  if (!quote.trim()) return null;
  return { block, start, end, quote };
}

/**
 * Finds the anchor's words in a (possibly edited) body. Returns the anchor unchanged when its
 * quote still sits at its offsets, the nearest occurrence otherwise (same block first, then
 * the closest block), or null when the quoted words are gone.
 */
export function reanchor(body: StoryBody, anchor: Anchor): Anchor | null {
  const texts = blockTexts(body);
  if (texts[anchor.block]?.slice(anchor.start, anchor.end) === anchor.quote) return anchor;
  let best: { block: number; start: number; score: number } | null = null;
  texts.forEach((text, block) => {
    for (let at = text.indexOf(anchor.quote); at !== -1; at = text.indexOf(anchor.quote, at + 1)) {
      // Any occurrence in a nearer block beats every occurrence in a farther one.
      const score = Math.abs(block - anchor.block) * 1e9 + Math.abs(at - anchor.start);
      if (!best || score < best.score) best = { block, start: at, score };
    }
  });
  if (!best) return null;
  const found: { block: number; start: number } = best;
  return {
    block: found.block,
    start: found.start,
    end: found.start + anchor.quote.length,
    quote: anchor.quote,
  };
}

/**
 * Where an anchor's words sit in the (possibly edited) text of its block: the occurrence of the
 * quote nearest the anchor's old start, or null when the words are no longer in that block. The
 * editor and the read-only view highlight this range while the text changes under them.
 */
export function locateInBlock(text: string, anchor: Anchor): { start: number; end: number } | null {
  if (text.slice(anchor.start, anchor.end) === anchor.quote) return { start: anchor.start, end: anchor.end };
  let best = -1;
  for (let at = text.indexOf(anchor.quote); at !== -1; at = text.indexOf(anchor.quote, at + 1)) {
    if (best === -1 || Math.abs(at - anchor.start) < Math.abs(best - anchor.start)) best = at;
  }
  return best === -1 ? null : { start: best, end: best + anchor.quote.length };
}
