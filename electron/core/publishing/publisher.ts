/**
 * The publisher: what happens to a story's outputs when the workflow moves it. A story that
 * becomes published goes to every enabled channel; a correction goes again with its note and
 * sequence; unpublish and kill withdraw it (the folder channel removes the page and marks the
 * feed, the HTTP channel sends pubStatus withheld or canceled). Each delivery lands in the
 * outbox first and in the story's history once attempted.
 *
 * The workflow calls `beforeTransition` before it commits a publication (a folder that is
 * missing or read-only refuses it, so the story stays approved) and `onTransition` after.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { USERS_FILE } from '../workflow/users';
import { ApiError } from '../../../shared/api/errors';
import {
  channelServesDesk,
  type Channel,
  type ChannelTestResult,
  type Delivery,
  type DeliveryEvent,
} from '../../../shared/publishing/model';
import type { Story, StoryStatus } from '../../../shared/story/schema';
import type { HouseStyle } from '../../../shared/text/house-style';
import type { HistoryEntry, Role, WorkflowAction } from '../../../shared/workflow/model';
import { judgeTransition, TRANSITIONS } from '../../../shared/workflow/transitions';
import { MEDIA_DIR } from '../store/journal';
import { mediaFileIn } from '../store/paths';
import type { WorkflowFiles } from '../workflow/files';
import { createChannelDirectory, type ChannelDirectory } from './channels';
import {
  ChannelError,
  deliverToFolder,
  preflightFolder,
  withdrawFromFolder,
  type FolderContext,
} from './folder-channel';
import { postDelivery, type AttemptResult } from './http-channel';
import { createOutbox, type Backoff, type Outbox, type OutboxEntry } from './outbox';
import { renderNinjs } from './render';
import { oneAtATimePer } from '../one-at-a-time';
import { consoleLogger, type Logger } from '../log';

/** One delivery as a line of the story's history (the workflow's history entry, kind `delivery`). */
export type DeliveryHistoryEntry = Pick<HistoryEntry, 'at' | 'actor' | 'actorName' | 'version' | 'detail'> & {
  kind: 'delivery';
};

/** Appends to a story's history; the workflow's `history.append` fits. */
export type HistoryRecorder = (id: string, entry: DeliveryHistoryEntry) => Promise<unknown>;

export interface PublisherOptions {
  /** the store folder: media come from it, publishing state lives in it */
  root: string;
  files: WorkflowFiles;
  now?: () => Date;
  history?: HistoryRecorder;
  houseStyle?: () => Promise<HouseStyle | undefined>;
  backoff?: Partial<Backoff>;
  log?: Logger;
}

export interface TransitionDetails {
  actor?: { id: string; name: string };
  note?: string;
}

export interface Publisher {
  readonly channels: ChannelDirectory;
  readonly outbox: Outbox;
  /** refuses (throws) a publication that cannot be delivered in full to a folder channel */
  beforeTransition(story: Story, action: WorkflowAction, actor?: { id: string; role: Role }): Promise<void>;
  /** delivers after a transition; resolves once folder channels are written and HTTP is queued */
  onTransition(story: Story, action: WorkflowAction, details?: TransitionDetails): Promise<Delivery[]>;
  /** checks a channel without publishing anything */
  testChannel(id: string): Promise<ChannelTestResult>;
  /** the site list file of a folder channel (outside the served folder) */
  entriesFile(channelId: string): string;
}

/** The delivery a state calls for, if any. */
export function deliveryEventOf(status: StoryStatus): DeliveryEvent | null {
  if (status === 'published') return 'publish';
  if (status === 'corrected') return 'correct';
  if (status === 'unpublished' || status === 'killed') return 'withdraw';
  return null;
}

export function createPublisher(options: PublisherOptions): Publisher {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? consoleLogger;
  const channels = createChannelDirectory(options.files, async (file) => {
    try {
      return (await stat(mediaFileIn(join(options.root, MEDIA_DIR), file))).isFile();
    } catch {
      return false;
    }
  });
  const entriesFile = (channelId: string) => join(options.root, 'publishing', 'sites', `${channelId}.json`);

  // The desks' names, so a page shows its section by name (its id when the name cannot be read).
  const deskNames = async (): Promise<Record<string, string>> => {
    try {
      const raw = (await options.files.readJson(USERS_FILE)) as { desks?: unknown } | null;
      const desks = Array.isArray(raw?.desks) ? raw.desks : [];
      return Object.fromEntries(
        desks
          .filter(
            (desk): desk is { id: string; name: string } =>
              typeof desk?.id === 'string' && typeof desk?.name === 'string',
          )
          .map((desk) => [desk.id, desk.name]),
      );
    } catch {
      return {};
    }
  };

  const folderContext = async (channel: Channel): Promise<FolderContext> => {
    const [style, desks] = await Promise.all([options.houseStyle?.(), deskNames()]);
    return {
      mediaRoot: join(options.root, MEDIA_DIR),
      entriesFile: entriesFile(channel.id),
      now,
      desks,
      ...(style ? { houseStyle: style } : {}),
    };
  };

  // Deliveries to one channel run one after another: the site list is read-modify-written.
  const onChannel = oneAtATimePer();

  const send = async (entry: OutboxEntry): Promise<AttemptResult> => {
    const { delivery, story } = entry;
    let channel: Channel;
    try {
      channel = await channels.get(delivery.channelId);
    } catch {
      return { ok: false, retry: false, error: 'the channel was removed' };
    }
    if (channel.kind === 'http') {
      if (!channel.http) return { ok: false, retry: false, error: 'the channel has no address' };
      return postDelivery(channel.http, {
        body: entry.payload ?? '',
        idempotencyKey: delivery.idempotencyKey,
        deliveryId: delivery.id,
        event: delivery.event,
        ...(delivery.sequence !== undefined ? { sequence: delivery.sequence } : {}),
      });
    }
    return onChannel(channel.id, async () => {
      try {
        const context = await folderContext(channel);
        if (delivery.event === 'withdraw') {
          await withdrawFromFolder(
            story,
            channel,
            story.status === 'killed' ? 'killed' : 'unpublished',
            delivery.note,
            context,
          );
        } else {
          await deliverToFolder(story, channel, context);
        }
        return { ok: true, retry: false };
      } catch (error) {
        const retry = !(error instanceof ChannelError) || error.kind === 'io';
        return {
          ok: false,
          retry: retry || error.kind === 'folder-read-only' || error.kind === 'folder-missing',
          error: (error as Error).message,
        };
      }
    });
  };

  const recordInHistory = async (delivery: Delivery) => {
    if (!options.history) return;
    // A retry that failed again is not news; the first failure, success and giving up are.
    if (delivery.status === 'retrying' && delivery.attempts > 1) return;
    const detail: Record<string, string | number | boolean> = {
      channel: delivery.channelId,
      channelName: delivery.channelName,
      event: delivery.event,
      status: delivery.status,
      pubStatus: delivery.pubStatus,
      attempts: delivery.attempts,
      delivery: delivery.id,
    };
    if (delivery.sequence !== undefined) detail.sequence = delivery.sequence;
    if (delivery.lastError) detail.error = delivery.lastError;
    if (delivery.httpStatus !== undefined) detail.httpStatus = delivery.httpStatus;
    try {
      await options.history(delivery.storyId, {
        at: now().toISOString(),
        actor: 'publisher',
        actorName: 'publisher',
        kind: 'delivery',
        version: delivery.version,
        detail,
      });
    } catch (error) {
      log.warn(
        `[publishing] could not record delivery ${delivery.id} in the history of ${delivery.storyId}: ${(error as Error).message}`,
      );
    }
  };

  const outbox = createOutbox({
    files: options.files,
    now,
    send,
    onAttempt: recordInHistory,
    log,
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });

  /**
   * The channels a delivery of `story` goes to: the enabled channels that serve its desk, and,
   * for a correction or a withdrawal, also the enabled channels that already carry it (its desk
   * or a channel's desks may have changed since: a correction follows the story where it went).
   */
  const targets = async (story: Story, event: DeliveryEvent | null): Promise<Channel[]> => {
    const enabled = (await channels.list()).filter((channel) => channel.enabled);
    let carried = new Set<string>();
    if (event === 'correct' || event === 'withdraw') {
      carried = new Set(
        (await outbox.log(Number.MAX_SAFE_INTEGER))
          .filter((d) => d.storyId === story.id && d.event !== 'withdraw' && d.status !== 'failed')
          .map((d) => d.channelId),
      );
    }
    return enabled.filter((channel) => channelServesDesk(channel, story.desk) || carried.has(channel.id));
  };

  return {
    channels,
    outbox,
    entriesFile,

    async beforeTransition(story, action, actor) {
      // A move the workflow will refuse anyway is left to it: its reason says more than ours.
      if (actor && !judgeTransition({ story, action, actor, now: now() }).ok) return;
      const target = TRANSITIONS[action].to(story.status);
      const event = deliveryEventOf(target);
      if (event === 'withdraw' || event === null) return;
      for (const channel of await targets(story, event)) {
        if (channel.kind !== 'folder') continue;
        try {
          await preflightFolder(channel);
        } catch (error) {
          if (error instanceof ChannelError) {
            throw new ApiError('io', error.message, [
              { path: 'reason', message: `channel-${error.kind}` },
              { path: 'channel', message: channel.name },
            ]);
          }
          throw error;
        }
      }
    },

    async onTransition(story, action, details = {}) {
      const event = deliveryEventOf(story.status);
      if (!event) return [];
      const at = now().toISOString();
      const pubStatus =
        event === 'withdraw' ? (story.status === 'killed' ? 'canceled' : 'withheld') : 'usable';
      const folderEntries: OutboxEntry[] = [];
      const queued: Delivery[] = [];
      for (const channel of await targets(story, event)) {
        const delivery: Delivery = {
          id: randomUUID(),
          channelId: channel.id,
          channelName: channel.name,
          storyId: story.id,
          version: story.version,
          event,
          pubStatus,
          idempotencyKey: `${story.id}:${story.version}:${event}:${channel.id}`,
          status: 'pending',
          attempts: 0,
          createdAt: at,
          updatedAt: at,
        };
        if (event === 'correct' && story.correction) {
          delivery.sequence = story.correction.sequence;
          delivery.note = story.correction.note;
        } else if (event === 'withdraw' && details.note) {
          delivery.note = details.note;
        }
        const entry: OutboxEntry = { delivery, story };
        if (channel.kind === 'http') {
          entry.payload = JSON.stringify(renderNinjs(story, { channel, pubStatus }));
        } else {
          folderEntries.push(entry);
        }
        queued.push(await outbox.enqueue(entry));
      }
      void action;
      // Folder channels are written before this resolves; HTTP is attempted in the background
      // and retried by the outbox.
      const results: Delivery[] = [];
      for (const entry of folderEntries) results.push(await outbox.retry(entry.delivery.id));
      void outbox
        .drain()
        .catch((error: unknown) => log.warn(`[publishing] outbox: ${(error as Error).message}`));
      return queued.map((delivery) => results.find((r) => r.id === delivery.id) ?? delivery);
    },

    async testChannel(id) {
      const channel = await channels.get(id);
      if (channel.kind === 'folder') {
        try {
          await preflightFolder(channel);
          return { ok: true, detail: `the folder ${channel.folder?.path} exists and takes files` };
        } catch (error) {
          return {
            ok: false,
            detail: (error as Error).message,
            reason: error instanceof ChannelError ? `channel-${error.kind}` : 'channel-io',
          };
        }
      }
      const body = JSON.stringify({
        uri: `urn:mihbara:test:${randomUUID()}`,
        type: 'text',
        pubStatus: 'withheld',
        headlines: [{ role: 'main', value: 'Mihbara channel test' }],
        edNote: 'A test of the channel from Mihbara; not a story.',
      });
      const result = await postDelivery(channel.http!, {
        body,
        idempotencyKey: `test:${randomUUID()}`,
        deliveryId: `test-${randomUUID()}`,
        event: 'test',
      });
      return {
        ok: result.ok,
        detail: result.ok ? `the receiver answered ${result.httpStatus}` : (result.error ?? 'failed'),
        ...(result.httpStatus !== undefined ? { httpStatus: result.httpStatus } : {}),
        ...(result.ok ? {} : { reason: 'channel-http-failed' }),
      };
    },
  };
}
