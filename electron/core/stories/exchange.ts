/**
 * Stories in and out of the store as files: import of wire and exchange files (ninjs 1.x–3.x,
 * NITF, NewsML-G2) through the one intake that ingest uses, and ninjs / standalone-HTML export.
 * Each import file stands alone: a bad file is reported by name with a plain-English reason and
 * never stops or undoes the good ones, because each good story is durably stored (through the
 * service) before the next file is read.
 */
import { lstat, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { type BodyChange } from '../../../shared/format/html-to-body';
import { storyToNinjs } from '../../../shared/format/ninjs';
import { storyToPage } from '../../../shared/format/story-page';
import { MAX_MEDIA_BYTES } from '../../../shared/media/limits';
import type { Story } from '../../../shared/story/schema';
import {
  MAX_WIRE_BYTES,
  readWire,
  warn,
  WireRejection,
  type WireItem,
  type WireWarning,
} from '../ingest/intake';
import { wireToStory } from '../ingest/intake/story';
import type { MediaStore } from '../store/media';
import type { StoryService } from './service';

/** Larger files are refused before reading: the same limit as the wire intake. */
export const MAX_IMPORT_BYTES = MAX_WIRE_BYTES;

export interface ImportedFile {
  path: string;
  story: Story;
  /** what the HTML body lost or changed on the way in */
  changes: BodyChange[];
  /** what the file deviated in, and pictures that could not be brought in */
  warnings: WireWarning[];
}

export interface FailedFile {
  path: string;
  /** why, in plain English, e.g. `it is not valid JSON (Unexpected token…)` */
  reason: string;
  /** the intake's refusal code, when the file itself was refused */
  code?: string;
}

export interface ImportReport {
  imported: ImportedFile[];
  failed: FailedFile[];
}

export type ImportProgress = (event: { done: number; total: number; path: string; ok: boolean }) => void;

/** A file that cannot be imported; `message` is the plain reason. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** Store failures after which trying the remaining files is pointless. */
const FATAL_CODES = new Set(['store-locked', 'disk-full', 'store-damaged', 'io']);

async function readBytes(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ImportFileError('it is a folder, not a file');
    size = info.size;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImportFileError('the file does not exist');
    if (code === 'EACCES' || code === 'EPERM')
      throw new ImportFileError('the file cannot be read (permission denied)');
    throw new ImportFileError(`the file cannot be read (${(error as Error).message})`);
  }
  if (size === 0) throw new ImportFileError('the file is empty');
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportFileError(
      `the file is too large (${(size / 1024 / 1024).toFixed(1)} MB; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB)`,
    );
  }
  return readFile(path);
}

/** A picture reference relative to the file (`renditions[].href: "photo.jpg"`), not a URL or an absolute path. */
const isRelativeHref = (href: string): boolean =>
  !/^[a-z][a-z0-9+.-]*:/i.test(href) &&
  !href.startsWith('/') &&
  !href.startsWith('\\') &&
  !href.includes('\0');

/**
 * Brings the pictures an item references beside its file into the media folder (by content
 * name); a picture that is not there, not an image or outside the file's folder is noted on the
 * item instead. Returns the media file of each href brought in.
 */
export async function bringPictures(
  item: WireItem,
  filePath: string,
  media: MediaStore,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const folder = dirname(resolve(filePath));
  for (const picture of item.pictures) {
    if (files.has(picture.href) || !isRelativeHref(picture.href)) continue;
    let target: string;
    try {
      target = resolve(folder, decodeURIComponent(picture.href.split(/[?#]/)[0]!));
    } catch {
      warn(item, 'picture-not-found', picture.href);
      continue;
    }
    const inside = relative(folder, target);
    const info = await lstat(target).catch(() => undefined);
    if (inside.startsWith('..') || isAbsolute(inside) || !info?.isFile() || info.size > MAX_MEDIA_BYTES) {
      warn(item, 'picture-not-found', picture.href);
      continue;
    }
    try {
      files.set(picture.href, (await media.add(await readFile(target), picture.href)).file);
    } catch {
      warn(item, 'picture-not-found', picture.href);
    }
  }
  return files;
}

/** Reads one file's stories through the one intake; throws `ImportFileError` with the reason. */
export async function readStoryFile(
  path: string,
  media?: MediaStore,
): Promise<
  { fields: ReturnType<typeof wireToStory>['fields']; changes: BodyChange[]; warnings: WireWarning[] }[]
> {
  let read;
  try {
    read = readWire(await readBytes(path));
  } catch (error) {
    if (error instanceof WireRejection)
      throw Object.assign(new ImportFileError(error.message), { code: error.code });
    throw error;
  }
  const out = [];
  for (const item of read.items) {
    const pictureFiles = media ? await bringPictures(item, path, media) : new Map<string, string>();
    const { fields, changes } = wireToStory(item, { pictureFiles });
    out.push({ fields, changes, warnings: item.warnings });
  }
  return out;
}

function storyProblem(error: ApiError): string {
  const issues = error.issues?.map((issue) => `${issue.path || 'story'}: ${issue.message}`).join('; ');
  return `it does not make a valid story${issues ? ` (${issues})` : ''}`;
}

/**
 * Imports story files one by one into the store behind `service`. Good files become new draft
 * stories (a file holding several text items makes one story each); bad ones are listed with their
 * reason. Pictures a ninjs file references beside itself go into the media folder when `media` is
 * given. A store failure (locked, disk full…) stops the run and names the files that were not
 * tried; everything imported before it stays imported.
 */
export async function importStoryFiles(
  service: StoryService,
  paths: string[],
  options: { media?: MediaStore; onProgress?: ImportProgress } = {},
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], failed: [] };
  let stopped: string | undefined;
  for (const [index, path] of paths.entries()) {
    if (stopped) {
      report.failed.push({ path, reason: `not imported: the import stopped earlier (${stopped})` });
      options.onProgress?.({ done: index + 1, total: paths.length, path, ok: false });
      continue;
    }
    let ok = false;
    try {
      for (const { fields, changes, warnings } of await readStoryFile(path, options.media)) {
        const story = await service.adopt({ ...fields, status: 'draft' });
        report.imported.push({ path, story, changes, warnings });
      }
      ok = true;
    } catch (error) {
      if (error instanceof ImportFileError) {
        const code = (error as ImportFileError & { code?: string }).code;
        report.failed.push({ path, reason: error.message, ...(code ? { code } : {}) });
      } else if (error instanceof ApiError && error.code === 'invalid-request') {
        report.failed.push({ path, reason: storyProblem(error) });
      } else if (error instanceof ApiError && FATAL_CODES.has(error.code)) {
        stopped = error.message;
        report.failed.push({ path, reason: `the store refused it: ${error.message}` });
      } else {
        report.failed.push({
          path,
          reason: `unexpected error: ${(error as Error)?.message ?? String(error)}`,
        });
      }
    }
    options.onProgress?.({ done: index + 1, total: paths.length, path, ok });
  }
  return report;
}

export type ExportFormat = 'ninjs' | 'html';

/** Serializes a story for export: pretty-printed ninjs 3.1 JSON, or a standalone HTML5 page. */
export function exportStory(story: Story, format: ExportFormat): string {
  if (format === 'html') return storyToPage(story);
  return JSON.stringify(storyToNinjs(story), null, 2) + '\n';
}

/** A file name suggestion for an export, e.g. `<slug or id>.ninjs.json`. */
export function exportFileName(story: Story, format: ExportFormat): string {
  // Letters and digits of any script are fine in file names; separators and the rest are not.
  const base = story.slugline.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '') || story.id;
  return `${base}${format === 'html' ? '.html' : '.ninjs.json'}`;
}
