/**
 * What each kind of job does. Every kind calls the code that already does the work (the store's
 * backup and verify, the search index, the story exporters and importers) with the job's signal
 * and progress; nothing here converts or writes a story by itself.
 *
 * After a cancel, what the user had is intact: a backup removes its partial archive, an export
 * keeps the files it finished (each written whole, by rename) and never a half one, a rebuild
 * drops the new index and keeps the old one, an import keeps the stories it stored.
 */
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { MAX_DOCX_BYTES } from '../../../shared/media/limits';
import { storyToNewsml } from '../../../shared/format/newsml';
import type { z } from 'zod';
import type { JobKind, StartJobRequest } from '../../../shared/jobs/contract';
import type { Story } from '../../../shared/story/schema';
import type { SearchService } from '../search/service';
import { importDocx } from '../stories/docx-import';
import { exportFileName, exportStory, importStoryFiles } from '../stories/exchange';
import type { StoryService } from '../stories/service';
import { backupFileName, backupFolder, createBackup, readBackupSettings } from '../store/backup';
import { writeFileDurably } from '../store/durable-file';
import type { MediaStore } from '../store/media';
import { archiveOf } from '../store/archive';
import { allIds } from '../store/list';
import type { StoryStore, VerifyReport } from '../store/types';
import { runStoreTask } from '../store/worker-client';
import type { JobBody, JobControl } from './runner';

/** A start request as the dispatcher hands it over: validated, defaults filled. */
export type ParsedStart = z.output<typeof StartJobRequest>;

/** What the jobs work on: the open store and the services every other request uses. */
export interface JobServices {
  store: StoryStore;
  /** the story service that keeps the search index in step (imports appear in search at once) */
  stories: StoryService;
  search: SearchService;
  media: MediaStore;
  now?: () => Date;
  /** awaited before each item of an export or import (a test paces a job through the workstation's overrides) */
  beforeItem?: (kind: JobKind, index: number) => Promise<void>;
}

/** Files an import takes from a folder: ninjs, NewsML-G2 and Word documents. */
export const IMPORTABLE_FILE = /\.(json|xml|docx)$/i;
/** The most stories one search export pages through (the search's own offset limit). */
const SEARCH_EXPORT_LIMIT = 10_000;

/** A timestamp usable in a file or folder name. */
const stamp = (at: Date) => at.toISOString().replace(/[:.]/g, '-');

/** The body of a job for a validated start request. */
export function jobBody(request: ParsedStart, services: JobServices): JobBody {
  switch (request.kind) {
    case 'backup':
      return (control) => backup(request.target, services, control);
    case 'verify':
      return (control) => verify(services, control);
    case 'rebuild-search-index':
      return async (control) => {
        const result = await services.search.rebuild({
          signal: control.signal,
          onProgress: (progress) => control.progress(progress),
        });
        control.count('stories', result.stories);
        control.count('failed', result.failed);
      };
    case 'export':
      return (control) => bulkExport(request, services, control);
    case 'import':
      return (control) => bulkImport(request.paths, services, control);
  }
}

async function backup(target: string | undefined, services: JobServices, control: JobControl) {
  const root = services.store.root;
  const file =
    target ??
    join(backupFolder(root, await readBackupSettings(root)), backupFileName(services.now?.() ?? new Date()));
  control.target(file);
  const manifest = await createBackup(root, file, {
    signal: control.signal,
    onProgress: (progress) => control.progress(progress),
    // The snapshot is taken between two saves of this process's store.
    store: archiveOf(services.store),
  });
  control.count('stories', manifest.stories);
  control.count('files', manifest.files);
}

async function verify(services: JobServices, control: JobControl) {
  const report = await runStoreTask<VerifyReport>(
    { kind: 'verify', root: services.store.root },
    { signal: control.signal, onProgress: (progress) => control.progress(progress) },
  );
  control.count('stories', report.storiesChecked);
  control.count('problems', report.problems.length);
  for (const problem of report.problems)
    control.itemFailed(problem.file, `${problem.kind}: ${problem.detail}`);
}

/** The ids an export takes, in the order the user sees them. */
async function exportIds(
  selection: Extract<ParsedStart, { kind: 'export' }>['stories'],
  services: JobServices,
  control: JobControl,
): Promise<string[]> {
  if (selection.which === 'ids') return [...new Set(selection.ids)];
  if (selection.which === 'all') return allIds(services.store);
  control.progress({ phase: 'search' });
  const ids: string[] = [];
  for (let offset = 0; offset < SEARCH_EXPORT_LIMIT; offset += 100) {
    control.signal.throwIfAborted();
    const page = await services.search.search({
      query: selection.query,
      filters: selection.filters,
      sort: 'date',
      offset,
      limit: 100,
    });
    ids.push(...page.hits.map((hit) => hit.id));
    if (page.hits.length < 100 || ids.length >= page.total) break;
  }
  return ids;
}

const serialize: Record<'ninjs' | 'newsml' | 'html', (story: Story) => string> = {
  ninjs: (story) => exportStory(story, 'ninjs'),
  html: (story) => exportStory(story, 'html'),
  newsml: (story) => storyToNewsml(story),
};

/** The exporter's own file name, with the NewsML extension where that is the format. */
function fileNameOf(story: Story, format: 'ninjs' | 'newsml' | 'html'): string {
  if (format === 'newsml') return exportFileName(story, 'html').replace(/\.html$/, '.newsml.xml');
  return exportFileName(story, format);
}

async function bulkExport(
  request: Extract<ParsedStart, { kind: 'export' }>,
  services: JobServices,
  control: JobControl,
) {
  const folder =
    request.folder ??
    join(services.store.root, 'exports', `mihbara-export-${stamp(services.now?.() ?? new Date())}`);
  control.target(folder);
  const ids = await exportIds(request.stories, services, control);
  await mkdir(folder, { recursive: true });
  const taken = new Set<string>();
  control.count('exported', 0);
  control.count('failed', 0);
  control.progress({ phase: 'export', done: 0, total: ids.length });
  const beforeItem = services.beforeItem;
  for (const [index, id] of ids.entries()) {
    control.signal.throwIfAborted();
    await beforeItem?.('export', index);
    control.signal.throwIfAborted();
    let story: Story;
    try {
      story = await services.stories.get(id);
    } catch (error) {
      control.increment('failed');
      control.itemFailed(id, error instanceof Error ? error.message : String(error));
      control.progress({ done: index + 1 });
      continue;
    }
    control.progress({ current: story.headline });
    let name = fileNameOf(story, request.format);
    // Two stories with one slugline would overwrite each other: the second gets its id too.
    if (taken.has(name.toLowerCase())) name = name.replace(/^([^.]*)/, `$1-${story.id}`);
    taken.add(name.toLowerCase());
    // Written whole to a temp file and renamed: a cancel or a crash never leaves half a file.
    await writeFileDurably(join(folder, name), serialize[request.format](story));
    control.increment('exported');
    control.progress({ done: index + 1 });
  }
}

/** The files to import: the files given, and the importable files of the folders given. */
async function importFiles(paths: string[], signal: AbortSignal): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    signal.throwIfAborted();
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(path)).filter(
        (name) => IMPORTABLE_FILE.test(name) && !name.startsWith('.'),
      );
      files.push(...names.sort().map((name) => join(path, name)));
    } else files.push(path);
  }
  return files;
}

/** Store failures after which the remaining files are not tried. */
const FATAL = new Set(['store-locked', 'disk-full', 'store-damaged', 'io']);

/** Largest ninjs or NewsML-G2 file an import reads (a story with its body is far smaller). */
export const MAX_IMPORT_FILE_BYTES = 16 * 1024 * 1024;

/**
 * A failure's reason without anything quoted from the file: parsers quote what they met
 * (`"root:x:0:0"... is not valid JSON`), and an import must never show a file's contents.
 */
export function withoutContents(reason: string): string {
  return reason
    .replace(/"(?:[^"\\]|\\.)*"(?:\.\.\.)?/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/<[^>\n]{0,200}>/g, '<…>')
    .slice(0, 300);
}

async function importOne(path: string, services: JobServices): Promise<string | null> {
  // Checked before reading: a huge file is refused, never loaded.
  const size = (await stat(path)).size;
  const limit = /\.docx$/i.test(path) ? MAX_DOCX_BYTES : MAX_IMPORT_FILE_BYTES;
  if (size > limit) return `the file is ${size} bytes; at most ${limit} bytes are imported`;
  if (/\.docx$/i.test(path)) {
    const bytes = await readFile(path);
    await importDocx(bytes, basename(path), { stories: services.stories, media: services.media });
    return null;
  }
  const report = await importStoryFiles(services.stories, [path], { media: services.media });
  const failure = report.failed[0];
  if (failure && /^the store refused it/.test(failure.reason)) throw new ApiError('io', failure.reason);
  return failure ? failure.reason : null;
}

async function bulkImport(paths: string[], services: JobServices, control: JobControl) {
  control.progress({ phase: 'list' });
  const files = await importFiles(paths, control.signal);
  control.count('imported', 0);
  control.count('failed', 0);
  control.progress({ phase: 'import', done: 0, total: files.length });
  const beforeItem = services.beforeItem;
  for (const [index, file] of files.entries()) {
    control.signal.throwIfAborted();
    await beforeItem?.('import', index);
    control.signal.throwIfAborted();
    control.progress({ current: basename(file) });
    let reason: string | null;
    try {
      reason = await importOne(file, services);
    } catch (error) {
      if (error instanceof ApiError && FATAL.has(error.code)) throw error;
      reason = error instanceof Error ? error.message : String(error);
    }
    if (reason === null) control.increment('imported');
    else {
      control.increment('failed');
      control.itemFailed(basename(file), withoutContents(reason));
    }
    control.progress({ done: index + 1 });
  }
}
