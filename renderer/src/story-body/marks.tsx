/**
 * How a text run's marks and a link render, wherever a story body is shown (the editor's leaves,
 * the read-only view, the review diff): bold inside italic inside underline, and a run in another language isolated with its own `dir` and `lang`.
 * Marks only change weight, slant or decoration: never padding, margin, border or font family
 * on a run, because Blink breaks Arabic joining across such span boundaries.
 */
import type { ReactNode } from 'react';
import { directionOf, type BodyText } from '../../../shared/story/schema';
import './story-body.css';

export function withMarks(leaf: Omit<BodyText, 'text'>, content: ReactNode): ReactNode {
  let marked = content;
  if (leaf.bold) marked = <strong>{marked}</strong>;
  if (leaf.italic) marked = <em>{marked}</em>;
  if (leaf.underline) marked = <u>{marked}</u>;
  if (leaf.lang) {
    marked = (
      <span lang={leaf.lang} dir={directionOf(leaf.lang)}>
        {marked}
      </span>
    );
  }
  return marked;
}

/** What a link shows of its target on hover and focus: the address without its scheme. */
export function linkTarget(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/^mailto:/i, '');
}

/** The attributes every story link carries: opens outside the app, target shown on hover and focus. */
export function linkProps(url: string) {
  return {
    href: url,
    rel: 'noreferrer noopener',
    target: '_blank',
    title: url,
    className: 'story-link',
    'data-target': linkTarget(url),
  } as const;
}
