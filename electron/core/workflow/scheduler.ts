/**
 * Publishes scheduled stories at their time. At start it catches up on every story whose time
 * passed while the app was closed (and logs each one); then it looks again every tick.
 */
import { eachSummary } from '../store/list';
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
      // The scheduled stories only, page by page: the backend filters them (the server by its index).
      const due: string[] = [];
      for await (const s of eachSummary(store, { status: ['scheduled'] }))
        if (s.publishAt && Date.parse(s.publishAt) <= at.getTime()) due.push(s.id);
      for (const id of due) {
        try {
          await workflow.publishScheduled(id, caughtUp);
          published.push(id);
        } catch (error) {
          // One story that cannot go out (an embargo, a damaged file) must not stop the others.
          log.warn(`[workflow] could not publish scheduled story ${id}: ${(error as Error).message}`);
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
