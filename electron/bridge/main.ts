/** `npm run web:serve`: the browser bridge as a command (electron/bridge/start.ts). */
import { runBridgeCommand } from './start';

runBridgeCommand(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `Mihbara web bridge: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
