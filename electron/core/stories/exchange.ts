/**
 * Stories in and out of the store as files: ninjs import (agency wire copy, other systems) and
 * ninjs / standalone-HTML export. Each import file stands alone: a bad file is reported by name
 * with a plain-English reason and never stops or undoes the good ones, because each good story is
 * durably stored (through the service) before the next file is read.
 */
import { readFile, stat } from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors';
import { type BodyChange } from '../../../shared/format/html-to-body';
import { NinjsContentError, ninjsToStoryFields, storyToNinjs } from '../../../shared/format/ninjs';
import { storyToPage } from '../../../shared/format/story-page';
import type { Story } from '../../../shared/story/schema';
import { validateNinjs } from './ninjs-validate';
import type { StoryService } from './service';

/** Larger files are refused before reading: no news item is this big, and it protects memory. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface ImportedFile {
  path: string;
  story: Story;
  /** what the HTML body lost or changed on the way in */
  changes: BodyChange[];
}

export interface FailedFile {
  path: string;
  /** why, in plain English, e.g. `it is not valid JSON (Unexpected token…)` */
  reason: string;
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

async function readText(path: string): Promise<string> {
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
    throw new ImportFileError(`the file is too large (${Math.round(size / 1024 / 1024)} MB; at most 20 MB)`);
  }
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ImportFileError('it is not UTF-8 text');
  }
}

/** Parses and checks one ninjs file's text; throws `ImportFileError` with the reason. */
export function parseNinjsText(text: string): ReturnType<typeof ninjsToStoryFields> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`it is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImportFileError(
      `it is not a ninjs item: the JSON is ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : `a ${typeof value}`}, not an object`,
    );
  }
  const validation = validateNinjs(value);
  if (!validation.valid) {
    throw new ImportFileError(`it is not valid ninjs 3.1: ${validation.errors.join('; ')}`);
  }
  try {
    return ninjsToStoryFields(value);
  } catch (error) {
    if (error instanceof NinjsContentError) throw new ImportFileError(error.message);
    throw error;
  }
}

function storyProblem(error: ApiError): string {
  const issues = error.issues?.map((issue) => `${issue.path || 'story'}: ${issue.message}`).join('; ');
  return `it does not make a valid story${issues ? ` (${issues})` : ''}`;
}

/**
 * Imports ninjs files one by one into the store behind `service`. Good files become new draft
 * stories; bad ones are listed with their reason. A store failure (locked, disk full…) stops the
 * run and names the files that were not tried; everything imported before it stays imported.
 */
export async function importNinjsFiles(
  service: StoryService,
  paths: string[],
  onProgress?: ImportProgress,
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], failed: [] };
  let stopped: string | undefined;
  for (const [index, path] of paths.entries()) {
    if (stopped) {
      report.failed.push({ path, reason: `not imported: the import stopped earlier (${stopped})` });
      onProgress?.({ done: index + 1, total: paths.length, path, ok: false });
      continue;
    }
    let ok = false;
    try {
      const { fields, changes } = parseNinjsText(await readText(path));
      const story = await service.adopt({ ...fields, status: 'draft', leadImage: null });
      report.imported.push({ path, story, changes });
      ok = true;
    } catch (error) {
      if (error instanceof ImportFileError) {
        report.failed.push({ path, reason: error.message });
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
    onProgress?.({ done: index + 1, total: paths.length, path, ok });
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
