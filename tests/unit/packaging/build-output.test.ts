import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it, beforeAll } from 'vitest';

// The test runner builds before the unit tests; when run alone, build first.
beforeAll(() => {
  if (!existsSync('out/main/index.js') || !existsSync('out/preload/index.cjs')) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
  }
}, 120_000);

describe('electron-vite build output', () => {
  it('produces a main bundle that Node can parse', () => {
    expect(() =>
      execFileSync(process.execPath, ['--check', 'out/main/index.js'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('produces a self-contained CommonJS preload that requires nothing but electron', () => {
    const preload = readFileSync('out/preload/index.cjs', 'utf8');
    expect(() =>
      execFileSync(process.execPath, ['--check', 'out/preload/index.cjs'], { stdio: 'pipe' }),
    ).not.toThrow();
    const required = [...preload.matchAll(/require\((["'`])([^"'`]+)\1\)/g)].map((match) => match[2]);
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/\bimport\s*\(/);
  });

  it('produces the renderer with an Arabic right-to-left page', () => {
    const html = readFileSync('out/renderer/index.html', 'utf8');
    expect(html).toMatch(/<html[^>]*dir="rtl"/);
    expect(html).toMatch(/<html[^>]*lang="ar"/);
    expect(statSync('out/renderer/assets').isDirectory()).toBe(true);
  });
});
