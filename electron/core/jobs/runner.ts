/**
 * The job runner: long work started from the API runs here, off the request that started it.
 * Each job gets an AbortSignal (threaded into the store's, the search index's and the
 * exporters' own loops) and a progress sink; the page reads its state back by polling.
 *
 * At most one job of a kind runs at a time (two backups or two rebuilds of one store would only
 * compete for the disk and for the same files). Finished jobs keep their outcome for a while so
 * a page that was reloaded, or a tray opened later, still sees how they ended.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { JobInfo, JobKind, JobProgress } from '../../../shared/jobs/contract';
import { unexpectedError } from '../errors';
import { consoleLogger, type Logger } from '../log';

/** How long a finished job stays listed. */
export const KEEP_FINISHED_MS = 30 * 60_000;
/** At most this many finished jobs are kept (the oldest go first). */
export const MAX_FINISHED = 50;
/** At most this many failed items are listed in a job's outcome (the counts stay exact). */
export const MAX_LISTED_FAILURES = 50;

/** What a job's body gets: the cancel signal and ways to report progress and its outcome. */
export interface JobControl {
  readonly signal: AbortSignal;
  /** replaces the parts of the progress given (phase, done, total, current) */
  progress(update: Partial<JobProgress>): void;
  /** sets a count of the outcome (`stories`, `files`, `imported`…) */
  count(name: string, value: number): void;
  /** adds one to a count */
  increment(name: string): void;
  /** names the file or folder the job writes */
  target(path: string): void;
  /** an item that did not go through; the job goes on */
  itemFailed(item: string, reason: string): void;
}

/** The work itself. It resolves when done; it rejects with the signal's reason when cancelled. */
export type JobBody = (control: JobControl) => Promise<void>;

export interface JobRunnerOptions {
  now?: () => Date;
  keepFinishedMs?: number;
  log?: Logger;
}

interface Entry {
  info: JobInfo;
  controller: AbortController;
  settled: Promise<JobInfo>;
}

/** Starts, tracks and cancels jobs; one runner per open store. */
export interface JobRunner {
  /** starts `body` as a job of `kind`; throws `job-running` while another job of that kind runs */
  start(kind: JobKind, body: JobBody): JobInfo;
  get(id: string): JobInfo;
  /** running jobs and those finished recently, newest first */
  list(): JobInfo[];
  /** asks the job to stop; resolves to its state (still `running` until the body has wound down) */
  cancel(id: string): JobInfo;
  /** resolves when the job has finished, however it ended */
  settled(id: string): Promise<JobInfo>;
  /** cancels every running job and waits for them (closing the store) */
  close(): Promise<void>;
}

const snapshot = (info: JobInfo): JobInfo => ({
  ...info,
  progress: { ...info.progress },
  counts: { ...info.counts },
  ...(info.failures ? { failures: [...info.failures] } : {}),
});

export function createJobRunner(options: JobRunnerOptions = {}): JobRunner {
  const now = options.now ?? (() => new Date());
  const keepMs = options.keepFinishedMs ?? KEEP_FINISHED_MS;
  const log = options.log ?? consoleLogger;
  const jobs = new Map<string, Entry>();

  const prune = () => {
    const finished = [...jobs.values()].filter((entry) => entry.info.state !== 'running');
    const cutoff = now().getTime() - keepMs;
    finished.forEach((entry, index) => {
      const at = Date.parse(entry.info.finishedAt ?? entry.info.startedAt);
      if (at < cutoff || index < finished.length - MAX_FINISHED) jobs.delete(entry.info.id);
    });
  };

  const entryOf = (id: string): Entry => {
    const entry = jobs.get(id);
    if (!entry)
      throw new ApiError('not-found', `no job ${id.slice(0, 64)} (finished jobs are kept for a while only)`);
    return entry;
  };

  return {
    start(kind, body) {
      prune();
      const running = [...jobs.values()].find(
        (entry) => entry.info.kind === kind && entry.info.state === 'running',
      );
      if (running) {
        throw new ApiError('job-running', `a ${kind} job is running already (${running.info.id})`, [
          { path: 'kind', message: running.info.id },
        ]);
      }
      const controller = new AbortController();
      const info: JobInfo = {
        id: randomUUID(),
        kind,
        state: 'running',
        cancelRequested: false,
        startedAt: now().toISOString(),
        progress: { phase: 'start', done: 0, total: 0 },
        counts: {},
      };
      const control: JobControl = {
        signal: controller.signal,
        progress(update) {
          info.progress = { ...info.progress, ...update };
        },
        count(name, value) {
          info.counts[name] = value;
        },
        increment(name) {
          info.counts[name] = (info.counts[name] ?? 0) + 1;
        },
        target(path) {
          info.target = path;
        },
        itemFailed(item, reason) {
          info.failures ??= [];
          if (info.failures.length < MAX_LISTED_FAILURES) info.failures.push({ item, reason });
        },
      };
      // The body starts on a later tick: `start` answers the request at once.
      const settled = Promise.resolve()
        .then(() => {
          // Cancelled before it began (a cancel right after the start): the body never runs.
          controller.signal.throwIfAborted();
          return body(control);
        })
        .then(
          () => {
            info.state = 'ok';
          },
          (error: unknown) => {
            if (controller.signal.aborted) {
              info.state = 'cancelled';
              return;
            }
            const failure = unexpectedError(error, `${kind} job`, log);
            info.state = 'failed';
            info.reason = failure.code;
            info.detail = failure.message;
          },
        )
        .then(() => {
          info.finishedAt = now().toISOString();
          return snapshot(info);
        });
      jobs.set(info.id, { info, controller, settled });
      return snapshot(info);
    },

    get(id) {
      return snapshot(entryOf(id).info);
    },

    list() {
      prune();
      return [...jobs.values()].map((entry) => snapshot(entry.info)).reverse();
    },

    cancel(id) {
      const entry = entryOf(id);
      if (entry.info.state === 'running' && !entry.info.cancelRequested) {
        entry.info.cancelRequested = true;
        entry.controller.abort(new DOMException('the job was cancelled', 'AbortError'));
      }
      return snapshot(entry.info);
    },

    settled(id) {
      return entryOf(id).settled;
    },

    async close() {
      const running = [...jobs.values()].filter((entry) => entry.info.state === 'running');
      for (const entry of running)
        entry.controller.abort(new DOMException('the store is closing', 'AbortError'));
      await Promise.all(running.map((entry) => entry.settled));
    },
  };
}
