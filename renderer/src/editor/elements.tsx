/**
 * How body blocks and text runs render. Each block carries its own `dir`/`lang`, spread
 * after Slate's attributes so they beat Slate's own direction guess.
 */
import { useEffect, useId, useState, type ChangeEvent, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Transforms } from 'slate';
import {
  ReactEditor,
  useSelected,
  useSlateStatic,
  type RenderElementProps,
  type RenderLeafProps,
  type RenderPlaceholderProps,
} from 'slate-react';
import type { BlockElement } from '../../../shared/story/schema';
import { linkProps, withMarks } from '../story-body/marks';
import { mediaUrl } from './media';

type ImageField = 'caption' | 'credit' | 'alt';

/**
 * An image block: the picture (from the store, through a blob: URL) and its caption, credit and
 * alt text, edited in plain fields inside the non-editable part of the block.
 */
function ImageElement({
  attributes,
  element,
  language,
  children,
}: {
  attributes: RenderElementProps['attributes'];
  element: BlockElement;
  language: { dir?: string; lang?: string; 'data-block': string };
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const editor = useSlateStatic();
  const selected = useSelected();
  const id = useId();
  const [url, setUrl] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    if (!element.file) return;
    void mediaUrl(element.file).then((value) => {
      if (!live) return;
      setUrl(value);
      setFailed(!value);
    });
    return () => {
      live = false;
    };
  }, [element.file]);

  const onField = (field: ImageField) => (event: ChangeEvent<HTMLInputElement>) => {
    const path = ReactEditor.findPath(editor, element);
    Transforms.setNodes(editor, { [field]: event.target.value }, { at: path });
  };
  const field = (name: ImageField, label: string) => (
    <label className="body-image__field" htmlFor={`${id}-${name}`}>
      <span>{label}</span>
      <input
        id={`${id}-${name}`}
        type="text"
        dir="auto"
        value={element[name] ?? ''}
        onChange={onField(name)}
        autoComplete="off"
      />
    </label>
  );
  return (
    <figure
      {...attributes}
      {...language}
      className={`body-image${selected ? ' body-image--selected' : ''}`}
      data-file={element.file}
    >
      <div contentEditable={false} className="body-image__frame">
        {url ? (
          <img src={url} alt={element.alt ?? ''} className="body-image__picture" />
        ) : (
          <div className="body-image__missing" role="img" aria-label={element.alt ?? ''}>
            {failed ? t('editing.imageUnavailable') : t('editing.imageLoading')}
          </div>
        )}
        <div className="body-image__fields">
          {field('caption', t('editing.imageCaption'))}
          {field('credit', t('editing.imageCredit'))}
          {field('alt', t('editing.imageAlt'))}
        </div>
      </div>
      {children}
    </figure>
  );
}

/** Renders one body element: blocks keep their own dir/lang, links open outside the app. */
export function StoryElement({ attributes, children, element }: RenderElementProps) {
  if (element.type === 'link') {
    return (
      <a {...attributes} {...linkProps(element.url)}>
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
        <ImageElement attributes={attributes} element={element} language={language}>
          {children}
        </ImageElement>
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
/** Renders a text run with its marks. */
export function StoryLeaf({
  attributes,
  children,
  leaf,
  className,
}: RenderLeafProps & { className?: string }) {
  const { text: _text, ...marks } = leaf;
  const content = withMarks(marks, children);
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
