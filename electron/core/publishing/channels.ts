/**
 * The channels an administrator configures, kept in `publishing/channels.json` in the store
 * folder. Secrets stay in the main process: the renderer sees whether one is set, never its value.
 */
import { ApiError } from '../../../shared/api/errors';
import { Channel, type ChannelInput, type PublicChannel } from '../../../shared/publishing/model';
import type { WorkflowFiles } from '../workflow/files';
import { oneAtATime } from '../one-at-a-time';

export const CHANNELS_FILE = 'publishing/channels.json';

export interface ChannelDirectory {
  list(): Promise<Channel[]>;
  get(id: string): Promise<Channel>;
  /** creates or replaces a channel; an empty HTTP secret keeps the one already set */
  save(input: ChannelInput): Promise<Channel>;
  remove(id: string): Promise<void>;
}

export function publicChannel(channel: Channel): PublicChannel {
  if (!channel.http) return channel as PublicChannel;
  const { secret, ...http } = channel.http;
  return { ...channel, http: { ...http, hasSecret: secret.length > 0 } };
}

/**
 * `mediaExists` tells whether a content name is in the store's media folder: a folder channel's
 * logo must be one of its images, or the channel is refused.
 */
export function createChannelDirectory(
  files: WorkflowFiles,
  mediaExists?: (file: string) => Promise<boolean>,
): ChannelDirectory {
  const read = async (): Promise<Channel[]> => {
    const raw = await files.readJson(CHANNELS_FILE);
    return Array.isArray(raw) ? raw.map((item) => Channel.parse(item)) : [];
  };
  const serialized = oneAtATime();
  return {
    list: read,
    async get(id) {
      const channel = (await read()).find((c) => c.id === id);
      if (!channel) throw new ApiError('not-found', `no channel with id ${id}`);
      return channel;
    },
    save(input) {
      return serialized(async () => {
        const channels = await read();
        const existing = channels.find((c) => c.id === input.id);
        const candidate: Record<string, unknown> = { ...input };
        if (input.kind === 'http' && input.http && !input.http.secret && existing?.http) {
          candidate.http = { ...input.http, secret: existing.http.secret };
        }
        if (input.kind === 'folder') delete candidate.http;
        if (input.kind === 'http') delete candidate.folder;
        const parsed = Channel.safeParse(candidate);
        if (
          !parsed.success ||
          (parsed.data.kind === 'folder' && !parsed.data.folder) ||
          (parsed.data.kind === 'http' && !parsed.data.http)
        ) {
          throw new ApiError(
            'invalid-request',
            'the channel settings are not complete',
            parsed.success
              ? [{ path: parsed.data.kind, message: 'required' }]
              : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
          );
        }
        const logo = parsed.data.folder?.logo;
        if (logo && mediaExists && !(await mediaExists(logo))) {
          throw new ApiError('invalid-request', 'the logo is not an image of the media store', [
            { path: 'reason', message: 'channel-logo-missing' },
          ]);
        }
        const next = channels.filter((c) => c.id !== input.id);
        next.push(parsed.data);
        await files.writeJson(CHANNELS_FILE, next);
        return parsed.data;
      });
    },
    remove(id) {
      return serialized(async () => {
        const channels = await read();
        await files.writeJson(
          CHANNELS_FILE,
          channels.filter((c) => c.id !== id),
        );
      });
    },
  };
}
