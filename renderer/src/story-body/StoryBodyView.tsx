/**
 * A story body shown without editing, as the editor and the published page show it: the same
 * block elements (the table in shared/format/body-to-html), the same marks and links, lists
 * nested, images with caption and credit. The read-only view and the review diff lay their own
 * marks over it (comment highlights, insertions and deletions) by offsets in each top-level
 * block's plain text, so emphasis and links stay visible under them.
 */
import { Fragment, createElement, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BLOCK_TAGS } from '../../../shared/format/body-to-html';
import type { BlockElement, BodyNode, BodyText, LinkElement, StoryBody } from '../../../shared/story/schema';
import { nodeText } from '../../../shared/workflow/anchors';
import { mediaUrl } from '../editor/media';
import { linkProps, withMarks } from './marks';

/** A range of a block's text wrapped in something (a comment mark, an insertion). */
export interface Overlay {
  start: number;
  end: number;
  wrap: (content: ReactNode, key: string) => ReactNode;
}

/** Something shown at an offset of a block's text that is not part of it (a deletion). */
export interface Insertion {
  at: number;
  node: ReactNode;
}

export interface BlockDecoration {
  overlays?: Overlay[];
  insertions?: Insertion[];
  /** extra attributes of the top-level block's element (data-block for comments in the diff) */
  attributes?: Record<string, string | number | undefined>;
  className?: string;
}

export interface StoryBodyViewProps {
  body: StoryBody;
  dir: string;
  lang: string;
  /** marks laid over top-level block `index`, whose plain text is `text` */
  decorate?: (index: number, text: string) => BlockDecoration | undefined;
  className?: string;
  testId?: string;
}

/** A picture of the body, read from the store's media (or said to be missing). */
export function StoredFigure({
  file,
  alt,
  caption,
  credit,
  dir,
  lang,
  className,
}: {
  file: string | undefined;
  alt: string;
  caption: string;
  credit: string;
  dir?: string;
  lang?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    if (!file) return;
    void mediaUrl(file).then((value) => {
      if (!live) return;
      setUrl(value);
      setFailed(!value);
    });
    return () => {
      live = false;
    };
  }, [file]);
  return (
    <figure className={className} dir={dir} lang={lang}>
      {url ? (
        <img src={url} alt={alt} />
      ) : (
        <p className="read-only__image-missing">{failed || !file ? t('reviewing.imageMissing') : '…'}</p>
      )}
      {caption || credit ? (
        <figcaption>
          {caption}
          {credit ? <span className="credit read-only__credit">{credit}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** Walks one top-level block, splitting its text runs where overlays and insertions begin or end. */
class BlockRenderer {
  private offset = 0;
  private pending: Insertion[];
  private readonly overlays: Overlay[];

  constructor(decoration: BlockDecoration | undefined) {
    this.overlays = [...(decoration?.overlays ?? [])].sort((a, b) => a.start - b.start);
    this.pending = [...(decoration?.insertions ?? [])].sort((a, b) => a.at - b.at);
  }

  /** Insertions not placed inside a run (at the very end of the block). */
  rest(): ReactNode {
    const rest = this.pending.map((insertion, index) => (
      <Fragment key={`rest${index}`}>{insertion.node}</Fragment>
    ));
    this.pending = [];
    return rest.length ? rest : null;
  }

  leaf(leaf: BodyText, key: string): ReactNode {
    const { text, ...marks } = leaf;
    const from = this.offset;
    const to = from + text.length;
    this.offset = to;
    const cuts = new Set<number>([from, to]);
    for (const overlay of this.overlays) {
      if (overlay.start > from && overlay.start < to) cuts.add(overlay.start);
      if (overlay.end > from && overlay.end < to) cuts.add(overlay.end);
    }
    const here = this.pending.filter((insertion) => insertion.at >= from && insertion.at < to);
    for (const insertion of here) cuts.add(insertion.at);
    this.pending = this.pending.filter((insertion) => !here.includes(insertion));
    const points = [...cuts].sort((a, b) => a - b);
    const parts: ReactNode[] = [];
    for (let i = 0; i < points.length; i += 1) {
      const start = points[i]!;
      for (const insertion of here.filter((entry) => entry.at === start)) {
        parts.push(<Fragment key={`${key}i${start}-${parts.length}`}>{insertion.node}</Fragment>);
      }
      const end = points[i + 1];
      if (end === undefined) break;
      let content: ReactNode = withMarks(marks, text.slice(start - from, end - from));
      const overlay = this.overlays.find((entry) => entry.start <= start && entry.end >= end);
      if (overlay) content = overlay.wrap(content, `${key}o${start}`);
      parts.push(<Fragment key={`${key}s${start}`}>{content}</Fragment>);
    }
    return parts;
  }

  node(node: BodyNode, key: string, inherited: { dir?: string; lang?: string }): ReactNode {
    if ('text' in node) return <Fragment key={key}>{this.leaf(node, key)}</Fragment>;
    if (node.type === 'link') return this.link(node, key);
    return this.block(node, key, inherited);
  }

  link(link: LinkElement, key: string): ReactNode {
    return (
      <a key={key} {...linkProps(link.url)}>
        {link.children.map((leaf, index) => (
          <Fragment key={index}>{this.leaf(leaf, `${key}.${index}`)}</Fragment>
        ))}
      </a>
    );
  }

  block(
    block: BlockElement,
    key: string,
    inherited: { dir?: string; lang?: string },
    extra: { attributes?: BlockDecoration['attributes']; className?: string; tail?: () => ReactNode } = {},
  ): ReactNode {
    const own = { dir: block.dir ?? inherited.dir, lang: block.lang ?? inherited.lang };
    const props: Record<string, unknown> = { key, ...own, ...extra.attributes };
    if (block.type === 'separator') return createElement('hr', props);
    if (block.type === 'image') {
      this.offset += nodeText(block).length;
      return (
        <StoredFigure
          key={key}
          file={block.file}
          alt={block.alt ?? ''}
          caption={block.caption ?? ''}
          credit={block.credit ?? ''}
          dir={own.dir}
          lang={own.lang}
        />
      );
    }
    const className = [block.type === 'pull-quote' ? 'pull-quote' : '', extra.className ?? '']
      .filter(Boolean)
      .join(' ');
    if (className) props.className = className;
    const children = block.children.map((child, index) => this.node(child, `${key}.${index}`, own));
    return createElement(BLOCK_TAGS[block.type], props, ...children, extra.tail?.());
  }
}

/** Renders the top-level blocks of `body`; `extra` lets the diff put removed blocks between them. */
export function renderBlock(
  block: BlockElement,
  index: number,
  story: { dir: string; lang: string },
  decoration?: BlockDecoration,
): ReactNode {
  const renderer = new BlockRenderer(decoration);
  return renderer.block(block, `b${index}`, story, {
    attributes: decoration?.attributes,
    className: decoration?.className,
    tail: () => renderer.rest(),
  });
}

export function StoryBodyView({ body, dir, lang, decorate, className, testId }: StoryBodyViewProps) {
  return (
    <div className={`story-body ${className ?? ''}`} data-testid={testId}>
      {body.map((block, index) =>
        renderBlock(block, index, { dir, lang }, decorate?.(index, nodeText(block))),
      )}
    </div>
  );
}
