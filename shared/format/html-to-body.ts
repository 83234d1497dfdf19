/**
 * HTML → story body (Slate JSON). Used for paste, for ninjs import and for anything else that
 * arrives as HTML. It runs in the page and in Node alike, so it parses with htmlparser2 instead of
 * the DOM. The output is data, never HTML: only an allow-list of structures survives, and every
 * attribute is read by name, so scripts, styles, frames and event handlers cannot come through.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import {
  LanguageTag,
  SafeUrl,
  directionOf,
  emptyBody,
  type BlockElement,
  type BlockType,
  type BodyNode,
  MAX_BODY_DEPTH,
  type BodyText,
  type Direction,
  type LinkElement,
  type StoryBody,
} from '../story/schema';

type DomDocument = ReturnType<typeof parseDocument>;
type DomNode = DomDocument['children'][number];
type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

/** One kind of thing the conversion dropped or changed, with how often it happened. */
export interface BodyChange {
  kind:
    | 'dropped-element'
    | 'link-removed'
    | 'bidi-controls-removed'
    | 'image-not-imported'
    | 'table-flattened'
    | 'formatting-lost';
  /** plain English, e.g. `<script>` or `javascript:alert(1)` */
  detail: string;
  count: number;
}

/** An image the HTML referred to; the importer resolves `src` into a media file later. */
export interface ImageReference {
  src: string;
  alt: string;
}

export interface HtmlToBodyOptions {
  /** the story's language: the default `lang` (and, through it, `dir`) of every block; default `ar` */
  language?: string;
}

export interface HtmlToBodyResult {
  body: StoryBody;
  /** what was dropped or changed, for telling the editor what the paste did */
  changes: BodyChange[];
  /** image sources in document order, one per image block */
  images: ImageReference[];
}

/** Directional marks and embedding/isolate controls that Word and the web leave behind. */
export const BIDI_CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;

/** Removed with everything inside them: they are code, chrome or form controls, never story text. */
const DROPPED = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'param',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'source',
  'track',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'map',
  'area',
  'dialog',
  'xml',
]);

/** Elements that start a new block; everything else not dropped is treated as inline text. */
const BLOCK_TAGS = new Set([
  'html',
  'body',
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'address',
  'center',
  'details',
  'summary',
  'fieldset',
  'legend',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'hr',
  'img',
  'figure',
  'figcaption',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
]);

/**
 * Deeper nesting than this is flattened to plain text: real documents nest a few dozen levels,
 * and a hostile paste thousands deep must not overflow the stack.
 */
const MAX_DEPTH = 200;

/** Inline formatting the story model has no mark for: the text stays, the formatting goes. */
const UNSUPPORTED_FORMATTING = new Set(['s', 'strike', 'del', 'sub', 'sup']);

type TextBlockType = Extract<
  BlockType,
  'paragraph' | 'heading-two' | 'heading-three' | 'block-quote' | 'pull-quote'
>;

interface Marks {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  lang?: string;
}

interface BlockContext {
  dir: Direction;
  lang: string;
  /** the type that paragraphs and loose text become here (quotes turn their paragraphs into quotes) */
  textType: TextBlockType;
  /** marks and link inherited from an inline element that wraps blocks (Google Docs' `<b>` wrapper) */
  marks: Marks;
  link?: string;
  /** element nesting depth, capped by MAX_DEPTH */
  depth: number;
}

interface Piece {
  text: string;
  marks: Marks;
  link?: string;
  /** a `<br>`: never collapsed away */
  hard?: boolean;
}

/** Lower-cases the primary subtag and accepts only what the story model accepts. */
export function normalizeLanguage(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const parts = raw.trim().replace(/_/g, '-').split('-');
  parts[0] = (parts[0] ?? '').toLowerCase();
  const tag = parts.join('-');
  return LanguageTag.safeParse(tag).success ? tag : undefined;
}

// Our own guards: domutils' type declarations list isTag/isText, but its runtime no longer exports them.
const isElement = (node: DomNode): node is DomElement => 'attribs' in node && 'name' in node;
const isText = (node: DomNode): node is Extract<DomNode, { type: 'text' }> => node.type === 'text';

/**
 * Keeps a converted body inside the story schema's depth limit: a block deep enough that its
 * children would pass it keeps their text, without their structure. True when anything changed.
 */
function capDepth(blocks: BodyNode[], depth: number): boolean {
  let changed = false;
  for (const node of blocks) {
    if ('text' in node || node.type === 'link') continue;
    const nested = node.children.some((child) => !('text' in child));
    if (depth >= MAX_BODY_DEPTH - 2 && nested) {
      node.children = [{ text: bodyText(node.children) }];
      changed = true;
    } else if (capDepth(node.children, depth + 1)) changed = true;
  }
  return changed;
}

function bodyText(nodes: BodyNode[]): string {
  return nodes.map((node) => ('text' in node ? node.text : bodyText(node.children))).join(' ');
}

/** Text of a subtree, without recursion (see MAX_DEPTH); dropped elements contribute nothing. */
function flatText(nodes: DomNode[]): string {
  let text = '';
  const stack = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (isText(node)) text += node.data;
    else if (isElement(node) && !DROPPED.has(node.name.toLowerCase())) {
      for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]!);
    }
  }
  return text;
}

/** First element in document order that passes `test`, without recursion. */
function findElement(nodes: DomNode[], test: (el: DomElement) => boolean): DomElement | undefined {
  const stack = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (test(node)) return node;
    for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]!);
  }
  return undefined;
}

const primary = (lang: string): string => lang.split('-')[0] ?? lang;

/** Direction of the first strong character, for `dir="auto"`. */
function detectDirection(text: string): Direction | undefined {
  const match =
    /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]|[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.exec(text);
  if (!match) return undefined;
  return /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/.test(match[0]) ? 'ltr' : 'rtl';
}

function readDir(el: DomElement): Direction | 'auto' | undefined {
  const dir = el.attribs.dir?.trim().toLowerCase();
  return dir === 'rtl' || dir === 'ltr' || dir === 'auto' ? dir : undefined;
}

/** Bold/italic/underline as Google Docs and Word express them in `style`. */
function marksFromStyle(style: string | undefined, marks: Marks): Marks {
  if (!style) return marks;
  const next = { ...marks };
  for (const declaration of style.split(';')) {
    const [rawName, ...rest] = declaration.split(':');
    const name = rawName?.trim().toLowerCase();
    const value = rest.join(':').trim().toLowerCase();
    if (name === 'font-weight') {
      if (/^(bold|bolder|[6-9]00)$/.test(value)) next.bold = true;
      else if (/^(normal|lighter|[1-5]00)$/.test(value)) next.bold = undefined;
    } else if (name === 'font-style') {
      if (/^(italic|oblique)/.test(value)) next.italic = true;
      else if (value === 'normal') next.italic = undefined;
    } else if (name === 'text-decoration' || name === 'text-decoration-line') {
      if (value.includes('underline')) next.underline = true;
      else if (value === 'none') next.underline = undefined;
    }
  }
  return next;
}

const sameMarks = (a: Marks, b: Marks): boolean =>
  !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.underline === !!b.underline && a.lang === b.lang;

function leaf(text: string, marks: Marks): BodyText {
  const node: BodyText = { text };
  if (marks.bold) node.bold = true;
  if (marks.italic) node.italic = true;
  if (marks.underline) node.underline = true;
  if (marks.lang) node.lang = marks.lang;
  return node;
}

/**
 * Converts an HTML string to a story body. Never throws on bad HTML: whatever cannot be kept is
 * dropped and listed in `changes`. An input with no text gives one empty paragraph.
 */
export function htmlToBody(html: string, options: HtmlToBodyOptions = {}): HtmlToBodyResult {
  const storyLanguage = normalizeLanguage(options.language) ?? 'ar';
  const changes = new Map<string, BodyChange>();
  const images: ImageReference[] = [];

  const note = (kind: BodyChange['kind'], detail: string, count = 1): void => {
    const key = `${kind}\u0000${detail}`;
    const existing = changes.get(key);
    if (existing) existing.count += count;
    else changes.set(key, { kind, detail, count });
  };

  const clean = (text: string): string => {
    let removed = 0;
    const cleaned = text.replace(BIDI_CONTROLS, () => {
      removed += 1;
      return '';
    });
    if (removed > 0)
      note(
        'bidi-controls-removed',
        'invisible direction marks (LRM, RLM, ALM, embeddings, isolates)',
        removed,
      );
    return cleaned;
  };

  const hasBlockDescendant = (el: DomElement): boolean =>
    findElement(el.children, (child) => BLOCK_TAGS.has(child.name.toLowerCase())) !== undefined;

  const blockContext = (el: DomElement, ctx: BlockContext): BlockContext => {
    const ownLang = normalizeLanguage(el.attribs.lang ?? el.attribs['xml:lang']);
    const lang = ownLang ?? ctx.lang;
    const dirAttr = readDir(el);
    let dir: Direction;
    if (dirAttr === 'rtl' || dirAttr === 'ltr') dir = dirAttr;
    else if (dirAttr === 'auto') dir = detectDirection(flatText(el.children)) ?? ctx.dir;
    else if (ownLang) dir = directionOf(ownLang);
    else dir = ctx.dir;
    return { ...ctx, lang, dir, depth: ctx.depth + 1 };
  };

  /** The `lang` mark an inline element sets, relative to the language of its block. */
  const langMark = (el: DomElement, current: string | undefined, block: BlockContext): string | undefined => {
    const ownLang = normalizeLanguage(el.attribs.lang ?? el.attribs['xml:lang']);
    if (ownLang) return primary(ownLang) === primary(block.lang) ? undefined : ownLang;
    const dir = readDir(el);
    if (dir === 'ltr' && directionOf(current ?? block.lang) === 'rtl') {
      // A left-to-right run with no language named: keep that it is foreign, without guessing which.
      return 'und';
    }
    if (dir === 'rtl' && directionOf(current ?? block.lang) === 'ltr') {
      return directionOf(storyLanguage) === 'rtl' ? storyLanguage : 'ar';
    }
    return current;
  };

  const imageBlock = (img: DomElement, ctx: BlockContext, caption = '', credit = ''): BlockElement => {
    const alt = clean(img.attribs.alt ?? '').trim();
    const src = (img.attribs.src ?? '').trim();
    images.push({ src, alt });
    note('image-not-imported', 'image files are not copied yet; alt text and caption kept');
    const block: BlockElement = { type: 'image', dir: ctx.dir, lang: ctx.lang, children: [{ text: '' }] };
    if (alt) block.alt = alt;
    if (caption) block.caption = caption;
    if (credit) block.credit = credit;
    return block;
  };

  /** Walks inline content into pieces; images found inline are hoisted into `hoisted`. */
  const collectInline = (
    nodes: DomNode[],
    marks: Marks,
    link: string | undefined,
    block: BlockContext,
    pieces: Piece[],
    hoisted: BlockElement[],
    depth: number,
  ): void => {
    if (depth > MAX_DEPTH) {
      note('formatting-lost', 'markup nested too deeply was flattened to plain text');
      const text = clean(flatText(nodes)).replace(/[ \t\n\r\f]+/g, ' ');
      if (text) pieces.push({ text, marks, link });
      return;
    }
    for (const node of nodes) {
      if (isText(node)) {
        const text = clean(node.data).replace(/[ \t\n\r\f]+/g, ' ');
        if (text) pieces.push({ text, marks, link });
        continue;
      }
      if (!isElement(node)) continue; // comments, doctype, processing instructions
      const el = node as DomElement;
      const name = el.name.toLowerCase();
      if (DROPPED.has(name)) {
        note('dropped-element', `<${name}> removed with its content`);
        continue;
      }
      if (name === 'br') {
        pieces.push({ text: '\n', marks, link, hard: true });
        continue;
      }
      if (name === 'img') {
        hoisted.push(imageBlock(el, block));
        continue;
      }
      let next: Marks = { ...marks };
      let nextLink = link;
      if (name === 'b' || name === 'strong') next.bold = true;
      if (name === 'i' || name === 'em') next.italic = true;
      if (name === 'u' || name === 'ins') next.underline = true;
      if (UNSUPPORTED_FORMATTING.has(name)) note('formatting-lost', `<${name}> formatting (text kept)`);
      next = marksFromStyle(el.attribs.style, next);
      next.lang = langMark(el, next.lang, block);
      if (name === 'a' && el.attribs.href !== undefined && !link) {
        const href = clean(el.attribs.href).trim();
        if (SafeUrl.safeParse(href).success) nextLink = href;
        else note('link-removed', `link to "${href.slice(0, 80)}" (text kept)`);
      }
      const isBlock = BLOCK_TAGS.has(name);
      // A block tag inside inline content still separates words.
      if (isBlock) pieces.push({ text: ' ', marks, link });
      collectInline(el.children, next, nextLink, block, pieces, hoisted, depth + 1);
      if (isBlock) pieces.push({ text: ' ', marks, link });
    }
  };

  /** Collapses HTML whitespace across pieces, merges equal neighbours and builds Slate inlines. */
  const buildInlines = (pieces: Piece[]): (BodyText | LinkElement)[] => {
    let prevEndsSpace = true; // true at the start: leading space is dropped
    for (const piece of pieces) {
      if (piece.hard) {
        prevEndsSpace = true;
        continue;
      }
      if (prevEndsSpace && piece.text.startsWith(' ')) piece.text = piece.text.slice(1);
      if (piece.text) prevEndsSpace = piece.text.endsWith(' ');
    }
    // Line breaks and spaces at the end go, and so does a space just before a line break.
    for (let i = pieces.length - 1; i >= 0; i -= 1) {
      const piece = pieces[i]!;
      if (piece.hard) piece.text = '';
      else if (piece.text) piece.text = piece.text.replace(/ $/, '');
      if (piece.text) break;
    }
    pieces.forEach((piece, i) => {
      if (!piece.hard || !piece.text) return;
      for (let j = i - 1; j >= 0 && !pieces[j]!.hard; j -= 1) {
        if (pieces[j]!.text) {
          pieces[j]!.text = pieces[j]!.text.replace(/ $/, '');
          return;
        }
      }
    });
    while (pieces.length && (pieces[0]!.hard || !pieces[0]!.text)) pieces.shift();

    const merged: Piece[] = [];
    for (const piece of pieces) {
      if (!piece.text) continue;
      const last = merged[merged.length - 1];
      if (last && last.link === piece.link && sameMarks(last.marks, piece.marks)) last.text += piece.text;
      else merged.push({ ...piece });
    }

    const inlines: (BodyText | LinkElement)[] = [];
    for (const piece of merged) {
      const text = leaf(piece.text, piece.marks);
      const last = inlines[inlines.length - 1];
      if (piece.link) {
        if (last && 'type' in last && last.url === piece.link) last.children.push(text);
        else inlines.push({ type: 'link', url: piece.link, children: [text] });
      } else {
        inlines.push(text);
      }
    }
    // Slate keeps a text node before, between and after inline links.
    const normalized: (BodyText | LinkElement)[] = [];
    for (const node of inlines) {
      const prev = normalized[normalized.length - 1];
      if ('type' in node && (!prev || 'type' in prev)) normalized.push({ text: '' });
      normalized.push(node);
    }
    const tail = normalized[normalized.length - 1];
    if (!tail || 'type' in tail) normalized.push({ text: '' });
    return normalized;
  };

  const isBlank = (inlines: (BodyText | LinkElement)[]): boolean =>
    inlines.every((node) =>
      ('type' in node ? node.children : [node]).every((t) => !t.text.replace(/\s/g, '')),
    );

  const emitTextBlock = (
    type: TextBlockType,
    nodes: DomNode[],
    ctx: BlockContext,
    out: BlockElement[],
  ): void => {
    const pieces: Piece[] = [];
    const hoisted: BlockElement[] = [];
    collectInline(nodes, ctx.marks, ctx.link, ctx, pieces, hoisted, ctx.depth);
    const inlines = buildInlines(pieces);
    if (!isBlank(inlines)) out.push({ type, dir: ctx.dir, lang: ctx.lang, children: inlines });
    out.push(...hoisted);
  };

  const listBlock = (el: DomElement, ctx: BlockContext): BlockElement | undefined => {
    const type: BlockType = el.name.toLowerCase() === 'ol' ? 'numbered-list' : 'bulleted-list';
    const items: BlockElement[] = [];
    const itemCtx: BlockContext = { ...ctx, textType: 'paragraph' };
    const addItem = (content: BlockElement[], itemContext: BlockContext): void => {
      if (content.length === 0) return;
      const only = content[0]!;
      if (content.length === 1 && only.type === 'paragraph') {
        items.push({ type: 'list-item', dir: only.dir, lang: only.lang, children: only.children });
      } else {
        items.push({ type: 'list-item', dir: itemContext.dir, lang: itemContext.lang, children: content });
      }
    };
    let loose: DomNode[] = [];
    const flushLoose = (): void => {
      const content: BlockElement[] = [];
      blocksFrom(loose, itemCtx, content);
      addItem(content, itemCtx);
      loose = [];
    };
    for (const child of el.children) {
      if (!isElement(child)) {
        loose.push(child);
        continue;
      }
      const childEl = child as DomElement;
      const name = childEl.name.toLowerCase();
      if (name === 'li') {
        flushLoose();
        const liCtx = blockContext(childEl, itemCtx);
        const content: BlockElement[] = [];
        blocksFrom(childEl.children, liCtx, content);
        addItem(content, liCtx);
      } else if ((name === 'ul' || name === 'ol') && items.length > 0) {
        // A list directly inside a list (common in pasted HTML) belongs to the item before it.
        flushLoose();
        const nested = listBlock(childEl, blockContext(childEl, ctx));
        const previous = items[items.length - 1]!;
        if (nested) {
          const isInline = previous.children.every((node) => !('type' in node) || node.type === 'link');
          previous.children = isInline
            ? [
                { type: 'paragraph', dir: previous.dir, lang: previous.lang, children: previous.children },
                nested,
              ]
            : [...previous.children, nested];
        }
      } else {
        loose.push(child);
      }
    }
    flushLoose();
    if (items.length === 0) return undefined;
    return { type, dir: ctx.dir, lang: ctx.lang, children: items };
  };

  const figureBlock = (el: DomElement, ctx: BlockContext, out: BlockElement[]): boolean => {
    const img = findElement(el.children, (node) => node.name.toLowerCase() === 'img');
    if (!img) return false;
    const figcaption = findElement(el.children, (node) => node.name.toLowerCase() === 'figcaption');
    let caption = '';
    let credit = '';
    if (figcaption) {
      const creditEl = findElement(figcaption.children, (node) =>
        /\bcredit\b/.test(node.attribs.class ?? ''),
      );
      if (creditEl) {
        credit = clean(flatText(creditEl.children)).replace(/\s+/g, ' ').trim();
        DomUtils.removeElement(creditEl);
      }
      caption = clean(flatText(figcaption.children)).replace(/\s+/g, ' ').trim();
    }
    out.push(imageBlock(img as DomElement, ctx, caption, credit));
    return true;
  };

  /** Converts a run of sibling nodes into blocks, turning loose inline content into `ctx.textType` blocks. */
  function blocksFrom(nodes: DomNode[], ctx: BlockContext, out: BlockElement[]): void {
    if (ctx.depth > MAX_DEPTH) {
      note('formatting-lost', 'markup nested too deeply was flattened to plain text');
      const text = clean(flatText(nodes)).replace(/\s+/g, ' ').trim();
      if (text)
        out.push({ type: ctx.textType, dir: ctx.dir, lang: ctx.lang, children: [leaf(text, ctx.marks)] });
      return;
    }
    let run: DomNode[] = [];
    const flush = (): void => {
      if (run.length) emitTextBlock(ctx.textType, run, ctx, out);
      run = [];
    };
    for (const node of nodes) {
      if (isText(node)) {
        run.push(node);
        continue;
      }
      if (!isElement(node)) continue;
      const el = node as DomElement;
      const name = el.name.toLowerCase();
      if (DROPPED.has(name)) {
        note('dropped-element', `<${name}> removed with its content`);
        continue;
      }
      if (!BLOCK_TAGS.has(name)) {
        if (!hasBlockDescendant(el)) {
          run.push(node);
          continue;
        }
        // An inline element wrapping blocks (Google Docs wraps a whole paste in <b style="font-weight:normal">):
        // unwrap it and pass its formatting down.
        flush();
        let marks: Marks = { ...ctx.marks };
        if (name === 'b' || name === 'strong') marks.bold = true;
        if (name === 'i' || name === 'em') marks.italic = true;
        if (name === 'u') marks.underline = true;
        marks = marksFromStyle(el.attribs.style, marks);
        marks.lang = langMark(el, marks.lang, ctx);
        let link = ctx.link;
        if (name === 'a' && el.attribs.href !== undefined && !link) {
          const href = clean(el.attribs.href).trim();
          if (SafeUrl.safeParse(href).success) link = href;
          else note('link-removed', `link to "${href.slice(0, 80)}" (text kept)`);
        }
        blocksFrom(el.children, { ...ctx, marks, link, depth: ctx.depth + 1 }, out);
        continue;
      }
      flush();
      blockElement(el, ctx, out);
    }
    flush();
  }

  function blockElement(el: DomElement, parent: BlockContext, out: BlockElement[]): void {
    const name = el.name.toLowerCase();
    const ctx = blockContext(el, parent);
    switch (name) {
      case 'h1':
      case 'h2':
        blocksFrom(el.children, { ...ctx, textType: 'heading-two' }, out);
        return;
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        blocksFrom(el.children, { ...ctx, textType: 'heading-three' }, out);
        return;
      case 'blockquote': {
        const pull = /\bpull-?quote\b/i.test(el.attribs.class ?? '');
        blocksFrom(el.children, { ...ctx, textType: pull ? 'pull-quote' : 'block-quote' }, out);
        return;
      }
      case 'ul':
      case 'ol': {
        const list = listBlock(el, ctx);
        if (list) out.push(list);
        return;
      }
      case 'hr':
        out.push({ type: 'separator', dir: ctx.dir, lang: ctx.lang, children: [{ text: '' }] });
        return;
      case 'img':
        out.push(imageBlock(el, ctx));
        return;
      case 'figure':
        if (figureBlock(el, ctx, out)) return;
        blocksFrom(el.children, ctx, out);
        return;
      case 'table':
        note('table-flattened', 'table cells became paragraphs');
        blocksFrom(el.children, { ...ctx, textType: 'paragraph' }, out);
        return;
      case 'p':
      case 'li':
      case 'dt':
      case 'dd':
      case 'pre':
        // Paragraphs take the surrounding text type, so a <p> inside a quote stays a quote.
        blocksFrom(el.children, ctx, out);
        return;
      default:
        // div, section, td… : containers, their text becomes paragraphs (or quotes inside a quote).
        blocksFrom(el.children, ctx, out);
    }
  }

  const root: BlockContext = {
    dir: directionOf(storyLanguage),
    lang: storyLanguage,
    textType: 'paragraph',
    marks: {},
    depth: 0,
  };
  const document = parseDocument(html, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
  const out: BlockElement[] = [];
  blocksFrom(document.children, root, out);
  if (capDepth(out, 1)) note('formatting-lost', 'lists nested too deeply were flattened to plain text');
  return { body: out.length > 0 ? out : emptyBody(storyLanguage), changes: [...changes.values()], images };
}
