/**
 * Bundles a helper script into one JavaScript file (esbuild, which tsx already depends on), so
 * a test that spawns it a hundred times pays Node's start-up, not TypeScript's, each time. The
 * bundle lives under node_modules/.cache so its package imports resolve from the project.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const helpers = fileURLToPath(new URL('.', import.meta.url));
const projectRoot = resolve(helpers, '../../../..');

export async function bundleHelper(script: string): Promise<string> {
  const folder = join(projectRoot, 'node_modules', '.cache', 'mihbara-store-tests');
  await mkdir(folder, { recursive: true });
  const out = join(folder, script.replace(/\.ts$/, `.${process.pid}.mjs`));
  await build({
    entryPoints: [join(helpers, script)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  return out;
}
