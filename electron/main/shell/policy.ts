/**
 * The security decisions of the Electron shell, as plain functions so they can be tested
 * without the Electron binary. The shell (window.ts, protocol.ts, ipc.ts) only wires them up.
 */
import { extname, resolve, sep } from 'node:path';

/** The renderer is served from this origin, never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mihbara';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Sent as a header with every page the app serves. No inline or remote script; styles may be
 * inline because React sets style attributes; fonts and images come from the app itself.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  // WebAssembly (the spell checker's Hunspell) compiles only with this; no JS eval is allowed.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Maps an app:// URL to a file inside `root`, or null when the URL tries to leave it
 * (`..`, encoded separators, another host). The index page answers for `/`.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const base = resolve(root);
  const target = resolve(base, '.' + (pathname === '/' ? '/index.html' : pathname));
  return target === base || target.startsWith(base + sep) ? target : null;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
};

export function contentTypeOf(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Only the app's own pages may call the API. */
export function isTrustedSenderUrl(senderUrl: string | undefined, devServerUrl?: string): boolean {
  if (!senderUrl) return false;
  let url: URL;
  try {
    url = new URL(senderUrl);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      return url.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** Links the user clicks may open in the system browser only for these schemes. */
export function isAllowedExternalUrl(target: string): boolean {
  try {
    const url = new URL(target);
    return ['https:', 'http:', 'mailto:'].includes(url.protocol);
  } catch {
    return false;
  }
}

/** Permissions the app asks the browser engine for. Everything else is denied. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * The development server the renderer is loaded from, if any. A packaged build has none,
 * whatever the environment says: an `ELECTRON_RENDERER_URL` pointing at another page would make
 * that page a trusted IPC sender. In development only a loopback http(s) server is taken.
 */
export function devServerUrlFor(
  env: Record<string, string | undefined>,
  packaged: boolean,
): string | undefined {
  if (packaged) return undefined;
  const value = env['ELECTRON_RENDERER_URL'];
  if (!value) return undefined;
  try {
    const url = new URL(value);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return loopback && (url.protocol === 'http:' || url.protocol === 'https:') ? value : undefined;
  } catch {
    return undefined;
  }
}
