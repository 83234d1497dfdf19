/**
 * The one mapping from a wire item to a story's fields, used by ingest (Incoming → draft), by
 * `import` and by the desktop's open and drop. What a story has no field for stays on the story's
 * `source` (times, genre, description, dateline text, header and footer, every note, keywords
 * with their scheme, pictures), so nothing the file carried is lost.
 */
import { directionOf, MediaFileName, type LeadImage, type Story } from '../../../../shared/story/schema';
import { htmlToBody, normalizeLanguage, type BodyChange } from '../../../../shared/format/html-to-body';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { bodyImages, mediaFileOf } from '../../../../shared/format/ninjs';
import { warn, type WireItem } from './item';

/** What a wire item gives a new story (the service adds identity, version and times). */
export type WireStoryFields = Pick<
  Story,
  'language' | 'direction' | 'headline' | 'subheadline' | 'slugline' | 'byline' | 'dateline' | 'body' | 'tags'
> &
  Partial<Pick<Story, 'urgency' | 'edNote' | 'subjects' | 'embargo' | 'createdAt' | 'source'>> & {
    leadImage: LeadImage | null;
  };

export interface WireStory {
  fields: WireStoryFields;
  /** what the HTML text lost on the way in */
  changes: BodyChange[];
}

const cut = (item: WireItem, field: string, value: string, max: number): string => {
  if (value.length <= max) return value;
  warn(item, 'truncated', field);
  return `${value.slice(0, max - 1)}…`;
};

/** An edNote line with its role, so a public correction never reads as an internal note. */
const noteLine = (note: { role: string; text: string }): string =>
  note.role === 'private' ? note.text : `[${note.role}] ${note.text}`;

export interface WireStoryOptions {
  defaultLanguage?: string;
  /** media files already brought in for the item's pictures, by their href */
  pictureFiles?: Map<string, string>;
}

/** Maps a wire item into story fields. */
export function wireToStory(item: WireItem, options: WireStoryOptions = {}): WireStory {
  const language = normalizeLanguage(item.language) ?? normalizeLanguage(options.defaultLanguage) ?? 'ar';
  const html = item.bodyHtml.trim() || (item.description ? `<p>${escape(item.description)}</p>` : '');
  const converted = htmlToBody(tableRowsAsParagraphs(html), { language });
  const files = options.pictureFiles ?? new Map<string, string>();
  const fileFor = (href: string | undefined): string | undefined =>
    href ? (files.get(href) ?? mediaFileOf(href)) : undefined;
  // Body images keep a media file when their source names one of ours or one brought in beside the file.
  bodyImages(converted.body).forEach((image, index) => {
    const file = fileFor(converted.images[index]?.src);
    if (file && MediaFileName.safeParse(file).success) image.file = file;
  });
  const fields: WireStoryFields = {
    language,
    direction: directionOf(language),
    headline: cut(item, 'headline', item.headline, 1000),
    subheadline: cut(item, 'subheadline', item.subheadline ?? '', 2000),
    slugline: cut(item, 'slugline', item.slugline ?? '', 200),
    byline: cut(item, 'byline', item.byline ?? '', 500),
    dateline: { place: cut(item, 'dateline', item.dateline?.place ?? '', 500) },
    body: converted.body,
    tags: [...new Set(item.keywords.map((k) => k.value.slice(0, 100)).filter(Boolean))].slice(0, 200),
    leadImage: null,
  };
  if (item.urgency) fields.urgency = item.urgency;
  if (item.edNotes.length) fields.edNote = cut(item, 'edNote', item.edNotes.map(noteLine).join('\n'), 4000);
  if (item.mediaTopics.length) fields.subjects = item.mediaTopics.slice(0, 50).map((t) => `medtop:${t.code}`);
  if (item.embargo) fields.embargo = item.embargo;
  const created = item.firstCreated ?? item.contentCreated ?? item.versionCreated;
  if (created) fields.createdAt = created;
  const lead = item.pictures.find((p) => p.role === 'featureimage');
  const leadFile = fileFor(lead?.href);
  if (lead && leadFile && MediaFileName.safeParse(leadFile).success)
    fields.leadImage = {
      file: leadFile,
      caption: lead.caption ?? '',
      credit: lead.credit ?? '',
      altText: lead.alt ?? '',
    };
  const source: NonNullable<Story['source']> = {
    guid: item.guid.slice(0, 1000),
    format: item.format,
  };
  if (item.version) source.version = item.version.slice(0, 50);
  if (item.provider) source.provider = item.provider.slice(0, 500);
  if (item.versionCreated) source.versionCreated = item.versionCreated;
  if (item.contentCreated) source.contentCreated = item.contentCreated;
  if (item.genre) source.genre = item.genre.slice(0, 200);
  if (item.description) source.description = item.description.slice(0, 4000);
  if (item.dateline?.text) source.dateline = item.dateline.text.slice(0, 500);
  if (item.header) source.header = item.header.slice(0, 4000);
  if (item.footer) source.footer = item.footer.slice(0, 4000);
  if (item.edNotes.length)
    source.edNotes = item.edNotes
      .slice(0, 50)
      .map((n) => ({ role: n.role.slice(0, 50), text: n.text.slice(0, 4000) }));
  const schemed = item.keywords.filter((k) => k.scheme);
  if (schemed.length)
    source.keywords = schemed
      .slice(0, 200)
      .map((k) => ({ value: k.value.slice(0, 100), scheme: k.scheme!.slice(0, 200) }));
  if (item.pictures.length) source.pictures = item.pictures.slice(0, 50).map((p) => p.href.slice(0, 2000));
  fields.source = source;
  return { fields, changes: converted.changes };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A story body has no tables, so a table's rows become paragraphs whose cells are parted by " | ",
 * keeping each row's data together (the caption is its own paragraph).
 */
function tableRowsAsParagraphs(html: string): string {
  if (!/<table\b/i.test(html)) return html;
  const doc = parseDocument(html, { decodeEntities: true });
  const isTag = (node: AnyNode): node is Element => node.type === 'tag';
  for (const table of DomUtils.findAll((el) => el.name.toLowerCase() === 'table', doc.children)) {
    const rows = DomUtils.findAll((el) => el.name.toLowerCase() === 'tr', table.children);
    const caption = DomUtils.findOne((el) => el.name.toLowerCase() === 'caption', table.children);
    const lines = [
      ...(caption ? [DomUtils.textContent(caption)] : []),
      ...rows.map((row) =>
        row.children
          .filter((cell): cell is Element => isTag(cell) && /^t[dh]$/i.test(cell.name))
          .map((cell) => DomUtils.textContent(cell).replace(/\s+/g, ' ').trim())
          .join(' | '),
      ),
    ].filter((line) => line.trim());
    const parent = table.parent;
    if (!parent) continue;
    const replacement = parseDocument(lines.map((line) => `<p>${escape(line)}</p>`).join('')).children;
    for (const node of replacement) node.parent = parent;
    parent.children.splice(parent.children.indexOf(table), 1, ...replacement);
  }
  return DomUtils.getOuterHTML(doc.children, { decodeEntities: true });
}
