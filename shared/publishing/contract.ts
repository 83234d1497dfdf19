/**
 * The API operations of publishing and wire ingest: channels (an administrator's), the delivery
 * log, the Incoming queue and its watched folder. Spread into the one contract
 * (shared/api/contract.ts), so they are validated and typed like every other operation.
 */
import { z } from 'zod';
import type { OperationSpec } from '../api/policy';
import { Story, StoryId } from '../story/schema';
import {
  ChannelId,
  ChannelInput,
  ChannelTestResult,
  Delivery,
  IncomingItem,
  IngestRefusalCode,
  PublicChannel,
  RefusalParams,
  RejectedFile,
} from './model';

/** The largest wire file the page may send: the ingest's own limit (5 MiB) as base64, rounded up. */
export const MAX_INCOMING_UPLOAD_BASE64 = 7 * 1024 * 1024;

const IncomingId = z.string().regex(/^[0-9a-f]{24}$/, 'not an incoming item id');

/** The folder agencies drop wire files into; null: no folder is watched. */
export const IncomingWatch = z.object({
  folder: z.string().max(1000).nullable(),
  /** true while this process watches it (the app and the bridge do; the command line does not) */
  active: z.boolean(),
});
export type IncomingWatch = z.infer<typeof IncomingWatch>;

/** A look at the watched folder asked for by a user ("check now"), with its progress and counts. */
export const IncomingScan = z.object({
  id: z.string(),
  folder: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).optional(),
  /** plain files found in the folder when the look began */
  total: z.number().int().min(0),
  /** files handled so far */
  done: z.number().int().min(0),
  /** added to the Incoming queue */
  taken: z.number().int().min(0),
  /** skipped: the same guid and version is in the queue already */
  duplicates: z.number().int().min(0),
  /** refused (moved to the folder's rejected/ with the reason beside them) */
  refused: z.number().int().min(0),
  /** why a look failed, in plain words */
  error: z.string().optional(),
});
export type IncomingScan = z.infer<typeof IncomingScan>;

/** An Incoming item's original file beside the story it makes, for the editor to compare. */
export const IncomingOriginal = z.object({
  fileName: z.string(),
  /** the file's text (null: the original was not kept) */
  text: z.string().nullable(),
  truncated: z.boolean(),
  /** the story the item makes: its main fields and the text's paragraphs */
  story: z.object({
    headline: z.string(),
    subheadline: z.string(),
    byline: z.string(),
    dateline: z.string(),
    slugline: z.string(),
    language: z.string(),
    paragraphs: z.array(z.string()),
  }),
});
export type IncomingOriginal = z.infer<typeof IncomingOriginal>;

/** What became of one file sent to the Incoming queue. */
export const IngestOutcome = z.discriminatedUnion('kind', [
  // A file holding several text items (a newsMessage, a ninjs feed) queues each; `also` has the rest.
  z.object({ kind: z.literal('queued'), item: IncomingItem, also: z.array(IncomingItem).optional() }),
  z.object({ kind: z.literal('duplicate'), guid: z.string(), version: z.string().optional() }),
  z.object({
    kind: z.literal('rejected'),
    reason: z.string(),
    code: IngestRefusalCode,
    params: RefusalParams.optional(),
  }),
]);
export type IngestOutcome = z.infer<typeof IngestOutcome>;

export const publishingContract = {
  /** the channels (administrators only); secrets are never sent back */
  listChannels: { request: z.object({}).strict(), response: z.array(PublicChannel), policy: 'admin' },
  /** adds a channel; an id already in use is a conflict */
  createChannel: {
    request: z.object({ channel: ChannelInput }).strict(),
    response: PublicChannel,
    policy: 'admin',
  },
  /** changes a channel; an empty HTTP secret keeps the one already set */
  updateChannel: {
    request: z.object({ channel: ChannelInput }).strict(),
    response: PublicChannel,
    policy: 'admin',
  },
  deleteChannel: {
    request: z.object({ id: ChannelId }).strict(),
    response: z.object({}),
    policy: 'admin',
  },
  /** checks a channel without publishing anything */
  testChannel: {
    request: z.object({ id: ChannelId }).strict(),
    response: ChannelTestResult,
    policy: 'admin',
  },
  /** every delivery's latest state, newest first; with `storyId`, that story's only */
  listDeliveries: {
    request: z.object({ storyId: StoryId.optional() }).strict(),
    response: z.array(Delivery),
    policy: 'signed-in',
  },
  /** attempts a delivery again now (administrators only) */
  retryDelivery: { request: z.object({ id: z.uuid() }).strict(), response: Delivery, policy: 'admin' },
  /** the Incoming queue, newest first, and the files refused lately */
  listIncoming: {
    request: z.object({}).strict(),
    response: z.object({ items: z.array(IncomingItem), rejected: z.array(RejectedFile) }),
    policy: 'signed-in',
  },
  /**
   * An item's original file as received, beside the story it makes (the text of the file, at most
   * 200,000 characters; null when the original was not kept, as for items queued before it was)
   */
  getIncomingOriginal: {
    request: z.object({ id: IncomingId }).strict(),
    response: IncomingOriginal,
    policy: 'signed-in',
  },
  /** opens a wire item as a new draft that keeps its source and guid */
  openIncoming: { request: z.object({ id: IncomingId }).strict(), response: Story, policy: 'signed-in' },
  spikeIncoming: {
    request: z.object({ id: IncomingId }).strict(),
    response: IncomingItem,
    policy: 'signed-in',
  },
  /** one wire file sent from the page (ninjs or NewsML-G2) */
  ingestIncomingFile: {
    request: z
      .object({
        name: z.string().min(1).max(255),
        dataBase64: z
          .string()
          .max(MAX_INCOMING_UPLOAD_BASE64)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
      })
      .strict(),
    response: IngestOutcome,
    policy: 'signed-in',
  },
  getIncomingWatch: { request: z.object({}).strict(), response: IncomingWatch, policy: 'signed-in' },
  /** looks at the watched folder now (every user); answers at once, the look goes on in the background */
  checkIncomingWatch: { request: z.object({}).strict(), response: IncomingScan, policy: 'signed-in' },
  /** the look under way, or the last one (null: none since start) */
  getIncomingScan: { request: z.object({}).strict(), response: IncomingScan.nullable(), policy: 'signed-in' },
  /** stops the look under way after the file being handled; the rest wait for the next look */
  cancelIncomingScan: {
    request: z.object({}).strict(),
    response: IncomingScan.nullable(),
    policy: 'signed-in',
  },
  /** sets (or with null, stops) the watched folder; administrators only */
  setIncomingWatch: {
    request: z.object({ folder: z.string().trim().min(1).max(1000).nullable() }).strict(),
    response: IncomingWatch,
    policy: 'admin',
  },
} as const satisfies Record<string, OperationSpec>;
