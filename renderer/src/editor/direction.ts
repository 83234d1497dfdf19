/**
 * Direction of block text: detection from the first strong character, and the memory of
 * blocks whose direction the editor set by hand (a manual choice beats detection).
 */
import type { Direction } from '../../../shared/story/schema';
import type { Node } from 'slate';

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LTR_LETTER = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/u;
const STRONG = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFFA-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/u;

/** The direction of the first strong (letter) character, or undefined for digits, spaces and punctuation. */
export function firstStrongDirection(text: string): Direction | undefined {
  const match = STRONG.exec(text);
  if (!match) return undefined;
  if (RTL_LETTER.test(match[0])) return 'rtl';
  return LTR_LETTER.test(match[0]) ? 'ltr' : undefined;
}

/**
 * Blocks whose direction was set by hand. Slate nodes are immutable, so a block is remembered by
 * its current object; the typing plugin carries the memory over to the block's next version.
 */
export const manualDirection = new WeakSet<Node>();
