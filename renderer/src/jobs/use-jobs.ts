/**
 * The page's view of long work: the jobs the main side runs, read back by polling (the browser
 * bridge has no push channel). It polls only while a job runs; otherwise it asks once when
 * told to (the screen opened, a job was started, the desktop menu started one).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorShape } from '../../../shared/api/errors';
import type { JobInfo, StartJobRequest } from '../../../shared/jobs/contract';
import { getApi } from '../api/client';

/** How often running jobs are read back: often enough for a moving bar, light on the bridge. */
export const POLL_MS = 400;

export interface Jobs {
  jobs: JobInfo[];
  running: number;
  refresh: () => Promise<void>;
  /** starts a job; resolves to the refusal when it did not start */
  start: (request: StartJobRequest) => Promise<ApiErrorShape | null>;
  cancel: (id: string) => Promise<void>;
}

export function useJobs(): Jobs {
  const [jobs, setJobs] = useState<JobInfo[]>([]);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const refresh = useCallback(async () => {
    const result = await getApi().listJobs({});
    if (result.ok && mounted.current) setJobs(result.value);
  }, []);

  const running = jobs.filter((job) => job.state === 'running').length;
  useEffect(() => {
    if (running === 0) return;
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, refresh]);

  // Once at start: a job started before a reload (or by the desktop menu) shows up.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const start = useCallback(
    async (request: StartJobRequest) => {
      const result = await getApi().startJob(request);
      await refresh();
      return result.ok ? null : result.error;
    },
    [refresh],
  );

  const cancel = useCallback(
    async (id: string) => {
      await getApi().cancelJob({ id });
      await refresh();
    },
    [refresh],
  );

  return { jobs, running, refresh, start, cancel };
}
