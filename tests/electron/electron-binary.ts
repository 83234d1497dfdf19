/**
 * Whether a real Electron can be started here. The `electron` npm package resolves to the path of
 * its binary, which is downloaded on first use; on machines without it (our build machines have
 * no route to the download) the suite reports itself skipped, with this reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export const repo = resolve(import.meta.dirname, '..', '..');

export interface ElectronAvailability {
  executablePath?: string;
  /** why the suite cannot run, when it cannot */
  reason?: string;
}

export function electronAvailability(): ElectronAvailability {
  if (process.env['MIHBARA_SKIP_ELECTRON']) return { reason: 'MIHBARA_SKIP_ELECTRON is set' };
  // Read where the binary would be rather than require('electron'): recent versions start a
  // download on require, which cannot succeed here and only slows the run down.
  let executablePath = process.env['ELECTRON_PATH'];
  if (!executablePath) {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) {
      return {
        reason:
          'the Electron binary was never downloaded on this machine (node_modules/electron/path.txt is missing)',
      };
    }
    executablePath = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  }
  if (!existsSync(executablePath)) {
    return { reason: `the Electron binary is missing at ${executablePath}` };
  }
  if (!existsSync(resolve(repo, 'out', 'main', 'index.js'))) {
    return { reason: 'the app is not built (run npx electron-vite build)' };
  }
  return { executablePath };
}
