/** Highlighted snippets: where a story's text meets the query's words, through normalization and prefixes. */
import type { Highlight } from '../../../shared/search/api';
import { queryWords, stemTerm, variants, words } from './analyze';

const SNIPPET_LENGTH = 220;
const BEFORE = 60;

/** Every form of every query word and their stems, for matching words of a text. */
export function queryForms(query: string): Set<string> {
  return new Set(queryWords(query).flat());
}

/** Ranges of `text` whose words match the query. */
export function highlightsIn(text: string, forms: Set<string>): Highlight[] {
  if (forms.size === 0) return [];
  return words(text)
    .filter((word) => variants(word.norm).some((form) => forms.has(form)) || forms.has(stemTerm(word.norm)))
    .map(({ start, end }) => ({ start, end }));
}

/**
 * A window of `text` around its first match (or its start), with the matches inside it.
 * `clipped`: `text` is itself a window of a longer text (a server's answer), cut before or after.
 */
export function snippetOf(
  text: string,
  forms: Set<string>,
  clipped: { start: boolean; end: boolean } = { start: false, end: false },
): { text: string; highlights: Highlight[] } {
  const all = highlightsIn(text, forms);
  let start = all.length ? Math.max(0, all[0]!.start - BEFORE) : 0;
  // Start on a word boundary so a snippet never opens mid-word.
  if (start > 0) {
    const space = text.lastIndexOf(' ', start);
    start = space >= 0 ? space + 1 : 0;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.indexOf(' ', end);
    end = space >= 0 && space - end < 30 ? space : end;
  }
  const prefix = start > 0 || clipped.start ? '… ' : '';
  const suffix = end < text.length || clipped.end ? ' …' : '';
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  // Whitespace collapsing shifts offsets; recompute highlights on the final text instead.
  const snippet = `${prefix}${body}${suffix}`;
  return { text: snippet, highlights: highlightsIn(snippet, forms) };
}
