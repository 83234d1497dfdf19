/**
 * Story body (Slate JSON) → HTML fragment, for exports (ninjs bodies, the standalone story page)
 * and for copying out of the editor. Every text and attribute value is escaped, links are written
 * only when their URL is still safe, and void elements are self-closed so the output is also
 * well-formed XML (XHTML-compatible), which some receiving systems require.
 */
import {
  SafeUrl,
  directionOf,
  type BlockElement,
  type BlockType,
  type BodyNode,
  type BodyText,
  type LinkElement,
  type StoryBody,
} from '../story/schema';

export interface BodyToHtmlOptions {
  /**
   * The story's language: top-level blocks without their own `lang`/`dir` get it (and the
   * direction that follows from it). When absent, such blocks carry no attributes.
   */
  language?: string;
  /**
   * Where an image block's media file can be found from the output, e.g. `media/<file>`.
   * Returning `undefined` (the default) writes the image without `src`: alt text and caption stay.
   */
  imageSrc?: (file: string) => string | undefined;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const isBlock = (node: BodyNode): node is BlockElement => 'type' in node && node.type !== 'link';
const isLink = (node: BodyNode): node is LinkElement => 'type' in node && node.type === 'link';

interface Inherited {
  dir?: string;
  lang?: string;
}

function textHtml(leaf: BodyText, blockLang: string | undefined): string {
  // Line breaks inside a block are kept as <br />.
  let html = escapeHtml(leaf.text).replace(/\n/g, '<br />');
  if (!html) return '';
  if (leaf.underline) html = `<u>${html}</u>`;
  if (leaf.italic) html = `<em>${html}</em>`;
  if (leaf.bold) html = `<strong>${html}</strong>`;
  if (leaf.lang && leaf.lang !== blockLang) {
    // dir on the span isolates the run, so a Latin name inside Arabic keeps its order and punctuation.
    html = `<span dir="${directionOf(leaf.lang)}" lang="${escapeHtml(leaf.lang)}">${html}</span>`;
  }
  return html;
}

function inlineHtml(nodes: BodyNode[], blockLang: string | undefined): string {
  return nodes
    .map((node) => {
      if (isLink(node)) {
        const inner = node.children.map((leaf) => textHtml(leaf, blockLang)).join('');
        const url = node.url.trim();
        if (!SafeUrl.safeParse(url).success) return inner;
        return `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${inner}</a>`;
      }
      if (isBlock(node)) return ''; // a block among inlines is not valid Slate: blockHtml handles mixed content
      return textHtml(node, blockLang);
    })
    .join('');
}

/**
 * The element each block type is shown as: in exports and the published page, and in the
 * renderer's editor and read-only views, which read this same table.
 */
export const BLOCK_TAGS = {
  paragraph: 'p',
  'heading-two': 'h2',
  'heading-three': 'h3',
  'block-quote': 'blockquote',
  'pull-quote': 'blockquote',
  'bulleted-list': 'ul',
  'numbered-list': 'ol',
  'list-item': 'li',
  image: 'figure',
  separator: 'hr',
} as const satisfies Record<BlockType, string>;
const TAGS: Record<string, string> = BLOCK_TAGS;

function attributes(block: BlockElement, parent: Inherited): { attrs: string; own: Inherited } {
  const own: Inherited = { dir: block.dir ?? parent.dir, lang: block.lang ?? parent.lang };
  let attrs = '';
  if (own.dir && own.dir !== parent.dir) attrs += ` dir="${escapeHtml(own.dir)}"`;
  if (own.lang && own.lang !== parent.lang) attrs += ` lang="${escapeHtml(own.lang)}"`;
  return { attrs, own };
}

const LISTS: ReadonlySet<string> = new Set(['bulleted-list', 'numbered-list']);

function blockHtml(
  block: BlockElement,
  parent: Inherited,
  options: BodyToHtmlOptions,
  parentType: string | null = null,
): string {
  const inList = parentType !== null && LISTS.has(parentType);
  // Never a bare <li>: an item outside a list is written as a paragraph, and anything else a
  // list holds goes inside an item (the schema refuses such bodies; old or foreign ones may have them).
  if (block.type === 'list-item' && !inList)
    return blockHtml({ ...block, type: 'paragraph' }, parent, options);
  if (inList && block.type !== 'list-item' && !LISTS.has(block.type)) {
    return `<li>${blockHtml(block, parent, options)}</li>`;
  }
  const { attrs, own } = attributes(block, parent);
  const children = (): string => {
    if (block.children.some(isBlock)) {
      // Blocks inside blocks (a list item holding a paragraph and a nested list).
      return block.children
        .map((child) =>
          isBlock(child) ? blockHtml(child, own, options, block.type) : inlineHtml([child], own.lang),
        )
        .join('');
    }
    const inline = inlineHtml(block.children, own.lang);
    return LISTS.has(block.type) ? `<li>${inline}</li>` : inline;
  };

  switch (block.type) {
    case 'separator':
      return `<hr${attrs} />`;
    case 'image': {
      const src = block.file ? options.imageSrc?.(block.file) : undefined;
      const img = `<img${src ? ` src="${escapeHtml(src)}"` : ''} alt="${escapeHtml(block.alt ?? '')}" />`;
      const caption = block.caption ? escapeHtml(block.caption) : '';
      const credit = block.credit ? `<span class="credit">${escapeHtml(block.credit)}</span>` : '';
      const figcaption =
        caption || credit
          ? `<figcaption>${caption}${caption && credit ? ' ' : ''}${credit}</figcaption>`
          : '';
      return `<figure${attrs}>${img}${figcaption}</figure>`;
    }
    case 'pull-quote':
      return `<blockquote class="pull-quote"${attrs}>${children()}</blockquote>`;
    default: {
      const tag = TAGS[block.type] ?? 'p';
      return `<${tag}${attrs}>${children()}</${tag}>`;
    }
  }
}

/**
 * Serializes a story body as an HTML fragment: one element per top-level block, with `dir` and
 * `lang` on the blocks and `<span dir lang>` around runs in another language.
 */
export function bodyToHtml(body: StoryBody, options: BodyToHtmlOptions = {}): string {
  const top: Inherited = {};
  const fallback = options.language;
  return body
    .map((block) => {
      const withDefaults: BlockElement =
        fallback && (!block.dir || !block.lang)
          ? { ...block, lang: block.lang ?? fallback, dir: block.dir ?? directionOf(block.lang ?? fallback) }
          : block;
      return blockHtml(withDefaults, top, options);
    })
    .join('\n');
}

/** Plain text of a body: blocks separated by blank lines, list items by line breaks. */
export function bodyToText(body: StoryBody): string {
  const blockText = (block: BlockElement): string => {
    if (block.type === 'image') return [block.caption, block.credit].filter(Boolean).join(' ');
    if (block.children.some(isBlock)) {
      const separator =
        block.type === 'bulleted-list' || block.type === 'numbered-list' || block.type === 'list-item'
          ? '\n'
          : '\n\n';
      return block.children
        .filter(isBlock)
        .map(blockText)
        .filter((text) => text !== '')
        .join(separator);
    }
    return block.children
      .map((node) =>
        isLink(node) ? node.children.map((t) => t.text).join('') : 'text' in node ? node.text : '',
      )
      .join('');
  };
  return body
    .map(blockText)
    .filter((text) => text !== '')
    .join('\n\n');
}
