/**
 * The API between the renderer and the main process: one map from each operation to the
 * schemas of its request and response. The Electron preload, the browser bridge and the
 * main-side handler table are all typed from this map, and the dispatcher validates every
 * payload against it.
 */
import { z } from 'zod';
import { Story, StoryEdit, StoryId, StorySummary, LanguageTag } from '../story/schema';
import type { ApiResult } from './errors';
import { NewsroomSettings, NewsroomWord } from '../text/house-style';

/** File contents in transit (base64); the handler checks the decoded size against its own limit. */
const Base64 = z.string().max(16 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
/** A file in the store's media folder: `<sha256>.<ext>`, never a path. */
const MediaFile = z.string().regex(/^[0-9a-f]{64}\.(png|jpg|gif|webp)$/, 'not a media file name');

export const contract = {
  getStoreInfo: {
    request: z.object({}).strict(),
    response: z.object({ path: z.string(), storyCount: z.number().int().min(0) }),
  },
  listStories: {
    request: z.object({}).strict(),
    response: z.array(StorySummary),
  },
  /** the newsroom's proofing and house-style settings (defaults until first saved) */
  getSettings: {
    request: z.object({}).strict(),
    response: NewsroomSettings,
  },
  saveSettings: {
    request: z.object({ settings: NewsroomSettings }).strict(),
    response: NewsroomSettings,
  },
  /** the newsroom's own spelling list: names and transliterations the dictionaries lack */
  listNewsroomWords: {
    request: z.object({}).strict(),
    response: z.array(z.string()),
  },
  addNewsroomWord: {
    request: z.object({ word: NewsroomWord }).strict(),
    response: z.array(z.string()),
  },
  getStory: {
    request: z.object({ id: StoryId }).strict(),
    response: Story,
  },
  createStory: {
    request: z.object({ language: LanguageTag.default('ar') }).strict(),
    response: Story,
  },
  saveStory: {
    request: z
      .object({
        id: StoryId,
        /** the version the editor's copy is based on; a stale save is refused as a conflict */
        baseVersion: z.number().int().min(1),
        edit: StoryEdit,
      })
      .strict(),
    response: Story,
  },
  /** copies an image into the store's media folder (content-addressed); checked by its bytes */
  addMedia: {
    request: z
      .object({ name: z.string().max(500), mime: z.string().max(200), dataBase64: Base64 })
      .strict(),
    response: z.object({ file: MediaFile }),
  },
  readMedia: {
    request: z.object({ file: MediaFile }).strict(),
    response: z.object({ mime: z.string(), dataBase64: z.string() }),
  },
  /** a Word document becomes a new story; its images are copied into the store */
  importDocx: {
    request: z.object({ name: z.string().max(500), dataBase64: Base64 }).strict(),
    response: Story,
  },
} as const;

export type Contract = typeof contract;
export type Operation = keyof Contract;
export const OPERATIONS = Object.keys(contract) as Operation[];

export type RequestOf<K extends Operation> = z.input<Contract[K]['request']>;
export type ParsedRequestOf<K extends Operation> = z.output<Contract[K]['request']>;
export type ResponseOf<K extends Operation> = z.output<Contract[K]['response']>;

/** What the renderer sees: one async function per operation, never raw transport. */
export type MihbaraApi = {
  [K in Operation]: (request: RequestOf<K>) => Promise<ApiResult<ResponseOf<K>>>;
};

/** What the main side implements: one handler per operation, receiving a validated request. */
export type HandlerTable = {
  [K in Operation]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>>;
};

export function isOperation(name: unknown): name is Operation {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The IPC channel of an operation. */
export const channelOf = (operation: Operation): string => `mihbara:${operation}`;
