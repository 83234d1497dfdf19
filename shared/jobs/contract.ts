/**
 * Long work the workstation runs on the main side (backups, store checks, search index
 * rebuilds, bulk exports and imports): the request that starts a job and the state the page
 * reads back while it runs. Spread into the API contract (shared/api/contract.ts).
 *
 * There is no push channel through the browser bridge, so progress is read by polling
 * `getJob`/`listJobs`; both answer from memory and cost nothing.
 */
import { z } from 'zod';
import type { OperationSpec, Policy } from '../api/policy';
import { ApiErrorCode } from '../api/errors';
import { SearchFilters } from '../search/api';
import { StoryId } from '../story/schema';

/** The kinds of long work; at most one job of a kind runs at a time per store. */
export const JobKind = z.enum(['backup', 'verify', 'rebuild-search-index', 'export', 'import']);
export type JobKind = z.infer<typeof JobKind>;

/** Bulk export formats: ninjs 3.1 JSON, a NewsML-G2 newsItem, a standalone HTML page. */
export const BulkExportFormat = z.enum(['ninjs', 'newsml', 'html']);
export type BulkExportFormat = z.infer<typeof BulkExportFormat>;

/**
 * What a place outside the store is for: long work's files and folders, and the folders two
 * administrator's settings name (a folder channel's output folder, the watched wire folder).
 */
export const PlaceUse = z.enum(['backup-file', 'export-folder', 'import', 'channel-folder', 'watch-folder']);
export type PlaceUse = z.infer<typeof PlaceUse>;

/**
 * A place outside the store, as the door that opened the workstation names it
 * (electron/core/places.ts): the desktop's token for a choice of the system dialog, the bridge's
 * path inside its exchange folder, the command line's own path. Anything else is refused (403).
 */
export const PlaceRef = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => !path.includes('\u0000'), { message: 'not a place' });

/** Which stories a bulk export takes. */
export const ExportSelection = z.discriminatedUnion('which', [
  z.object({ which: z.literal('all') }).strict(),
  /** the stories a search finds (every page of it, up to the search's own limit) */
  z
    .object({ which: z.literal('search'), query: z.string().max(10_000), filters: SearchFilters.default({}) })
    .strict(),
  z.object({ which: z.literal('ids'), ids: z.array(StoryId).min(1).max(100_000) }).strict(),
]);
export type ExportSelection = z.infer<typeof ExportSelection>;

export const StartJobRequest = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('backup'),
      /** where the `.tar.gz` goes (a place the user chose); default: a new file in the store's backups folder */
      target: PlaceRef.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('verify') }).strict(),
  z.object({ kind: z.literal('rebuild-search-index') }).strict(),
  z
    .object({
      kind: z.literal('export'),
      stories: ExportSelection,
      format: BulkExportFormat,
      /** the folder the files go to (a place the user chose; made if missing); default: a new folder under `<store>/exports` */
      folder: PlaceRef.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('import'),
      /** files (`.json` ninjs, `.xml` NewsML-G2, `.docx`) or folders of them (not recursive): places the user chose */
      paths: z.array(PlaceRef).min(1).max(10_000),
    })
    .strict(),
]);
export type StartJobRequest = z.input<typeof StartJobRequest>;

export const JobState = z.enum(['running', 'ok', 'cancelled', 'failed']);
export type JobState = z.infer<typeof JobState>;

export const JobProgress = z.object({
  /** what the job is doing now, e.g. `snapshot`, `archive`, `verify`, `read`, `export`, `import` */
  phase: z.string(),
  done: z.number().int().min(0),
  /** 0 while the total is not known yet */
  total: z.number().int().min(0),
  /** the item being worked on: a story's headline, a file name */
  current: z.string().optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

/** One item that did not go through (a file that would not import, a story that would not export). */
export const JobItemFailure = z.object({ item: z.string(), reason: z.string() });

export const JobInfo = z.object({
  id: z.string(),
  kind: JobKind,
  state: JobState,
  /** a cancel was asked for and the job is winding down */
  cancelRequested: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  progress: JobProgress,
  /** counts by name, e.g. `{ stories: 12, files: 40 }`, `{ imported: 3, failed: 1 }` */
  counts: z.record(z.string(), z.number().int()),
  /** the file or folder written (backup, export) */
  target: z.string().optional(),
  /** why a failed job failed, as an error code the interface translates */
  reason: ApiErrorCode.optional(),
  /** the reason in plain English, for logs */
  detail: z.string().optional(),
  /** the first items that failed, for the outcome's list (capped) */
  failures: z.array(JobItemFailure).optional(),
});
export type JobInfo = z.infer<typeof JobInfo>;

export const jobsContract = {
  /** starts long work; refused with `job-running` while a job of the same kind runs */
  /**
   * Backups (they hold the PIN hashes), store checks and index rebuilds are an administrator's;
   * exports and imports anyone's, into and from the places the user chose.
   */
  startJob: {
    request: StartJobRequest,
    response: JobInfo,
    policy: 'signed-in',
    policyOf: (request: z.output<typeof StartJobRequest>): Policy =>
      request.kind === 'export' || request.kind === 'import' ? 'signed-in' : 'admin',
  },
  /**
   * asks the user for a place outside the store (the desktop's system dialog) and answers with a
   * token a start request names; null when cancelled. Refused (4xx) where there is no dialog.
   */
  choosePlace: {
    request: z.object({ use: PlaceUse }).strict(),
    response: z.object({ token: z.string(), label: z.string() }).nullable(),
    policy: 'signed-in',
    policyOf: (request: { use: PlaceUse }): Policy =>
      request.use === 'export-folder' || request.use === 'import' ? 'signed-in' : 'admin',
  },
  /** one job's state and progress (cheap: poll it while the job runs) */
  getJob: { request: z.object({ id: z.string().max(64) }).strict(), response: JobInfo, policy: 'signed-in' },
  /** running jobs and those finished recently, newest first */
  listJobs: { request: z.object({}).strict(), response: z.array(JobInfo), policy: 'signed-in' },
  /** asks a running job to stop; what it finished stays, nothing is left half-written */
  cancelJob: {
    request: z.object({ id: z.string().max(64) }).strict(),
    response: JobInfo,
    policy: 'signed-in',
  },
} as const satisfies Record<string, OperationSpec>;
