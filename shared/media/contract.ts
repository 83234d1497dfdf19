/**
 * The media operations: images copied into the store by content name and read back, and the
 * media library (the pictures the store already has, found by the caption and credit the
 * stories gave them).
 */
import { z } from 'zod';
import type { OperationSpec } from '../api/policy';
import { MediaFileName as MediaFile } from '../story/schema';

/** File contents in transit (base64); the handler checks the decoded size against its own limit. */
export const Base64 = z
  .string()
  .max(16 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

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
  /** copies an image into the store's media folder (content-addressed); checked by its bytes */
  addMedia: {
    request: z.object({ name: z.string().max(500), mime: z.string().max(200), dataBase64: Base64 }).strict(),
    response: z.object({ file: MediaFile }),
    policy: 'signed-in',
  },
  readMedia: {
    request: z.object({ file: MediaFile }).strict(),
    response: z.object({ mime: z.string(), dataBase64: z.string() }),
    policy: 'signed-in',
  },
  /** pictures used by stories (most recently saved first), filtered by words of caption or credit */
  listMedia: {
    request: z.object({ query: z.string().max(200).default('') }).strict(),
    response: z.array(MediaUse).max(200),
    policy: 'signed-in',
  },
} as const satisfies Record<string, OperationSpec>;
