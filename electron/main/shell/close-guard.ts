/**
 * Holding a window's close until the page has saved. The page flushes on `beforeunload` too, but
 * that request can be cut off when the page goes away; here the main process asks the page to
 * save over a typed channel and waits for its answer (or a timeout, when the page hangs or has
 * crashed). The unsaved text is already in the recovery journal by then (the page sends it
 * before saving), so a close that goes ahead without a save still loses nothing.
 */
import type { FlushedMessage, FlushRequest } from '../../../shared/api/shell';

export interface FlushOutcome {
  saved: boolean;
  storyId: string | null;
  /** the page did not answer in time */
  timedOut: boolean;
}

/** Pairs flush requests with the page's answers by request id. */
export class FlushRequests {
  #next = 1;
  readonly #pending = new Map<number, (outcome: FlushOutcome) => void>();

  constructor(
    private readonly send: (request: FlushRequest) => void,
    private readonly timeoutMs = 5_000,
  ) {}

  /** Asks the page to save; resolves with its answer or, after the timeout, as not saved. */
  request(): Promise<FlushOutcome> {
    const requestId = this.#next++;
    return new Promise<FlushOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(requestId);
        resolve({ saved: false, storyId: null, timedOut: true });
      }, this.timeoutMs);
      this.#pending.set(requestId, (outcome) => {
        clearTimeout(timer);
        this.#pending.delete(requestId);
        resolve(outcome);
      });
      try {
        this.send({ requestId });
      } catch {
        // The page is gone: the timeout answers.
      }
    });
  }

  /** The page's answer; an answer nobody asked for (or asked for twice) is ignored. */
  answer(message: FlushedMessage): boolean {
    const settle = this.#pending.get(message.requestId);
    if (!settle) return false;
    settle({ saved: message.saved, storyId: message.storyId, timedOut: false });
    return true;
  }
}

/** What the guard needs from the window and the user. */
export interface CloseGuardOptions {
  flush: () => Promise<FlushOutcome>;
  /** the text could not be saved: true closes anyway (it stays in the journal), false stays */
  confirmUnsaved: (outcome: FlushOutcome) => Promise<boolean>;
  /** really closes the window (the guard lets this close through) */
  close: () => void;
}

/**
 * The `close` handler of a window. The first close is prevented while the page saves; when the
 * save succeeded (or the user agrees to close with the text in the journal) the window is closed
 * again and that close goes through.
 */
export function createCloseGuard(options: CloseGuardOptions): {
  onClose: (event: { preventDefault(): void }) => void;
  /** resolves once a close in progress has been decided */
  settled: () => Promise<void>;
} {
  let allowed = false;
  let running: Promise<void> | null = null;
  return {
    onClose(event) {
      if (allowed) return;
      event.preventDefault();
      if (running) return;
      running = (async () => {
        try {
          const outcome = await options.flush();
          if (!(outcome.saved || (await options.confirmUnsaved(outcome)))) return;
        } catch {
          return; // when in doubt, stay open: the text is still in the window
        } finally {
          running = null;
        }
        allowed = true;
        options.close();
      })();
    },
    settled: () => running ?? Promise.resolve(),
  };
}
