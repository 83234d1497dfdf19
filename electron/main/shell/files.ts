/**
 * Files the desktop app opens and writes: stories handed to it by the system (double-clicked
 * `.ninjs.json` and `.docx` files, on the command line on Windows and Linux), imports and
 * exports chosen in native dialogs, and the backup file's name. Plain Node; the dialogs
 * themselves are in index.ts.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { ApiError, type ApiResult } from '../../../shared/api/errors';
import type { Story } from '../../../shared/story/schema';
import type { Dispatch } from '../../core/api/dispatch';
import {
  exportStory,
  importStoryFiles as importWireFiles,
  type ExportFormat,
} from '../../core/stories/exchange';
import type { StoryService } from '../../core/stories/service';
import type { MediaStore } from '../../core/store/media';

/**
 * File names the app imports when opened. Windows and macOS associate by the last extension, so
 * a `.ninjs.json` file arrives as a `.json` file; the ninjs importer refuses what is not ninjs.
 */
export const OPENABLE_FILE = /\.(json|xml|nitf|docx)$/i;

/**
 * The story files in a command line (Windows and Linux pass opened files as arguments; a second
 * launch forwards its arguments to the first). Switches and the executable are skipped.
 */
export function storyFilesInArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && OPENABLE_FILE.test(arg))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)));
}

export interface ImportOutcome {
  imported: Story[];
  failed: { path: string; reason: string }[];
  /** pictures a file referenced beside itself that were not found (`href`), for a clear note */
  picturesNotFound: { path: string; href: string }[];
}

const MAX_DOCX_BYTES = 12 * 1024 * 1024; // stays under the API's 16 MiB base64 limit

/**
 * Imports story files: ninjs through the exchange service, Word documents through the
 * `importDocx` operation of the same handler table the page uses.
 */
export async function importStoryFiles(
  paths: readonly string[],
  stories: StoryService,
  dispatch: Dispatch,
  media?: MediaStore,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { imported: [], failed: [], picturesNotFound: [] };
  const wire = paths.filter((path) => !/\.docx$/i.test(path));
  if (wire.length > 0) {
    // ninjs, NITF and NewsML-G2 through the one intake; pictures beside a file come into the media folder.
    const report = await importWireFiles(stories, wire, media ? { media } : {});
    outcome.imported.push(...report.imported.map((entry) => entry.story));
    outcome.failed.push(...report.failed.map(({ path, reason }) => ({ path, reason })));
    for (const entry of report.imported)
      for (const warning of entry.warnings)
        if (warning.code === 'picture-not-found')
          outcome.picturesNotFound.push({ path: entry.path, href: warning.detail ?? '' });
  }
  for (const path of paths.filter((candidate) => /\.docx$/i.test(candidate))) {
    try {
      const size = (await stat(path)).size;
      if (size > MAX_DOCX_BYTES) throw new ApiError('file-too-large', `${size} bytes`);
      const bytes = await readFile(path);
      const result = (await dispatch('importDocx', {
        name: basename(path),
        dataBase64: bytes.toString('base64'),
      })) as ApiResult<Story>;
      if (result.ok) outcome.imported.push(result.value);
      else outcome.failed.push({ path, reason: `${result.error.code}: ${result.error.detail}` });
    } catch (error) {
      outcome.failed.push({ path, reason: (error as Error).message });
    }
  }
  return outcome;
}

/** The export format a file name asks for. */
export function exportFormatOf(path: string): ExportFormat {
  return /\.html?$/i.test(path) ? 'html' : 'ninjs';
}

/** Writes a story to `path`, as HTML when the name ends in .html, otherwise as ninjs. */
export async function exportStoryTo(stories: StoryService, storyId: string, path: string): Promise<void> {
  const story = await stories.get(storyId);
  await writeFile(path, exportStory(story, exportFormatOf(path)), 'utf8');
}

/** A backup file name for today, e.g. `mihbara-backup-2026-05-04.tar.gz`. */
export function backupFileName(now: Date): string {
  return `mihbara-backup-${now.toISOString().slice(0, 10)}.tar.gz`;
}
