/**
 * The jobs' operations of the handler table: start, read and cancel long work. A start answers
 * at once with the new job; the work goes on in the runner.
 */
import type { HandlerTable } from '../../../shared/api/contract';
import { jobBody, type JobServices } from './kinds';
import type { JobRunner } from './runner';

type JobHandlers = Pick<HandlerTable, 'startJob' | 'getJob' | 'listJobs' | 'cancelJob'>;

/** The handlers, on `runner` (one per open workstation, which cancels its jobs on close). */
export function jobsHandlers(services: JobServices, runner: JobRunner): JobHandlers {
  return {
    startJob: async (request) => runner.start(request.kind, jobBody(request, services)),
    getJob: async ({ id }) => runner.get(id),
    listJobs: async () => runner.list(),
    cancelJob: async ({ id }) => runner.cancel(id),
  };
}
