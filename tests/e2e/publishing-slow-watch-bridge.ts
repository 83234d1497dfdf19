/**
 * The bridge with an hour between looks at the watched folder, so that in a test only the
 * "check now" button looks at it (the five-second poll would race the button otherwise).
 */
import { runBridgeCommand } from '../../electron/bridge/start';

await runBridgeCommand(process.argv.slice(2), { watchIntervalMs: 3_600_000 });
