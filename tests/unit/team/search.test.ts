/**
 * Search on a team workstation is answered by the newsroom's server (migration 0008): no index
 * is built on the workstation, a story saved on another workstation is found at once, the server
 * finds what the local engine finds (spelling variants, prefixes, light stems, every filter),
 * row-level security applies to it, and offline the stories kept on the workstation are searched
 * and the answer says so.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { indexDocOf } from '../../../electron/core/search/documents';
import { openStore } from '../../../electron/core/store/story-store';
import { SearchEngine } from '../../../electron/core/search/engine';
import { createSearchService, INDEX_FILE } from '../../../electron/core/search/service';
import { openTeam, type Team } from '../../../electron/core/team/open';
import type { Story } from '../../../shared/story/schema';
import { newsroom, plant, story, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';
import { silentLogger } from '../../../electron/core/log';

const reason = skipReason();

const paragraph = (text: string) => ({
  type: 'paragraph' as const,
  dir: 'rtl' as const,
  lang: 'ar',
  children: [{ text }],
});

/** Probe stories: each query below has a known answer in the local engine. */
function corpus(): Story[] {
  const texts: Array<[string, string, Partial<Story>]> = [
    [
      'انعقاد المؤتمرات الصحفية في بغداد',
      'أكد الوزير أن المؤتمرات مستمرة.',
      { desk: 'politics', tags: ['سياسة'] },
    ],
    ['مؤتمر القمة العربية', 'وبالعراق تأكيد على الحضور.', { desk: 'politics', tags: ['قمة عربية'] }],
    ['التأكيدات الرسمية', 'تأكيده جاء بعد لقاء أحمد بالوفد.', { desk: 'economy', tags: ['سياسة', 'اقتصاد'] }],
    ['أَحْمَـــد يفوز بالجائزة', 'الفائز أحمد من مدرسة طرابلس.', { desk: 'sport', status: 'published' }],
    [
      'Meetings in Tripoli',
      'The minister is meeting delegations; cities agreed.',
      { desk: 'economy', language: 'en' },
    ],
    ['أمطار غزيرة', 'الأمطار تغمر مدن الجنوب ومدينة سبها.', { desk: 'local', subjects: ['medtop:06000000'] }],
    ['ولبنان يستضيف', 'بلبنان والعراق لقاءات المؤتمر.', { desk: 'politics', byline: 'سلمى علي' }],
  ];
  return texts.map(([headline, body, extra], index) => {
    const base = story(`probe-000${index + 1}`, 'draft', ['yasin']);
    const at = new Date(Date.UTC(2026, 4, 1 + index)).toISOString();
    return {
      ...base,
      headline,
      body: [paragraph(body)],
      tags: [],
      updatedAt: at,
      createdAt: at,
      ...extra,
    } as Story;
  });
}

describe.skipIf(reason !== null)(
  `team search on a real PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let room: Newsroom;
    const teams: Team[] = [];
    const folders: string[] = [];
    const stories = corpus();
    const open = async (person: string, url?: string) => {
      const folder = mkdtempSync(join(tmpdir(), 'mihbara-ws-'));
      folders.push(folder);
      const team = await openTeam(
        { url: url ?? room.urlAs(person), connectTimeoutMs: 1000 },
        { localRoot: folder, log: silentLogger, retryMs: 60_000 },
      );
      teams.push(team);
      return { team, folder };
    };
    beforeAll(async () => {
      room = await newsroom();
      for (const doc of stories) await plant(room.owner, doc);
    }, 60_000);
    afterAll(async () => {
      for (const team of teams) await team.close();
      await room?.close();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });

    it('asks the server, builds no index, and finds a story another workstation just saved', async () => {
      const { team: a, folder } = await open('huda');
      const { team: b } = await open('yasin');
      const search = createSearchService(a.store);
      try {
        await search.ready();
        const doc = { ...story(crypto.randomUUID(), 'draft', ['yasin']), headline: 'زلزال في مصراتة' };
        await b.store.update(doc.id, () => doc);
        const found = await search.search({ query: 'زلزال مصراته' });
        expect(found.hits.map((hit) => hit.id)).toEqual([doc.id]);
        expect(found.scope).toBeUndefined();
        expect(found.hits[0]!.headlineHighlights.length).toBe(2);
        // Nothing indexed on the workstation, nothing written for an index.
        expect((await search.stats()).stories).toBe(0);
        expect(existsSync(join(folder, INDEX_FILE))).toBe(false);
      } finally {
        await search.close();
      }
    });

    it('finds what the local engine finds: variants, prefixes, stems and filters', async () => {
      const { team } = await open('huda');
      const search = createSearchService(team.store);
      const local = new SearchEngine();
      // The planted stories, plus the one the first test saved (the server has it too).
      const all = (await Promise.all(
        (await team.store.listPage({ limit: 500 })).items.map((s) => team.store.get(s.id)),
      )) as Story[];
      for (const doc of all) local.put(indexDocOf(doc));
      const cases: Array<{ query: string; filters?: Record<string, string> }> = [
        { query: 'احمد' },
        { query: 'أحمد' },
        { query: 'بغداد' },
        { query: 'العراق' },
        { query: 'لبنان' },
        { query: 'مؤتمر' },
        { query: 'المؤتمرات' },
        { query: 'تأكيد' },
        { query: 'أكد' },
        { query: 'meeting' },
        { query: 'city' },
        { query: 'مؤتمر', filters: { desk: 'politics' } },
        { query: 'مؤتمر', filters: { tag: 'سياسه' } },
        { query: '', filters: { tag: 'سياسة' } },
        { query: '', filters: { status: 'published' } },
        { query: '', filters: { author: 'سلمى' } },
        { query: '', filters: { subject: 'medtop:06000000' } },
        { query: 'تأكيد', filters: { from: '2026-05-02', to: '2026-05-03' } },
      ];
      try {
        for (const { query, filters = {} } of cases) {
          const server = await search.search({ query, filters, limit: 100 });
          const engine = local.search({
            text: query,
            filters: {
              ...filters,
              from: filters.from ? Date.parse(`${filters.from}T00:00:00.000Z`) : undefined,
              to: filters.to ? Date.parse(`${filters.to}T23:59:59.999Z`) : undefined,
            },
            limit: 100,
          });
          const label = `${query} ${JSON.stringify(filters)}`;
          expect(engine.total, label).toBeGreaterThan(0);
          expect(server.total, label).toBe(engine.total);
          expect(server.hits.map((hit) => hit.id).sort(), label).toEqual(
            engine.hits.map((hit) => hit.id).sort(),
          );
        }
        // The newsroom's tags and how many stories carry each, as the local engine counts them.
        const counts = (list: { name: string; count: number }[]) =>
          list.map((tag) => `${tag.name}:${tag.count}`).sort();
        expect(counts(await search.tagCounts())).toEqual(counts([...local.tagCounts().values()]));
        // Newest first: the same stories in the same order.
        for (const query of ['مؤتمر', 'العراق']) {
          const byDate = await search.search({ query, sort: 'date', limit: 100 });
          const engine = local.search({ text: query, sort: 'date', limit: 100 });
          expect(byDate.total).toBe(engine.total);
          expect(byDate.hits.map((hit) => hit.id)).toEqual(engine.hits.map((hit) => hit.id));
        }
        // Light stemming: مؤتمر finds المؤتمرات; the story with the word itself ranks first.
        const conference = await search.search({ query: 'مؤتمر' });
        expect(conference.hits.map((hit) => hit.id)).toEqual(
          expect.arrayContaining(['probe-0001', 'probe-0002', 'probe-0007']),
        );
        expect(conference.hits[0]!.id).toBe('probe-0002');
        // تأكيد finds التأكيدات and تأكيده (light10 strips those), not أكد: that takes a root stemmer.
        const confirm = (await search.search({ query: 'تأكيد' })).hits.map((hit) => hit.id);
        expect(confirm.sort()).toEqual(['probe-0002', 'probe-0003']);
        // The snippet's window and highlights come back for a body match.
        const flood = await search.search({ query: 'مدينه' });
        expect(flood.hits[0]!.snippet.text).toContain('ومدينة');
        expect(flood.hits[0]!.snippet.highlights).toHaveLength(1);
      } finally {
        await search.close();
      }
    });

    it('search --url on the command line answers in the shape of search --store', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mihbara-cli-'));
      folders.push(dir);
      const local = await openStore(dir, { mode: 'write', create: true });
      for (const doc of stories) await local.update(doc.id, () => doc);
      await local.close();
      const run = async (argv: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(argv, {
          stdout: { write: (text: string) => out.push(text) },
          stderr: { write: (text: string) => err.push(text) },
        });
        expect(code, err.join('')).toBe(0);
        return out.join('');
      };
      for (const args of [['مؤتمر'], ['مؤتمر', '--desk', 'politics'], ['احمد', '--status', 'published']]) {
        const fromStore = JSON.parse(await run(['search', '--store', dir, ...args, '--json'])) as {
          total: number;
          hits: Array<Record<string, unknown>>;
        };
        const fromServer = JSON.parse(
          await run(['search', '--url', room.urlAs('huda'), ...args, '--json']),
        ) as {
          total: number;
          hits: Array<Record<string, unknown>>;
        };
        expect(fromServer.total, args.join(' ')).toBe(fromStore.total);
        expect(fromServer.hits.map((hit) => hit.id).sort()).toEqual(
          fromStore.hits.map((hit) => hit.id).sort(),
        );
        expect(Object.keys(fromServer.hits[0]!).sort()).toEqual(Object.keys(fromStore.hits[0]!).sort());
      }
      // As text, the matches in [brackets], as for a local store.
      expect(await run(['search', '--url', room.urlAs('huda'), 'مؤتمر', '--desk', 'politics'])).toMatch(
        /3 stories match[\s\S]*\[المؤتمر\]/,
      );
    });

    it('runs under the row-level security of the login that asks', async () => {
      // A policy that hides published stories from editors: search must not show them either.
      await room.owner.query(
        `CREATE POLICY no_published_for_editors ON mihbara.stories AS RESTRICTIVE FOR SELECT
         TO mihbara_editor USING (status <> 'published')`,
      );
      const { team: editor } = await open('yasin');
      const { team: chief } = await open('huda');
      const asEditor = createSearchService(editor.store);
      const asChief = createSearchService(chief.store);
      try {
        expect((await asChief.search({ query: 'احمد' })).hits.map((hit) => hit.id)).toContain('probe-0004');
        expect((await asEditor.search({ query: 'احمد' })).hits.map((hit) => hit.id)).not.toContain(
          'probe-0004',
        );
        expect((await asEditor.search({ query: '', filters: { status: 'published' } })).total).toBe(0);
      } finally {
        await room.owner.query('DROP POLICY no_published_for_editors ON mihbara.stories');
        await asEditor.close();
        await asChief.close();
      }
    });

    it('offline, searches the stories kept on the workstation and says so', async () => {
      const { team, folder } = await open('huda');
      // Open one story here: its copy is kept in the workstation's folder.
      await team.store.get('probe-0006');
      await team.close();
      teams.splice(teams.indexOf(team), 1);
      // The same folder, and a server that does not answer.
      const url = new URL(room.urlAs('huda'));
      url.port = '1';
      const offline = await openTeam(
        { url: url.toString(), connectTimeoutMs: 500 },
        { localRoot: folder, log: silentLogger, retryMs: 60_000 },
      );
      teams.push(offline);
      const search = createSearchService(offline.store);
      try {
        expect(offline.store.status().online).toBe(false);
        const rain = await search.search({ query: 'أمطار' });
        expect(rain.scope).toBe('cached');
        expect(rain.hits.map((hit) => hit.id)).toEqual(['probe-0006']);
        // A story only the server has is not found (and not pretended to be).
        const other = await search.search({ query: 'مؤتمر' });
        expect(other).toMatchObject({ total: 0, scope: 'cached' });
        // Filters behave the same on the cached stories.
        expect((await search.search({ query: '', filters: { desk: 'local' } })).total).toBe(1);
        expect((await search.search({ query: '', filters: { desk: 'sport' } })).total).toBe(0);
      } finally {
        await search.close();
      }
    });
  },
);
