/**
 * The browser bridge: serves the built renderer and the API over HTTP on 127.0.0.1, so the
 * real renderer can run in a plain browser (Playwright, or a machine without the Electron
 * binary) against the very same handler table the Electron shell serves over IPC.
 *
 * It is a development and test harness, not a server for a network: it listens on loopback
 * only, demands a per-run random token on every API call, and refuses requests whose Host
 * (DNS rebinding) or Origin is not its own.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import type { ApiErrorCode } from '../../shared/api/errors';
import type { Dispatch } from '../core/api/dispatch';

/** Largest API request body accepted; a long story with its body is well below this. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Same policy the Electron window should use: nothing but this origin, no inline scripts. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // WebAssembly (the spell checker's Hunspell) compiles only with this; no JS eval is allowed.
  "script-src 'self' 'wasm-unsafe-eval'",
  // Slate and React set element styles; no <style> or style attributes come from outside.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const STATUS_OF: Partial<Record<ApiErrorCode, number>> = {
  'invalid-request': 400,
  'unknown-operation': 404,
  'untrusted-sender': 403,
  'not-found': 404,
  conflict: 409,
  'store-locked': 423,
  'store-damaged': 500,
  'disk-full': 507,
  io: 500,
  internal: 500,
  forbidden: 403,
  'checklist-failed': 422,
  locked: 423,
  // The client sent a file the store does not take: its mistake, not the server's.
  'unsupported-file': 415,
  'file-too-large': 413,
  'job-running': 409,
};

export interface BridgeOptions {
  dispatch: Dispatch;
  /** the built renderer (out/renderer) */
  rendererDir: string;
  /** fixed token for tests; a fresh random one otherwise */
  token?: string;
}

export interface Bridge {
  readonly token: string;
  /** starts listening on 127.0.0.1; port 0 picks a free port. Resolves to the URL to open. */
  listen(port: number): Promise<string>;
  close(): Promise<void>;
  readonly server: Server;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    detail: string,
  ) {
    super(detail);
  }
}

/** Creates the bridge; call `listen` to start it. */
export function createBridge({
  dispatch,
  rendererDir,
  token = randomBytes(32).toString('hex'),
}: BridgeOptions): Bridge {
  const root = resolve(rendererDir);
  const expectedToken = digest(token);
  let port = 0;

  // Hashing both sides first gives equal lengths, so the comparison time says nothing.
  const tokenMatches = (header: string | undefined): boolean => {
    const match = /^Bearer ([^\s]+)$/.exec(header ?? '');
    return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expectedToken);
  };

  const ownHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const ownOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const send = (response: ServerResponse, status: number, headers: Record<string, string>, body?: string) => {
    response.writeHead(status, {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
      ...headers,
    });
    response.end(body);
  };

  const sendJson = (response: ServerResponse, status: number, value: unknown) =>
    send(
      response,
      status,
      { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
      JSON.stringify(value),
    );

  const sendError = (response: ServerResponse, error: HttpError) =>
    sendJson(response, error.status, { ok: false, error: { code: error.code, detail: error.message } });

  const readBody = (request: IncomingMessage): Promise<string> =>
    new Promise((resolveBody, reject) => {
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > MAX_BODY_BYTES) {
        reject(
          new HttpError(413, 'invalid-request', `the request body is larger than ${MAX_BODY_BYTES} bytes`),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          reject(
            new HttpError(413, 'invalid-request', `the request body is larger than ${MAX_BODY_BYTES} bytes`),
          );
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
      request.on('error', reject);
    });

  const handleApi = async (request: IncomingMessage, response: ServerResponse, operation: string) => {
    if (request.method !== 'POST') {
      send(response, 405, { Allow: 'POST', 'Content-Type': 'text/plain; charset=utf-8' }, 'POST only');
      return;
    }
    if (!tokenMatches(request.headers.authorization)) {
      throw new HttpError(401, 'untrusted-sender', 'missing or wrong bridge token');
    }
    const origin = request.headers.origin;
    // The whole origin, scheme included: `127.0.0.1:port` alone is no origin a browser sends.
    if (origin !== undefined && !ownOrigins().has(origin)) {
      throw new HttpError(403, 'untrusted-sender', 'requests from other origins are refused');
    }
    const contentType = request.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      throw new HttpError(
        415,
        'invalid-request',
        'the request must be JSON (Content-Type: application/json)',
      );
    }
    const text = await readBody(request);
    let payload: unknown;
    try {
      payload = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new HttpError(400, 'invalid-request', 'the request body is not valid JSON');
    }
    let name: string;
    try {
      name = decodeURIComponent(operation);
    } catch {
      throw new HttpError(400, 'invalid-request', 'the operation name is not a valid URL path');
    }
    const result = await dispatch(name, payload);
    sendJson(response, result.ok ? 200 : (STATUS_OF[result.error.code] ?? 500), result);
  };

  const handleStatic = async (request: IncomingMessage, response: ServerResponse, pathname: string) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'GET only');
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      send(response, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'bad path');
      return;
    }
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = resolve(root, relative);
    // Containment: whatever the path says (.., encoded slashes, NUL), the file must be inside root.
    if (decoded.includes('\0') || !file.startsWith(root + sep)) {
      send(response, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      send(response, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found');
      return;
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const html = type.startsWith('text/html');
    response.writeHead(200, {
      'Content-Type': type,
      'Content-Length': String(info.size),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': html ? 'no-store' : 'no-cache',
      ...(html ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' } : {}),
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  };

  const server = createServer((request, response) => {
    void (async () => {
      try {
        // DNS-rebinding guard: a page on another name that resolves to 127.0.0.1 sends its own Host.
        if (!ownHosts().has(request.headers.host ?? '')) {
          throw new HttpError(403, 'untrusted-sender', 'unexpected Host header');
        }
        const { pathname } = new URL(request.url ?? '/', 'http://bridge.invalid');
        const api = /^\/api\/([^/]+)$/.exec(pathname);
        if (api?.[1]) await handleApi(request, response, api[1]);
        else if (pathname.startsWith('/api/'))
          throw new HttpError(404, 'unknown-operation', 'no such operation');
        else await handleStatic(request, response, pathname);
      } catch (error) {
        if (response.headersSent) {
          response.destroy();
          return;
        }
        if (error instanceof HttpError) {
          if (error.status === 413) response.setHeader('Connection', 'close');
          sendError(response, error);
        } else {
          console.error(
            `Mihbara web bridge: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
          sendError(response, new HttpError(500, 'internal', 'the bridge failed to handle the request'));
        }
      }
    })();
  });

  return {
    token,
    server,
    listen: (wanted) =>
      new Promise((resolveUrl, reject) => {
        server.once('error', reject);
        server.listen(wanted, '127.0.0.1', () => {
          server.off('error', reject);
          port = (server.address() as AddressInfo).port;
          resolveUrl(`http://127.0.0.1:${port}/#token=${token}`);
        });
      }),
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
