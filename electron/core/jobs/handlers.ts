/**
 * The jobs' operations of the handler table: start, read and cancel long work. A start answers
 * at once with the new job; the work goes on in the runner. Every file or folder a start names
 * outside the store is resolved through the workstation's places (electron/core/places.ts)
 * first: a place the user did not choose is refused before any work begins.
 */
import type { HandlerTable } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { resolveOnePlace as one, resolveOutsideStore as resolveOutside, type Places } from '../places';
import { jobBody, type JobServices, type ParsedStart } from './kinds';
import type { JobRunner } from './runner';

type JobHandlers = Pick<HandlerTable, 'startJob' | 'getJob' | 'listJobs' | 'cancelJob' | 'choosePlace'>;

/** The start request with every place it names replaced by the path the user chose. */
export async function resolvePlaces(
  request: ParsedStart,
  places: Places,
  storeRoot: string,
): Promise<ParsedStart> {
  switch (request.kind) {
    case 'backup': {
      if (request.target === undefined) return request;
      const target = await one(places, request.target, 'backup-file', storeRoot);
      if (!/\.tar\.gz$/i.test(target))
        throw new ApiError('invalid-request', 'a backup file ends in .tar.gz', [
          { path: 'target', message: 'a backup file ends in .tar.gz' },
        ]);
      return { ...request, target };
    }
    case 'export':
      return request.folder === undefined
        ? request
        : { ...request, folder: await one(places, request.folder, 'export-folder', storeRoot) };
    case 'import': {
      const paths: string[] = [];
      for (const reference of request.paths)
        paths.push(...(await resolveOutside(places, reference, 'import', storeRoot)));
      return { ...request, paths };
    }
    default:
      return request;
  }
}

/** The handlers, on `runner` (one per open workstation, which cancels its jobs on close). */
export function jobsHandlers(services: JobServices, runner: JobRunner, places: Places): JobHandlers {
  return {
    startJob: async (request) => {
      const resolved = await resolvePlaces(request, places, services.store.root);
      return runner.start(resolved.kind, jobBody(resolved, services));
    },
    getJob: async ({ id }) => runner.get(id),
    listJobs: async () => runner.list(),
    cancelJob: async ({ id }) => runner.cancel(id),
    choosePlace: ({ use }) => places.choose(use),
  };
}
