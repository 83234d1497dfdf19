/**
 * Publishing's and ingest's part of the handler table. Channels, retries and the watched folder
 * are an administrator's, the delivery log and the Incoming queue every user's: the contract
 * says so and the dispatcher checks it before any handler here runs (electron/core/api/authorize.ts).
 *
 * A folder channel's folder and the watched folder are places outside the store: what a request
 * names is resolved through the workstation's places (electron/core/places.ts) when the setting
 * is saved (the desktop's dialog token, a path in the bridge's exchange folder, the command
 * line's own path), and only the resolved path is stored. A setting saved before keeps working:
 * naming the very path already stored for it is not a new choice.
 */
import type { HandlerTable } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { MAX_INCOMING_UPLOAD_BASE64 } from '../../../shared/publishing/contract';
import type { ChannelInput } from '../../../shared/publishing/model';
import type { Story } from '../../../shared/story/schema';
import type { IngestService } from '../ingest/service';
import { MAX_WIRE_BYTES } from '../ingest/intake/item';
import type { Workflow } from '../workflow';
import { resolveOnePlace, type Places } from '../places';
import { publicChannel } from './channels';
import type { Publisher } from './publisher';

type PublishingOperations =
  | 'listChannels'
  | 'createChannel'
  | 'updateChannel'
  | 'deleteChannel'
  | 'testChannel'
  | 'listDeliveries'
  | 'retryDelivery'
  | 'listIncoming'
  | 'getIncomingOriginal'
  | 'openIncoming'
  | 'spikeIncoming'
  | 'ingestIncomingFile'
  | 'getIncomingWatch'
  | 'checkIncomingWatch'
  | 'getIncomingScan'
  | 'cancelIncomingScan'
  | 'setIncomingWatch';

export interface PublishingHandlerDeps {
  publisher: Publisher;
  ingest: IngestService;
  workflow: Workflow;
  /** told of a draft opened from the Incoming queue (the search index takes it) */
  onStoryCreated?: (story: Story) => void;
  /** where folders outside the store come from (the door's places) */
  places: Places;
  /** the store's folder: no setting names a folder inside it */
  storeRoot: string;
}

/** Decoded size of base64 text, without decoding it. */
const decodedSize = (base64: string) =>
  Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);

export function publishingHandlers({
  publisher,
  ingest,
  workflow,
  onStoryCreated,
  places,
  storeRoot,
}: PublishingHandlerDeps): Pick<HandlerTable, PublishingOperations> {
  const save = async (input: ChannelInput, mustExist: boolean) => {
    const existing = (await publisher.channels.list()).find((c) => c.id === input.id);
    const exists = existing !== undefined;
    const reference = input.kind === 'folder' ? input.folder?.path : undefined;
    const channel =
      input.folder && reference !== undefined && reference !== existing?.folder?.path
        ? {
            ...input,
            folder: {
              ...input.folder,
              path: await resolveOnePlace(places, reference, 'channel-folder', storeRoot),
            },
          }
        : input;
    if (exists && !mustExist)
      throw new ApiError('conflict', `a channel with id ${channel.id} exists already`, [
        { path: 'reason', message: 'channel-id-taken' },
      ]);
    if (!exists && mustExist) throw new ApiError('not-found', `no channel with id ${channel.id}`);
    if (channel.kind === 'http' && !exists && !channel.http?.secret)
      throw new ApiError('invalid-request', 'an HTTP channel needs a shared secret', [
        { path: 'http.secret', message: 'required' },
      ]);
    return publicChannel(await publisher.channels.save(channel));
  };

  return {
    listChannels: async () => (await publisher.channels.list()).map(publicChannel),
    createChannel: ({ channel }) => save(channel, false),
    updateChannel: ({ channel }) => save(channel, true),
    deleteChannel: async ({ id }) => {
      await publisher.channels.get(id);
      await publisher.channels.remove(id);
      return {};
    },
    testChannel: ({ id }) => publisher.testChannel(id),
    listDeliveries: async ({ storyId }) => {
      const log = await publisher.outbox.log(storyId ? 5000 : 500);
      return storyId ? log.filter((d) => d.storyId === storyId) : log;
    },
    retryDelivery: ({ id }) => publisher.outbox.retry(id),
    listIncoming: async () => ({
      items: await ingest.queue.list(),
      rejected: await ingest.queue.rejected(50),
    }),
    getIncomingOriginal: ({ id }) => ingest.queue.preview(id),
    openIncoming: async ({ id }) => {
      const user = await workflow.currentUser();
      const story = await ingest.queue.open(id, await workflow.service.newStoryFields(user.id));
      onStoryCreated?.(story);
      return story;
    },
    spikeIncoming: ({ id }) => ingest.queue.spike(id),
    ingestIncomingFile: async ({ name, dataBase64 }) => {
      if (dataBase64.length > MAX_INCOMING_UPLOAD_BASE64 || decodedSize(dataBase64) > MAX_WIRE_BYTES)
        throw new ApiError('file-too-large', `${name} is larger than ${MAX_WIRE_BYTES} bytes`);
      return ingest.queue.ingestBytes(Buffer.from(dataBase64, 'base64'), name);
    },
    getIncomingWatch: () => ingest.watch(),
    checkIncomingWatch: () => ingest.checkNow(),
    getIncomingScan: async () => ingest.scanState(),
    cancelIncomingScan: async () => ingest.cancelScan(),
    setIncomingWatch: async ({ folder }) => {
      if (folder === null || folder === (await ingest.watch()).folder) return ingest.configureWatch(folder);
      return ingest.configureWatch(await resolveOnePlace(places, folder, 'watch-folder', storeRoot));
    },
  };
}
