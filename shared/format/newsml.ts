/**
 * Stories ↔ IPTC NewsML-G2 2.35 `newsItem` (resources/standards/newsml-g2/). The text travels as
 * XHTML in `contentSet/inlineXML`, with `xml:lang` and `dir` on both the inlineXML and the XHTML
 * root, because a receiver must not have to guess the direction of Arabic text. The same fields
 * as the ninjs mapping: headlines, byline, dateline, subjects (Media Topics as `medtop:` QCodes),
 * keywords (the desk's tags), slugline, edNote (internal channels only), urgency, pubStatus,
 * embargo, correction and the lead image with caption, credit and alt text.
 *
 * Reading NewsML-G2 is the wire intake's (electron/core/ingest/intake), the one mapping into stories.
 */
import { directionOf, type Direction, type LeadImage, type Story } from '../story/schema';
import { bodyToHtml, escapeHtml } from './body-to-html';
import { mediaTopicsOf, mediaUrn, pubStatusOf, type NinjsPubStatus } from './ninjs';

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
