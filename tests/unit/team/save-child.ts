/**
 * A second workstation as its own process (for the two-process test): opens the team store,
 * waits for "go" on stdin so both processes save at the same moment, saves `headline` on
 * version `base`, and on a refusal keeps the text in its recovery journal as the window does.
 * Prints one JSON line: { ok, code }.
 */
import { createInterface } from 'node:readline';
import { ApiError } from '../../../shared/api/errors';
import { createStoryService } from '../../../electron/core/stories/service';
import { openTeamStore } from '../../../electron/core/team/pg-store';

const [url, localRoot, id, base, headline] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const store = await openTeamStore({ url }, { localRoot });
await store.get(id);
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line === 'go') break;
lines.close();
process.stdin.destroy();
let outcome: { ok: boolean; code?: string };
try {
  await createStoryService(store).save(id, Number(base), { headline });
  outcome = { ok: true };
} catch (error) {
  outcome = { ok: false, code: error instanceof ApiError ? error.code : String(error) };
  await store.putRecoveryDraft(id, Number(base), { headline });
}
process.stdout.write(JSON.stringify(outcome) + '\n');
await store.close();
process.exit(0);
