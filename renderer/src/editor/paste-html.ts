/**
 * Pasted HTML → story blocks, in the page. DOMPurify removes everything that could run (scripts,
 * event handlers, frames, SVG, `<style>`) in an inert document; Word's list paragraphs are turned
 * back into real lists; then the shared converter (shared/format/html-to-body.ts) keeps only the
 * structures a story has. What was dropped or changed is collected for the notice.
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { BIDI_CONTROLS, htmlToBody, type BodyChange } from '../../../shared/format/html-to-body';
import { directionOf, type StoryBody } from '../../../shared/story/schema';
import { detectDirection } from './direction';

/** What the paste notice reports: the converter's change kinds and the sanitizer's. */
export interface PasteChange {
  kind: BodyChange['kind'] | 'code-removed' | 'handler-removed' | 'styles-removed';
  detail: string;
  count: number;
}

export interface PastedContent {
  body: StoryBody;
  changes: PasteChange[];
  /** `src` of each image block of `body`, in document order */
  imageSources: string[];
}

const ALLOWED_TAGS = [
  'p', 'div', 'span', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li',
  'a', 'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'sub', 'sup', 'img', 'figure',
  'figcaption', 'hr', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'bdi', 'bdo',
  'section', 'article', 'header', 'footer', 'pre', 'code', 'small', 'mark', 'cite', 'q', 'font',
  'center', 'dl', 'dt', 'dd', 'main', 'aside',
]; // prettier-ignore

/** `style` stays: html-to-body reads bold, italic and underline from it and nothing else. */
const ALLOWED_ATTR = ['dir', 'lang', 'href', 'src', 'alt', 'class', 'style', 'title'];

/** Removed elements that are Word's or the clipboard's packaging, not anything the author wrote. */
const PACKAGING = /^(html|head|body|meta|link|title|xml|o:p|w:.*|m:.*|v:.*|st1:.*|#comment)$/i;

let purifier: DOMPurify | undefined;

function summarizeRemoved(removed: DOMPurify['removed']): PasteChange[] {
  const counts = new Map<string, PasteChange>();
  const add = (kind: PasteChange['kind'], detail: string) => {
    const key = `${kind} ${detail}`;
    const change = counts.get(key);
    if (change) change.count += 1;
    else counts.set(key, { kind, detail, count: 1 });
  };
  for (const entry of removed) {
    if ('element' in entry && !('attribute' in entry)) {
      const name = entry.element.nodeName.toLowerCase();
      if (PACKAGING.test(name)) continue;
      // Word and web pages carry style sheets: not dangerous once removed, but the look goes.
      if (name === 'style') add('styles-removed', '<style>');
      else add('code-removed', `<${name}>`);
    } else if ('attribute' in entry && entry.attribute) {
      const name = (entry.attribute as Attr).name.toLowerCase();
      if (name.startsWith('on')) add('handler-removed', name);
      else if (name === 'href' || name === 'src' || name === 'xlink:href') {
        add('link-removed', (entry.attribute as Attr).value.slice(0, 80));
      } else if (name !== 'xmlns' && !name.includes(':')) add('formatting-lost', name);
    }
  }
  return [...counts.values()];
}

/** Word's quote styles become real quotes (html-to-body knows `<blockquote>`, not Word's classes). */
function rebuildWordQuotes(root: HTMLElement): void {
  for (const paragraph of Array.from(root.querySelectorAll('p[class]'))) {
    const name = paragraph.getAttribute('class') ?? '';
    if (!/\bMso(Intense)?Quote\b/i.test(name)) continue;
    const quote = root.ownerDocument.createElement('blockquote');
    if (/Intense/i.test(name)) quote.className = 'pull-quote';
    paragraph.replaceWith(quote);
    quote.append(paragraph);
  }
}

/** Word marks list paragraphs with `mso-list:lN levelM`; the bullet itself is a `mso-list:Ignore` span. */
function rebuildWordLists(root: HTMLElement): void {
  const document = root.ownerDocument;
  const isWordItem = (node: Element | null): node is HTMLElement =>
    !!node && node.tagName === 'P' && /mso-list:\s*l\d+\s+level\d+/i.test(node.getAttribute('style') ?? '');
  // The sanitizer hands back a detached tree, so "already moved" is tracked here, not by isConnected.
  const done = new Set<Element>();
  for (const first of Array.from(root.querySelectorAll('p'))) {
    if (done.has(first) || !isWordItem(first) || isWordItem(first.previousElementSibling)) continue;
    const items: HTMLElement[] = [];
    for (let node: Element | null = first; isWordItem(node); node = node.nextElementSibling) {
      items.push(node);
      done.add(node);
    }
    const stack: { level: number; list: HTMLElement }[] = [];
    const top = document.createElement('ul');
    first.before(top);
    for (const item of items) {
      const level = Number(/level(\d+)/i.exec(item.getAttribute('style') ?? '')?.[1] ?? '1');
      let marker = '';
      for (const ignore of Array.from(item.querySelectorAll('span'))) {
        if (/mso-list:\s*ignore/i.test(ignore.getAttribute('style') ?? '')) {
          marker += ignore.textContent ?? '';
          ignore.remove();
        }
      }
      const ordered = /^\s*([\d\u0660-\u0669]+|[a-z]|[ivx]+)[.)]/i.test(marker);
      while (stack.length && stack[stack.length - 1]!.level > level) stack.pop();
      let current = stack[stack.length - 1];
      if (!current || current.level < level) {
        const list = stack.length === 0 ? top : document.createElement('ul');
        if (stack.length > 0) current!.list.append(list);
        current = { level, list };
        stack.push(current);
      }
      if (current.list.childElementCount === 0 && ordered) {
        const ol = document.createElement('ol');
        current.list.replaceWith(ol);
        if (current.list === top && stack[0]) stack[0].list = ol;
        current.list = ol;
      }
      const li = document.createElement('li');
      for (const attribute of ['dir', 'lang']) {
        const value = item.getAttribute(attribute);
        if (value) li.setAttribute(attribute, value);
      }
      li.append(...Array.from(item.childNodes));
      current.list.append(li);
      item.remove();
    }
  }
}

/** Sanitizes and converts pasted HTML for a story in `language`. */
export function convertPastedHtml(html: string, language: string): PastedContent {
  purifier ??= createDOMPurify(window);
  const fragment = purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    RETURN_DOM: true,
    WHOLE_DOCUMENT: false,
  }) as HTMLElement;
  const removed = summarizeRemoved(purifier.removed);
  // Word's style sheet sits in <head>, which the sanitizer drops without listing it.
  const sheets = html.match(/<style[\s>]/gi)?.length ?? 0;
  const listed = removed.find((change) => change.kind === 'styles-removed');
  if (sheets > (listed?.count ?? 0)) {
    if (listed) listed.count = sheets;
    else removed.push({ kind: 'styles-removed', detail: '<style>', count: sheets });
  }
  rebuildWordLists(fragment);
  rebuildWordQuotes(fragment);
  const converted = htmlToBody(fragment.innerHTML, { language });
  const changes: PasteChange[] = [
    ...removed,
    ...converted.changes.filter((change) => change.kind !== 'image-not-imported'),
  ];
  return { body: converted.body, changes, imageSources: converted.images.map((image) => image.src) };
}

/** Plain text → one block per line, each with the direction of its own first letter. */
export function convertPastedText(text: string, language: string): PastedContent {
  const controls = text.match(BIDI_CONTROLS)?.length ?? 0;
  const lines = text
    .replace(BIDI_CONTROLS, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
  const storyDir = directionOf(language);
  const body: StoryBody = lines.map((line) => {
    const dir = detectDirection(line) ?? storyDir;
    const lang = dir === storyDir ? language : dir === 'rtl' ? 'ar' : 'en';
    return { type: 'paragraph', dir, lang, children: [{ text: line }] };
  });
  const changes: PasteChange[] = controls
    ? [{ kind: 'bidi-controls-removed', detail: 'direction marks', count: controls }]
    : [];
  return { body, changes, imageSources: [] };
}
