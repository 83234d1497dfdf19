/**
 * A story shown without editing: when someone else holds its lock, or its state or the user's
 * role does not allow changes. The words open comments are anchored to are highlighted; clicking
 * or focusing them chooses their comment in the comment list, and choosing a comment there brings
 * its words into view.
 */
import { Fragment, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Story } from '../../../shared/story/schema';
import { blockTexts, locateInBlock } from '../../../shared/workflow/anchors';
import type { Comment } from '../../../shared/workflow/model';
import { commentClass, selectComment, useCommentFocus } from './comment-focus';
import './review.css';

/** The block's text with the comment ranges in it as marks (overlaps: the first comment wins). */
function highlighted(text: string, comments: Comment[], selected: string | null, label: string): ReactNode {
  const ranges = comments
    .map((comment) => ({ comment, at: locateInBlock(text, comment.anchor) }))
    .filter((r): r is { comment: Comment; at: { start: number; end: number } } => r.at !== null)
    .sort((a, b) => a.at.start - b.at.start);
  if (ranges.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { comment, at: range } of ranges) {
    if (range.start < at) continue;
    if (range.start > at) parts.push(<Fragment key={`t${at}`}>{text.slice(at, range.start)}</Fragment>);
    const choose = () => selectComment(comment.id, 'text');
    parts.push(
      <mark
        key={comment.id}
        className={`comment-mark ${commentClass(comment.id)}${comment.id === selected ? ' comment-mark--selected' : ''}`}
        tabIndex={0}
        role="button"
        aria-pressed={comment.id === selected}
        aria-label={`${label}: ${text.slice(range.start, range.end)}`}
        onClick={choose}
        onFocus={choose}
      >
        {text.slice(range.start, range.end)}
      </mark>,
    );
    at = range.end;
  }
  if (at < text.length) parts.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>);
  return parts;
}

export function ReadOnlyStory({ story, notice }: { story: Story; notice: ReactNode }) {
  const { t } = useTranslation();
  const { comments, selected, from } = useCommentFocus(story.id);
  const body = useRef<HTMLDivElement>(null);
  const open = comments.filter((comment) => !comment.resolved && !comment.detached);

  useEffect(() => {
    if (selected && from === 'list') {
      body.current?.querySelector(`.${commentClass(selected)}`)?.scrollIntoView({ block: 'nearest' });
    }
  }, [selected, from]);

  return (
    <article className="read-only" aria-label={story.headline || t('list.untitled')}>
      <div className="read-only__notice" role="status">
        {notice}
      </div>
      <h2 className="read-only__headline" dir={story.direction} lang={story.language}>
        {story.headline || t('list.untitled')}
      </h2>
      {story.subheadline ? (
        <p className="read-only__deck" dir={story.direction} lang={story.language}>
          {story.subheadline}
        </p>
      ) : null}
      {story.byline ? (
        <p className="read-only__byline" dir={story.direction} lang={story.language}>
          {story.byline}
        </p>
      ) : null}
      <div className="read-only__body" data-testid="read-only-body" ref={body}>
        {blockTexts(story.body).map((text, index) => (
          <p
            key={index}
            dir={story.body[index]?.dir ?? story.direction}
            lang={story.body[index]?.lang ?? story.language}
          >
            {highlighted(
              text,
              open.filter((comment) => comment.anchor.block === index),
              selected,
              t('reviewing.commentedWords'),
            )}
          </p>
        ))}
      </div>
    </article>
  );
}
