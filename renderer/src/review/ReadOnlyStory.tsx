/**
 * A story shown without editing: when someone else holds its lock, or its state or the user's
 * role does not allow changes. The body keeps its structure (headings, quotes, lists, images with
 * caption and credit). The words open comments are anchored to are highlighted; clicking
 * or focusing them chooses their comment in the comment list, and choosing a comment there brings
 * its words into view.
 */
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockElement, Story } from '../../../shared/story/schema';
import { blockTexts, locateInBlock, nodeText } from '../../../shared/workflow/anchors';
import type { Comment } from '../../../shared/workflow/model';
import { mediaUrl } from '../editor/media';
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

/**
 * The part `from`–`to` of a block's text with the comment ranges in it as marks. A list item
 * is such a part of its list's text (anchors count the list's items as one text).
 */
function highlighted(
  text: string,
  from: number,
  to: number,
  ranges: Located[],
  selected: string | null,
  label: string,
): ReactNode {
  const parts: ReactNode[] = [];
  let at = from;
  for (const { comment, at: range } of ranges) {
    const start = Math.max(range.start, from);
    const end = Math.min(range.end, to);
    if (end <= start) continue;
    if (start > at) parts.push(<Fragment key={`t${at}`}>{text.slice(at, start)}</Fragment>);
    const choose = () => selectComment(comment.id, 'text');
    parts.push(
      <mark
        key={`${comment.id}@${start}`}
        className={`comment-mark ${commentClass(comment.id)}${comment.id === selected ? ' comment-mark--selected' : ''}`}
        tabIndex={0}
        role="button"
        aria-pressed={comment.id === selected}
        aria-label={`${label}: ${text.slice(range.start, range.end)}`}
        onClick={choose}
        onFocus={choose}
      >
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < to) parts.push(<Fragment key={`t${at}`}>{text.slice(at, to)}</Fragment>);
  return parts.length === 1 && ranges.length === 0 ? text.slice(from, to) : parts;
}

/** An image of the body, read from the store's media (or said to be missing). */
function ReadOnlyImage({ block, dir, lang }: { block: BlockElement; dir: string; lang: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    if (!block.file) return;
    void mediaUrl(block.file).then((value) => {
      if (!live) return;
      setUrl(value);
      setFailed(!value);
    });
    return () => {
      live = false;
    };
  }, [block.file]);
  return (
    <figure className="read-only__figure" dir={dir} lang={lang}>
      {url ? (
        <img src={url} alt={block.alt ?? ''} />
      ) : (
        <p className="read-only__image-missing">
          {failed || !block.file ? t('reviewing.imageMissing') : '…'}
        </p>
      )}
      {block.caption || block.credit ? (
        <figcaption>
          {block.caption}
          {block.credit ? <span className="read-only__credit">{block.credit}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** One top-level block in its own element (heading, quote, list, image…), comments marked. */
function ReadOnlyBlock({
  block,
  text,
  ranges,
  selected,
  label,
  dir,
  lang,
}: {
  block: BlockElement;
  text: string;
  ranges: Located[];
  selected: string | null;
  label: string;
  dir: string;
  lang: string;
}) {
  const marked = (from: number, to: number) => highlighted(text, from, to, ranges, selected, label);
  const whole = marked(0, text.length);
  switch (block.type) {
    case 'heading-two':
      return <h3 {...{ dir, lang }}>{whole}</h3>;
    case 'heading-three':
      return <h4 {...{ dir, lang }}>{whole}</h4>;
    case 'block-quote':
      return <blockquote {...{ dir, lang }}>{whole}</blockquote>;
    case 'pull-quote':
      return (
        <blockquote className="read-only__pull" {...{ dir, lang }}>
          {whole}
        </blockquote>
      );
    case 'separator':
      return <hr />;
    case 'image':
      return <ReadOnlyImage block={block} dir={dir} lang={lang} />;
    case 'bulleted-list':
    case 'numbered-list': {
      // Items' texts follow each other in the list's text, as the anchors count them.
      let at = 0;
      const items = block.children.map((item, index) => {
        const length = nodeText(item).length;
        const from = at;
        at += length;
        return <li key={index}>{marked(from, at)}</li>;
      });
      return block.type === 'numbered-list' ? (
        <ol {...{ dir, lang }}>{items}</ol>
      ) : (
        <ul {...{ dir, lang }}>{items}</ul>
      );
    }
    default:
      return <p {...{ dir, lang }}>{whole}</p>;
  }
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
          <ReadOnlyBlock
            key={index}
            block={story.body[index]!}
            text={text}
            ranges={locate(
              text,
              open.filter((comment) => comment.anchor.block === index),
            )}
            selected={selected}
            label={t('reviewing.commentedWords')}
            dir={story.body[index]?.dir ?? story.direction}
            lang={story.body[index]?.lang ?? story.language}
          />
        ))}
      </div>
    </article>
  );
}
