/**
 * Direction of block text: detection from its letters, and the memory of
 * blocks whose direction the editor set by hand (a manual choice beats detection).
 */
import type { Direction } from '../../../shared/story/schema';
import type { Node } from 'slate';

const RTL_LETTERS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu;
const LTR_LETTERS = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/gu;

/**
 * The direction most of the letters of `text` ask for: "CNN قالت إن…" is right-to-left even
 * though its first letter is Latin, which a first-strong-character rule gets wrong. A tie goes to
 * right-to-left, the newsroom's language. Undefined when there are no letters.
 */
export function detectDirection(text: string): Direction | undefined {
  const rtl = text.match(RTL_LETTERS)?.length ?? 0;
  const ltr = text.match(LTR_LETTERS)?.length ?? 0;
  if (rtl === 0 && ltr === 0) return undefined;
  return rtl >= ltr ? 'rtl' : 'ltr';
}

/**
 * Blocks whose direction was set by hand. Slate nodes are immutable, so a block is remembered by
 * its current object; the typing plugin carries the memory over to the block's next version.
 */
export const manualDirection = new WeakSet<Node>();
