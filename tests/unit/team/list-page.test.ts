/**
 * The story list as a paged, filtered query (`StoryStore.listPage`), on both backends: the same
 * stories in a folder store and on the newsroom server give the same pages, in the same order
 * (newest change first, ties by id), for any filter (states, desks with or without the deskless,
 * author, publication day) and the queues' filters, paged through with the cursor; the count is
 * bounded; and a team store no longer holds the list, while offline it lists what it keeps and
 * says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/story-store';
import { eachSummary } from '../../../electron/core/store/list';
import type { LocalFolderStore, StoryStore } from '../../../electron/core/store/types';
import { openTeamStore, type TeamStore } from '../../../electron/core/team/pg-store';
import { silentLogger } from '../../../electron/core/log';
import {
  LIST_PAGE_MAX,
  StoryListQuery,
  matchesListFilter,
  newestFirst,
  type StoryListFilter,
} from '../../../shared/story/list';
import { summarize, type Story, type StoryStatus, type StorySummary } from '../../../shared/story/schema';
import { storyContract } from '../../../shared/story/contract';
import { QUEUES } from '../../../shared/workflow/model';
import { queueFilter } from '../../../shared/workflow/queues';
import { newsroom, story as readyStory, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';

const reason = skipReason();
const STATES: StoryStatus[] = [
  'draft',
  'submitted',
  'returned',
  'scheduled',
  'published',
  'corrected',
  'correction',
];
const DESKS = ['politics', 'economy', 'sport'];
const AUTHORS = ['yasin', 'salma', 'huda'];
const DAY = Date.UTC(2026, 4, 4);

/** The stories of the test: varied states, desks (some none), authors, times with ties, publications. */
function generated(count: number): Story[] {
  const stories: Story[] = [];
  for (let i = 0; i < count; i += 1) {
    const status = STATES[i % STATES.length]!;
    const base = readyStory(`list-${String(i).padStart(3, '0')}`, status, [AUTHORS[i % 3]!]);
    // Every fourth story shares its time with the one before it: the order is then by id.
    const updated = new Date(DAY + Math.floor(i - (i % 4 === 3 ? 1 : 0)) * 3_600_000).toISOString();
    const published =
      status === 'published' || status === 'corrected'
        ? { publishedAt: new Date(DAY + (i % 5) * 12 * 3_600_000 + 60_000).toISOString() }
        : {};
    const desk = i % 5 === 4 ? {} : { desk: DESKS[i % 3]! };
    stories.push({ ...base, ...desk, ...published, updatedAt: updated, createdAt: updated } as Story);
  }
  return stories;
}

/** Every page of `filter`, `size` at a time through the cursor; and the first page's counts. */
async function pagedThrough(store: Pick<StoryStore, 'listPage'>, filter: StoryListFilter, size: number) {
  const ids: string[] = [];
  for await (const summary of eachSummary(store, filter, size)) ids.push(summary.id);
  const first = await store.listPage({ filter, limit: size });
  return { ids, total: first.total, firstPage: first.items.map((s) => s.id) };
}

describe('the story list as a query (StoryListQuery)', () => {
  it('bounds the page and checks its filters', () => {
    const request = storyContract.listStories.request;
    expect(request.parse({})).toEqual({ filter: {}, limit: 50 });
    expect(request.safeParse({ limit: LIST_PAGE_MAX + 1 }).success).toBe(false);
    expect(request.safeParse({ limit: -1 }).success).toBe(false);
    expect(request.safeParse({ filter: { status: ['nonsense'] } }).success).toBe(false);
    expect(request.safeParse({ filter: { desks: Array(101).fill('d') } }).success).toBe(false);
    expect(request.safeParse({ filter: { author: 'x'.repeat(201) } }).success).toBe(false);
    expect(request.safeParse({ filter: { publishedFrom: 'yesterday' } }).success).toBe(false);
    expect(request.safeParse({ filter: { sql: 'DROP' } }).success).toBe(false);
    expect(request.safeParse({ after: { updatedAt: '2026-05-04T08:00:00Z', id: '../x' } }).success).toBe(
      false,
    );
    expect(storyContract.countStories.request.safeParse({ filters: [] }).success).toBe(false);
    expect(storyContract.countStories.request.safeParse({ filters: Array(11).fill({}) }).success).toBe(false);
    expect(StoryListQuery.parse({ limit: 0 }).limit).toBe(0);
  });
});

describe.skipIf(reason)('listPage on both backends', () => {
  let room: Newsroom;
  let local: LocalFolderStore;
  let team: TeamStore;
  let stories: Story[];
  let expected: StorySummary[];
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'mihbara-list-'));
    folders.push(dir);
    return dir;
  };

  beforeAll(async () => {
    room = await newsroom();
    stories = generated(70);
    expected = stories.map(summarize).sort(newestFirst);
    local = await openStore(folder(), { mode: 'write', create: true, log: silentLogger });
    for (const doc of stories) await local.update(doc.id, () => doc);
    await room.owner.query(
      `INSERT INTO mihbara.stories (id, doc, authors, updated_at)
       SELECT d ->> 'id', d, ARRAY(SELECT jsonb_array_elements_text(d -> 'authors')), (d ->> 'updatedAt')::timestamptz
       FROM jsonb_array_elements($1::jsonb) d`,
      [JSON.stringify(stories)],
    );
    team = await openTeamStore({ url: room.urlAs('huda') }, { localRoot: folder(), log: silentLogger });
  }, 60_000);

  afterAll(async () => {
    await team?.close();
    await local?.close();
    await room?.close();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same pages as the rule, on both backends, for any filter (property-based)', async () => {
    const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
    console.log(`listPage property seed: ${seed}`);
    const filters = fc.record(
      {
        status: fc.subarray(STATES, { minLength: 1 }),
        desks: fc.subarray(DESKS),
        orNoDesk: fc.boolean(),
        author: fc.constantFrom(...AUTHORS),
        publishedFrom: fc
          .integer({ min: 0, max: 3 })
          .map((d) => new Date(DAY + d * 86_400_000).toISOString()),
        publishedBefore: fc
          .integer({ min: 1, max: 4 })
          .map((d) => new Date(DAY + d * 86_400_000).toISOString()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(filters, fc.integer({ min: 1, max: 9 }), async (filter, size) => {
        const rule = expected.filter((summary) => matchesListFilter(filter, summary)).map((s) => s.id);
        const onDisk = await pagedThrough(local, filter, size);
        const onServer = await pagedThrough(team, filter, size);
        expect(onDisk.ids).toEqual(rule);
        expect(onServer.ids).toEqual(rule);
        expect(onDisk.total).toBe(rule.length);
        expect(onServer.total).toBe(rule.length);
        expect(onServer.firstPage).toEqual(rule.slice(0, size));
      }),
      { seed, numRuns: 25 },
    );
  });

  it('answers every queue of every person as the queue’s rule says, ordered newest first with ties by id', async () => {
    const now = new Date(DAY + 86_400_000 + 3_600_000);
    for (const user of [
      { id: 'yasin', role: 'editor' as const, desks: [] },
      { id: 'huda', role: 'desk-chief' as const, desks: ['politics'] },
      { id: 'amal', role: 'admin' as const, desks: [] },
    ]) {
      for (const queue of QUEUES) {
        const filter = queueFilter(queue, user, now);
        if (!filter) continue;
        const rule = expected.filter((summary) => matchesListFilter(filter, summary)).map((s) => s.id);
        expect((await team.listPage({ filter, limit: LIST_PAGE_MAX })).items.map((s) => s.id)).toEqual(rule);
        expect((await local.listPage({ filter, limit: LIST_PAGE_MAX })).items.map((s) => s.id)).toEqual(rule);
      }
    }
    // Ties: two stories of one time come greater id first, on both backends.
    for (const store of [team, local]) {
      const page = (await store.listPage({ limit: 10 })).items;
      const at = page.findIndex((s) => s.id === 'list-067');
      expect(page[at + 1]).toMatchObject({ id: 'list-066', updatedAt: page[at]!.updatedAt });
    }
  });

  it('counts and finds on the server; a team store holds no list of every story', async () => {
    expect(await team.count()).toBe(stories.length);
    expect(await team.has('list-003')).toBe(true);
    expect(await team.has('list-999')).toBe(false);
    expect(team.list).toBeUndefined();
  });

  it('offline, lists the stories the workstation keeps and says so', async () => {
    const root = folder();
    const reader = await openTeamStore({ url: room.urlAs('yasin') }, { localRoot: root, log: silentLogger });
    await reader.get('list-010');
    await reader.close();
    room.cluster.stop();
    try {
      const away = await openTeamStore({ url: room.urlAs('yasin') }, { localRoot: root, log: silentLogger });
      try {
        const page = await away.listPage({ limit: LIST_PAGE_MAX });
        expect(page.offline).toBe(true);
        const ids = page.items.map((s) => s.id);
        // The newest as last seen on the server, and the story read here.
        expect(ids).toContain('list-010');
        expect(ids[0]).toBe('list-069');
        expect(ids).toEqual([...ids].sort((a, b) => (a < b ? 1 : -1)));
        expect(await away.has('list-010')).toBe(true);
      } finally {
        await away.close();
      }
    } finally {
      room.cluster.start();
    }
  });
});
