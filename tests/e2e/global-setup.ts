/**
 * Builds the renderer when out/renderer is missing or older than its sources, so
 * `npx playwright test` works on a fresh checkout and after edits.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..', '..');

function newestChange(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce(
    (newest, entry) => Math.max(newest, newestChange(join(path, entry))),
    info.mtimeMs,
  );
}

export default function globalSetup(): void {
  const built = join(repo, 'out', 'renderer', 'index.html');
  const sources = ['renderer', 'shared', 'electron.vite.config.ts']
    .map((path) => join(repo, path))
    .filter(existsSync);
  const stale = !existsSync(built) || Math.max(...sources.map(newestChange)) > statSync(built).mtimeMs;
  if (stale) {
    process.stdout.write('Building the renderer for the browser tests (npx electron-vite build)…\n');
    // The build's file listing is noise here; its errors still reach stderr.
    execFileSync('npx', ['electron-vite', 'build'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
