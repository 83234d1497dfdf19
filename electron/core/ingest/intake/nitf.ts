/**
 * NITF 3.x → wire item: `head` (title, meta, tobject subjects, docdata: doc-id, urgency,
 * date.issue, date.release, ed-msg, key-list, identified-content) and `body.head` (hedline
 * hl1/hl2, byline, dateline, abstract, notes), then `body.content` (p, hl2, block, bq, lists,
 * tables, media noted as pictures) and `body.end` (tagline).
 */
import { DomUtils } from 'htmlparser2';
import { normalizeLanguage } from '../../../../shared/format/html-to-body';
import { setTime } from './dates';
import { emptyItem, warn, type WireItem } from './item';
import { addKeyword, addSubject } from './subjects';
import { clean, noteRole, urgencyOf } from './text';
import {
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
  type HtmlRename,
} from './xml';

/** NITF body elements → HTML; notes and media are taken out (they become edNotes and pictures). */
const nitfToHtml: HtmlRename = (el, name) => {
  switch (name) {
    case 'p':
    case 'ol':
    case 'ul':
    case 'li':
    case 'table':
    case 'tr':
    case 'td':
    case 'th':
    case 'thead':
    case 'tbody':
    case 'tfoot':
    case 'caption':
    case 'em':
    case 'pre':
    case 'br':
    case 'hr':
    case 'q':
    case 'sub':
    case 'sup':
    case 'dl':
    case 'dt':
    case 'dd':
      return name;
    case 'hl2':
      return 'h2';
    case 'hl1':
      return 'h2';
    case 'bq':
      return 'blockquote';
    case 'block':
      return 'div';
    case 'a':
      return attr(el, 'href') ? 'a' : undefined;
    case 'credit':
      return 'p';
    case 'media':
    case 'note':
    case 'fn':
    case 'nitf-table-metadata':
    case 'body.end':
      return null;
    default:
      // inline enrichment (person, org, location, money, chron, num…) keeps its text
      return undefined;
  }
};

/** Emphasis in NITF is `<em class="bold">`; strong and italic read from it. */
function bodyHtml(content: Element): string {
  return xmlToHtml(content.children, (el, name) => {
    if (name === 'em') return /bold|strong/i.test(attr(el, 'class')) ? 'strong' : 'em';
    return nitfToHtml(el, name);
  });
}

/** Notes and media of a NITF body, as edNotes and pictures. */
function notesAndMedia(item: WireItem, scope: Element): void {
  for (const note of findAll(scope, 'note')) {
    const text = textOf(note);
    if (text) item.edNotes.push({ role: noteRole(attr(note, 'type'), 'note'), text });
  }
  for (const media of findAll(scope, 'media')) {
    const type = attr(media, 'media-type');
    const reference = kids(media, 'media-reference')[0];
    const href = attr(reference, 'source') || attr(reference, 'data-location');
    if (!href || (type && type !== 'image' && type !== 'photo' && type !== 'graphic')) continue;
    const picture = { href, role: 'body' } as WireItem['pictures'][number];
    const caption = textOf(kid(media, 'media-caption'));
    const credit = textOf(kid(media, 'media-producer'));
    const alt = attr(reference, 'alternate-text');
    if (caption) picture.caption = caption;
    if (credit) picture.credit = credit;
    if (alt) picture.alt = alt;
    item.pictures.push(picture);
  }
}

/** Reads the text part of a NITF document (its `body`) into an item: headlines, byline, dateline, text. */
export function readNitfBody(body: Element, item: WireItem): void {
  const head = kid(body, 'body.head');
  const hedline = kid(head, 'hedline');
  if (!item.headline) item.headline = textOf(kid(hedline, 'hl1'));
  const hl2 = textOf(kids(hedline, 'hl2')[0]);
  if (hl2 && !item.subheadline && hl2 !== item.headline) item.subheadline = hl2;
  const bylines = kids(head, 'byline')
    .map((by) => {
      const people = kids(by, 'person').map(textOf).filter(Boolean);
      // The byline's title (`<byttl>AP Business Writer</byttl>`) is not part of the name.
      const own = by.children.filter((node) => !(node.type === 'tag' && local(node as Element) === 'byttl'));
      const text = own
        .map((node) => DomUtils.textContent(node))
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      return people.length ? people.join(', ') : text.replace(/^(by|بقلم)\s+/i, '');
    })
    .filter(Boolean);
  if (bylines.length && !item.byline) item.byline = bylines.join(', ');
  const dateline = kid(head, 'dateline');
  if (dateline && !item.dateline) {
    const location = kid(dateline, 'location');
    const storyDate = kid(dateline, 'story.date');
    const rest = textOf(dateline).replace(textOf(storyDate), '').trim();
    const place = textOf(find(location, 'city')) || textOf(location) || rest.split(/[,،]/)[0]!.trim();
    if (place || rest) item.dateline = { place, text: textOf(dateline) };
    if (storyDate) setTime(item, 'contentCreated', attr(storyDate, 'norm'));
  }
  const abstract = kid(head, 'abstract');
  if (abstract && !item.description) item.description = textOf(abstract);
  notesAndMedia(item, body);
  const content = local(body) === 'body.content' ? body : kid(body, 'body.content');
  if (content) item.bodyHtml = bodyHtml(content);
  const end = kid(body, 'body.end');
  const tagline = textOf(kid(end, 'tagline'));
  if (tagline && !item.footer) item.footer = tagline;
}

/** A whole NITF document → wire item. */
export function readNitf(nitf: Element, fallbackGuid: string): WireItem {
  const item = emptyItem('nitf');
  item.formatVersion = /NITF\s*([\d.]+)/i.exec(attr(nitf, 'version'))?.[1];
  const head = kid(nitf, 'head');
  const docdata = kid(head, 'docdata');
  const docId = kid(docdata, 'doc-id');
  item.guid = attr(docId, 'id-string') || fallbackGuid;
  if (!attr(docId, 'id-string')) warn(item, 'schema-deviation', 'docdata/doc-id has no id-string');
  const regsrc = attr(docId, 'regsrc');
  const language =
    normalizeLanguage(attr(nitf, 'baselang')) ??
    normalizeLanguage(attr(nitf, 'lang')) ??
    normalizeLanguage(attr(kid(nitf, 'body'), 'lang'));
  if (language) item.language = language;
  const urgency = urgencyOf(attr(kid(docdata, 'urgency'), 'ed-urg'));
  if (urgency) item.urgency = urgency;
  setTime(item, 'firstCreated', attr(kid(docdata, 'date.issue'), 'norm'));
  setTime(item, 'versionCreated', attr(kid(docdata, 'date.issue'), 'norm'));
  const release = attr(kid(docdata, 'date.release'), 'norm');
  if (release) {
    // A release time later than the issue time is an embargo.
    setTime(item, 'embargo', release);
    if (
      item.embargo &&
      item.firstCreated &&
      item.embargo <= item.firstCreated &&
      Date.parse(item.embargo) <= Date.parse(item.firstCreated)
    )
      delete item.embargo;
  }
  const status = attr(docdata, 'management-status');
  if (status === 'usable' || status === 'withheld' || status === 'canceled') item.pubStatus = status;
  for (const message of kids(docdata, 'ed-msg')) {
    const text = attr(message, 'info') || textOf(message);
    if (text) item.edNotes.push({ role: noteRole(attr(message, 'msg-type')), text });
  }
  for (const keyword of findAll(kid(docdata, 'key-list'), 'keyword')) addKeyword(item, attr(keyword, 'key'));
  const identified = kid(docdata, 'identified-content');
  for (const entry of elements(identified)) {
    const name = local(entry);
    if (name === 'classifier') {
      const type = attr(entry, 'type');
      const value = attr(entry, 'value') || textOf(entry);
      const split = /^([\w.-]+):(.+)$/.exec(value);
      if (split) addSubject(item, { scheme: split[1], code: split[2], name: textOf(entry) || undefined });
      else if (value) addKeyword(item, value, type || 'classifier');
    } else {
      const value = textOf(entry) || attr(entry, 'value');
      if (value) addKeyword(item, value, name);
    }
  }
  const tobject = kid(head, 'tobject');
  for (const subject of kids(tobject, 'tobject.subject')) {
    const code = attr(subject, 'tobject.subject.refnum');
    const name = [
      attr(subject, 'tobject.subject.detail'),
      attr(subject, 'tobject.subject.matter'),
      attr(subject, 'tobject.subject.type'),
    ].find(Boolean);
    addSubject(item, { scheme: 'subj', code, name });
  }
  const genre = attr(kid(tobject, 'tobject.property'), 'tobject.property.type');
  if (genre) item.genre = genre;
  const providerMeta = kids(head, 'meta').find((m) => /^(provider|source|agency)$/i.test(attr(m, 'name')));
  const copyright = attr(kid(docdata, 'doc.copyright'), 'holder');
  const provider = attr(providerMeta, 'content') || regsrc || copyright;
  if (provider) item.provider = provider;
  const body = kid(nitf, 'body');
  if (body) readNitfBody(body, item);
  if (!item.headline) item.headline = textOf(kid(head, 'title'));
  item.headline = clean(item.headline);
  return item;
}
