/**
 * Publishes scheduled stories at their time. At start it catches up on every story whose time
 * passed while the app was closed (and logs each one); then it looks again every tick.
 */
import type { StoryStore } from '../store/types';
import type { WorkflowService } from './service';
import { consoleLogger, type Logger } from '../log';

export interface Scheduler {
  /** publishes every scheduled story whose time is not after `at`; resolves to their ids */
  runDue(at?: Date, caughtUp?: boolean): Promise<string[]>;
  /** catches up, then checks every `intervalMs` until stopped */
  start(intervalMs?: number): Promise<string[]>;
  stop(): void;
}

export function createScheduler(
  store: StoryStore,
  workflow: WorkflowService,
  now: () => Date = () => new Date(),
  log: Logger = consoleLogger,
): Scheduler {
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<string[]> | null = null;

  const runDue = (at = now(), caughtUp = false): Promise<string[]> => {
    // One pass at a time: a slow pass must not publish a story twice.
    running ??= (async () => {
      const published: string[] = [];
      const due = store
        .list()
        .filter((s) => s.status === 'scheduled' && s.publishAt && Date.parse(s.publishAt) <= at.getTime());
      for (const summary of due) {
        try {
          await workflow.publishScheduled(summary.id, caughtUp);
          published.push(summary.id);
        } catch (error) {
          // One story that cannot go out (an embargo, a damaged file) must not stop the others.
          log.warn(`[workflow] could not publish scheduled story ${summary.id}: ${(error as Error).message}`);
        }
      }
      return published;
    })().finally(() => (running = null));
    return running;
  };

  return {
    runDue,
    async start(intervalMs = 5000) {
      const caught = await runDue(now(), true);
      timer ??= setInterval(() => void runDue(), intervalMs);
      timer.unref?.();
      return caught;
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
