/** The command line's `search`: the same index and ranking as the app, printed as text or JSON. */
import type { SearchResponse } from '../../shared/search/api';
import type { StoryStore } from '../core/store/types';
import { createSearchService } from '../core/search/service';

/** Runs one search over a store (the persisted index, caught up with the store first). */
export async function searchStore(
  store: StoryStore,
  query: string,
  options: { limit?: number; sort?: 'relevance' | 'date' } = {},
): Promise<SearchResponse> {
  const search = createSearchService(store);
  try {
    return await search.search({ query, limit: options.limit ?? 20, sort: options.sort ?? 'relevance' });
  } finally {
    await search.close();
  }
}

/** One line per hit: id, status, date, headline, then the snippet with matches in [brackets]. */
export function formatResults(result: SearchResponse): string {
  if (result.total === 0) return 'no stories match\n';
  const lines = [`${result.total} ${result.total === 1 ? 'story matches' : 'stories match'}`];
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
