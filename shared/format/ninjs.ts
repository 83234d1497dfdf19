/**
 * Stories ↔ IPTC ninjs 3.1 (News in JSON). Property names follow the official schema
 * (resources/standards/ninjs/ninjs-schema_3.1.json); 3.1 forbids properties it does not define,
 * so the byline is `by`, the dateline place is `located` and tags travel as `subjects[].name`
 * (3.1 has no `keywords`). ninjs has no direction: it follows `language`.
 */
import {
  MediaFileName,
  Story,
  directionOf,
  type BlockElement,
  type Direction,
  type LeadImage,
  type StoryBody,
  type StoryStatus,
} from '../story/schema';
import { bodyToHtml, bodyToText } from './body-to-html';
import { htmlToBody, normalizeLanguage, type BodyChange, type ImageReference } from './html-to-body';

export type NinjsPubStatus = 'usable' | 'withheld' | 'canceled';

export interface NinjsHeadline {
  role?: string;
  contentType?: string;
  value: string;
}

export interface NinjsBody {
  role?: string;
  contentType?: string;
  charCount?: number;
  wordCount?: number;
  value: string;
}

export interface NinjsSubject {
  name?: string;
  rel?: string;
  uri?: string;
  literal?: string;
}

export interface NinjsDescription {
  role?: string;
  contentType?: string;
  value: string;
}

export interface NinjsRendition {
  name: string;
  href?: string;
  contentType?: string;
}

/** An associated picture: the lead image (`featureimage`) or an image of the body (`image-N`). */
export interface NinjsAssociation {
  name: string;
  uri: string;
  type?: 'picture';
  rel?: string;
  by?: string;
  headlines?: NinjsHeadline[];
  descriptions?: NinjsDescription[];
  renditions?: NinjsRendition[];
}

/** The part of a ninjs 3.1 news item that Mihbara writes and reads. */
export interface NinjsDocument {
  uri: string;
  type?: string;
  representationType?: 'full' | 'partial';
  version?: string;
  firstCreated?: string;
  versionCreated?: string;
  pubStatus?: NinjsPubStatus;
  urgency?: number;
  edNote?: string;
  language?: string;
  headlines?: NinjsHeadline[];
  bodies?: NinjsBody[];
  subjects?: NinjsSubject[];
  by?: string;
  slugline?: string;
  located?: string;
  embargoedUntil?: string;
  descriptions?: NinjsDescription[];
  associations?: NinjsAssociation[];
}

/** Prefix of a Media Topic URI; a subject whose uri starts with it is an IPTC Media Topic. */
export const MEDIA_TOPIC_URI = 'http://cv.iptc.org/newscodes/mediatopic/';

/** A subject from IPTC Media Topics: `code` is the eight digits (`20000350`). */
export interface MediaTopic {
  code: string;
  name?: string;
}

/**
 * The Media Topics of a story. The story model's subject field belongs to the tagging work
 * (issue 6); this reads it defensively so the formats carry it as soon as it exists, accepting
 * `{ code | qcode | uri, name }` entries.
 */
export function mediaTopicsOf(story: Story): MediaTopic[] {
  const raw = (story as unknown as { subjects?: unknown }).subjects;
  if (!Array.isArray(raw)) return [];
  const topics: MediaTopic[] = [];
  for (const item of raw) {
    // The story model keeps qcodes (`medtop:20000350`); richer entries are accepted too.
    if (typeof item === 'string') {
      const code = /^medtop:(\d{8})$/.exec(item)?.[1];
      if (code) topics.push({ code });
      continue;
    }
    if (!item || typeof item !== 'object') continue;
    const entry = item as Record<string, unknown>;
    const id = [entry.code, entry.qcode, entry.uri].find((v) => typeof v === 'string') as string | undefined;
    const code = id ? /(\d{8})\/?$/.exec(id)?.[1] : undefined;
    if (!code) continue;
    topics.push(typeof entry.name === 'string' && entry.name ? { code, name: entry.name } : { code });
  }
  return topics;
}

const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** The media type of a media file, from its extension. */
export const mediaTypeOf = (file: string): string =>
  MEDIA_TYPES[/\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** The default URI of a media file: a URN, so the item validates without knowing where it is served. */
export const mediaUrn = (file: string): string => `urn:mihbara:media:${encodeURIComponent(file)}`;

/** The media file a URN or URL of ours names (`…/media/<file>` or `urn:mihbara:media:<file>`). */
export function mediaFileOf(reference: string): string | undefined {
  const match = /(?:^urn:mihbara:media:|(?:^|\/)media\/)([A-Za-z0-9._-]+)$/.exec(reference.trim());
  return match ? decodeURIComponent(match[1]!) : undefined;
}

export interface StoryToNinjsOptions {
  /** prefix of `uri`; the story id is appended. Default `urn:mihbara:story:` */
  uriPrefix?: string;
  /** include the editorial note (never published, so off by default; internal channels only) */
  includeEdNote?: boolean;
  /** where a receiver finds a media file (an absolute URI); default `urn:mihbara:media:<file>` */
  mediaHref?: (file: string) => string;
  /** overrides the status-derived pubStatus (a withdrawal sends withheld or canceled) */
  pubStatus?: NinjsPubStatus;
}

function imageAssociation(
  name: string,
  image: { file?: string; caption?: string; credit?: string; alt?: string },
  href: (file: string) => string,
): NinjsAssociation {
  const association: NinjsAssociation = {
    name,
    uri: image.file ? mediaUrn(image.file) : `urn:mihbara:image:${name}`,
    type: 'picture',
  };
  if (image.credit) association.by = image.credit;
  if (image.caption) association.headlines = [{ role: 'caption', value: image.caption }];
  if (image.alt) association.descriptions = [{ role: 'alt', contentType: 'text/plain', value: image.alt }];
  if (image.file) {
    association.renditions = [
      { name: 'original', href: href(image.file), contentType: mediaTypeOf(image.file) },
    ];
  }
  return association;
}

/** Image blocks of a body, in document order (nested ones included). */
export function bodyImages(body: StoryBody): BlockElement[] {
  const found: BlockElement[] = [];
  const walk = (nodes: readonly unknown[]): void => {
    for (const node of nodes) {
      if (!node || typeof node !== 'object' || !('children' in node)) continue;
      const block = node as BlockElement;
      if (block.type === 'image') found.push(block);
      else walk(block.children);
    }
  };
  walk(body);
  return found;
}

/** Published states are usable, withdrawn ones canceled; everything before publication is withheld. */
export function pubStatusOf(status: StoryStatus): NinjsPubStatus {
  switch (status) {
    case 'published':
    case 'correction':
    case 'corrected':
      return 'usable';
    case 'killed':
    case 'unpublished':
    case 'spiked':
      return 'canceled';
    default:
      return 'withheld';
  }
}

const countWords = (text: string): number =>
  text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

/** Builds a ninjs 3.1 text item for a story; the body is `bodyToHtml` as `text/html`. */
export function storyToNinjs(story: Story, options: StoryToNinjsOptions = {}): NinjsDocument {
  const text = bodyToText(story.body);
  const href = options.mediaHref ?? mediaUrn;
  const doc: NinjsDocument = {
    uri: `${options.uriPrefix ?? 'urn:mihbara:story:'}${story.id}`,
    type: 'text',
    representationType: 'full',
    version: String(story.version),
    firstCreated: story.createdAt,
    versionCreated: story.updatedAt,
    pubStatus: options.pubStatus ?? pubStatusOf(story.status),
    language: story.language,
    headlines: [{ role: 'main', value: story.headline }],
    bodies: [
      {
        role: 'main',
        contentType: 'text/html',
        charCount: [...text.replace(/\s+/g, '')].length,
        wordCount: countWords(text),
        value: bodyToHtml(story.body, { language: story.language, imageSrc: href }),
      },
    ],
  };
  if (story.subheadline) doc.headlines!.push({ role: 'sub', value: story.subheadline });
  if (story.byline) doc.by = story.byline;
  if (story.slugline) doc.slugline = story.slugline;
  if (story.dateline.place) doc.located = story.dateline.place;
  // Media Topics travel as URIs; the desk's free tags as names only (3.1 has no `keywords`).
  const subjects: NinjsSubject[] = mediaTopicsOf(story).map((topic) => ({
    uri: `${MEDIA_TOPIC_URI}${topic.code}`,
    ...(topic.name ? { name: topic.name } : {}),
  }));
  for (const name of story.tags) subjects.push({ name });
  if (subjects.length > 0) doc.subjects = subjects;
  if (story.urgency !== undefined) doc.urgency = story.urgency;
  if (options.includeEdNote && story.edNote) doc.edNote = story.edNote;
  if (story.embargo) doc.embargoedUntil = story.embargo;
  if (story.correction) {
    doc.descriptions = [
      {
        role: `correction-${story.correction.sequence}`,
        contentType: 'text/plain',
        value: story.correction.note,
      },
    ];
  }
  const associations: NinjsAssociation[] = [];
  if (story.leadImage) {
    const lead = story.leadImage;
    associations.push(
      imageAssociation(
        'featureimage',
        { file: lead.file, caption: lead.caption, credit: lead.credit, alt: lead.altText },
        href,
      ),
    );
  }
  bodyImages(story.body).forEach((image, index) =>
    associations.push(imageAssociation(`image-${index + 1}`, image, href)),
  );
  if (associations.length > 0) doc.associations = associations;
  return doc;
}

/** A ninjs object that cannot become a story; the message is plain English for the editor. */
export class NinjsContentError extends Error {
  /** What is wrong, for a refusal code: not a text item (`not-text`) or lacking what a story needs. */
  constructor(
    message: string,
    readonly kind: 'not-text' | 'incomplete' | 'wrong-schema' = 'incomplete',
  ) {
    super(message);
    this.name = 'NinjsContentError';
  }
}

/** What a ninjs item contributes to a new story (the service adds identity, version and times). */
export interface NinjsStoryFields {
  language: string;
  direction: Direction;
  headline: string;
  subheadline: string;
  slugline: string;
  byline: string;
  dateline: { place: string };
  body: StoryBody;
  tags: string[];
  urgency?: number;
  edNote?: string;
  /** the item's `firstCreated`, when it is a valid timestamp */
  createdAt?: string;
  /** `embargoedUntil`, when it is a valid timestamp */
  embargo?: string;
  /** the `featureimage` association, when it names one of our media files */
  leadImage?: LeadImage;
  /** subjects that are IPTC Media Topics (by URI) */
  mediaTopics?: MediaTopic[];
  /** the item's identity, kept when it becomes a draft */
  origin: { guid: string; version?: string; provider?: string };
  pubStatus?: NinjsPubStatus;
}

export interface NinjsImport {
  fields: NinjsStoryFields;
  /** what the HTML body lost on the way in */
  changes: BodyChange[];
  images: ImageReference[];
}

export interface NinjsToStoryOptions {
  /** used when the item names no (valid) language; default `ar` */
  defaultLanguage?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isRecord) : [];

/** A media file name the store accepts (see `LeadImage`). */
/** Only a content name of the media folder is kept; anything else (a path, a URL) is not a file of ours. */
const LEAD_FILE = { test: (file: string) => MediaFileName.safeParse(file).success };

const SUB_ROLES = new Set(['sub', 'subheadline', 'subtitle', 'deck', 'standfirst']);

const isHtmlBody = (body: Record<string, unknown>): boolean => {
  const contentType = str(body.contentType).toLowerCase();
  if (contentType) return /html/.test(contentType);
  // No content type: "up to the provider"; take it as HTML when it is markup.
  return /<(p|div|h[1-6]|ul|ol|blockquote|br)\b/i.test(str(body.value));
};

/**
 * Reads the story fields out of a ninjs object (ideally already validated against the schema).
 * Throws `NinjsContentError` when it has no headline or no HTML body, or is not a text item.
 */
export function ninjsToStoryFields(obj: unknown, options: NinjsToStoryOptions = {}): NinjsImport {
  if (!isRecord(obj)) throw new NinjsContentError('it is not a JSON object', 'wrong-schema');
  const type = str(obj.type);
  if (type && type !== 'text' && type !== 'composite') {
    throw new NinjsContentError(`it is a ninjs "${type}" item, not a text story`, 'not-text');
  }

  const headlines = records(obj.headlines).filter((h) => str(h.value));
  const main =
    headlines.find((h) => str(h.role) === 'main') ?? headlines.find((h) => !SUB_ROLES.has(str(h.role)));
  if (!main) throw new NinjsContentError('it has no headline (headlines[].value is missing or empty)');
  const sub = headlines.find((h) => h !== main && SUB_ROLES.has(str(h.role)));

  const htmlBodies = records(obj.bodies).filter((b) => typeof b.value === 'string' && isHtmlBody(b));
  const body = htmlBodies.find((b) => !b.role || str(b.role) === 'main') ?? htmlBodies[0];
  if (!body) throw new NinjsContentError('it has no HTML body (no bodies[] entry with an HTML content type)');

  const language = normalizeLanguage(str(obj.language)) ?? normalizeLanguage(options.defaultLanguage) ?? 'ar';
  const converted = htmlToBody(String(body.value), { language });

  const tags: string[] = [];
  const mediaTopics: MediaTopic[] = [];
  for (const subject of records(obj.subjects)) {
    const name = str(subject.name).replace(/\s+/g, ' ').slice(0, 100);
    const uri = str(subject.uri);
    if (uri.startsWith(MEDIA_TOPIC_URI)) {
      const code = /(\d{8})$/.exec(uri)?.[1];
      if (code) mediaTopics.push(name ? { code, name } : { code });
      continue;
    }
    if (name && !tags.includes(name)) tags.push(name);
  }

  // Associations: the lead image, and the files of body images (matched in document order).
  const associations = records(obj.associations);
  const fileOf = (association: Record<string, unknown> | undefined): string | undefined => {
    if (!association) return undefined;
    const rendition = records(association.renditions)[0];
    return mediaFileOf(str(rendition?.href)) ?? mediaFileOf(str(association.uri));
  };
  const textOf = (list: unknown, role: string): string =>
    str(records(list).find((entry) => str(entry.role) === role)?.value ?? records(list)[0]?.value);
  bodyImages(converted.body).forEach((image, index) => {
    const file =
      fileOf(associations.find((a) => str(a.name) === `image-${index + 1}`)) ??
      mediaFileOf(converted.images[index]?.src ?? '');
    if (file && LEAD_FILE.test(file)) image.file = file;
  });

  const fields: NinjsStoryFields = {
    language,
    direction: directionOf(language),
    headline: str(main.value).replace(/\s+/g, ' '),
    subheadline: sub ? str(sub.value).replace(/\s+/g, ' ') : '',
    slugline: str(obj.slugline),
    byline: str(obj.by),
    dateline: { place: str(obj.located) },
    body: converted.body,
    tags: tags.slice(0, 200),
    origin: {
      guid: str(obj.uri) || 'urn:unknown',
      ...(str(obj.version) ? { version: str(obj.version) } : {}),
    },
  };
  const provider = str(records(obj.infoSources)[0]?.name);
  if (provider) fields.origin.provider = provider;
  if (
    typeof obj.urgency === 'number' &&
    Number.isInteger(obj.urgency) &&
    obj.urgency >= 1 &&
    obj.urgency <= 9
  ) {
    fields.urgency = obj.urgency;
  }
  if (str(obj.edNote)) fields.edNote = str(obj.edNote);
  const embargo = str(obj.embargoedUntil);
  if (embargo && Story.shape.createdAt.safeParse(embargo).success) fields.embargo = embargo;
  if (mediaTopics.length) fields.mediaTopics = mediaTopics;
  const feature = associations.find((a) => str(a.name) === 'featureimage');
  const featureFile = fileOf(feature);
  if (feature && featureFile && LEAD_FILE.test(featureFile)) {
    fields.leadImage = {
      file: featureFile,
      caption: textOf(feature.headlines, 'caption'),
      credit: str(feature.by),
      altText: textOf(feature.descriptions, 'alt'),
    };
  }
  const pubStatus = str(obj.pubStatus);
  if (pubStatus === 'usable' || pubStatus === 'withheld' || pubStatus === 'canceled')
    fields.pubStatus = pubStatus;
  const created = str(obj.firstCreated);
  if (created && Story.shape.createdAt.safeParse(created).success) {
    fields.createdAt = created;
  }
  return { fields, changes: converted.changes, images: converted.images };
}
