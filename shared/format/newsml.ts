/**
 * Stories ↔ IPTC NewsML-G2 2.35 `newsItem` (resources/standards/newsml-g2/). The text travels as
 * XHTML in `contentSet/inlineXML`, with `xml:lang` and `dir` on both the inlineXML and the XHTML
 * root, because a receiver must not have to guess the direction of Arabic text. The same fields
 * as the ninjs mapping: headlines, byline, dateline, subjects (Media Topics as `medtop:` QCodes),
 * keywords (the desk's tags), slugline, edNote (internal channels only), urgency, pubStatus,
 * embargo, correction and the lead image with caption, credit and alt text.
 *
 * Reading uses htmlparser2 in XML mode, which never reads a DTD, never resolves an external
 * entity and never expands a declared one; documents carrying a DTD are refused outright.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Document, Element } from 'domhandler';
import { Story, directionOf, type Direction, type LeadImage } from '../story/schema';
import { bodyToHtml, escapeHtml } from './body-to-html';
import { htmlToBody, normalizeLanguage, type BodyChange } from './html-to-body';
import {
  bodyImages,
  mediaFileOf,
  mediaTopicsOf,
  mediaUrn,
  pubStatusOf,
  type MediaTopic,
  type NinjsPubStatus,
  type NinjsStoryFields,
} from './ninjs';

export const NAR_NS = 'http://iptc.org/std/nar/2006-10-01/';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
/** Mihbara's own attributes (the correction sequence), where NewsML-G2 allows other namespaces. */
export const MIHBARA_NS = 'urn:mihbara:newsml';
/** IPTC's catalog of its own schemes (`ninat:`, `stat:`, `medtop:`, `sig:`…). */
export const IPTC_CATALOG = 'http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml';

export interface StoryToNewsmlOptions {
  uriPrefix?: string;
  /** internal channels only */
  includeEdNote?: boolean;
  /** where a receiver finds a media file; default `urn:mihbara:media:<file>` */
  mediaHref?: (file: string) => string;
  pubStatus?: NinjsPubStatus;
  /** the provider named in `itemMeta/provider` (default `Mihbara`) */
  provider?: string;
}

/** Characters XML 1.0 cannot carry at all; dropped rather than producing an invalid document. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what XML 1.0 forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const x = (text: string): string => escapeHtml(text.replace(NOT_XML, ''));

function leadFigure(image: LeadImage, href: (file: string) => string): string {
  const caption = image.caption ? x(image.caption) : '';
  const credit = image.credit ? `<span class="credit">${x(image.credit)}</span>` : '';
  return (
    `<figure class="lead-image"><img src="${x(href(image.file))}" alt="${x(image.altText)}" />` +
    (caption || credit ? `<figcaption>${caption}${caption && credit ? ' ' : ''}${credit}</figcaption>` : '') +
    `</figure>`
  );
}

/** Serializes a story as a NewsML-G2 2.35 `newsItem` document (UTF-8 XML text). */
export function storyToNewsml(story: Story, options: StoryToNewsmlOptions = {}): string {
  const lang = story.language;
  const dir: Direction = story.direction ?? directionOf(lang);
  const href = options.mediaHref ?? mediaUrn;
  const pubStatus = options.pubStatus ?? pubStatusOf(story.status);

  const itemMeta: string[] = [
    '<itemClass qcode="ninat:text"/>',
    `<provider literal="${x(options.provider ?? 'Mihbara')}"/>`,
    `<versionCreated>${x(story.updatedAt)}</versionCreated>`,
    `<firstCreated>${x(story.createdAt)}</firstCreated>`,
  ];
  if (story.embargo) itemMeta.push(`<embargoed>${x(story.embargo)}</embargoed>`);
  itemMeta.push(`<pubStatus qcode="stat:${pubStatus}"/>`);
  if (options.includeEdNote && story.edNote) itemMeta.push(`<edNote>${x(story.edNote)}</edNote>`);
  if (story.correction) itemMeta.push('<signal qcode="sig:correction"/>');

  const contentMeta: string[] = [];
  if (story.urgency !== undefined) contentMeta.push(`<urgency>${story.urgency}</urgency>`);
  contentMeta.push(`<contentCreated>${x(story.createdAt)}</contentCreated>`);
  contentMeta.push(`<contentModified>${x(story.updatedAt)}</contentModified>`);
  if (story.dateline.place) contentMeta.push(`<located><name>${x(story.dateline.place)}</name></located>`);
  if (story.byline) contentMeta.push(`<creator><name>${x(story.byline)}</name></creator>`);
  contentMeta.push(`<language tag="${x(lang)}"/>`);
  for (const topic of mediaTopicsOf(story)) {
    contentMeta.push(
      `<subject type="cpnat:abstract" qcode="medtop:${topic.code}">` +
        (topic.name ? `<name>${x(topic.name)}</name>` : '') +
        '</subject>',
    );
  }
  for (const tag of story.tags) contentMeta.push(`<keyword>${x(tag)}</keyword>`);
  if (story.slugline) contentMeta.push(`<slugline>${x(story.slugline)}</slugline>`);
  contentMeta.push(`<headline>${x(story.headline)}</headline>`);
  if (story.subheadline) contentMeta.push(`<headline role="hlrole:sub">${x(story.subheadline)}</headline>`);
  if (story.correction) {
    contentMeta.push(
      `<description role="drol:correction" xmlns:mh="${MIHBARA_NS}" mh:sequence="${story.correction.sequence}">${x(story.correction.note)}</description>`,
    );
  }

  const body =
    (story.leadImage ? leadFigure(story.leadImage, href) + '\n' : '') +
    bodyToHtml(story.body, { language: lang, imageSrc: href });

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<newsItem xmlns="${NAR_NS}" guid="${x(`${options.uriPrefix ?? 'urn:mihbara:story:'}${story.id}`)}" ` +
      `version="${story.version}" standard="NewsML-G2" standardversion="2.35" conformance="power" xml:lang="${x(lang)}">`,
    `<catalogRef href="${IPTC_CATALOG}"/>`,
    `<itemMeta>${itemMeta.join('')}</itemMeta>`,
    `<contentMeta>${contentMeta.join('')}</contentMeta>`,
    '<contentSet>',
    `<inlineXML contenttype="application/xhtml+xml" xml:lang="${x(lang)}" dir="${dir}">`,
    `<html xmlns="${XHTML_NS}" xml:lang="${x(lang)}" lang="${x(lang)}" dir="${dir}">` +
      `<head><title>${x(story.headline)}</title></head>`,
    `<body>\n${body.replace(NOT_XML, '')}\n</body></html>`,
    '</inlineXML>',
    '</contentSet>',
    '</newsItem>',
    '',
  ].join('\n');
}

/** A NewsML-G2 document that cannot become a story; the message is plain English. */
export class NewsmlContentError extends Error {
  /**
   * What is wrong, for a refusal code: not a NewsML-G2 newsItem at all (`wrong-schema`), one
   * that lacks what a story needs (`incomplete`), no XML (`malformed`) or a DTD (`dtd`).
   */
  constructor(
    message: string,
    readonly kind: 'wrong-schema' | 'incomplete' | 'malformed' | 'dtd' = 'wrong-schema',
  ) {
    super(message);
    this.name = 'NewsmlContentError';
  }
}

/** What a newsItem contributes to a new story: the same fields a ninjs item gives. */
export type NewsmlStoryFields = NinjsStoryFields;

export interface NewsmlImport {
  fields: NewsmlStoryFields;
  changes: BodyChange[];
}

/** Local name of an element, without its namespace prefix. */
const local = (el: Element): string => el.name.replace(/^.*:/, '');
const childElements = (el: Element | Document): Element[] =>
  el.children.filter((node): node is Element => node.type === 'tag');
const child = (el: Element | undefined, name: string): Element | undefined =>
  el ? childElements(el).find((c) => local(c) === name) : undefined;
const children = (el: Element | undefined, name: string): Element[] =>
  el ? childElements(el).filter((c) => local(c) === name) : [];
const text = (el: Element | undefined): string =>
  el ? DomUtils.textContent(el).replace(/\s+/g, ' ').trim() : '';

const isTimestamp = (value: string): boolean => Story.shape.createdAt.safeParse(value).success;

/** True when the text declares a DTD or entities: refused before any parsing. */
export const hasDtd = (xml: string): boolean => /<!DOCTYPE|<!ENTITY/i.test(xml);

/**
 * Reads a NewsML-G2 `newsItem` (alone or the first one inside a `newsMessage`). Throws
 * `NewsmlContentError` when it is not one, carries a DTD, or has no headline or text.
 */
export function newsmlToStoryFields(xml: string, options: { defaultLanguage?: string } = {}): NewsmlImport {
  if (hasDtd(xml)) {
    throw new NewsmlContentError(
      'it declares a DTD or entities, which are never accepted (XXE / entity expansion)',
      'dtd',
    );
  }
  const doc = parseDocument(xml, { xmlMode: true, decodeEntities: true });
  let root = childElements(doc)[0];
  if (!root) throw new NewsmlContentError('it is not XML (no root element)', 'malformed');
  if (local(root) === 'newsMessage') {
    root = DomUtils.findOne((el) => local(el) === 'newsItem', root.children, true) ?? undefined;
    if (!root) throw new NewsmlContentError('the newsMessage holds no newsItem');
  }
  if (local(root) !== 'newsItem') {
    throw new NewsmlContentError(`it is a <${root.name}> document, not a NewsML-G2 newsItem`);
  }
  const namespace = Object.entries(root.attribs).find(
    ([name]) => name === 'xmlns' || name.startsWith('xmlns:'),
  );
  if (!Object.values(root.attribs).includes(NAR_NS) && namespace) {
    throw new NewsmlContentError(`its namespace is ${namespace[1]}, not NewsML-G2 (${NAR_NS})`);
  }
  const guid = root.attribs.guid?.trim();
  if (!guid) throw new NewsmlContentError('the newsItem has no guid', 'incomplete');
  const itemMeta = child(root, 'itemMeta');
  const contentMeta = child(root, 'contentMeta');
  const contentSet = child(root, 'contentSet');
  if (!itemMeta || !contentMeta || !contentSet) {
    throw new NewsmlContentError('the newsItem lacks itemMeta, contentMeta or contentSet', 'incomplete');
  }

  const headlines = children(contentMeta, 'headline');
  const main = headlines.find((h) => !h.attribs.role) ?? headlines[0];
  if (!main || !text(main)) throw new NewsmlContentError('it has no headline', 'incomplete');
  const sub = headlines.find((h) => h !== main && /sub/.test(h.attribs.role ?? ''));

  const inline = children(contentSet, 'inlineXML').find((el) => /html/.test(el.attribs.contenttype ?? ''));
  if (!inline)
    throw new NewsmlContentError(
      'it has no XHTML text (contentSet/inlineXML of type application/xhtml+xml)',
      'incomplete',
    );
  const html = child(inline, 'html') ?? inline;
  const bodyEl = child(html, 'body') ?? html;

  const language =
    normalizeLanguage(child(contentMeta, 'language')?.attribs.tag) ??
    normalizeLanguage(inline.attribs['xml:lang']) ??
    normalizeLanguage(root.attribs['xml:lang']) ??
    normalizeLanguage(options.defaultLanguage) ??
    'ar';

  // The lead image travels as the first figure of the XHTML, marked `lead-image`.
  let leadImage: LeadImage | undefined;
  const first = childElements(bodyEl)[0];
  if (first && local(first) === 'figure' && /\blead-image\b/.test(first.attribs.class ?? '')) {
    const img = DomUtils.findOne((el) => local(el) === 'img', first.children, true);
    const caption = DomUtils.findOne((el) => local(el) === 'figcaption', first.children, true);
    const creditEl = caption
      ? DomUtils.findOne((el) => /\bcredit\b/.test(el.attribs.class ?? ''), caption.children, true)
      : null;
    const credit = creditEl ? text(creditEl) : '';
    if (creditEl) DomUtils.removeElement(creditEl);
    const file = mediaFileOf(img?.attribs.src ?? '');
    if (file && /^[A-Za-z0-9._-]+$/.test(file)) {
      leadImage = {
        file,
        caption: caption ? text(caption) : '',
        credit,
        altText: (img?.attribs.alt ?? '').trim(),
      };
    }
    DomUtils.removeElement(first);
  }

  const inner = DomUtils.getInnerHTML(bodyEl, { xmlMode: false, decodeEntities: true });
  const converted = htmlToBody(inner, { language });
  // Body images keep their media file when the src names one of ours.
  bodyImages(converted.body).forEach((image, index) => {
    const file = mediaFileOf(converted.images[index]?.src ?? '');
    if (file && /^[A-Za-z0-9._-]+$/.test(file)) image.file = file;
  });

  const tags: string[] = [];
  for (const keyword of children(contentMeta, 'keyword')) {
    const value = text(keyword).slice(0, 100);
    if (value && !tags.includes(value)) tags.push(value);
  }
  const mediaTopics: MediaTopic[] = [];
  for (const subject of children(contentMeta, 'subject')) {
    const code =
      /^medtop:(\d{8})$/.exec(subject.attribs.qcode ?? '')?.[1] ??
      /mediatopic\/(\d{8})$/.exec(subject.attribs.uri ?? '')?.[1];
    const name = text(child(subject, 'name'));
    if (code) mediaTopics.push(name ? { code, name } : { code });
    else if (name && !tags.includes(name)) tags.push(name.slice(0, 100));
  }

  const fields: NewsmlStoryFields = {
    language,
    direction: directionOf(language),
    headline: text(main),
    subheadline: sub ? text(sub) : '',
    slugline: text(child(contentMeta, 'slugline')),
    byline: children(contentMeta, 'creator')
      .map((creator) => text(child(creator, 'name')) || creator.attribs.literal || '')
      .filter(Boolean)
      .join('، '),
    dateline: { place: text(child(child(contentMeta, 'located'), 'name')) },
    body: converted.body,
    tags: tags.slice(0, 200),
    origin: { guid, ...(root.attribs.version ? { version: root.attribs.version } : {}) },
  };
  const provider = child(itemMeta, 'provider');
  const providerName =
    text(child(provider, 'name')) || provider?.attribs.literal || provider?.attribs.qcode || '';
  if (providerName) fields.origin.provider = providerName;
  const urgency = Number(text(child(contentMeta, 'urgency')));
  if (Number.isInteger(urgency) && urgency >= 1 && urgency <= 9) fields.urgency = urgency;
  const edNote = text(child(itemMeta, 'edNote'));
  if (edNote) fields.edNote = edNote.slice(0, 4000);
  const created = text(child(itemMeta, 'firstCreated')) || text(child(contentMeta, 'contentCreated'));
  if (isTimestamp(created)) fields.createdAt = created;
  const embargo = text(child(itemMeta, 'embargoed'));
  if (isTimestamp(embargo)) fields.embargo = embargo;
  if (leadImage) fields.leadImage = leadImage;
  if (mediaTopics.length) fields.mediaTopics = mediaTopics;
  const status = /^stat:(usable|withheld|canceled)$/.exec(
    child(itemMeta, 'pubStatus')?.attribs.qcode ?? '',
  )?.[1];
  if (status) fields.pubStatus = status as NinjsPubStatus;
  return { fields, changes: converted.changes };
}
