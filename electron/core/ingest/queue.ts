/**
 * The Incoming queue: wire items waiting for an editor, kept in the store folder
 * (`incoming/items/<id>.json`, each with the fields read from the file). An editor opens an item
 * as a new draft that keeps its source and guid, or spikes it. The same guid and version arriving
 * again is ignored. Refused files are kept in `incoming/rejected/` with their reason.
 */
import { createHash, randomUUID } from 'node:crypto';
import { copyFile, lstat, mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { assertMayWrite } from '../store/writer-gate';
import { basename, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { IncomingOriginal, IngestOutcome } from '../../../shared/publishing/contract';
import { bodyToText } from '../../../shared/format/body-to-html';
import { IncomingItem, type RefusalParams, type RejectedFile } from '../../../shared/publishing/model';
import type { Story } from '../../../shared/story/schema';
import type { StoryService } from '../stories/service';
import { errorCode } from '../store/durable-file';
import type { WorkflowFiles } from '../workflow/files';
import { decodeWire } from './intake/decode';
import { MAX_WIRE_BYTES, oversized, readWire, WireRejection, type WireItem } from './intake';
import { wireToStory, type WireStoryFields } from './intake/story';
import { bestEffort, consoleLogger, type Logger } from '../log';
import { oneAtATime } from '../one-at-a-time';

export const INCOMING_DIR = 'incoming/items';
export const REJECTED_DIR = 'incoming/rejected';
/** the files items came in as, by content (`<sha256>`), so the original can be shown beside the story */
export const ORIGINALS_DIR = 'incoming/originals';
const REJECTED_LOG = 'incoming/rejected.ndjson';

export type { IngestOutcome };

/**
 * The text kept beside a refused file (`<name>.reason.txt`): the code first, then the reason in
 * English and each parameter on its own line, so both a person and a script can read it.
 */
export function refusalText(refusal: { code: string; reason: string; params?: RefusalParams }): string {
  const lines = [`code: ${refusal.code}`, `reason: ${refusal.reason}`];
  for (const [name, value] of Object.entries(refusal.params ?? {}))
    lines.push(`${name}: ${String(value).replace(/\s+/g, ' ')}`);
  return `${lines.join('\n')}\n`;
}

export interface IncomingQueue {
  /** takes one wire file's bytes; never throws for a bad file (it is `rejected`) */
  ingestBytes(bytes: Uint8Array, fileName: string): Promise<IngestOutcome>;
  /** reads a file (refusing oversized ones before reading) and ingests it */
  ingestFile(path: string): Promise<IngestOutcome>;
  list(): Promise<IncomingItem[]>;
  rejected(limit?: number): Promise<RejectedFile[]>;
  /** opens an item as a new draft; `start` carries the workflow's authors and desk */
  open(id: string, start?: Pick<Partial<Story>, 'authors' | 'desk'>): Promise<Story>;
  spike(id: string): Promise<IncomingItem>;
  /** the item as read (every field the file carried) */
  wire(id: string): Promise<WireItem | undefined>;
  /** the original file beside the story the item makes (for the Incoming screen) */
  preview(id: string): Promise<IncomingOriginal>;
  /** the original file's text as received (at most `limit` characters) */
  original(
    id: string,
    limit?: number,
  ): Promise<{ fileName: string; text: string; truncated: boolean } | null>;
}

/** An item as kept in the queue: what the list shows, what was read, and the story it makes. */
interface StoredItem {
  item: IncomingItem;
  /** absent on items queued before the one intake */
  wire?: WireItem;
  fields: WireStoryFields;
}

const itemFile = (id: string) => `${INCOMING_DIR}/${id}.json`;
const dedupeKey = (guid: string, version?: string) => `${guid}\u0000${version ?? ''}`;

/** The text of a body as the preview shows it: one line per paragraph, heading and list item. */
function previewLines(body: Story['body']): string[] {
  const lines: string[] = [];
  for (const block of body) {
    const items = block.type === 'bulleted-list' || block.type === 'numbered-list' ? block.children : [block];
    for (const item of items) {
      const text = bodyToText([item as Story['body'][number]]).trim();
      if (text) lines.push(text);
    }
  }
  return lines.slice(0, 200);
}

/**
 * The story fields of a queued item. Items queued before the one intake kept the older field
 * shape (`origin`, `mediaTopics`); they still open the same way.
 */
function storyFieldsOf({ item, fields }: { item: IncomingItem; fields: WireStoryFields }): WireStoryFields {
  const legacy = fields as WireStoryFields & {
    origin?: { guid: string; version?: string; provider?: string };
    mediaTopics?: { code: string }[];
    pubStatus?: string;
  };
  if (!legacy.origin) return fields;
  const { origin, mediaTopics, pubStatus: _pubStatus, ...rest } = legacy;
  return {
    ...rest,
    leadImage: rest.leadImage ?? null,
    ...(mediaTopics?.length ? { subjects: mediaTopics.map((topic) => `medtop:${topic.code}`) } : {}),
    source: {
      guid: origin.guid,
      format: item.format,
      ...(origin.version ? { version: origin.version } : {}),
      ...(origin.provider ? { provider: origin.provider } : {}),
    },
  };
}

export function createIncomingQueue(options: {
  root: string;
  files: WorkflowFiles;
  stories: StoryService;
  now?: () => Date;
}): IncomingQueue {
  const { files, stories } = options;
  const now = options.now ?? (() => new Date());
  let seen: Map<string, string> | undefined;
  const serialized = oneAtATime();

  const readItem = async (id: string): Promise<StoredItem> => {
    if (!/^[0-9a-f]{24}$/.test(id)) throw new ApiError('not-found', `no incoming item ${id}`);
    const raw = (await files.readJson(itemFile(id))) as StoredItem | null;
    if (!raw) throw new ApiError('not-found', `no incoming item ${id}`);
    return {
      item: IncomingItem.parse(raw.item),
      fields: raw.fields,
      ...(raw.wire ? { wire: raw.wire } : {}),
    };
  };

  const allItems = async (): Promise<StoredItem[]> => {
    const names = (await files.list(INCOMING_DIR)).filter((name) => name.endsWith('.json'));
    const out: StoredItem[] = [];
    for (const name of names) out.push(await readItem(name.slice(0, -5)));
    return out;
  };

  const seenKeys = async () => {
    if (!seen) {
      seen = new Map();
      for (const { item } of await allItems()) seen.set(dedupeKey(item.guid, item.version), item.id);
    }
    return seen;
  };

  const reject = async (
    bytes: Uint8Array | null,
    fileName: string,
    refusal: WireRejection,
  ): Promise<IngestOutcome> => {
    const outcome: IngestOutcome = {
      kind: 'rejected',
      code: refusal.code,
      reason: refusal.message,
      ...(Object.keys(refusal.params).length > 0 ? { params: refusal.params } : {}),
    };
    const at = now().toISOString();
    const safeName =
      basename(fileName)
        .replace(/[^\p{L}\p{N}._-]+/gu, '_')
        .slice(0, 120) || 'file';
    if (files.writable) {
      const folder = join(options.root, REJECTED_DIR);
      await assertMayWrite(folder);
      await mkdir(folder, { recursive: true });
      const stamp = `${at.replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}-${safeName}`;
      if (bytes) await writeFile(join(folder, stamp), bytes);
      await writeFile(join(folder, `${stamp}.reason.txt`), refusalText(outcome), 'utf8');
      const { kind: _kind, ...why } = outcome;
      await files.appendLine(
        REJECTED_LOG,
        JSON.stringify({ fileName: safeName, ...why, at } satisfies RejectedFile),
      );
    }
    return outcome;
  };

  /** Keeps the original bytes once, by content, beside the queue. */
  const keepOriginal = async (bytes: Uint8Array): Promise<string | undefined> => {
    if (!files.writable) return undefined;
    const name = createHash('sha256').update(bytes).digest('hex');
    const folder = join(options.root, ORIGINALS_DIR);
    await mkdir(folder, { recursive: true });
    const path = join(folder, name);
    if (!(await lstat(path).catch(() => undefined))) {
      const temp = `${path}.${randomUUID().slice(0, 8)}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, path);
    }
    return name;
  };

  const ingestBytes = (bytes: Uint8Array, fileName: string): Promise<IngestOutcome> =>
    serialized(async () => {
      let read;
      try {
        read = readWire(bytes);
      } catch (error) {
        if (error instanceof WireRejection)
          return reject(bytes.length > MAX_WIRE_BYTES ? null : bytes, fileName, error);
        throw error;
      }
      const keys = await seenKeys();
      const queued: IncomingItem[] = [];
      let duplicate: { guid: string; version?: string } | undefined;
      let original: string | undefined;
      for (const wire of read.items) {
        const { guid, version, provider } = wire;
        if (keys.has(dedupeKey(guid, version))) {
          duplicate ??= { guid, ...(version ? { version } : {}) };
          continue;
        }
        original ??= await keepOriginal(bytes);
        const id = createHash('sha256').update(dedupeKey(guid, version)).digest('hex').slice(0, 24);
        const { fields } = wireToStory(wire);
        const createdAt = wire.firstCreated ?? wire.versionCreated ?? wire.contentCreated;
        const item: IncomingItem = {
          id,
          guid,
          ...(version ? { version } : {}),
          ...(provider ? { provider } : {}),
          format: wire.format,
          headline: fields.headline,
          language: fields.language,
          receivedAt: now().toISOString(),
          fileName: basename(fileName),
          status: 'new',
          ...(createdAt ? { createdAt } : {}),
          ...(wire.warnings.length ? { warnings: wire.warnings } : {}),
          ...(original ? { original } : {}),
        };
        await files.writeJson(itemFile(id), { item, wire, fields } satisfies StoredItem);
        keys.set(dedupeKey(guid, version), id);
        queued.push(item);
      }
      const [first, ...rest] = queued;
      if (!first) return { kind: 'duplicate', ...duplicate! };
      return { kind: 'queued', item: first, ...(rest.length ? { also: rest } : {}) };
    });

  return {
    ingestBytes,
    async ingestFile(path) {
      let info;
      try {
        info = await lstat(path);
      } catch (error) {
        const detail = (error as Error).message;
        return reject(
          null,
          path,
          errorCode(error) === 'ENOENT'
            ? new WireRejection('missing', 'the file does not exist')
            : new WireRejection('unreadable', `the file cannot be read (${detail})`, { detail }),
        );
      }
      if (info.isSymbolicLink())
        return reject(
          null,
          path,
          new WireRejection('link', 'it is a link to another file; only plain files are taken'),
        );
      if (!info.isFile()) return reject(null, path, new WireRejection('not-a-file', 'it is not a file'));
      if (info.size > MAX_WIRE_BYTES) return reject(null, path, oversized(info.size));
      return ingestBytes(await readFile(path), path);
    },
    async list() {
      return (await allItems()).map((s) => s.item).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    },
    async rejected(limit = 200) {
      const text = (await files.readText(REJECTED_LOG)) ?? '';
      return text
        .split('\n')
        .filter((line) => line.trim())
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as RejectedFile];
          } catch {
            return [];
          }
        })
        .reverse()
        .slice(0, limit);
    },
    open(id, start = {}) {
      return serialized(async () => {
        const stored = await readItem(id);
        const { item } = stored;
        if (item.status === 'opened' && item.storyId) {
          throw new ApiError('conflict', `this item was already opened as story ${item.storyId}`);
        }
        const story = await stories.adopt({ ...storyFieldsOf(stored), ...start, status: 'draft' });
        await files.writeJson(itemFile(id), {
          ...stored,
          item: { ...item, status: 'opened', storyId: story.id },
        });
        return story;
      });
    },
    async preview(id) {
      const stored = await readItem(id);
      const fields = storyFieldsOf(stored);
      const file = await this.original(id);
      return {
        fileName: stored.item.fileName,
        text: file?.text ?? null,
        truncated: file?.truncated ?? false,
        story: {
          headline: fields.headline,
          subheadline: fields.subheadline,
          byline: fields.byline,
          dateline: fields.dateline.place,
          slugline: fields.slugline,
          language: fields.language,
          paragraphs: previewLines(fields.body),
        },
      };
    },
    async wire(id) {
      return (await readItem(id)).wire;
    },
    async original(id, limit = 200_000) {
      const { item } = await readItem(id);
      if (!item.original || !/^[0-9a-f]{64}$/.test(item.original)) return null;
      const bytes = await readFile(join(options.root, ORIGINALS_DIR, item.original)).catch(() => null);
      if (!bytes) return null;
      let text: string;
      try {
        text = decodeWire(bytes).text;
      } catch {
        text = new TextDecoder('utf-8').decode(bytes);
      }
      return { fileName: item.fileName, text: text.slice(0, limit), truncated: text.length > limit };
    },
    spike(id) {
      return serialized(async () => {
        const stored = await readItem(id);
        const next: IncomingItem = { ...stored.item, status: 'spiked' };
        await files.writeJson(itemFile(id), { ...stored, item: next });
        return next;
      });
    },
  };
}

/** What one look at a watched folder did. */
export interface ScanCounts {
  /** plain files found when the look began */
  total: number;
  /** files handled so far */
  done: number;
  taken: number;
  duplicates: number;
  refused: number;
  /** stopped by its signal before every file was handled (the rest wait for the next look) */
  cancelled: boolean;
}

export interface ScanOptions {
  /** stops the look between two files; a file being handled is finished first */
  signal?: AbortSignal;
  /** told after each file */
  onProgress?: (counts: ScanCounts) => void;
  onOutcome?: (file: string, outcome: IngestOutcome) => void;
}

/**
 * Looks at a folder once: each plain file directly inside it is ingested, then moved to
 * `processed/` (taken or duplicate) or `rejected/` (with `<name>.reason.txt`). Links and
 * sub-folders are never followed, so nothing outside the folder is read.
 */
export async function scanFolder(
  folder: string,
  queue: IncomingQueue,
  options: ScanOptions = {},
): Promise<ScanCounts> {
  const counts: ScanCounts = { total: 0, done: 0, taken: 0, duplicates: 0, refused: 0, cancelled: false };
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return counts;
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const info = await lstat(join(folder, name)).catch(() => undefined);
    if (info?.isFile()) files.push(name); // sub-folders (processed/, rejected/) and links are skipped
  }
  counts.total = files.length;
  options.onProgress?.({ ...counts });
  for (const name of files) {
    if (options.signal?.aborted) {
      counts.cancelled = true;
      break;
    }
    const path = join(folder, name);
    // Another look (or an agency's own clean-up) may have taken it meanwhile.
    if (!(await lstat(path).catch(() => undefined))?.isFile()) {
      counts.total -= 1;
      continue;
    }
    const outcome = await queue.ingestFile(path);
    const target = join(folder, outcome.kind === 'rejected' ? 'rejected' : 'processed');
    await mkdir(target, { recursive: true });
    await rename(path, join(target, name)).catch(async () => {
      await copyFile(path, join(target, name));
      await unlink(path);
    });
    if (outcome.kind === 'rejected')
      await writeFile(join(target, `${name}.reason.txt`), refusalText(outcome), 'utf8');
    options.onOutcome?.(name, outcome);
    counts.done += 1;
    if (outcome.kind === 'queued') counts.taken += 1;
    else if (outcome.kind === 'duplicate') counts.duplicates += 1;
    else counts.refused += 1;
    options.onProgress?.({ ...counts });
  }
  return counts;
}

/**
 * Watches a folder for wire files, looking at it every `intervalMs` (see `scanFolder`). Polls,
 * because `fs.watch` misses files on network shares, which is where agencies drop them. Looks
 * never overlap: one asked for while another runs starts after it.
 */
export function watchFolder(
  folder: string,
  queue: IncomingQueue,
  options: {
    intervalMs?: number;
    onOutcome?: (file: string, outcome: IngestOutcome) => void;
    /** where a failed look at the folder is said (default: stderr) */
    log?: Logger;
  } = {},
): { scan(options?: ScanOptions): Promise<ScanCounts>; stop(): Promise<void> } {
  const log = options.log ?? consoleLogger;
  let scanning: Promise<ScanCounts> | undefined;
  const run = (scan: ScanOptions = {}): Promise<ScanCounts> => {
    const next = (scanning ?? Promise.resolve())
      .catch(() => undefined)
      .then(() =>
        scanFolder(folder, queue, {
          ...scan,
          onOutcome: (file, outcome) => {
            options.onOutcome?.(file, outcome);
            scan.onOutcome?.(file, outcome);
          },
        }),
      );
    scanning = next;
    // The look's failure goes to the caller through `next`.
    void next
      .finally(() => {
        if (scanning === next) scanning = undefined;
      })
      // eslint-disable-next-line no-restricted-syntax -- see above
      .catch(() => undefined);
    return next;
  };
  const timer = setInterval(() => {
    if (!scanning) void run().catch(bestEffort(log, `[ingest] checking ${folder}`));
  }, options.intervalMs ?? 5000);
  timer.unref?.();
  return {
    scan: run,
    // Resolves once a look under way has finished, so a closing store is not written to after.
    stop: async () => {
      clearInterval(timer);
      // A look under way reports its own failure to whoever started it; stopping only waits.
      // eslint-disable-next-line no-restricted-syntax -- see above
      await scanning?.catch(() => undefined);
    },
  };
}
