/**
 * Runs the browser bridge as a child process on a given store, the way a developer would
 * (`node --import tsx electron/bridge/main.ts --store DIR --port 0`), and reads the
 * URL from the one line it prints when ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const repo = resolve(import.meta.dirname, '..', '..', '..');
const READY = /^Mihbara web bridge: (http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]{64}))$/;

export class BridgeProcess {
  #child: ChildProcess | null = null;
  #stderr = '';
  url = '';
  origin = '';
  token = '';

  /**
   * `entry`: the script that starts the bridge (a test may wrap start.ts, e.g. to pace jobs);
   * `exchange`: the folder its jobs may export into, back up into and import from (`--exchange`)
   */
  constructor(
    readonly storeDir: string,
    readonly entry = 'electron/bridge/main.ts',
    readonly exchange?: string,
  ) {}

  /** Starts the bridge and waits for its ready line. */
  async start(): Promise<void> {
    if (this.#child) throw new Error('the bridge is running already');
    this.#stderr = '';
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        this.entry,
        '--store',
        this.storeDir,
        '--port',
        '0',
        ...(this.exchange ? ['--exchange', this.exchange] : []),
      ],
      { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.#child = child;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.#stderr += chunk));
    const lines = createInterface({ input: child.stdout! });
    const ready = new Promise<RegExpExecArray>((resolveReady, reject) => {
      lines.on('line', (line) => {
        const match = READY.exec(line);
        if (match) resolveReady(match);
      });
      child.once('exit', (code) =>
        reject(new Error(`the bridge exited with ${code} before it was ready:\n${this.#stderr}`)),
      );
    });
    const match = await ready;
    this.url = match[1]!;
    this.origin = `http://127.0.0.1:${match[2]}`;
    this.token = match[3]!;
  }

  /** Stops the bridge with SIGTERM (it closes the store) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = null;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }

  get stderr(): string {
    return this.#stderr;
  }
}
