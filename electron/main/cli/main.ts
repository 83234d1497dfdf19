/**
 * Entry point of `npm run cli -- <command>`: runs the command and exits with its code.
 * All behaviour lives in `run.ts` so tests can run commands in-process.
 */
import { runCli } from './run';

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
// Exit only once everything written to stdout has been flushed: piping a large export to a file
// must not lose its tail.
process.stdout.write('', () => process.exit(code));
