/**
 * The HTTP channel: one POST of ninjs JSON per delivery, signed with HMAC-SHA256 over the exact
 * bytes sent (header `X-Mihbara-Signature-256: sha256=<hex>`, as GitHub's webhooks do), with an
 * `Idempotency-Key` that stays the same across retries and restarts so the receiver can drop
 * a repeat. Whether a failure is worth retrying is decided here; the outbox does the waiting.
 */
import { createHmac } from 'node:crypto';
import type { HttpChannelSettings } from '../../../shared/publishing/model';

export const SIGNATURE_HEADER = 'x-mihbara-signature-256';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The signature a receiver recomputes: HMAC-SHA256 of the body with the shared secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface AttemptResult {
  ok: boolean;
  /** worth trying again later (network failure, timeout, 408, 429, 5xx) */
  retry: boolean;
  httpStatus?: number;
  /** plain words */
  error?: string;
}

export interface HttpPost {
  body: string;
  idempotencyKey: string;
  deliveryId: string;
  event: string;
  sequence?: number;
}

/** Sends one delivery; never throws. */
export async function postDelivery(settings: HttpChannelSettings, post: HttpPost): Promise<AttemptResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Mihbara-Publisher/1',
    [SIGNATURE_HEADER]: signBody(settings.secret, post.body),
    [IDEMPOTENCY_HEADER]: post.idempotencyKey,
    'x-mihbara-delivery': post.deliveryId,
    'x-mihbara-event': post.event,
  };
  if (post.sequence !== undefined) headers['x-mihbara-correction-sequence'] = String(post.sequence);
  let response: Response;
  try {
    response = await fetch(settings.url, {
      method: 'POST',
      headers,
      body: post.body,
      redirect: 'error',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const why =
      name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${settings.timeoutMs} ms`
        : cause === 'ECONNREFUSED'
          ? 'the address refused the connection (the receiver is down)'
          : `the request failed (${cause ?? (error as Error).message})`;
    return { ok: false, retry: true, error: why };
  }
  // The body is read (and dropped) so the connection can be reused.
  // eslint-disable-next-line no-restricted-syntax -- the status is the answer; a body that cannot be read only costs the connection
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return { ok: true, retry: false, httpStatus: response.status };
  const retry = response.status >= 500 || response.status === 408 || response.status === 429;
  return {
    ok: false,
    retry,
    httpStatus: response.status,
    error: `the receiver answered ${response.status} ${response.statusText}`.trim(),
  };
}
