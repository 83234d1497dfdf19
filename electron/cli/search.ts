/**
 * The command line's `search`: the same index and ranking as the app, printed as text or JSON —
 * over a local store's index, or asked of the newsroom's server (`--url`), in the same shape.
 */
import pg from 'pg';
import type { SearchFilters, SearchResponse } from '../../shared/search/api';
import type { StoryStore } from '../core/store/types';
import { createSearchService, searchWithSource } from '../core/search/service';
import { clientConfig } from '../core/team/connection';
import { assertSchemaCurrent } from '../core/team/migrate';
import { pgSearchSource } from '../core/team/pg-search';
import { ownPassword } from './team-password';
import { deskResolver } from '../core/workflow/desk-resolver';
import { DEFAULT_CHECKLIST } from '../../shared/workflow/checklist';

export interface CliSearchOptions {
  limit?: number;
  sort?: 'relevance' | 'date';
  filters?: SearchFilters;
}

export const request = (query: string, options: CliSearchOptions) => ({
  query,
  limit: options.limit ?? 20,
  sort: options.sort ?? 'relevance',
  filters: options.filters ?? {},
});

/** Runs one search over a store (the persisted index, caught up with the store first). */
export async function searchStore(
  store: StoryStore,
  query: string,
  options: CliSearchOptions = {},
): Promise<SearchResponse> {
  const search = createSearchService(store);
  try {
    return await search.search(request(query, options));
  } finally {
    await search.close();
  }
}

/** Runs one search on the newsroom's server, as the URL's login (its row-level security applies). */
export async function searchServer(
  url: string | undefined,
  query: string,
  options: CliSearchOptions = {},
): Promise<SearchResponse> {
  const pool = new pg.Pool({
    ...clientConfig({ url, password: await ownPassword(url), connectTimeoutMs: 10_000 }),
    max: 1,
  });
  pool.on('error', () => undefined);
  try {
    await assertSchemaCurrent(pool);
    // The desk by its id or either of its names, resolved as the app resolves it.
    if (options.filters?.desk) {
      const desks = deskResolver(async () =>
        (
          await pool.query<{ id: string; name: string; latin_name: string }>(
            "SELECT id, name, latin_name FROM mihbara.desks WHERE id NOT LIKE '\\_%'",
          )
        ).rows.map((row) => ({
          id: row.id,
          name: row.name,
          latinName: row.latin_name,
          checklist: DEFAULT_CHECKLIST,
        })),
      );
      options = {
        ...options,
        filters: { ...options.filters, desk: await desks.idOrKey(options.filters.desk) },
      };
    }
    const source = pgSearchSource(pool, () => true, {
      ids: async () => [],
      read: async (id) => {
        throw new Error(`no story ${id} is kept here`);
      },
    });
    return await searchWithSource(source, request(query, options));
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** One line per hit: id, status, date, headline, then the snippet with matches in [brackets]. */
export function formatResults(result: SearchResponse): string {
  if (result.total === 0) return 'no stories match\n';
  const lines = [
    result.totalAtLeast
      ? `more than ${result.total} stories match`
      : `${result.total} ${result.total === 1 ? 'story matches' : 'stories match'}`,
  ];
  for (const hit of result.hits) {
    let snippet = '';
    let at = 0;
    for (const { start, end } of hit.snippet.highlights) {
      snippet += `${hit.snippet.text.slice(at, start)}[${hit.snippet.text.slice(start, end)}]`;
      at = end;
    }
    snippet += hit.snippet.text.slice(at);
    lines.push(`${hit.id}  ${hit.status.padEnd(11)} ${hit.updatedAt}  ${hit.headline}`, `    ${snippet}`);
  }
  return lines.join('\n') + '\n';
}
