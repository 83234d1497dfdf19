/**
 * Stories ↔ IPTC ninjs 3.1 (News in JSON). Property names follow the official schema
 * (resources/standards/ninjs/ninjs-schema_3.1.json); 3.1 forbids properties it does not define,
 * so the byline is `by`, the dateline place is `located` and tags travel as `subjects[].name`
 * (3.1 has no `keywords`). ninjs has no direction: it follows `language`. Reading ninjs (every
 * generation) is the wire intake's (electron/core/ingest/intake), the one mapping into stories.
 */
import { type Story, type BlockElement, type StoryBody, type StoryStatus } from '../story/schema';
import { bodyToHtml, bodyToText } from './body-to-html';

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
