/**
 * One team workstation's start, for `npm run bench team-search`: opens the team store on the
 * server given, asks for the first page of the story list (what the window shows at start), runs
 * one search, and prints (as JSON) the time from the process's start to the first result and the
 * resident memory then. Run in a process of its own so that nothing the bench itself holds is
 * counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createSearchService, searchWithSource } from '../../electron/core/search/service';
import { clientConfig } from '../../electron/core/team/connection';
import { pgSearchSource } from '../../electron/core/team/pg-search';
import { openTeamStore } from '../../electron/core/team/pg-store';

// `store`: a workstation's start (the team store, the first page of the list, the search
// service), then search; `search`: the search alone, on one connection.
const [mode, url, query] = process.argv.slice(2) as ['store' | 'search', string, string];
const folder = mkdtempSync(join(tmpdir(), 'mihbara-bench-ws-'));
if (mode === 'store') {
  const store = await openTeamStore({ url }, { localRoot: folder });
  const search = createSearchService(store);
  const [page, result] = await Promise.all([store.listPage({ limit: 50 }), search.search({ query })]);
  const firstResultMs = process.uptime() * 1000;
  const rss = process.memoryUsage().rss;
  process.stdout.write(
    JSON.stringify({
      firstResultMs,
      rss,
      total: result.total,
      listed: page.items.length,
      stories: `${page.totalAtLeast ? 'more than ' : ''}${page.total.toLocaleString('en')}`,
    }),
  );
  await search.close();
  await store.close();
} else {
  const pool = new pg.Pool({ ...clientConfig({ url }), max: 1 });
  const source = pgSearchSource(pool, () => true, {
    ids: async () => [],
    read: async () => Promise.reject(new Error('none')),
  });
  const result = await searchWithSource(source, { query });
  const firstResultMs = process.uptime() * 1000;
  const rss = process.memoryUsage().rss;
  process.stdout.write(JSON.stringify({ firstResultMs, rss, total: result.total, listed: 0, stories: '0' }));
  await pool.end();
}
rmSync(folder, { recursive: true, force: true });
