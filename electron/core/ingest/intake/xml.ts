/**
 * Safe XML for wire files. htmlparser2 (XML mode) never reads a DTD, never fetches an external
 * entity and never expands a declared one; on top of that, before parsing:
 * - a file declaring any entity is refused (an external one as XXE, others as entity expansion);
 * - a DOCTYPE that only names an external DTD (`<!DOCTYPE nitf SYSTEM "nitf-3-5.dtd">`, normal in
 *   NITF) is dropped unread, with a warning; one with an internal subset is refused;
 * - elements nested deeper than `MAX_XML_DEPTH`, unclosed or crossed elements refuse the file.
 */
import { DomUtils, Parser, parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { MAX_XML_DEPTH, WireRejection, type WireWarning } from './item';

export type { Element };

/** Which refusal a DTD calls for, read from the declarations' text only. */
function dtdRefusal(xml: string): WireRejection | undefined {
  const entities = xml.match(/<!ENTITY[^>]*>/gi) ?? [];
  if (entities.some((declaration) => /\b(SYSTEM|PUBLIC)\b/i.test(declaration)))
    return new WireRejection(
      'xml-external-entity',
      'the XML declares an external entity (XXE), which is never accepted',
    );
  if (entities.length > 0 || /<!ENTITY/i.test(xml))
    return new WireRejection(
      'xml-entity-expansion',
      'the XML declares entities (entity expansion), which are never accepted',
    );
  return undefined;
}

/** A DOCTYPE that names an external DTD and nothing else: `<!DOCTYPE name SYSTEM "…">` or `PUBLIC "…" "…"`. */
const NAMING_DOCTYPE =
  /<!DOCTYPE\s+[\w:.-]+(\s+(SYSTEM\s+("[^"]*"|'[^']*')|PUBLIC\s+("[^"]*"|'[^']*')(\s+("[^"]*"|'[^']*'))?))?\s*>/i;

/** Refuses unsafe declarations and drops a harmless DOCTYPE; returns the text to parse. */
export function guardXml(xml: string, warnings: WireWarning[]): string {
  const refusal = dtdRefusal(xml);
  if (refusal) throw refusal;
  const doctypes = xml.match(/<!DOCTYPE/gi)?.length ?? 0;
  if (doctypes === 0) return xml;
  const match = NAMING_DOCTYPE.exec(xml);
  if (doctypes > 1 || !match)
    throw new WireRejection('xml-dtd', 'the XML declares a DTD of its own, which is never accepted');
  warnings.push({ code: 'dtd-ignored' });
  return xml.slice(0, match.index) + xml.slice(match.index + match[0].length);
}

/** Checks nesting depth and balance with a streaming pass, so a hostile file never builds a deep tree. */
function checkStructure(xml: string): void {
  let depth = 0;
  let roots = 0;
  let problem: WireRejection | undefined;
  const parser = new Parser(
    {
      onopentag() {
        if (depth === 0) roots += 1;
        depth += 1;
        if (depth > MAX_XML_DEPTH && !problem) {
          problem = new WireRejection(
            'xml-too-deep',
            `its elements are nested more than ${MAX_XML_DEPTH} deep`,
            { limit: MAX_XML_DEPTH },
          );
          parser.pause();
        }
      },
      onclosetag(name, isImplied) {
        depth -= 1;
        // htmlparser2 reports a self-closing tag as an implied close too; only `/>` makes it one.
        const selfClosing = xml[parser.endIndex] === '>' && xml[parser.endIndex - 1] === '/';
        if (isImplied && !selfClosing && !problem) {
          problem = new WireRejection(
            'malformed-xml',
            `it is not well-formed XML (<${name}> is not closed)`,
            {
              detail: `<${name}> is not closed`,
            },
          );
          parser.pause();
        }
      },
    },
    { xmlMode: true },
  );
  parser.write(xml);
  if (!problem) parser.end();
  if (problem) throw problem;
  if (roots !== 1)
    throw new WireRejection(
      'malformed-xml',
      roots === 0
        ? 'it is not XML (no root element)'
        : 'it is not well-formed XML (more than one root element)',
      { detail: roots === 0 ? 'no root element' : 'several root elements' },
    );
}

/** Parses wire XML safely and returns its root element. */
export function parseWireXml(xml: string, warnings: WireWarning[]): Element {
  const text = guardXml(xml, warnings);
  checkStructure(text);
  const doc = parseDocument(text, { xmlMode: true, decodeEntities: true });
  const root = doc.children.find((node): node is Element => node.type === 'tag');
  if (!root)
    throw new WireRejection('malformed-xml', 'it is not XML (no root element)', { detail: 'no root' });
  return root;
}

// ---------------------------------------------------------------- reading helpers

/** Local name of an element, without its namespace prefix. */
export const local = (el: Element): string => el.name.replace(/^.*:/, '');
export const elements = (el: Element | undefined): Element[] =>
  el ? el.children.filter((node): node is Element => node.type === 'tag') : [];
export const kid = (el: Element | undefined, name: string): Element | undefined =>
  elements(el).find((c) => local(c) === name);
export const kids = (el: Element | undefined, name: string): Element[] =>
  elements(el).filter((c) => local(c) === name);
/** The first descendant with a local name. */
export const find = (el: Element | undefined, name: string): Element | undefined =>
  el ? (DomUtils.findOne((e) => local(e) === name, el.children, true) ?? undefined) : undefined;
export const findAll = (el: Element | undefined, name: string): Element[] =>
  el ? DomUtils.findAll((e) => local(e) === name, el.children) : [];
/** Text content, whitespace collapsed. */
export const textOf = (el: Element | undefined): string =>
  el ? DomUtils.textContent(el).replace(/\s+/g, ' ').trim() : '';
/** An attribute by local name (`xml:lang` as `lang` when asked for `xml:lang`). */
export const attr = (el: Element | undefined, name: string): string =>
  (
    el?.attribs[name] ??
    (el ? Object.entries(el.attribs).find(([k]) => k.replace(/^.*:/, '') === name)?.[1] : '') ??
    ''
  ).trim();

const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string): string => escapeText(text).replace(/"/g, '&quot;');

const VOID = new Set(['img', 'br', 'hr']);
const KEPT_ATTRIBUTES = ['href', 'src', 'alt', 'title', 'dir', 'colspan', 'rowspan', 'class'];

/**
 * What an element becomes in HTML: a tag name, `null` to drop it with its content, or `undefined`
 * to keep only its content.
 */
export type HtmlRename = (el: Element, name: string) => string | null | undefined;

/** Serializes XML nodes as HTML by local names (so `html:p` and `p` read alike), through `rename`. */
export function xmlToHtml(nodes: readonly AnyNode[], rename: HtmlRename): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += escapeText((node as unknown as { data: string }).data);
    else if (node.type === 'cdata')
      out += xmlToHtml((node as unknown as { children: AnyNode[] }).children, rename);
    else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const el = node as Element;
      const name = rename(el, local(el));
      if (name === null) continue;
      const inner = xmlToHtml(el.children, rename);
      if (name === undefined) {
        out += inner;
        continue;
      }
      let attributes = '';
      for (const key of KEPT_ATTRIBUTES) {
        const value = attr(el, key);
        if (value) attributes += ` ${key}="${escapeAttr(value)}"`;
      }
      const lang = attr(el, 'lang');
      if (lang) attributes += ` lang="${escapeAttr(lang)}"`;
      out += VOID.has(name) ? `<${name}${attributes}>` : `<${name}${attributes}>${inner}</${name}>`;
    }
  }
  return out;
}

/** XHTML as it is: every element under its local name. */
export const asIs: HtmlRename = (_el, name) => name;
