/**
 * The bridge with an hour between looks at the watched folder, so that in a test only the
 * "check now" button looks at it (the five-second poll would race the button otherwise).
 */
export {};

process.argv.push('--watch-interval', '3600000');
// The bridge reads the same command line (--store, --port) as when started directly.
await import('../../electron/bridge/start');
