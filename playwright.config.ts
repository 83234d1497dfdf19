/**
 * End-to-end tests: the real renderer in Chromium, talking to the real handlers and store
 * through the browser bridge (no Electron binary needed). Debian's Chromium is used when
 * present; CHROMIUM_PATH overrides it, and without either Playwright's own browser is used.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const executablePath =
  process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results',
  // Each test starts its own bridge on its own temporary store, so tests can run side by side.
  fullyParallel: true,
  workers: 2,
  // One retry in CI, where the machine is shared and slow; a test that needed it is reported as flaky.
  retries: process.env['CI'] ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    locale: 'ar',
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
