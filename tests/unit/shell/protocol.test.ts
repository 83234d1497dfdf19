import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/shell/policy';

const recorded = vi.hoisted(() => ({
  handler: undefined as undefined | ((request: Request) => Promise<Response>),
  schemes: [] as unknown[],
}));
vi.mock('electron', () => ({
  protocol: {
    handle: (_scheme: string, handler: (request: Request) => Promise<Response>) =>
      (recorded.handler = handler),
    registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.schemes.push(...schemes),
  },
}));
const { registerAppScheme, serveRenderer } = await import('../../../electron/main/shell/protocol');

// A renderer folder with a secret beside it, which no app:// URL may reach.
const base = mkdtempSync(join(tmpdir(), 'mihbara-protocol-'));
const root = join(base, 'renderer');
beforeAll(() => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><html dir="rtl" lang="ar"></html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  registerAppScheme();
  serveRenderer(root);
});

const get = (url: string) => recorded.handler!(new Request(url));

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    expect(recorded.schemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
  });

  it('serves the app with the content security policy as a header', async () => {
    const page = await get('app://mihbara/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('app://mihbara/assets/app.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toBe('console.log(1)');
  });

  it.each([
    'app://mihbara/../secret.txt',
    'app://mihbara/%2e%2e/secret.txt',
    'app://mihbara/%2E%2E%2Fsecret.txt',
    'app://mihbara/assets/..%2F..%2Fsecret.txt',
    'app://mihbara/..%5Csecret.txt',
    'app://mihbara/%252e%252e/secret.txt',
    `app://mihbara/${encodeURIComponent(join(base, 'secret.txt'))}`,
    `app://mihbara//${join(base, 'secret.txt').replace(/^\//, '')}`,
    'app://mihbara/C:/Windows/win.ini',
    'app://mihbara/%00index.html',
    'app://other-host/index.html',
    'app://mihbara/missing.js',
  ])('refuses %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
  });
});

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
  );
  it('allows only the app’s own script, no eval, no inline script, no plugins, no framing', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    // WebAssembly compilation (the spell checker) is the one exception; JavaScript eval is not.
    expect(["'self'", "'wasm-unsafe-eval'"]).toEqual(expect.arrayContaining(directives.get('script-src')!));
    expect(directives.get('script-src')).toContain("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|script-src[^;]*unsafe-inline|\*|https?:/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});
