/**
 * The media operations of the handler table (shared/media/contract.ts): images by content name,
 * and the media library of the pictures the stories use.
 */
import type { HandlerTable } from '../../../shared/api/contract';
import type { mediaContract } from '../../../shared/media/contract';
import type { MediaStore } from '../store/media';
import type { StoryStore } from '../store/types';
import { listMedia } from '../stories/media-library';

export function mediaHandlers(
  media: MediaStore,
  store: StoryStore,
): Pick<HandlerTable, keyof typeof mediaContract> {
  return {
    addMedia: async ({ name, dataBase64 }) => ({
      file: (await media.add(Buffer.from(dataBase64, 'base64'), name)).file,
    }),
    readMedia: async ({ file }) => {
      const { mime, bytes } = await media.read(file);
      return { mime, dataBase64: bytes.toString('base64') };
    },
    listMedia: ({ query }) => listMedia(store, query),
  };
}
