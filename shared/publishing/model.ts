/**
 * Publishing vocabulary as data: channels (where approved stories go), deliveries (one story
 * version to one channel) and the Incoming queue of wire copy. Pure schemas, read by the main
 * process to enforce and by the renderer to display.
 */
import { z } from 'zod';
import { MediaFileName } from '../story/schema';

const Timestamp = z.iso.datetime({ offset: true });

export const ChannelId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not a channel id');

/** A folder a static web server or a synced folder serves. */
export const FolderChannelSettings = z.object({
  /** absolute path of the output folder; it must exist (it is never created, so a typo shows) */
  path: z.string().min(1).max(1000),
  /** the site's public address ending in `/`, for links in the feed and Open Graph */
  baseUrl: z.url().max(1000).default('https://example.invalid/'),
  /** the outlet's name: feed title, index heading, og:site_name */
  siteTitle: z.string().min(1).max(200).default('Mihbara'),
  /** the outlet's logo: an image of the store's media folder, by its content name; in the mastheads */
  logo: MediaFileName.optional(),
});
export type FolderChannelSettings = z.infer<typeof FolderChannelSettings>;

/** A webhook that receives ninjs. */
export const HttpChannelSettings = z.object({
  url: z
    .url()
    .max(2000)
    .refine((value) => /^https?:\/\//i.test(value), 'only http and https addresses'),
  /** the shared secret of the HMAC signature; never sent back to the renderer */
  secret: z.string().min(8).max(500),
  /** per attempt */
  timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
});
export type HttpChannelSettings = z.infer<typeof HttpChannelSettings>;

/**
 * The desks a channel serves: `all`, or a list of desk ids. A story goes to the channels that
 * serve its desk; a story without a desk goes only to the channels that serve all desks (a
 * channel limited to some desks was limited on purpose). A channel saved before desks existed
 * has no such field and serves all desks.
 */
export const ChannelDesks = z.union([
  z.literal('all'),
  z.array(z.string().min(1).max(64)).min(1, 'choose at least one desk').max(200),
]);
export type ChannelDesks = z.infer<typeof ChannelDesks>;

/** Whether a channel takes the stories of `desk` (see `ChannelDesks` for a story without one). */
export function channelServesDesk(channel: { desks?: ChannelDesks }, desk: string | undefined): boolean {
  const desks = channel.desks ?? 'all';
  if (desks === 'all') return true;
  return Boolean(desk) && desks.includes(desk!);
}

export const Channel = z.object({
  id: ChannelId,
  name: z.string().min(1).max(120),
  enabled: z.boolean().default(true),
  desks: ChannelDesks.default('all'),
  /** internal channels (the desk's own systems) also receive the editorial note */
  internal: z.boolean().default(false),
  kind: z.enum(['folder', 'http']),
  folder: FolderChannelSettings.optional(),
  http: HttpChannelSettings.optional(),
});
export type Channel = z.infer<typeof Channel>;

/** What the renderer sees of a channel: the secret replaced by whether one is set. */
export const PublicChannel = Channel.extend({
  http: HttpChannelSettings.omit({ secret: true }).extend({ hasSecret: z.boolean() }).optional(),
});
export type PublicChannel = z.infer<typeof PublicChannel>;

/** What an administrator sends to create or change a channel; an empty secret keeps the old one. */
export const ChannelInput = Channel.extend({
  http: HttpChannelSettings.extend({ secret: z.string().max(500) }).optional(),
});
/** As sent: fields with defaults (enabled, internal, desks) may be left out. */
export type ChannelInput = z.input<typeof ChannelInput>;

/** Why a delivery happens: a first publication, a correction, or a withdrawal. */
export const DeliveryEvent = z.enum(['publish', 'correct', 'withdraw']);
export type DeliveryEvent = z.infer<typeof DeliveryEvent>;

export const DeliveryStatus = z.enum(['pending', 'retrying', 'delivered', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** One story version to one channel, as the outbox keeps it and the log shows it. */
export const Delivery = z.object({
  id: z.string(),
  channelId: ChannelId,
  channelName: z.string(),
  storyId: z.string(),
  version: z.number().int().min(1),
  event: DeliveryEvent,
  pubStatus: z.enum(['usable', 'withheld', 'canceled']),
  /** the correction sequence, for corrections */
  sequence: z.number().int().min(1).optional(),
  note: z.string().optional(),
  /** stays the same across every retry and restart, so a receiver can drop duplicates */
  idempotencyKey: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int().min(0),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** when the next attempt is due (retrying) */
  nextAttemptAt: Timestamp.optional(),
  /** the last failure, in plain words */
  lastError: z.string().optional(),
  /** the HTTP status of the last answer */
  httpStatus: z.number().int().optional(),
});
export type Delivery = z.infer<typeof Delivery>;

export const ChannelTestResult = z.object({
  ok: z.boolean(),
  /** plain words: what was checked and what failed */
  detail: z.string(),
  httpStatus: z.number().int().optional(),
  /** why it failed, as a code the renderer words in the user's language (`channel-folder-missing`…) */
  reason: z.string().optional(),
});
export type ChannelTestResult = z.infer<typeof ChannelTestResult>;

/** An item of wire copy waiting in the Incoming queue. */
export const IncomingItem = z.object({
  id: z.string(),
  guid: z.string(),
  version: z.string().optional(),
  provider: z.string().optional(),
  format: z.enum(['ninjs', 'newsml', 'nitf']),
  headline: z.string(),
  language: z.string(),
  receivedAt: Timestamp,
  /** the file it came in as */
  fileName: z.string(),
  status: z.enum(['new', 'opened', 'spiked']),
  /** the draft it was opened as */
  storyId: z.string().optional(),
  /** when the agency wrote it (the item's first or version time) */
  createdAt: Timestamp.optional(),
  /** what the item deviated in but was taken despite: stable codes the interface words */
  warnings: z.array(z.object({ code: z.string(), detail: z.string().optional() })).optional(),
  /** the original file, kept beside the item (`incoming/originals/<id>`) */
  original: z.string().optional(),
});
export type IncomingItem = z.infer<typeof IncomingItem>;

/**
 * Why the ingest refused a file, as a stable code the interface words in the user's language
 * (`incoming.refusal.<code>`), with parameters (sizes, the schema, the parser's own words).
 */
export const INGEST_REFUSALS = [
  /** the file is empty */
  'empty',
  /** larger than the limit: `size`, `limit` (bytes) */
  'oversized',
  /** not UTF-8 text (recorded before charsets were read) */
  'not-utf8',
  /** bytes that are not valid in the declared charset: `charset` */
  'malformed-encoding',
  /** a charset that is not known: `charset` */
  'unsupported-encoding',
  /** elements nested deeper than the limit: `limit` */
  'xml-too-deep',
  /** neither ninjs, NITF nor NewsML-G2 (NewsML 1.x, other XML, plain text): `detail` */
  'unsupported-format',
  /** JSON that does not parse: `detail` */
  'malformed-json',
  /** XML that does not parse: `detail` */
  'malformed-xml',
  /** XML declaring an external entity (XXE) */
  'xml-external-entity',
  /** XML declaring internal entities (entity expansion, "billion laughs") */
  'xml-entity-expansion',
  /** XML with a DTD of its own (an internal subset); a DOCTYPE that only names one is ignored */
  'xml-dtd',
  /** JSON or XML, but not ninjs / NewsML-G2 as the schema says: `schema`, `detail` */
  'wrong-schema',
  /** a ninjs item that is not text (a picture, a video…): `type` */
  'not-text',
  /** a ninjs or NewsML-G2 item without what a story needs (headline, text, guid): `detail` */
  'incomplete',
  /** a link (never followed) */
  'link',
  /** not a plain file (a folder, a device) */
  'not-a-file',
  /** the file is gone */
  'missing',
  /** the file cannot be read: `detail` */
  'unreadable',
] as const;
export const IngestRefusalCode = z.enum(INGEST_REFUSALS);
export type IngestRefusalCode = z.infer<typeof IngestRefusalCode>;

/** A refusal's parameters, interpolated into its message. */
export const RefusalParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type RefusalParams = z.infer<typeof RefusalParams>;

/** A file the ingest refused, with its reason; the file itself is moved to the rejected folder. */
export const RejectedFile = z.object({
  fileName: z.string(),
  /** the reason in plain English (logs, the command line) */
  reason: z.string(),
  /** absent on refusals recorded before codes existed */
  code: IngestRefusalCode.optional(),
  params: RefusalParams.optional(),
  at: Timestamp,
});
export type RejectedFile = z.infer<typeof RejectedFile>;
