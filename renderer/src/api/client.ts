/**
 * The renderer's only door to the main side. In Electron the preload exposes the API as
 * `window.mihbara` (over IPC); in a plain browser the same interface is implemented over HTTP
 * against the browser bridge (electron/bridge). Either way a call resolves to an
 * `ApiResult`: transport failures become typed errors, never exceptions.
 */
import { OPERATIONS, type MihbaraApi, type Operation } from '../../../shared/api/contract';
import type { ApiErrorShape, ApiResult } from '../../../shared/api/errors';

declare global {
  interface Window {
    /** set by the Electron preload; absent in a plain browser */
    mihbara?: MihbaraApi;
  }
}

const TOKEN_KEY = 'mihbara.bridgeToken';

/**
 * The bridge prints a URL with `#token=…`. Take the token from the fragment once, keep it in
 * sessionStorage (it survives reloads of this tab but not the browser), and drop it from the
 * address bar so it does not end up in bookmarks, history entries or screenshots.
 */
export function takeBridgeToken(): string | null {
  const match = /(?:^#|&)token=([0-9a-f]+)/i.exec(window.location.hash);
  if (match?.[1]) {
    try {
      window.sessionStorage.setItem(TOKEN_KEY, match[1]);
    } catch {
      // Without storage the token only lives for this page load.
    }
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return match[1];
  }
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function transportError(code: ApiErrorShape['code'], detail: string): ApiResult<never> {
  return { ok: false, error: { code, detail } };
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const result = value as { ok: unknown; error?: { code?: unknown } };
  return result.ok === true || (result.ok === false && typeof result.error?.code === 'string');
}

/**
 * keepalive lets a save started as the page goes away finish, but Chromium caps the bodies of all
 * keepalive requests in flight together at 64 KiB and fails the ones beyond with a network error.
 * So it is asked for only while the page is being left, and only for a body that fits.
 */
const KEEPALIVE_LIMIT = 60_000;
let leaving = false;
if (typeof window !== 'undefined') {
  const leave = () => {
    leaving = true;
    // Still here a moment later: the user chose to stay.
    window.setTimeout(() => (leaving = false), 2_000);
  };
  window.addEventListener('beforeunload', leave);
  window.addEventListener('pagehide', leave);
  // A page brought back from the cache.
  window.addEventListener('pageshow', () => {
    leaving = false;
  });
}

/** An HTTP implementation of the API for the browser bridge. */
export function createHttpApi(token: string | null, base = ''): MihbaraApi {
  const call = async (operation: Operation, request: unknown): Promise<ApiResult<unknown>> => {
    const body = JSON.stringify(request ?? {});
    const send = (keepalive: boolean) =>
      fetch(`${base}/api/${operation}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body,
        keepalive,
        credentials: 'omit',
      });
    const keepalive = leaving && body.length < KEEPALIVE_LIMIT;
    let response: Response;
    try {
      response = await send(keepalive);
    } catch (error) {
      // Refused for keepalive's shared budget rather than by the network: once more without it.
      const again = keepalive ? await send(false).catch(() => null) : null;
      if (!again) return transportError('io', `the bridge could not be reached: ${String(error)}`);
      response = again;
    }
    if (response.status === 401) {
      return transportError('untrusted-sender', 'the bridge refused the request: missing or wrong token');
    }
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      return transportError('internal', `the bridge answered ${response.status} without a JSON result`);
    }
    return isApiResult(parsed)
      ? parsed
      : transportError('internal', `the bridge answered ${response.status} with an unexpected body`);
  };

  const api = Object.fromEntries(
    OPERATIONS.map((operation) => [operation, (request: unknown) => call(operation, request)]),
  );
  return api as MihbaraApi;
}

let cached: MihbaraApi | undefined;

/** The API for this page: the preload's when running in Electron, otherwise the HTTP bridge. */
export function getApi(): MihbaraApi {
  cached ??= window.mihbara ?? createHttpApi(takeBridgeToken());
  return cached;
}
