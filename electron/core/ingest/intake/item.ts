/**
 * The one intermediate shape every wire format is read into (NITF, NewsML-G2, ninjs 1.x–3.x),
 * before the one mapping into a story (`story.ts`). Readers fill what their file carries and
 * list what deviated from the standard as warnings; they refuse only what is not a text story,
 * unsafe or unreadable, with one stable code whatever the format.
 */
import type { IngestRefusalCode, RefusalParams } from '../../../../shared/publishing/model';

export type WireFormat = 'ninjs' | 'newsml' | 'nitf';

/** A subject as the file gave it, resolved where a catalogue is known. */
export interface WireSubject {
  /** `medtop` for IPTC Media Topics, `subj` for IPTC Subject Codes, otherwise the scheme's alias or URI */
  scheme: string;
  code?: string;
  name?: string;
}

/** An editorial note with its role: `public` (may be shown to readers) or `private`, or the file's own role. */
export interface WireNote {
  role: string;
  text: string;
}

/** A picture the item refers to (its file is not part of the wire text). */
export interface WirePicture {
  href: string;
  /** `featureimage` for the item's lead picture, `body` for one inside the text */
  role: string;
  caption?: string;
  credit?: string;
  alt?: string;
}

/** A deviation the item was taken despite: a stable code and, where useful, what it concerns. */
export interface WireWarning {
  code: WireWarningCode;
  detail?: string;
}

export const WIRE_WARNINGS = [
  /** the file does not validate against its standard's schema: `detail` lists the first problems */
  'schema-deviation',
  /** a timestamp had no UTC offset and was read as UTC: `detail` names the field */
  'time-without-offset',
  /** a timestamp could not be read and was left out: `detail` names the field */
  'time-unreadable',
  /** no headline: the first words of the text stand in for it */
  'headline-from-text',
  /** no text: the story is the headline and the description only */
  'no-text',
  /** the text is elsewhere (remoteContent): `detail` is its address */
  'remote-content',
  /** a Subject Code was mapped to the Media Topic of a broader code: `detail` is the code */
  'subject-mapped-broader',
  /** a Subject Code IPTC maps to no Media Topic; kept as a keyword: `detail` is the code */
  'subject-unmapped',
  /** pictures the item refers to are not part of the file: `detail` counts them */
  'pictures-referenced',
  /** a picture beside the file could not be brought into the media folder: `detail` says which */
  'picture-not-found',
  /** a DOCTYPE naming an external DTD was ignored (never fetched) */
  'dtd-ignored',
  /** the charset was not declared and the text was read as UTF-8 */
  'charset-assumed',
  /** the message held several text items: `detail` says which one this is */
  'part-of-message',
  /** a value was longer than a story field holds and was cut: `detail` names the field */
  'truncated',
  /** not a ninjs/G2 text type but text-bearing (composite, advisory…) */
  'type-assumed-text',
] as const;
export type WireWarningCode = (typeof WIRE_WARNINGS)[number];

export interface WireItem {
  format: WireFormat;
  /** the standard's version as the file says or as it was recognised (`3.4`, `2.35`, `1.6`…) */
  formatVersion?: string;
  guid: string;
  version?: string;
  language?: string;
  headline: string;
  subheadline?: string;
  slugline?: string;
  byline?: string;
  dateline?: { place?: string; text?: string };
  /** abstract, summary or description */
  description?: string;
  genre?: string;
  provider?: string;
  urgency?: number;
  pubStatus?: 'usable' | 'withheld' | 'canceled';
  firstCreated?: string;
  versionCreated?: string;
  contentCreated?: string;
  embargo?: string;
  edNotes: WireNote[];
  /** IPTC Media Topics (eight-digit codes), from the file or mapped from Subject Codes */
  mediaTopics: { code: string; name?: string }[];
  /** keywords and subjects of other schemes, never dropped */
  keywords: { value: string; scheme?: string }[];
  /** the text as HTML (already without header, footer and the headline repeated) */
  bodyHtml: string;
  /** the XHTML `<header>` / `<footer>` text of a G2 item, or NITF's tagline and trailer */
  header?: string;
  footer?: string;
  pictures: WirePicture[];
  warnings: WireWarning[];
}

/** A wire file refused: a stable code and its parameters, and the reason in plain English. */
export class WireRejection extends Error {
  constructor(
    readonly code: IngestRefusalCode,
    message: string,
    readonly params: RefusalParams = {},
  ) {
    super(message);
    this.name = 'WireRejection';
  }
}

/** No wire item is this large; larger files are refused before they are read. */
export const MAX_WIRE_BYTES = 5 * 1024 * 1024;

/** Elements nested deeper than this are refused: no news text needs it, and it bounds the reader's work. */
export const MAX_XML_DEPTH = 256;

/** The refusal of a file larger than the intake takes. */
export const oversized = (size: number): WireRejection =>
  new WireRejection('oversized', `the file is too large (${size} bytes; at most ${MAX_WIRE_BYTES})`, {
    size,
    limit: MAX_WIRE_BYTES,
  });

/** Adds a warning once (the same code and detail is not repeated). */
export function warn(item: { warnings: WireWarning[] }, code: WireWarningCode, detail?: string): void {
  if (item.warnings.some((w) => w.code === code && w.detail === detail)) return;
  item.warnings.push(detail === undefined ? { code } : { code, detail });
}

/** An empty item of a format, for a reader to fill. */
export function emptyItem(format: WireFormat): WireItem {
  return {
    format,
    guid: '',
    headline: '',
    edNotes: [],
    mediaTopics: [],
    keywords: [],
    bodyHtml: '',
    pictures: [],
    warnings: [],
  };
}
