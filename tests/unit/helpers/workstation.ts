/**
 * A workstation on a store a test already holds (a memory store, a folder or team store it
 * opened), assembled by the product's own composition root. `log` collects what the
 * workstation logs (errors and warnings).
 */
import { silentLogger, type Logger } from '../../../electron/core/log';
import type { Places } from '../../../electron/core/places';
import type { StoryStore } from '../../../electron/core/store/types';
import {
  openWorkstation,
  type Workstation,
  type WorkstationOverrides,
} from '../../../electron/core/workstation';

export function collectingLogger(lines: string[] | ((line: string) => void)): Logger {
  const push = typeof lines === 'function' ? lines : (line: string) => void lines.push(line);
  return { info: () => undefined, warn: push, error: push };
}

/** A logger that keeps every line, whatever its level. */
export function everyLine(lines: string[]): Logger {
  const push = (line: string) => void lines.push(line);
  return { info: push, warn: push, error: push };
}

export function workstationOn(
  store: StoryStore,
  overrides: Omit<WorkstationOverrides, 'store'> = {},
  log: Logger | string[] | ((line: string) => void) = silentLogger,
  /** the door's places (default: none, as `openWorkstation` has it) */
  places?: Places,
): Promise<Workstation> {
  return openWorkstation(
    {
      root: store.root,
      log: typeof log === 'function' || Array.isArray(log) ? collectingLogger(log) : log,
      ...(places ? { places } : {}),
    },
    { store, ...overrides },
  );
}
