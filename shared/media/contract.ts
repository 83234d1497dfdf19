/**
 * The media library's API operations: the pictures the store already has, found by the caption
 * and credit the stories gave them. Spread into the one contract (shared/api/contract.ts).
 */
import { z } from 'zod';
import { MediaFileName as MediaFile } from '../story/schema';

/** One picture of the library, with the words the latest story using it gave it. */
export const MediaUse = z.object({
  file: MediaFile,
  caption: z.string(),
  credit: z.string(),
  alt: z.string(),
  /** how many of the stories looked at use it */
  stories: z.number().int().min(1),
});
export type MediaUse = z.infer<typeof MediaUse>;

export const mediaContract = {
  /** pictures used by stories (most recently saved first), filtered by words of caption or credit */
  listMedia: {
    request: z.object({ query: z.string().max(200).default('') }).strict(),
    response: z.array(MediaUse).max(200),
  },
} as const;
