import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  devServerUrlFor,
  isAllowedExternalUrl,
  isTrustedSenderUrl,
  resolveAppPath,
} from '../../../electron/main/shell/policy';

const root = resolve('/opt/mihbara/renderer');

describe('app:// path containment', () => {
  it('serves files inside the renderer folder and the index for /', () => {
    expect(resolveAppPath(root, 'app://mihbara/')).toBe(resolve(root, 'index.html'));
    expect(resolveAppPath(root, 'app://mihbara/assets/index-abc.js')).toBe(
      resolve(root, 'assets/index-abc.js'),
    );
  });

  it('keeps dot segments that the URL parser folds inside the folder', () => {
    for (const url of ['app://mihbara/../../etc/passwd', 'app://mihbara/%2e%2e/%2e%2e/etc/passwd']) {
      expect(resolveAppPath(root, url)).toBe(resolve(root, 'etc/passwd'));
    }
  });

  it.each([
    'app://mihbara/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://mihbara/..%5c..%5cwindows',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://mihbara/%00',
    'app://mihbara/%E0%A4%A',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('senders and links', () => {
  it('trusts only the app origin, or the dev server when one is running', () => {
    expect(isTrustedSenderUrl('app://mihbara/index.html')).toBe(true);
    expect(isTrustedSenderUrl('https://example.com/')).toBe(false);
    expect(isTrustedSenderUrl('app://evil/index.html')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('opens only web and mail links outside the app', () => {
    expect(isAllowedExternalUrl('https://example.org/reports')).toBe(true);
    expect(isAllowedExternalUrl('mailto:desk@example.org')).toBe(true);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('smb://share/x')).toBe(false);
  });

  it('forbids inline and remote script in the content security policy', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    // 'wasm-unsafe-eval' (the spell checker's WebAssembly) is allowed; JavaScript eval is not.
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
  });
});

describe('development switches', () => {
  it('a packaged build ignores ELECTRON_RENDERER_URL; development takes only a loopback server', () => {
    const env = (url: string) => ({ ELECTRON_RENDERER_URL: url });
    expect(devServerUrlFor(env('http://localhost:5173/'), true)).toBeUndefined();
    expect(devServerUrlFor(env('https://evil.example/'), true)).toBeUndefined();
    expect(devServerUrlFor(env('http://localhost:5173/'), false)).toBe('http://localhost:5173/');
    expect(devServerUrlFor(env('http://127.0.0.1:5173/'), false)).toBe('http://127.0.0.1:5173/');
    expect(devServerUrlFor(env('https://evil.example/'), false)).toBeUndefined();
    expect(devServerUrlFor(env('file:///etc/passwd'), false)).toBeUndefined();
    expect(devServerUrlFor({}, false)).toBeUndefined();
  });
});
