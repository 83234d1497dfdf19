/**
 * `npm run bench team-search`: search served by the newsroom's server (migration 0008) on a
 * throwaway PostgreSQL over loopback, each figure beside a baseline from the same run:
 * - 20,000 then 200,000 generated Arabic stories (bodies from the fixtures' vocabulary, with
 *   desks, tags, states and authors), seeded with multi-row INSERTs on two connections;
 * - query p50/p95 per kind (one word, several words, filtered, filter only): the server at 20k
 *   beside the local engine on the same 20k stories, then the server at 200k beside 20k;
 * - save p95 (save_story through the team store) with the search columns and indexes, beside a
 *   server at schema 7 without them;
 * - a workstation's resident memory and time from start to the first search result, at 20k and
 *   200k (a fresh process each): the whole team store, and the search alone;
 * - recall on generated spelling-variant and stemming probes, and whether the server's hits are
 *   the local engine's.
 * TEAM_SEARCH_SMALL / TEAM_SEARCH_LARGE change the sizes; TEAM_SEARCH_PARAGRAPHS the body length.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createSearchService, searchWithSource } from '../../electron/core/search/service';
import type { StoryStore } from '../../electron/core/store/types';
import { addNewsroomLogin, loginFor } from '../../electron/core/team/admin';
import { loadMigrations, migrate } from '../../electron/core/team/migrate';
import { pgSearchSource } from '../../electron/core/team/pg-search';
import { STORY_SCHEMA_VERSION, summarize, type Story, type StoryStatus } from '../../shared/story/schema';
import type { SearchFilters } from '../../shared/search/api';
import { pageOfList } from '../../shared/story/list';
import { skipReason, startCluster } from '../unit/team/pg-cluster';
import { arabicParagraphs, seededRandom } from './generate';
import { report, summarize as stats } from './stats';
import { installPrevious, previousSearch } from './team-search-previous';

const DESKS = ['politics', 'economy', 'sport', 'local', 'world', 'culture'];
const TAGS = ['سياسة', 'اقتصاد', 'رياضة', 'طقس', 'انتخابات', 'نفط', 'صحة', 'تعليم', 'قمة عربية', 'فيضانات'];
const STATES: StoryStatus[] = [
  'draft',
  'draft',
  'submitted',
  'approved',
  'published',
  'published',
  'published',
];
const AUTHORS = ['yasin', 'salma', 'huda'];
const SAMPLES = 40;

/** The stories of the bench, by index: the same for the server and the local engine. */
export function storyAt(index: number, paragraphs: number): Story {
  const random = seededRandom(index * 7919 + 17);
  const at = new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString();
  const body = arabicParagraphs(paragraphs, Math.floor(random() * 1e9));
  const first = (body[0] as { children: { text: string }[] }).children[0]!.text;
  const tags = TAGS.filter(() => random() < 0.12);
  return {
    id: `bench-${String(index).padStart(7, '0')}`,
    schemaVersion: STORY_SCHEMA_VERSION,
    version: 1,
    language: 'ar',
    direction: 'rtl',
    headline: `${first.split(' ').slice(0, 8).join(' ')} (${index + 1})`,
    subheadline: '',
    slugline: '',
    byline: 'ياسين أحمد',
    dateline: { place: 'طرابلس' },
    leadImage: null,
    body,
    tags,
    status: STATES[Math.floor(random() * STATES.length)]!,
    desk: DESKS[Math.floor(random() * DESKS.length)]!,
    authors: [AUTHORS[Math.floor(random() * AUTHORS.length)]!],
    createdAt: at,
    updatedAt: at,
  } as Story;
}

interface Probe {
  kind: 'variant' | 'stem';
  query: string;
  id: string;
}

/** Stories that hold a rare made-up word in one spelling, and the query that spells it another way. */
export function probes(count: number): { stories: Story[]; probes: Probe[] } {
  const random = seededRandom(99);
  const letters = 'بتثجحخدذرزسشصطعغفقمن';
  const pick = (n: number) =>
    Array.from({ length: n }, () => letters[Math.floor(random() * letters.length)]).join('');
  const kinds: Array<(base: string) => [string, string, Probe['kind']]> = [
    (b) => [`أ${b}`, `ا${b}`, 'variant'], // hamza
    (b) => [`${b}ة`, `${b}ه`, 'variant'], // ta marbuta
    (b) => [`${b}ى`, `${b}ي`, 'variant'], // alef maqsura
    (b) => [`${b.slice(0, 2)}َـــ${b.slice(2)}ُ`, b, 'variant'], // harakat and tatweel
    (b) => [`وبال${b}`, `ال${b}`, 'variant'], // prefixes
    (b) => [`ال${b}ات`, b, 'stem'], // مؤتمر → المؤتمرات
    (b) => [b, `ال${b}ات`, 'stem'], // المؤتمرات → مؤتمر
    (b) => [`${b}ين`, `${b}ون`, 'stem'],
    (b) => [`و${b}ها`, `${b}`, 'stem'],
  ];
  const stories: Story[] = [];
  const list: Probe[] = [];
  for (let i = 0; i < count; i += 1) {
    const base = `ظ${pick(3)}ض`;
    const [written, asked, kind] = kinds[i % kinds.length]!(base);
    const doc = storyAt(i, 3);
    const id = `probe-${String(i).padStart(5, '0')}`;
    stories.push({
      ...doc,
      id,
      headline: `خبر اختبار ${i + 1}`,
      body: [
        ...doc.body,
        { type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text: `وقال المصدر إن ${written} مهم.` }] },
      ],
    } as Story);
    list.push({ kind, query: asked, id });
  }
  return { stories, probes: list };
}

/** A story store in memory (the local engine reads stories through it to show a page). */
function memoryStore(stories: Story[]): StoryStore {
  const byId = new Map(stories.map((story) => [story.id, story]));
  const list = stories.map(summarize);
  return {
    root: 'memory',
    mode: 'read',
    list: () => list,
    listPage: async (query) => pageOfList(list, query),
    count: async () => list.length,
    has: async (id) => byId.has(id),
    get: async (id) => structuredClone(byId.get(id)!),
    update: async () => {
      throw new Error('read only');
    },
    close: async () => undefined,
  };
}

async function timed<T>(task: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await task();
  return [performance.now() - start, value];
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

type Request = { query: string; filters: SearchFilters };

/**
 * This search statement and schema 14's on the same stories, taking turns on each query (which
 * goes first alternates). Each runs as `login` (SET LOCAL ROLE: row-level security applies) with
 * the other's index hidden: dropped inside a transaction that is rolled back. Only the
 * statement's own time is counted, and the processor time its server process spent on it (read
 * from /proc: the throwaway server runs on this machine), which other work on the machine does
 * not inflate. Also counts the queries both answer alike (the same total, the same stories in
 * the same order, the same scores).
 */
async function statementsInTurns(
  url: string,
  login: string,
  queries: ReadonlyArray<readonly [string, Request[]]>,
): Promise<{
  now: Map<string, { ms: number[]; cpu: number[] }>;
  before: Map<string, { ms: number[]; cpu: number[] }>;
  same: number;
  asked: number;
}> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const cpu = () => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  const side = (hide: string) => {
    let spent = 0;
    let worked = 0;
    const hidden = {
      async query(sql: string, params: unknown[]) {
        await client.query('BEGIN');
        try {
          await client.query(`DROP INDEX mihbara.${hide}`);
          await client.query(`SET LOCAL ROLE ${login}`);
          const [startCpu, start] = [cpu(), performance.now()];
          const result = await client.query(sql, params);
          [worked, spent] = [cpu() - startCpu, performance.now() - start];
          return result;
        } finally {
          await client.query('ROLLBACK');
        }
      },
    };
    return { client: hidden, spent: () => ({ ms: spent, cpu: worked }) };
  };
  const offline = { ids: async () => [], read: async () => Promise.reject(new Error('none')) };
  const nowSide = side('stories_search_schema14');
  const beforeSide = side('stories_search');
  const sides = [
    { ...nowSide, source: pgSearchSource(nowSide.client as unknown as pg.Pool, () => true, offline) },
    { ...beforeSide, source: previousSearch(beforeSide.client) },
  ];
  const now = new Map<string, { ms: number[]; cpu: number[] }>();
  const before = new Map<string, { ms: number[]; cpu: number[] }>();
  let same = 0;
  let asked = 0;
  try {
    for (const [label, list] of queries) {
      for (const { source } of sides) await searchWithSource(source, list[0]!); // warm
      now.set(label, { ms: [], cpu: [] });
      before.set(label, { ms: [], cpu: [] });
      for (const [at, request] of list.entries()) {
        const answers: string[] = [];
        for (const k of at % 2 ? [1, 0] : [0, 1]) {
          const answer = await searchWithSource(sides[k]!.source, request);
          const figures = (k === 0 ? now : before).get(label)!;
          const { ms, cpu: worked } = sides[k]!.spent();
          figures.ms.push(ms);
          figures.cpu.push(worked);
          answers[k] = JSON.stringify([
            answer.total,
            answer.totalAtLeast,
            answer.hits.map((hit) => [hit.id, hit.score]),
          ]);
        }
        asked += 1;
        if (answers[0] === answers[1]) same += 1;
      }
    }
  } finally {
    await client.end();
  }
  return { now, before, same, asked };
}

export async function benchTeamSearch(): Promise<void> {
  const reason = skipReason();
  if (reason) {
    console.log(`team-search: skipped (${reason})`);
    return;
  }
  const small = Number(process.env.TEAM_SEARCH_SMALL ?? 20_000);
  const large = Number(process.env.TEAM_SEARCH_LARGE ?? 200_000);
  const paragraphs = Number(process.env.TEAM_SEARCH_PARAGRAPHS ?? 8);
  console.log(
    `team search on PostgreSQL over loopback: ${small.toLocaleString('en')} and ${large.toLocaleString('en')} stories of ${paragraphs} paragraphs`,
  );
  const cluster = await startCluster();
  const pools: pg.Pool[] = [];
  try {
    const url = await cluster.createDatabase('search');
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    await migrate(owner);
    for (const [id, name, role] of [
      ['yasin', 'ياسين أحمد', 'editor'],
      ['salma', 'سلمى علي', 'editor'],
      ['huda', 'هدى سالم', 'desk-chief'],
    ] as const)
      await addNewsroomLogin(owner, { id, name, role });
    const db = new URL(url).pathname.slice(1);
    const huda = cluster.url(db, loginFor('huda'));

    // Seeding: multi-row INSERTs of 250 stories, two connections at once.
    const seeders = [owner, new pg.Client({ connectionString: url })];
    await seeders[1]!.connect();
    const insert = (client: pg.Client, docs: Story[]) =>
      client.query(
        `INSERT INTO mihbara.stories (id, doc, authors, updated_at)
         SELECT d ->> 'id', d, ARRAY(SELECT jsonb_array_elements_text(d -> 'authors')), (d ->> 'updatedAt')::timestamptz
         FROM jsonb_array_elements($1::jsonb) d`,
        [JSON.stringify(docs)],
      );
    const seed = async (from: number, to: number) => {
      const started = performance.now();
      let next = from;
      const work = async (client: pg.Client) => {
        while (next < to) {
          const at = next;
          next = Math.min(to, next + 250);
          const docs: Story[] = [];
          for (let i = at; i < next; i += 1) docs.push(storyAt(i, paragraphs));
          await insert(client, docs);
          if (Math.floor(next / 10_000) !== Math.floor(at / 10_000))
            process.stdout.write(`  seeding ${next.toLocaleString('en')}/${to.toLocaleString('en')}\r`);
        }
      };
      await Promise.all(seeders.map(work));
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `  seeded ${(to - from).toLocaleString('en')} stories in ${seconds.toFixed(0)} s (${(((performance.now() - started) / (to - from)) * 2).toFixed(2)} ms of server time a story, search columns included)`,
      );
      await owner.query('VACUUM ANALYZE mihbara.stories');
    };

    const probeSet = probes(45);
    await insert(owner, probeSet.stories);
    await seed(0, small);

    // The same stories in the local engine.
    const localStories = [...probeSet.stories];
    for (let i = 0; i < small; i += 1) localStories.push(storyAt(i, paragraphs));
    const localSearch = createSearchService(memoryStore(localStories), { inline: true });
    const [buildMs] = await timed(() =>
      localSearch.ready().then(() => localSearch.search({ query: 'القمة' })),
    );
    console.log(
      `  local engine: ${small.toLocaleString('en')} stories indexed in ${(buildMs / 1000).toFixed(1)} s`,
    );

    const pool = new pg.Pool({ connectionString: huda, max: 2 });
    pools.push(pool);
    const server = pgSearchSource(pool, () => true, {
      ids: async () => [],
      read: async () => Promise.reject(new Error('none')),
    });

    // Query sets, drawn from the stories' own words.
    const random = seededRandom(5);
    const sampleWords = localStories
      .slice(100, 400)
      .flatMap((story) => story.headline.split(' '))
      .filter((word) => /^[\u0621-\u064a]{4,}$/.test(word));
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const several = () => {
      const text = (pick(localStories.slice(100, 400)).body[1] as { children: { text: string }[] })
        .children[0]!.text;
      const parts = text.split(' ').filter((word) => word.length >= 3);
      const at = Math.floor(random() * Math.max(1, parts.length - 3));
      return parts.slice(at, at + 2 + Math.floor(random() * 2)).join(' ');
    };
    const kinds: Array<[string, () => { query: string; filters: SearchFilters }]> = [
      ['one word', () => ({ query: pick(sampleWords), filters: {} })],
      ['several words', () => ({ query: several(), filters: {} })],
      [
        'filtered (word + desk + state)',
        () => ({ query: pick(sampleWords), filters: { desk: pick(DESKS), status: 'published' } }),
      ],
      [
        'filter only (desk or tag)',
        () => ({ query: '', filters: random() < 0.5 ? { desk: pick(DESKS) } : { tag: pick(TAGS) } }),
      ],
    ];
    const queries = kinds.map(([label, make]) => [label, Array.from({ length: SAMPLES }, make)] as const);

    const measure = async (run: (request: { query: string; filters: SearchFilters }) => Promise<unknown>) => {
      const out = new Map<string, number[]>();
      for (const [label, list] of queries) {
        const samples: number[] = [];
        await run(list[0]!); // warm
        for (const request of list) samples.push((await timed(() => run(request)))[0]);
        out.set(label, samples);
      }
      return out;
    };
    const serverAtSmall = await measure((request) => searchWithSource(server, request));
    const localAtSmall = await measure((request) => localSearch.search(request));
    for (const [label] of queries)
      report(
        `server ${small / 1000}k: ${label}`,
        serverAtSmall.get(label)!,
        localAtSmall.get(label)!,
        'local engine',
      );

    // Recall on the probes, and the same hits as the local engine.
    const recall = async (label: string, compare: boolean) => {
      for (const kind of ['variant', 'stem'] as const) {
        const list = probeSet.probes.filter((probe) => probe.kind === kind);
        let found = 0;
        let localFound = 0;
        let same = 0;
        for (const probe of list) {
          const hits = (await searchWithSource(server, { query: probe.query, limit: 50 })).hits.map(
            (hit) => hit.id,
          );
          if (hits.includes(probe.id)) found += 1;
          if (compare) {
            const local = (await localSearch.search({ query: probe.query, limit: 50 })).hits.map(
              (hit) => hit.id,
            );
            if (local.includes(probe.id)) localFound += 1;
            if ([...local].sort().join() === [...hits].sort().join()) same += 1;
          }
        }
        const pct = (n: number) => `${((100 * n) / list.length).toFixed(0)}%`;
        console.log(
          `recall, ${kind} probes (${list.length}) at ${label}: server ${pct(found)}` +
            (compare
              ? ` | local engine ${pct(localFound)}; same hits as the local engine: ${same}/${list.length}`
              : ''),
        );
      }
    };
    await recall(`${small / 1000}k`, true);

    // Saves, with the search columns and indexes against a server at schema 7 without them.
    const plainUrl = await cluster.createDatabase('plain');
    const plainOwner = new pg.Client({ connectionString: plainUrl });
    await plainOwner.connect();
    await migrate(plainOwner, { migrations: loadMigrations().filter((m) => m.version <= 7) });
    await addNewsroomLogin(plainOwner, { id: 'yasin', name: 'ياسين أحمد', role: 'editor' });
    for (let i = 0; i < small; i += 1000) {
      const docs = Array.from({ length: Math.min(1000, small - i) }, (_, k) => storyAt(i + k, paragraphs));
      await insert(plainOwner, docs);
    }
    await plainOwner.query('VACUUM ANALYZE mihbara.stories');
    // The server's checked save (mihbara.save_story) as the story's author, one story at a time.
    const savesOn = async (target: string) => {
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      const samples: number[] = [];
      for (let i = 0; samples.length < SAMPLES && i < small; i += 1) {
        const doc = storyAt(i, paragraphs);
        if (doc.authors?.[0] !== 'yasin' || doc.status !== 'draft') continue;
        const next = {
          ...doc,
          version: 2,
          headline: `${doc.headline} *`,
          updatedAt: new Date().toISOString(),
        };
        samples.push(
          (await timed(() => client.query('SELECT mihbara.save_story($1, 1, $2)', [doc.id, next])))[0],
        );
      }
      await client.end();
      return samples;
    };
    const withIndex = await savesOn(cluster.url(db, loginFor('yasin')));
    const withoutIndex = await savesOn(cluster.url(new URL(plainUrl).pathname.slice(1), loginFor('yasin')));
    report(
      `save (save_story) at ${small / 1000}k, with the search index`,
      withIndex,
      withoutIndex,
      'without',
    );
    await plainOwner.end();

    // A workstation's start to its first result, in a fresh process.
    const child = promisify(execFile);
    const workstation = async (mode: 'store' | 'search') => {
      const { stdout } = await child(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'team-search-child.ts'), mode, huda, 'القمة العربية'],
        { maxBuffer: 1 << 20 },
      );
      return JSON.parse(stdout) as {
        firstResultMs: number;
        rss: number;
        total: number;
        listed: number;
        stories: string;
      };
    };
    const starts = async () => ({ store: await workstation('store'), search: await workstation('search') });
    const atSmall = await starts();

    await seed(small, large);
    const serverAtLarge = await measure((request) => searchWithSource(server, request));
    for (const [label] of queries) {
      report(
        `server ${large / 1000}k: ${label}`,
        serverAtLarge.get(label)!,
        serverAtSmall.get(label)!,
        `${small / 1000}k`,
      );
      const p95 = stats(serverAtLarge.get(label)!).p95;
      console.log(`  p95 at ${large / 1000}k ${p95 < 150 ? 'under' : 'OVER'} 150 ms`);
    }
    // The statement beside schema 14's, on the same stories, taking turns on each query.
    await installPrevious(owner);
    const turns = await statementsInTurns(cluster.url(db), loginFor('huda'), queries);
    await owner.query('DROP INDEX mihbara.stories_search_schema14');
    for (const [label] of queries) {
      report(
        `statement ${large / 1000}k: ${label}`,
        turns.now.get(label)!.ms,
        turns.before.get(label)!.ms,
        'schema 14 (turns)',
      );
      report(
        `  its server processor time`,
        turns.now.get(label)!.cpu,
        turns.before.get(label)!.cpu,
        'schema 14 (turns)',
      );
    }
    console.log(`  the same answers as schema 14's statement: ${turns.same}/${turns.asked}`);
    await recall(`${large / 1000}k`, false);
    const atLarge = await starts();
    for (const mode of ['store', 'search'] as const) {
      const a = atSmall[mode];
      const b = atLarge[mode];
      const what = mode === 'store' ? 'start: team store, first page of the list, search' : 'search alone';
      console.log(
        `workstation, ${what}: first result ${b.firstResultMs.toFixed(0)} ms at ${large / 1000}k | ${a.firstResultMs.toFixed(0)} ms at ${small / 1000}k (×${(b.firstResultMs / a.firstResultMs).toFixed(2)}); ` +
          `resident ${mb(b.rss)} | ${mb(a.rss)} (×${(b.rss / a.rss).toFixed(2)}); list page ${b.listed} of ${b.stories} | ${a.listed} of ${a.stories}`,
      );
    }
    const size = await owner.query<{ table: string; index: string }>(
      `SELECT pg_size_pretty(pg_total_relation_size('mihbara.stories')) AS table,
              pg_size_pretty(pg_relation_size('mihbara.stories_search')) AS index`,
    );
    console.log(
      `server: stories table ${size.rows[0]!.table} with its indexes, of which the GIN index ${size.rows[0]!.index}`,
    );
    await localSearch.close();
    await seeders[1]!.end();
    await owner.end();
  } finally {
    for (const pool of pools) await pool.end().catch(() => undefined);
    cluster.destroy();
  }
}
