/**
 * Starts the browser bridge: `npm run web -- [--store DIR] [--port N]`.
 *
 * A development and test harness: it lets the real renderer run in a plain browser (and under
 * Playwright) on machines without the Electron binary. It opens the store for writing (creating
 * it if needed; default ~/.mihbara/web-store), serves on 127.0.0.1 only, and prints one line,
 *
 *   Mihbara web bridge: http://127.0.0.1:<port>/#token=<token>
 *
 * once it is ready. Open that URL; the token in it is required for every API call.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/api/errors';
import { createDispatch } from '../core/api/dispatch';
import { createJobRunner } from '../core/jobs/runner';
import { createHandlers } from '../core/api/handlers';
import { openStoreForApp } from '../core/store/story-store';
import { createStoryService } from '../core/stories/service';
import { createBridge } from './server';
import { createWorkflow } from '../core/workflow';
import { startScheduling } from '../core/workflow/scheduling';
import { createIngestService } from '../core/ingest/service';
import { openPublishing } from '../core/publishing';
import { stopBackgroundWork } from '../core/publishing/background';
import { feedFromTeamStore } from '../core/team/feed';
import { openConfiguredTeam } from '../core/team/start';

const USAGE = 'usage: npm run web -- [--store DIR] [--port N] [--renderer DIR]';

function fail(message: string): never {
  process.stderr.write(`Mihbara web bridge: ${message}\n`);
  process.exit(1);
}

function parseOptions() {
  try {
    const { values } = parseArgs({
      options: {
        store: { type: 'string' },
        // how often the scheduler looks for stories due (ms); tests shorten it
        'schedule-interval': { type: 'string', default: '5000' },
        // how often the watched wire folder is looked at (ms); tests lengthen it to check by hand
        'watch-interval': { type: 'string', default: '5000' },
        port: { type: 'string', default: '0' },
        renderer: { type: 'string' },
        // team mode: the newsroom's PostgreSQL (URL, or the PG* variables with --team); password from PGPASSWORD
        team: { type: 'boolean' },
        'team-url': { type: 'string' },
        'team-user': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      fail(`--port must be 0–65535, not ${values.port}`);
    const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
    return {
      store: resolve(values.store ?? join(homedir(), '.mihbara', 'web-store')),
      port,
      renderer: resolve(values.renderer ?? join(repoRoot, 'out', 'renderer')),
      scheduleIntervalMs: Math.max(200, Number(values['schedule-interval']) || 5000),
      watchIntervalMs: Math.max(200, Number(values['watch-interval']) || 5000),
      team:
        values.team || values['team-url']
          ? { url: values['team-url'], user: values['team-user'] }
          : undefined,
    };
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (!existsSync(join(options.renderer, 'index.html'))) {
    process.stderr.write(
      `Mihbara web bridge: no built renderer in ${options.renderer}; run "npx electron-vite build" first (the API still works)\n`,
    );
  }

  // Team mode, chosen on the command line or in the saved settings of this workstation's folder.
  const team = await openConfiguredTeam(options.store, options.team).catch((error: unknown) =>
    fail(`cannot open team mode: ${error instanceof Error ? error.message : String(error)}`),
  );
  let store;
  try {
    store = team ? team.store : (await openStoreForApp(options.store)).store;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // A locked store's message already says where and what to do.
    fail(
      error instanceof ApiError && error.code === 'store-locked'
        ? detail
        : `cannot open the store at ${options.store}: ${detail}`,
    );
  }

  // The scheduler publishes on time, and at start catches up on what fell due while closed.
  const workflow = team ? team.workflow : createWorkflow(store);
  // Publishing is attached before the scheduler's catch-up, so what it publishes is delivered too.
  const publisher = openPublishing(store, workflow);
  publisher.outbox.start();
  const caughtUp = await startScheduling(workflow, {
    team: Boolean(team),
    intervalMs: options.scheduleIntervalMs,
  });
  if (caughtUp.length)
    process.stderr.write(`Mihbara web bridge: published ${caughtUp.length} overdue scheduled stories\n`);
  // Wire copy dropped in the watched folder (when an administrator has chosen one) is ingested.
  const ingest = createIngestService(store, {
    stories: createStoryService(store),
    intervalMs: options.watchIntervalMs,
  });
  await ingest.start();
  // Long work started through the bridge; cancelled on shutdown so nothing is left half-written.
  const jobs = createJobRunner();
  const bridge = createBridge({
    dispatch: createDispatch(
      createHandlers({
        store,
        stories: createStoryService(store),
        ingest,
        workflow,
        publisher,
        jobs,
        ...(team
          ? { team: { root: options.store, store: team.store, feed: feedFromTeamStore(team.store) } }
          : {}),
      }),
    ),
    rendererDir: options.renderer,
  });

  let url: string;
  try {
    url = await bridge.listen(options.port);
  } catch (error) {
    await stopBackgroundWork({ scheduler: workflow.scheduler, ingest, outbox: publisher.outbox });
    await store.close().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      code === 'EADDRINUSE' ? `port ${options.port} is already in use` : `cannot listen: ${String(error)}`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    try {
      // No timer or watcher is left running under a closed store.
      await stopBackgroundWork({ scheduler: workflow.scheduler, ingest, outbox: publisher.outbox });
      await bridge.close();
      await jobs.close();
      await store.close();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`Mihbara web bridge: closing after ${signal} failed: ${String(error)}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  process.stdout.write(`Mihbara web bridge: ${url}\n`);
}

main().catch((error: unknown) =>
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
