/**
 * The outbox: every delivery is written to disk before it is attempted, one durable file per
 * delivery (`publishing/outbox/<id>.json`, through the store's durable writes), and leaves the
 * outbox only once it is delivered or given up. A restart finds what was pending and carries on
 * with the same idempotency keys, so nothing is lost and a receiver can drop what it already has.
 * Every change of a delivery's state is appended to the delivery log.
 */
import { Delivery } from '../../../shared/publishing/model';
import type { Story } from '../../../shared/story/schema';
import type { WorkflowFiles } from '../workflow/files';
import type { AttemptResult } from './http-channel';
import { bestEffort, consoleLogger, type Logger } from '../log';

export const OUTBOX_DIR = 'publishing/outbox';
export const DELIVERY_LOG = 'publishing/deliveries.ndjson';

/** What the outbox keeps for a delivery: its record, the story as it was, and the exact bytes for HTTP. */
export interface OutboxEntry {
  delivery: Delivery;
  story: Story;
  payload?: string;
}

export interface Backoff {
  /** first wait after a failure, ms (default 2 000) */
  baseMs: number;
  /** longest wait, ms (default 10 minutes) */
  maxMs: number;
  /** attempts before a delivery is given up (default 12, about an hour and a half in all) */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 2000, maxMs: 10 * 60 * 1000, maxAttempts: 12 };

/** The wait before attempt `attempts + 1`: base · 2^(attempts−1), capped; no jitter, so tests can reason. */
export const backoffDelay = (attempts: number, backoff: Backoff): number =>
  Math.min(backoff.baseMs * 2 ** Math.max(0, attempts - 1), backoff.maxMs);

export interface OutboxOptions {
  files: WorkflowFiles;
  now: () => Date;
  backoff?: Partial<Backoff>;
  /** makes one attempt */
  send: (entry: OutboxEntry) => Promise<AttemptResult>;
  /** told of every attempt's outcome (history, listeners) */
  onAttempt?: (delivery: Delivery) => Promise<void> | void;
  /** where a failed background drain is said (default: stderr) */
  log?: Logger;
}

export interface Outbox {
  /** writes the delivery durably; it is attempted by the next `drain` */
  enqueue(entry: OutboxEntry): Promise<Delivery>;
  /** attempts every due delivery once; resolves with the deliveries attempted */
  drain(): Promise<Delivery[]>;
  /** attempts one delivery now, whether due or not (the retry button) */
  retry(id: string): Promise<Delivery>;
  pending(): Promise<Delivery[]>;
  /** every delivery's latest state, newest first (from the log) */
  log(limit?: number): Promise<Delivery[]>;
  /** retries due deliveries every `intervalMs` until `stop` */
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

const entryFile = (id: string) => `${OUTBOX_DIR}/${id}.json`;

export function createOutbox(options: OutboxOptions): Outbox {
  const { files, now } = options;
  const log = options.log ?? consoleLogger;
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<Delivery[]> | undefined;
  /** ids being attempted, so a drain and a retry never send one delivery twice at once */
  const inFlight = new Set<string>();

  const record = async (delivery: Delivery) => {
    await files.appendLine(DELIVERY_LOG, JSON.stringify(delivery));
  };

  const readEntry = async (id: string): Promise<OutboxEntry | null> => {
    const raw = (await files.readJson(entryFile(id))) as OutboxEntry | null;
    if (!raw) return null;
    return { ...raw, delivery: Delivery.parse(raw.delivery) };
  };

  /** Attempts a delivery this caller has claimed (its id is in `inFlight`). */
  const attempt = async (entry: OutboxEntry): Promise<Delivery> => {
    const id = entry.delivery.id;
    try {
      let result: AttemptResult;
      try {
        result = await options.send(entry);
      } catch (error) {
        result = { ok: false, retry: true, error: (error as Error).message };
      }
      const at = now();
      const attempts = entry.delivery.attempts + 1;
      const next: Delivery = { ...entry.delivery, attempts, updatedAt: at.toISOString() };
      delete next.nextAttemptAt;
      delete next.lastError;
      delete next.httpStatus;
      if (result.httpStatus !== undefined) next.httpStatus = result.httpStatus;
      if (result.ok) {
        next.status = 'delivered';
      } else if (result.retry && attempts < backoff.maxAttempts) {
        next.status = 'retrying';
        next.lastError = result.error ?? 'failed';
        next.nextAttemptAt = new Date(at.getTime() + backoffDelay(attempts, backoff)).toISOString();
      } else {
        next.status = 'failed';
        next.lastError = result.error ?? 'failed';
      }
      // The outbox file changes before the log: after a crash in between, the delivery is
      // at worst attempted once more (same idempotency key), never forgotten.
      if (next.status === 'retrying') await files.writeJson(entryFile(id), { ...entry, delivery: next });
      else await files.remove(entryFile(id));
      await record(next);
      await options.onAttempt?.(next);
      return next;
    } finally {
      inFlight.delete(id);
    }
  };

  const pendingEntries = async (): Promise<OutboxEntry[]> => {
    const names = (await files.list(OUTBOX_DIR)).filter((name) => /^[A-Za-z0-9_-]+\.json$/.test(name));
    const entries: OutboxEntry[] = [];
    for (const name of names) {
      const entry = await readEntry(name.slice(0, -'.json'.length));
      if (entry) entries.push(entry);
    }
    return entries.sort((a, b) => a.delivery.createdAt.localeCompare(b.delivery.createdAt));
  };

  /**
   * Claims a delivery (synchronously, so two callers never both get it) and reads it afresh:
   * a delivery that another caller finished meanwhile is gone from the outbox and is skipped.
   */
  const claim = async (id: string): Promise<OutboxEntry | null> => {
    if (inFlight.has(id)) return null;
    inFlight.add(id);
    const entry = await readEntry(id).catch(() => null);
    if (!entry) inFlight.delete(id);
    return entry;
  };

  const drainOnce = async (): Promise<Delivery[]> => {
    const at = now().toISOString();
    const done: Delivery[] = [];
    for (const listed of await pendingEntries()) {
      if (listed.delivery.nextAttemptAt && listed.delivery.nextAttemptAt > at) continue;
      const entry = await claim(listed.delivery.id);
      if (!entry) continue;
      if (entry.delivery.nextAttemptAt && entry.delivery.nextAttemptAt > at) {
        inFlight.delete(entry.delivery.id);
        continue;
      }
      done.push(await attempt(entry));
    }
    return done;
  };

  return {
    async enqueue(entry) {
      await files.writeJson(entryFile(entry.delivery.id), entry);
      await record(entry.delivery);
      return entry.delivery;
    },
    drain() {
      // One drain at a time; a second caller waits for the running one and then runs its own.
      const run = (running ?? Promise.resolve([])).catch(() => []).then(drainOnce);
      running = run;
      return run;
    },
    async retry(id) {
      const entry = await claim(id);
      if (entry) return attempt(entry);
      const waiting = await readEntry(id);
      if (waiting) return waiting.delivery; // being attempted right now
      const logged = (await this.log()).find((delivery) => delivery.id === id);
      if (logged) return logged; // already settled
      throw new Error(`delivery ${id} is not waiting in the outbox`);
    },
    async pending() {
      return (await pendingEntries()).map((entry) => entry.delivery);
    },
    async log(limit = 500) {
      const text = (await files.readText(DELIVERY_LOG)) ?? '';
      const latest = new Map<string, Delivery>();
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          const parsed = Delivery.safeParse(JSON.parse(line));
          if (parsed.success) {
            latest.delete(parsed.data.id);
            latest.set(parsed.data.id, parsed.data);
          }
        } catch {
          // A torn last line after a crash: the outbox file still holds the delivery.
        }
      }
      return [...latest.values()].reverse().slice(0, limit);
    },
    start(intervalMs = 5000) {
      if (timer) return;
      timer = setInterval(() => {
        void this.drain().catch(bestEffort(log, '[publishing] the outbox could not be sent'));
      }, intervalMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      // A drain under way reports its own failure to whoever started it; stopping only waits.
      // eslint-disable-next-line no-restricted-syntax -- see above
      await running?.catch(() => undefined);
    },
  };
}
