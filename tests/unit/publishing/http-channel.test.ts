/**
 * The HTTP channel against a real HTTP server on 127.0.0.1 started by the test: signed ninjs with
 * an idempotency key; outages (down, slow, 500) retried with backoff from a durable outbox; a
 * restart in the middle loses nothing and duplicates nothing. Time is a test clock, so retries
 * are driven by `drain()` calls in bounded loops, never by waiting.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../electron/core/publishing/outbox';
import { createPublisher, type Publisher } from '../../../electron/core/publishing/publisher';
import { validateNinjs } from '../../../electron/core/stories/ninjs-validate';
import { diskFiles } from '../../../electron/core/workflow/files';
import { sampleStory, tempDir } from './helpers';
import { silentLogger } from '../../../electron/core/log';

const SECRET = 'shared-secret-for-tests';
type Mode = 'ok' | 'down' | 'slow' | 'error';

/** A receiver that checks signatures and keeps what it accepted, once per idempotency key. */
class Receiver {
  mode: Mode = 'ok';
  requests = 0;
  badSignatures = 0;
  accepted = new Map<string, { event: string; body: Record<string, unknown>; sequence?: string }>();
  private server: Server | undefined;
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (this.mode === 'slow') return; // never answers: the client's timeout fires
    if (this.mode === 'error') {
      res.writeHead(500).end('boom');
      return;
    }
    const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    if (req.headers['x-mihbara-signature-256'] !== expected) {
      this.badSignatures += 1;
      res.writeHead(401).end();
      return;
    }
    const key = String(req.headers['idempotency-key']);
    if (!this.accepted.has(key)) {
      this.accepted.set(key, {
        event: String(req.headers['x-mihbara-event']),
        body: JSON.parse(body) as Record<string, unknown>,
        ...(req.headers['x-mihbara-correction-sequence']
          ? { sequence: String(req.headers['x-mihbara-correction-sequence']) }
          : {}),
      });
    }
    res.writeHead(202).end();
  }
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let receiver: Receiver;
let clock: number;
const history: Array<{ id: string; detail: Record<string, unknown> | undefined }> = [];

function makePublisher(): Publisher {
  const root = join(dir.path, 'store');
  return createPublisher({
    root,
    files: diskFiles(root, true),
    now: () => new Date(clock),
    history: async (id, entry) => void history.push({ id, detail: entry.detail }),
    backoff: { baseMs: 1000, maxMs: 8000, maxAttempts: 6 },
    log: silentLogger,
  });
}

async function addChannel(publisher: Publisher, timeoutMs = 300): Promise<void> {
  await publisher.channels.save({
    id: 'agency',
    name: 'Partner agency',
    kind: 'http',
    enabled: true,
    internal: false,
    http: { url: receiver.url, secret: SECRET, timeoutMs },
  });
}

/** Advances the clock past every pending retry and drains, at most `rounds` times. */
async function settle(publisher: Publisher, rounds = 10): Promise<void> {
  for (let i = 0; i < rounds && (await publisher.outbox.pending()).length > 0; i += 1) {
    clock += 60_000;
    await publisher.outbox.drain();
  }
}

beforeEach(async () => {
  dir = await tempDir();
  await mkdir(join(dir.path, 'store'));
  receiver = new Receiver();
  await receiver.start();
  clock = Date.parse('2026-03-01T08:00:00Z');
  history.length = 0;
});
afterEach(async () => {
  await receiver.stop();
  await dir.remove();
});

describe('HTTP channel', () => {
  it('posts signed, schema-valid ninjs with an idempotency key, and logs the delivery', async () => {
    const publisher = makePublisher();
    await addChannel(publisher);
    await publisher.onTransition(sampleStory(), 'publish');
    await publisher.outbox.drain();
    expect(receiver.badSignatures).toBe(0);
    const [key, got] = [...receiver.accepted.entries()][0]!;
    expect(key).toBe('publish-test-0001:5:publish:agency');
    expect(got.event).toBe('publish');
    expect(validateNinjs(got.body)).toEqual({ valid: true, errors: [] });
    expect(got.body.pubStatus).toBe('usable');
    expect(got.body.edNote).toBeUndefined();
    const [logged] = await publisher.outbox.log();
    expect(logged).toMatchObject({ status: 'delivered', httpStatus: 202, attempts: 1 });
    expect(history.map((h) => h.detail?.status)).toEqual(['delivered']);
  });

  it('retries through down, slow and 500 with growing waits until the receiver takes it', async () => {
    const publisher = makePublisher();
    await addChannel(publisher);
    receiver.mode = 'error';
    await publisher.onTransition(sampleStory(), 'publish');
    await publisher.outbox.drain();
    let [pending] = await publisher.outbox.pending();
    expect(pending).toMatchObject({ status: 'retrying', attempts: 1, httpStatus: 500 });
    expect(Date.parse(pending!.nextAttemptAt!) - clock).toBe(1000);

    // Not due yet: a drain does nothing.
    await publisher.outbox.drain();
    expect((await publisher.outbox.pending())[0]?.attempts).toBe(1);

    receiver.mode = 'slow';
    clock += 1000;
    await publisher.outbox.drain();
    [pending] = await publisher.outbox.pending();
    expect(pending).toMatchObject({ attempts: 2, lastError: 'no answer within 300 ms' });
    expect(Date.parse(pending!.nextAttemptAt!) - clock).toBe(2000);

    const port = receiver.port;
    await receiver.stop();
    clock += 2000;
    await publisher.outbox.drain();
    [pending] = await publisher.outbox.pending();
    expect(pending).toMatchObject({ attempts: 3 });
    expect(pending!.lastError).toMatch(/refused|failed/);

    await receiver.start(port);
    receiver.mode = 'ok';
    await settle(publisher);
    expect(await publisher.outbox.pending()).toEqual([]);
    expect(receiver.accepted.size).toBe(1);
    expect((await publisher.outbox.log())[0]).toMatchObject({ status: 'delivered', attempts: 4 });
    // The story's history has the first failure and the delivery, not every retry.
    expect(history.map((h) => h.detail?.status)).toEqual(['retrying', 'delivered']);
  });

  it('keeps the outbox across a restart: nothing lost, nothing duplicated', async () => {
    let publisher = makePublisher();
    await addChannel(publisher);
    const port = receiver.port;
    await receiver.stop();
    for (let n = 1; n <= 5; n += 1) {
      await publisher.onTransition(sampleStory({ id: `restart-story-000${n}` }), 'publish');
    }
    await publisher.outbox.drain();
    expect((await publisher.outbox.pending()).map((d) => d.status)).toEqual(Array(5).fill('retrying'));
    await publisher.outbox.stop();

    // A new process on the same store: the outbox is read back from disk.
    publisher = makePublisher();
    await receiver.start(port);
    receiver.mode = 'slow'; // the receiver takes the first request but the answer never comes
    clock += 60_000;
    await publisher.outbox.drain();
    receiver.mode = 'ok';
    await settle(publisher);
    expect(await publisher.outbox.pending()).toEqual([]);
    const log = await publisher.outbox.log();
    expect(log).toHaveLength(5);
    expect(log.every((d) => d.status === 'delivered')).toBe(true);
    // Repeats (after the timeouts) carried the same keys; the receiver kept each story once.
    expect(receiver.requests).toBeGreaterThan(5);
    expect([...receiver.accepted.keys()].sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => `restart-story-000${n}:5:publish:agency`),
    );
  });

  it('gives up after the last attempt and says why; a 4xx answer is not retried', async () => {
    const publisher = makePublisher();
    await addChannel(publisher);
    receiver.mode = 'error';
    await publisher.onTransition(sampleStory(), 'publish');
    await settle(publisher, 20);
    const [failed] = await publisher.outbox.log();
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 6,
      lastError: 'the receiver answered 500 Internal Server Error',
    });

    await publisher.channels.save({
      id: 'agency',
      name: 'Partner agency',
      kind: 'http',
      enabled: true,
      internal: false,
      http: { url: receiver.url, secret: 'a-different-secret', timeoutMs: 300 },
    });
    receiver.mode = 'ok';
    await publisher.onTransition(sampleStory({ id: 'second-story-0001' }), 'publish');
    await publisher.outbox.drain();
    expect((await publisher.outbox.log())[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      httpStatus: 401,
    });
  });

  it('sends a correction with its sequence, and withdrawals as withheld or canceled', async () => {
    const publisher = makePublisher();
    await addChannel(publisher);
    await publisher.onTransition(
      sampleStory({ status: 'corrected', version: 7, correction: { note: 'تصحيح الاسم', sequence: 1 } }),
      'publish',
    );
    await publisher.onTransition(sampleStory({ status: 'unpublished', version: 8 }), 'unpublish');
    await publisher.onTransition(sampleStory({ status: 'killed', version: 9 }), 'kill');
    await settle(publisher);
    const byKey = receiver.accepted;
    expect(byKey.get('publish-test-0001:7:correct:agency')).toMatchObject({
      event: 'correct',
      sequence: '1',
    });
    expect(byKey.get('publish-test-0001:8:withdraw:agency')?.body.pubStatus).toBe('withheld');
    expect(byKey.get('publish-test-0001:9:withdraw:agency')?.body.pubStatus).toBe('canceled');
  });

  it('has a test button that reaches the receiver, and reports a dead address', async () => {
    const publisher = makePublisher();
    await addChannel(publisher);
    expect(await publisher.testChannel('agency')).toMatchObject({ ok: true, httpStatus: 202 });
    await receiver.stop();
    const result = await publisher.testChannel('agency');
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/refused|failed/);
  });

  it('waits twice as long after each failure, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 20].map((n) => backoffDelay(n, DEFAULT_BACKOFF))).toEqual([
      2000, 4000, 8000, 16000, 32000, 600000,
    ]);
  });
});
