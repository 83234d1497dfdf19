/**
 * The browser bridge: the real handler table served over HTTP on 127.0.0.1, so the real renderer
 * runs in a plain browser (and under Playwright) on machines without the Electron binary.
 *
 * `startBridge(options)` opens the workstation through the composition root and listens;
 * `runBridgeCommand(argv)` is `npm run web -- [--store DIR] [--port N]`: it prints one line,
 *
 *   Mihbara web bridge: http://127.0.0.1:<port>/#token=<token>
 *
 * once it is ready, and closes the workstation on SIGINT/SIGTERM. The token in the URL is
 * required for every API call. Nothing here runs on import (electron/bridge/main.ts runs it).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/api/errors';
import { consoleLogger, type Logger } from '../core/log';
import { exchangePlaces, noPlaces } from '../core/places';
import { openWorkstation, type Workstation, type WorkstationOverrides } from '../core/workstation';
import { createBridge } from './server';

const USAGE =
  'usage: npm run web -- [--store DIR] [--port N] [--renderer DIR] [--exchange DIR] [--team-url URL] [--team-user USER]';

export interface BridgeOptions {
  /** the workstation's folder (created if needed) */
  store: string;
  /** 0: any free port */
  port: number;
  /** the built renderer to serve */
  renderer: string;
  /** team mode chosen here; otherwise the folder's saved settings decide */
  team?: { url?: string | undefined; user?: string | undefined };
  /**
   * The one folder outside the store that jobs may read and write (exports, backups, imports),
   * named at start by whoever started the bridge; without it, jobs use the store's own folders only.
   */
  exchange?: string;
  log?: Logger;
}

export interface RunningBridge {
  url: string;
  workstation: Workstation;
  close(): Promise<void>;
}

/** Opens the workstation and serves it; rejects (having closed what it opened) when it cannot listen. */
export async function startBridge(
  options: BridgeOptions,
  overrides: WorkstationOverrides = {},
): Promise<RunningBridge> {
  const workstation = await openWorkstation(
    {
      root: options.store,
      ...(options.team ? { team: options.team } : {}),
      background: true,
      places: options.exchange ? exchangePlaces(options.exchange) : noPlaces,
      ...(options.log ? { log: options.log } : {}),
    },
    overrides,
  );
  const bridge = createBridge({ dispatch: workstation.dispatch, rendererDir: options.renderer });
  let url: string;
  try {
    url = await bridge.listen(options.port);
  } catch (error) {
    await workstation.close();
    throw error;
  }
  return {
    url,
    workstation,
    async close() {
      await bridge.close();
      await workstation.close();
    },
  };
}

function fail(message: string): never {
  process.stderr.write(`Mihbara web bridge: ${message}\n`);
  process.exit(1);
}

/** The bridge's command-line options; exits with the usage on a mistake. */
export function parseBridgeArgs(argv: string[]): BridgeOptions {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        store: { type: 'string' },
        port: { type: 'string', default: '0' },
        renderer: { type: 'string' },
        // the folder jobs may export into, back up into and import from
        exchange: { type: 'string' },
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
      ...(values.exchange ? { exchange: resolve(values.exchange) } : {}),
      ...(values.team || values['team-url']
        ? { team: { url: values['team-url'], user: values['team-user'] } }
        : {}),
    };
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/** `npm run web`: parse, start, print the ready line, close on a signal. */
export async function runBridgeCommand(argv: string[], overrides: WorkstationOverrides = {}): Promise<void> {
  const options = parseBridgeArgs(argv);
  if (!existsSync(join(options.renderer, 'index.html'))) {
    process.stderr.write(
      `Mihbara web bridge: no built renderer in ${options.renderer}; run "npx electron-vite build" first (the API still works)\n`,
    );
  }
  let running: RunningBridge;
  try {
    running = await startBridge({ ...options, log: consoleLogger }, overrides);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const code = (error as NodeJS.ErrnoException).code;
    // A locked store's message already says where and what to do.
    fail(
      code === 'EADDRINUSE'
        ? `port ${options.port} is already in use`
        : error instanceof ApiError && error.code === 'store-locked'
          ? detail
          : `cannot open the store at ${options.store}: ${detail}`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    try {
      // No timer or watcher is left running under a closed store.
      await running.close();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`Mihbara web bridge: closing after ${signal} failed: ${String(error)}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  process.stdout.write(`Mihbara web bridge: ${running.url}\n`);
}
