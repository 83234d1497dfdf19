/**
 * The browser bridge with each item of an export or import job paced (40 ms by default,
 * MIHBARA_TEST_JOB_ITEM_MS), so an end-to-end test can watch a job move and cancel it mid-way
 * on a store of a few hundred stories. The pause lives here, in test code; the product only
 * awaits the hook when one is registered (electron/main/jobs/kinds.ts, TEST_ITEM_HOOK).
 */
import { TEST_ITEM_HOOK } from '../../../electron/main/jobs/kinds';

const pace = Number(process.env['MIHBARA_TEST_JOB_ITEM_MS'] ?? '40');
(globalThis as Record<symbol, unknown>)[TEST_ITEM_HOOK] = () =>
  new Promise<void>((resolve) => setTimeout(resolve, pace));

// The bridge reads the same command line (--store, --port) as when started directly.
await import('../../../electron/main/bridge/start');
