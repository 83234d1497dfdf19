/**
 * The real-Electron suite (Playwright's `_electron`): the built app in a real Electron window.
 * It runs wherever the Electron binary exists (developers' Windows and macOS machines, CI with
 * the binary cached) and reports every test skipped, with the reason, where it does not.
 *   npx electron-vite build && npx playwright test -c tests/electron/playwright.config.ts
 */
import { defineConfig } from '@playwright/test';
import { electronAvailability } from './electron-binary';

const { reason } = electronAvailability();
if (reason) process.stdout.write(`Real-Electron suite skipped: ${reason}\n`);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.electron.ts',
  outputDir: '../../test-results/electron',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
});
