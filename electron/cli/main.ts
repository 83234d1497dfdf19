/**
 * Entry point of `npm run cli -- <command>`: runs the command and exits with its code.
 * All behaviour lives in `run.ts` so tests can run commands in-process.
 */
import { runCli } from './run';

// Ctrl+C cancels long work (backup, restore, verify, rebuild-index) cleanly: a half-written
// archive is removed and the store is left as it was. A second Ctrl+C exits at once.
const controller = new AbortController();
process.once('SIGINT', () => {
  process.stderr.write('cancelling… (Ctrl+C again to quit at once)\n');
  controller.abort(new Error('cancelled by the user'));
  process.once('SIGINT', () => process.exit(130));
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
// Exit only once everything written to stdout has been flushed: piping a large export to a file
// must not lose its tail.
process.stdout.write('', () => process.exit(code));
