/**
 * NewsML-G2 → wire items. A `newsItem` alone or inside a `newsMessage` (a `packageItem` in the
 * same message orders the text items it references); text from `inlineXML` in XHTML with any
 * prefix or as NITF, or `inlineData` of type text/plain; `remoteContent` is noted. The XHTML
 * `<header>` and `<footer>` go to their own fields, never into the text.
 */
import { DomUtils } from 'htmlparser2';
import { normalizeLanguage } from '../../../../shared/format/html-to-body';
import { setTime } from './dates';
import { emptyItem, warn, WireRejection, type WireItem } from './item';
import { readNitfBody } from './nitf';
import { addKeyword, addSubject, iptcSchemes, splitCode, type SchemeTable } from './subjects';
import { looksLikeHtml, noteRole, textToHtml, urgencyOf } from './text';
import {
  asIs,
  attr,
  elements,
  find,
  findAll,
  kid,
  kids,
  local,
  textOf,
  xmlToHtml,
  type Element,
} from './xml';

export const NAR_NS = 'http://iptc.org/std/nar/2006-10-01/';

/** Item classes that are text stories; every other class is refused as `not-text`. */
const TEXT_CLASSES = new Set(['text', 'composite']);

/** The item kinds NewsML-G2 defines besides newsItem, none of them a story. */
const NOT_STORIES = new Set(['conceptItem', 'knowledgeItem', 'planningItem', 'catalogItem']);

/** The scheme aliases an item declares in an inline catalog, added to IPTC's. */
function schemesOf(root: Element): SchemeTable {
  const table = iptcSchemes();
  for (const scheme of findAll(kid(root, 'catalog'), 'scheme')) {
    const alias = attr(scheme, 'alias');
    const uri = attr(scheme, 'uri');
    if (alias && uri) table.set(alias, uri);
  }
  return table;
}

/** The class of a newsItem (`text`, `picture`…), from its itemClass qcode or URI. */
function itemClassOf(itemMeta: Element | undefined): string {
  const itemClass = kid(itemMeta, 'itemClass');
  const value = attr(itemClass, 'qcode') || attr(itemClass, 'uri');
  return value.replace(/^.*[:/]/, '').toLowerCase();
}

const XHTML_SKIP = new Set(['head', 'title', 'script', 'style', 'header', 'footer']);

/** XHTML body → HTML without header, footer, and a first heading that repeats the headline. */
function xhtmlBody(html: Element, item: WireItem): string {
  const body = local(html) === 'body' ? html : (kid(html, 'body') ?? html);
  const header = findAll(body, 'header');
  const footer = findAll(body, 'footer');
  if (header.length && !item.header) item.header = header.map(textOf).join(' ').trim();
  if (footer.length && !item.footer) item.footer = footer.map(textOf).join(' ').trim();
  // A lead picture travels as the first figure, marked `lead-image` (as Mihbara writes it).
  const lead = elements(body).find(
    (el) => local(el) === 'figure' && /\blead-image\b/.test(attr(el, 'class')),
  );
  if (lead) {
    const img = find(lead, 'img');
    const caption = find(lead, 'figcaption');
    const credit = caption
      ? findAll(caption, 'span').find((el) => /\bcredit\b/.test(attr(el, 'class')))
      : undefined;
    const creditText = textOf(credit);
    const captionText = textOf(caption);
    const picture: WireItem['pictures'][number] = { href: attr(img, 'src'), role: 'featureimage' };
    const captionOnly =
      creditText && captionText.endsWith(creditText)
        ? captionText.slice(0, -creditText.length).trim()
        : captionText;
    if (captionOnly) picture.caption = captionOnly;
    if (creditText) picture.credit = creditText;
    if (attr(img, 'alt')) picture.alt = attr(img, 'alt');
    if (picture.href) item.pictures.push(picture);
  }
  for (const img of findAll(body, 'img')) {
    if (lead && findAll(lead, 'img').includes(img)) continue;
    const src = attr(img, 'src');
    if (src) {
      const picture: WireItem['pictures'][number] = { href: src, role: 'body' };
      const alt = attr(img, 'alt');
      if (alt) picture.alt = alt;
      item.pictures.push(picture);
    }
  }
  const blocks = elements(body).filter((el) => !XHTML_SKIP.has(local(el)));
  const first = blocks[0];
  const skipFirst =
    first && /^h[1-6]$/.test(local(first)) && textOf(first).toLowerCase() === item.headline.toLowerCase();
  return xmlToHtml(
    body.children.filter((node) => node !== (skipFirst ? first : undefined) && node !== lead),
    (el, name) => (XHTML_SKIP.has(name) ? null : asIs(el, name)),
  );
}

/** Reads the contentSet: XHTML, NITF or plain text; remote content is noted. */
function readContent(contentSet: Element | undefined, item: WireItem): void {
  const inline = kids(contentSet, 'inlineXML');
  const typeOf = (el: Element) => attr(el, 'contenttype').toLowerCase();
  const xhtml = inline.find((el) => /html/.test(typeOf(el)) || elements(el).some((c) => local(c) === 'html'));
  const nitf = inline.find((el) => /nitf/.test(typeOf(el)) || elements(el).some((c) => local(c) === 'nitf'));
  if (xhtml) {
    const html = elements(xhtml).find((c) => local(c) === 'html' || local(c) === 'body') ?? xhtml;
    item.bodyHtml = xhtmlBody(html, item);
    return;
  }
  if (nitf) {
    const body = find(nitf, 'body') ?? find(nitf, 'body.content');
    if (body) readNitfBody(body, item);
    return;
  }
  const data = kids(contentSet, 'inlineData').find((el) => /^text\/|^$/.test(typeOf(el)));
  if (data) {
    const text = DomUtils.textContent(data);
    // Plain text that is really markup (a provider's mislabel) is read as markup.
    item.bodyHtml = /html/.test(typeOf(data)) || looksLikeHtml(text) ? text : textToHtml(text);
    return;
  }
  const otherXml = inline[0];
  if (otherXml) {
    item.bodyHtml = xmlToHtml(otherXml.children, asIs);
    return;
  }
  for (const remote of kids(contentSet, 'remoteContent')) {
    const href = attr(remote, 'href') || attr(remote, 'residref');
    if (href) warn(item, 'remote-content', href);
  }
}

/** One G2 newsItem → wire item; throws `not-text` for pictures, video and the like. */
export function readNewsItem(root: Element, fallbackGuid: string, schemes = schemesOf(root)): WireItem {
  const item = emptyItem('newsml');
  item.formatVersion = attr(root, 'standardversion') || undefined;
  const itemMeta = kid(root, 'itemMeta');
  const contentMeta = kid(root, 'contentMeta');
  const itemClass = itemClassOf(itemMeta);
  if (itemClass && !TEXT_CLASSES.has(itemClass))
    throw new WireRejection('not-text', `it is a NewsML-G2 ${itemClass} item, not a text story`, {
      type: itemClass,
    });
  item.guid = attr(root, 'guid') || fallbackGuid;
  if (!attr(root, 'guid')) warn(item, 'schema-deviation', 'the newsItem has no guid');
  if (attr(root, 'version')) item.version = attr(root, 'version');
  if (!itemMeta || !contentMeta) warn(item, 'schema-deviation', 'the newsItem lacks itemMeta or contentMeta');

  const provider = kid(itemMeta, 'provider');
  const providerName =
    textOf(kid(provider, 'name')) ||
    attr(provider, 'literal') ||
    attr(provider, 'qcode') ||
    attr(provider, 'uri');
  if (providerName) item.provider = providerName;
  setTime(item, 'versionCreated', textOf(kid(itemMeta, 'versionCreated')));
  setTime(item, 'firstCreated', textOf(kid(itemMeta, 'firstCreated')));
  setTime(item, 'embargo', textOf(kid(itemMeta, 'embargoed')));
  const status = /(usable|withheld|canceled)$/.exec(attr(kid(itemMeta, 'pubStatus'), 'qcode'))?.[1];
  if (status) item.pubStatus = status as WireItem['pubStatus'];
  for (const note of [...kids(itemMeta, 'edNote'), ...kids(contentMeta, 'edNote')]) {
    const text = textOf(note);
    if (text) item.edNotes.push({ role: noteRole(attr(note, 'role')), text });
  }

  const language =
    normalizeLanguage(attr(kid(contentMeta, 'language'), 'tag')) ?? normalizeLanguage(attr(root, 'lang'));
  if (language) item.language = language;
  const urgency = urgencyOf(textOf(kid(contentMeta, 'urgency')));
  if (urgency) item.urgency = urgency;
  setTime(item, 'contentCreated', textOf(kid(contentMeta, 'contentCreated')));

  const headlines = kids(contentMeta, 'headline').filter((h) => textOf(h));
  const isSub = (h: Element) => /sub|deck|standfirst/i.test(attr(h, 'role'));
  const main =
    headlines.find((h) => !attr(h, 'role') || /main|headline/i.test(attr(h, 'role'))) ??
    headlines.find((h) => !isSub(h));
  if (main) item.headline = textOf(main);
  const sub = headlines.find((h) => h !== main && isSub(h)) ?? headlines.find((h) => h !== main);
  if (sub) item.subheadline = textOf(sub);
  const slugline = textOf(kid(contentMeta, 'slugline'));
  if (slugline) item.slugline = slugline;
  const by = kids(contentMeta, 'by').map(textOf).filter(Boolean);
  const creators = kids(contentMeta, 'creator')
    .map((c) => textOf(kid(c, 'name')) || attr(c, 'literal'))
    .filter(Boolean);
  const byline = by.length ? by : creators;
  if (byline.length) item.byline = byline.join(', ');
  const located = kid(contentMeta, 'located');
  const place = textOf(kid(located, 'name')) || attr(located, 'literal');
  const datelineText = textOf(kid(contentMeta, 'dateline'));
  if (place || datelineText) {
    item.dateline = {};
    if (place || datelineText) item.dateline.place = place || datelineText.split(/[,،]/)[0]!.trim();
    if (datelineText) item.dateline.text = datelineText;
  }
  const descriptions = kids(contentMeta, 'description').filter((d) => textOf(d));
  const summary =
    descriptions.find((d) => /summary|abstract|^$/i.test(attr(d, 'role').replace(/^.*:/, ''))) ??
    descriptions[0];
  if (summary) item.description = textOf(summary);
  const genre = kid(contentMeta, 'genre');
  const genreName = textOf(kid(genre, 'name')) || attr(genre, 'qcode');
  if (genreName) item.genre = genreName;

  for (const keyword of kids(contentMeta, 'keyword')) addKeyword(item, textOf(keyword));
  for (const subject of kids(contentMeta, 'subject')) {
    const name = textOf(kid(subject, 'name')) || undefined;
    const id = splitCode(attr(subject, 'qcode') || attr(subject, 'uri'));
    // A provider's own code often says the same as a Media Topic or Subject Code in sameAs.
    const known = (s: { scheme: string }) => {
      const uri = schemes.get(s.scheme) ?? s.scheme;
      return /mediatopic|subjectcode/.test(uri);
    };
    if (id && !known(id)) {
      const equivalent = kids(subject, 'sameAs')
        .map((s) => splitCode(attr(s, 'qcode') || attr(s, 'uri')))
        .find((s) => s && known(s));
      if (equivalent) addSubject(item, { ...equivalent, ...(name ? { name } : {}) }, schemes);
      else addSubject(item, { ...id, ...(name ? { name } : {}) }, schemes);
    } else if (id) addSubject(item, { ...id, ...(name ? { name } : {}) }, schemes);
    else if (name) addKeyword(item, name);
  }

  readContent(kid(root, 'contentSet'), item);
  return item;
}

/** The newsItems of a newsMessage, in the order a packageItem gives them. */
function messageItems(message: Element): Element[] {
  const itemSet = kid(message, 'itemSet') ?? message;
  const news = findAll(itemSet, 'newsItem');
  const order: string[] = [];
  for (const pkg of findAll(itemSet, 'packageItem'))
    for (const ref of findAll(pkg, 'itemRef')) order.push(attr(ref, 'residref'));
  const rank = (el: Element) => {
    const at = order.indexOf(attr(el, 'guid'));
    return at < 0 ? order.length : at;
  };
  return [...news].sort((a, b) => rank(a) - rank(b));
}

/** A G2 document (newsItem, newsMessage, or another item kind) → its text items. */
export function readG2(root: Element, fallbackGuid: string): WireItem[] {
  const name = local(root);
  if (NOT_STORIES.has(name))
    throw new WireRejection('not-text', `it is a NewsML-G2 ${name}, not a text story`, { type: name });
  if (name === 'packageItem')
    throw new WireRejection('not-text', 'it is a NewsML-G2 package that holds no text of its own', {
      type: name,
    });
  if (name === 'newsItem') return [readNewsItem(root, fallbackGuid)];
  // newsMessage
  const candidates = messageItems(root);
  const items: WireItem[] = [];
  let refused: WireRejection | undefined;
  for (const [index, candidate] of candidates.entries()) {
    try {
      items.push(readNewsItem(candidate, `${fallbackGuid}-${index + 1}`, schemesOf(candidate)));
    } catch (error) {
      if (error instanceof WireRejection) refused ??= error;
      else throw error;
    }
  }
  if (items.length === 0) {
    if (refused) throw refused;
    throw new WireRejection('not-text', 'the newsMessage holds no text item', { type: 'newsMessage' });
  }
  if (items.length > 1) items.forEach((item, i) => warn(item, 'part-of-message', `${i + 1}/${items.length}`));
  return items;
}

/** Whether a root element is NewsML-G2 (by namespace or by a G2 item name). */
export function isG2(root: Element): boolean {
  return (
    Object.values(root.attribs).includes(NAR_NS) ||
    ['newsItem', 'newsMessage', 'packageItem', ...NOT_STORIES].includes(local(root))
  );
}
