/**
 * Comment highlights in the body editor: one full decorate pass (every top-level block and its
 * text, as Slate does when the decorations change, e.g. a comment is chosen) over 1,000- and
 * 10,000-paragraph Arabic stories carrying 20 open comments, beside the same pass with no
 * highlights at all (the editor without comments), in the same run on the same body.
 */
import { Node, type NodeEntry } from 'slate';
import { commentDecorator, openByBlock } from '../../shared/workflow/highlights';
import type { Comment } from '../../shared/workflow/model';
import { arabicParagraphs, seededRandom } from './generate';
import { report } from './stats';

const SIZES = [1000, 10_000];
const COMMENTS = 20;
const PASSES = 100;
const WARM_UP = 20;

/** Comments on three-word phrases of random blocks (seeded). */
function commentsOn(body: ReturnType<typeof arabicParagraphs>): Comment[] {
  const random = seededRandom(11);
  return Array.from({ length: COMMENTS }, (_, index) => {
    const block = Math.floor(random() * body.length);
    const text = Node.string(body[block]!);
    const words = text.split(' ');
    const from = Math.floor(random() * Math.max(1, words.length - 3));
    const quote = words.slice(from, from + 3).join(' ');
    const start = text.indexOf(quote);
    return {
      id: `c${index}`,
      storyId: 'bench',
      anchor: { block, start, end: start + quote.length, quote },
      detached: false,
      author: 'bench',
      authorName: 'bench',
      text: 'تعليق',
      at: new Date(0).toISOString(),
      replies: [],
      resolved: false,
    };
  });
}

/** Every node entry Slate decorates in a full pass: top-level blocks and their descendants. */
function entriesOf(body: ReturnType<typeof arabicParagraphs>): NodeEntry[] {
  const root = { children: body } as unknown as Node;
  return [...Node.descendants(root)];
}

function pass(entries: NodeEntry[], decorate: (entry: NodeEntry) => unknown[]): number {
  const started = performance.now();
  let ranges = 0;
  for (const entry of entries) ranges += decorate(entry).length;
  const elapsed = performance.now() - started;
  if (ranges < 0) throw new Error('unreachable');
  return elapsed;
}

export async function benchWorkflow(): Promise<void> {
  for (const size of SIZES) {
    const body = arabicParagraphs(size);
    const entries = entriesOf(body);
    const comments = commentsOn(body);
    const ours = commentDecorator(openByBlock(comments), 'c3');
    const none = commentDecorator(openByBlock([]), null);
    const withComments: number[] = [];
    const without: number[] = [];
    // Interleaved, so both see the same machine state; the first passes warm the JIT.
    for (let i = 0; i < PASSES + WARM_UP; i += 1) {
      const a = pass(entries, ours);
      const b = pass(entries, none);
      if (i >= WARM_UP) {
        withComments.push(a);
        without.push(b);
      }
    }
    const found = entries.reduce((n, entry) => n + ours(entry).length, 0);
    report(
      `decorate pass, ${size} paragraphs, ${found}/${COMMENTS} highlights`,
      withComments,
      without,
      'no highlights',
    );
  }
}
