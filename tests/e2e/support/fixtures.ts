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

/**
 * Runs `use` with a bridge on `store` (started from `entry`, the default bridge when undefined)
 * and its exchange folder beside it; stops the bridge and removes both folders afterwards.
 */
export async function withBridge<T>(
  store: string,
  entry: string | undefined,
  use: (bridge: BridgeProcess) => Promise<T>,
): Promise<T> {
  const exchange = `${store}.exchange`;
  await mkdir(exchange, { recursive: true });
  const bridge = new BridgeProcess(store, entry, exchange);
  await bridge.start();
  try {
    return await use(bridge);
  } finally {
    await bridge.stop();
    await rm(store, { recursive: true, force: true });
    await rm(exchange, { recursive: true, force: true });
  }
}

export const test = base.extend<{ bridge: BridgeProcess; workstation: Workstation }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  bridge: async ({}, use) => withBridge(await mkdtemp(join(tmpdir(), 'mihbara-e2e-')), undefined, use),
  workstation: async ({ page, bridge }, use) => {
    const workstation = new Workstation(page, bridge);
    await use(workstation);
  },
});

export { expect } from '@playwright/test';
