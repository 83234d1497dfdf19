/** What every command of the command line is given: where it writes, and how it opens the store. */
import type { Option } from 'commander';
import type { StoryStore } from '../core/store/types';
import type { Workstation } from '../core/workstation';

/** Where the command writes; `process.stdout`/`process.stderr` fit, tests pass collectors. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** cancels long commands (backup, restore, rebuild-index, verify, migrate): Ctrl+C in main.ts */
  signal?: AbortSignal;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface WorkflowCliDeps {
  io: { stdout: { write(text: string): unknown } };
  storeOption: () => Option;
  withStore: <T>(dir: string, mode: 'read' | 'write', task: (store: StoryStore) => Promise<T>) => Promise<T>;
  /**
   * Opens the local store at `dir` as a workstation (the composition root, without background
   * work; `write` fails when another process holds the store), runs `task`, and closes it.
   */
  withWorkstation: <T>(
    dir: string,
    mode: 'read' | 'write',
    task: (workstation: Workstation) => Promise<T>,
  ) => Promise<T>;
  /** an error whose message the command line prints as it is */
  fail: (message: string) => Error;
}
