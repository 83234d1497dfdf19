/**
 * Search on a team workstation: the index of the server's stories is built in the search worker
 * on its own connection (not through the store in the main thread), and a query reads from the
 * server only the stories of the page it shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchService } from '../../../electron/core/search/service';
import { openTeam, type Team } from '../../../electron/core/team/open';
import { newsroom, plant, story, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';

const reason = skipReason();

describe.skipIf(reason !== null)(
  `team search on a real PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let room: Newsroom;
    const teams: Team[] = [];
    const folders: string[] = [];
    beforeAll(async () => {
      room = await newsroom();
    }, 60_000);
    afterAll(async () => {
      for (const team of teams) await team.close();
      await room?.close();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });

    it('builds the index in the worker from the server, and hydrates only the page shown', async () => {
      const cities = ['طرابلس', 'بنغازي', 'مصراتة', 'سبها', 'درنة'];
      for (let i = 0; i < 60; i += 1) {
        const doc = story(crypto.randomUUID(), 'draft', ['yasin']);
        await plant(room.owner, { ...doc, headline: `فيضانات في ${cities[i % cities.length]} رقم ${i + 1}` });
      }
      const folder = mkdtempSync(join(tmpdir(), 'mihbara-ws-'));
      folders.push(folder);
      const team = await openTeam({ url: room.urlAs('huda') }, { localRoot: folder, log: () => undefined });
      teams.push(team);
      const reads: string[] = [];
      const get = team.store.get.bind(team.store);
      team.store.get = (id) => {
        reads.push(id);
        return get(id);
      };
      const search = createSearchService(team.store);
      try {
        await search.ready();
        expect((await search.stats()).stories).toBe(60);
        // Every story indexed, none read through this thread's store.
        expect(reads).toEqual([]);
        const found = await search.search({ query: 'فيضانات طرابلس', limit: 5 });
        expect(found.total).toBe(12);
        expect(found.hits).toHaveLength(5);
        expect(found.hits.every((hit) => hit.headline.includes('طرابلس'))).toBe(true);
        // The page's five stories, read for their headline and snippet; no more.
        expect(reads.sort()).toEqual(found.hits.map((hit) => hit.id).sort());
        // The same page again: the copies read for it are current (same version in the list), so
        // the server is not asked again.
        const asked: string[] = [];
        const query = team.store.pool.query.bind(team.store.pool);
        team.store.pool.query = ((text: string, ...rest: unknown[]) => {
          asked.push(text);
          return (query as (...args: unknown[]) => unknown)(text, ...rest);
        }) as typeof team.store.pool.query;
        const again = await search.search({ query: 'فيضانات طرابلس', limit: 5 });
        expect(again.hits.map((hit) => hit.id)).toEqual(found.hits.map((hit) => hit.id));
        expect(asked.filter((text) => text.includes('mihbara.stories'))).toEqual([]);
      } finally {
        await search.close();
      }
    });
  },
);
