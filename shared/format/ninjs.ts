/**
 * Stories ↔ IPTC ninjs 3.1 (News in JSON). Property names follow the official schema
 * (resources/standards/ninjs/ninjs-schema_3.1.json); 3.1 forbids properties it does not define,
 * so the byline is `by`, the dateline place is `located` and tags travel as `subjects[].name`
 * (3.1 has no `keywords`). ninjs has no direction: it follows `language`.
 */
import { Story, directionOf, type Direction, type StoryBody, type StoryStatus } from '../story/schema';
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
}

export interface StoryToNinjsOptions {
  /** prefix of `uri`; the story id is appended. Default `urn:mihbara:story:` */
  uriPrefix?: string;
  /** include the editorial note (never published, so off by default) */
  includeEdNote?: boolean;
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
  const doc: NinjsDocument = {
    uri: `${options.uriPrefix ?? 'urn:mihbara:story:'}${story.id}`,
    type: 'text',
    representationType: 'full',
    version: String(story.version),
    firstCreated: story.createdAt,
    versionCreated: story.updatedAt,
    pubStatus: pubStatusOf(story.status),
    language: story.language,
    headlines: [{ role: 'main', value: story.headline }],
    bodies: [
      {
        role: 'main',
        contentType: 'text/html',
        charCount: [...text.replace(/\s+/g, '')].length,
        wordCount: countWords(text),
        value: bodyToHtml(story.body, { language: story.language }),
      },
    ],
  };
  if (story.subheadline) doc.headlines!.push({ role: 'sub', value: story.subheadline });
  if (story.byline) doc.by = story.byline;
  if (story.slugline) doc.slugline = story.slugline;
  if (story.dateline.place) doc.located = story.dateline.place;
  if (story.tags.length > 0) doc.subjects = story.tags.map((name) => ({ name }));
  if (story.urgency !== undefined) doc.urgency = story.urgency;
  if (options.includeEdNote && story.edNote) doc.edNote = story.edNote;
  return doc;
}

/** A ninjs object that cannot become a story; the message is plain English for the editor. */
export class NinjsContentError extends Error {
  constructor(message: string) {
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
  if (!isRecord(obj)) throw new NinjsContentError('it is not a JSON object');
  const type = str(obj.type);
  if (type && type !== 'text' && type !== 'composite') {
    throw new NinjsContentError(`it is a ninjs "${type}" item, not a text story`);
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
  for (const subject of records(obj.subjects)) {
    const name = str(subject.name).replace(/\s+/g, ' ').slice(0, 100);
    if (name && !tags.includes(name)) tags.push(name);
  }

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
  };
  if (
    typeof obj.urgency === 'number' &&
    Number.isInteger(obj.urgency) &&
    obj.urgency >= 1 &&
    obj.urgency <= 9
  ) {
    fields.urgency = obj.urgency;
  }
  if (str(obj.edNote)) fields.edNote = str(obj.edNote);
  const created = str(obj.firstCreated);
  if (created && Story.shape.createdAt.safeParse(created).success) {
    fields.createdAt = created;
  }
  return { fields, changes: converted.changes, images: converted.images };
}
