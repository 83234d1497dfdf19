/**
 * Test fixtures: a bridge on a fresh temporary store per test, with its exchange folder beside
 * it (`bridge.exchange`: the only places a browser may name, for long work, a folder channel's
 * folder and the watched folder), and a page object for the workstation window.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { BridgeProcess } from './bridge';
import { Workstation } from './workstation';

export const test = base.extend<{ bridge: BridgeProcess; workstation: Workstation }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  bridge: async ({}, use) => {
    const store = await mkdtemp(join(tmpdir(), 'mihbara-e2e-'));
    const exchange = `${store}.exchange`;
    await mkdir(exchange);
    const bridge = new BridgeProcess(store, undefined, exchange);
    await bridge.start();
    try {
      await use(bridge);
    } finally {
      await bridge.stop();
      await rm(store, { recursive: true, force: true });
      await rm(exchange, { recursive: true, force: true });
    }
  },
  workstation: async ({ page, bridge }, use) => {
    const workstation = new Workstation(page, bridge);
    await use(workstation);
  },
});

export { expect } from '@playwright/test';
