/**
 * A story shown without editing: when someone else holds its lock, or its state or the user's
 * role does not allow changes. The body keeps its structure (headings, quotes, lists, images with
 * caption and credit). The words open comments are anchored to are highlighted; clicking
 * or focusing them chooses their comment in the comment list, and choosing a comment there brings
 * its words into view.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Story } from '../../../shared/story/schema';
import { locateInBlock } from '../../../shared/workflow/anchors';
import type { Comment } from '../../../shared/workflow/model';
import { StoryBodyView, type Overlay } from '../story-body/StoryBodyView';
import { StoryHeader } from '../story-body/StoryHeader';
import { commentClass, selectComment, useCommentFocus } from './comment-focus';
import './review.css';

type Located = { comment: Comment; at: { start: number; end: number } };

/** Where each comment's words are in the block's text, in reading order (overlaps: the first wins). */
function locate(text: string, comments: Comment[]): Located[] {
  const ranges = comments
    .map((comment) => ({ comment, at: locateInBlock(text, comment.anchor) }))
    .filter((r): r is Located => r.at !== null)
    .sort((a, b) => a.at.start - b.at.start);
  const kept: Located[] = [];
  let end = 0;
  for (const range of ranges) {
    if (range.at.start < end) continue;
    kept.push(range);
    end = range.at.end;
  }
  return kept;
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

  const label = t('reviewing.commentedWords');
  const overlays = (index: number, text: string): Overlay[] =>
    locate(
      text,
      open.filter((comment) => comment.anchor.block === index),
    ).map(({ comment, at }) => ({
      start: at.start,
      end: at.end,
      wrap: (content, key) => {
        const choose = () => selectComment(comment.id, 'text');
        return (
          <mark
            key={key}
            className={`comment-mark ${commentClass(comment.id)}${comment.id === selected ? ' comment-mark--selected' : ''}`}
            tabIndex={0}
            role="button"
            aria-pressed={comment.id === selected}
            aria-label={`${label}: ${text.slice(at.start, at.end)}`}
            onClick={choose}
            onFocus={choose}
          >
            {content}
          </mark>
        );
      },
    }));

  return (
    <article className="read-only" aria-label={story.headline || t('list.untitled')}>
      <div className="read-only__notice" role="status">
        {notice}
      </div>
      <StoryHeader story={story} />
      <div className="read-only__body" data-testid="read-only-body" ref={body}>
        <StoryBodyView
          body={story.body}
          dir={story.direction}
          lang={story.language}
          decorate={(index, text) => ({ overlays: overlays(index, text) })}
        />
      </div>
    </article>
  );
}
