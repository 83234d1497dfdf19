/**
 * One logger for the services. The desktop shell passes electron-log's; the bridge and the
 * command line write to stderr. Work that may fail without harm (a best-effort cleanup, a
 * notice) goes through `bestEffort`, which logs what it swallowed instead of hiding it.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const describe = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/** Writes to stderr, one line per message, tagged with its level. */
export const consoleLogger: Logger = {
  info: (message) => console.error(`[info] ${message}`),
  warn: (message) => console.error(`[warn] ${message}`),
  error: (message) => console.error(`[error] ${message}`),
};

/** A logger that says nothing (short-lived command-line work, tests). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * For `.catch(bestEffort(log, 'what'))`: the failure is logged as a warning and the promise
 * resolves to undefined. Use it only where going on without the result is right.
 */
export function bestEffort(log: Pick<Logger, 'warn'>, what: string): (error: unknown) => undefined {
  return (error) => {
    log.warn(`${what}: ${describe(error)}`);
    return undefined;
  };
}
