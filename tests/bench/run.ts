/**
 * `npm run bench`: every figure is printed beside a baseline measured in the same run, on the
 * same data. No thresholds: these machines are shared and noisy, so the comparison is the point.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchStoreSave } from './store-save';

const workdir = join(process.cwd(), '.bench');
mkdirSync(workdir, { recursive: true });
const only = process.argv[2];

console.log('Mihbara benchmarks (p50 / p95; ours | baseline)');
if (!only || only === 'store') {
  await benchStoreSave(workdir, [100, 10_000, 50_000]);
}
if (!only || only === 'search') {
  const { benchSearch } = await import('./search-bench');
  await benchSearch(Number(process.env.SEARCH_BENCH_STORIES ?? 50_000));
}
if (!only || only === 'editor') {
  const { benchEditor } = await import('./editor-bench');
  await benchEditor(workdir);
}
if (!only || only === 'publishing') {
  const { benchPublishing } = await import('./publishing-bench');
  await benchPublishing(workdir);
}
if (!only || only === 'team') {
  const { benchTeam } = await import('./team-bench');
  await benchTeam(workdir, Number(process.env.TEAM_BENCH_STORIES ?? 50_000));
}
if (only === 'team-search') {
  // Not in the default run: it seeds 200,000 stories (TEAM_SEARCH_SMALL / TEAM_SEARCH_LARGE).
  const { benchTeamSearch } = await import('./team-search-bench');
  await benchTeamSearch();
}
if (!only || only === 'workflow') {
  const { benchWorkflow } = await import('./workflow-bench');
  await benchWorkflow();
}
if (!only || only === 'proofing') {
  const { benchProofing } = await import('./proofing-bench');
  await benchProofing(workdir);
}
