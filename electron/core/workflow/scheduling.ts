/**
 * Who publishes scheduled stories on time. On a local store the one workstation does; in team
 * mode only a desk chief's or an administrator's workstation does, so an editor's machine never
 * publishes. Shared by the app and the browser bridge.
 */
import type { Workflow } from './index';

/** Starts the scheduler where this workstation should run it; resolves with the ids caught up on. */
export async function startScheduling(
  workflow: Workflow,
  options: { team: boolean; intervalMs?: number },
): Promise<string[]> {
  const schedules =
    !options.team ||
    (await workflow.currentUser().then(
      (user) => user.role !== 'editor',
      () => false,
    ));
  return schedules ? workflow.scheduler.start(options.intervalMs) : [];
}
