/**
 * How body blocks and text runs render. Each block carries its own `dir`/`lang`, spread
 * after Slate's attributes so they beat Slate's own direction guess.
 */
import type { CSSProperties } from 'react';
import type { RenderElementProps, RenderLeafProps, RenderPlaceholderProps } from 'slate-react';
import { directionOf } from '../../../shared/story/schema';

export function StoryElement({ attributes, children, element }: RenderElementProps) {
  if (element.type === 'link') {
    return (
      <a {...attributes} href={element.url} rel="noreferrer noopener" target="_blank">
        {children}
      </a>
    );
  }
  const language = { dir: element.dir, lang: element.lang, 'data-block': element.type };
  switch (element.type) {
    case 'heading-two':
      return (
        <h2 {...attributes} {...language}>
          {children}
        </h2>
      );
    case 'heading-three':
      return (
        <h3 {...attributes} {...language}>
          {children}
        </h3>
      );
    case 'block-quote':
      return (
        <blockquote {...attributes} {...language}>
          {children}
        </blockquote>
      );
    case 'pull-quote':
      return (
        <blockquote {...attributes} {...language} className="pull-quote">
          {children}
        </blockquote>
      );
    case 'bulleted-list':
      return (
        <ul {...attributes} {...language}>
          {children}
        </ul>
      );
    case 'numbered-list':
      return (
        <ol {...attributes} {...language}>
          {children}
        </ol>
      );
    case 'list-item':
      return (
        <li {...attributes} {...language}>
          {children}
        </li>
      );
    case 'image':
      return (
        <figure {...attributes} {...language} className="body-image">
          <div contentEditable={false}>
            <div className="body-image__file">{element.file}</div>
            {element.caption ? <figcaption>{element.caption}</figcaption> : null}
          </div>
          {children}
        </figure>
      );
    case 'separator':
      return (
        <div {...attributes} {...language} className="body-separator">
          <hr contentEditable={false} />
          {children}
        </div>
      );
    default:
      return (
        <p {...attributes} {...language}>
          {children}
        </p>
      );
  }
}

/**
 * Marks only change weight, slant or decoration: never padding, margin, border or font
 * family on a leaf, because Blink breaks Arabic joining across such span boundaries.
 */
export function StoryLeaf({
  attributes,
  children,
  leaf,
  className,
}: RenderLeafProps & { className?: string }) {
  let content = children;
  if (leaf.bold) content = <strong>{content}</strong>;
  if (leaf.italic) content = <em>{content}</em>;
  if (leaf.underline) content = <u>{content}</u>;
  if (leaf.lang) {
    content = (
      <span lang={leaf.lang} dir={directionOf(leaf.lang)}>
        {content}
      </span>
    );
  }
  return (
    <span {...attributes} className={className}>
      {content}
    </span>
  );
}

/** Slate's default placeholder is 33 % opaque, which fails contrast; this one is readable. */
export function StoryPlaceholder({ attributes, children }: RenderPlaceholderProps) {
  const style: CSSProperties = { ...attributes.style, opacity: 1 };
  return (
    <span {...attributes} style={style} className="body-placeholder">
      {children}
    </span>
  );
}
