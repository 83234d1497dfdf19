/**
 * The newsroom's shared documents on the server: tags created on two workstations at once are
 * all kept (neither update overwrites the other), the other workstation hears of the change,
 * nothing lands in the workstations' folders, a story saved on one workstation is found by
 * search on the other, the server refuses shared writes a role may not make, and two desk
 * chiefs' schedulers publish a due story once. Real PostgreSQL on loopback.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSearchService } from '../../../electron/core/search/service';
import { createSettingsService } from '../../../electron/core/settings/settings';
import { DEFAULT_SETTINGS } from '../../../shared/text/house-style';
import { createStoryService } from '../../../electron/core/stories/service';
import { newsroomFile } from '../../../electron/core/tags/newsroom-file';
import { createTagService } from '../../../electron/core/tags/service';
import { feedFromTeamStore } from '../../../electron/core/team/feed';
import { openTeam, type Team } from '../../../electron/core/team/open';
import { filesOf } from '../../../electron/core/workflow/files';
import { newsroom, plant, story, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';
import { silentLogger } from '../../../electron/core/log';

const reason = skipReason();

/** Runs `sql` and resolves to the SQLSTATE it failed with, or 'ok'. */
async function attempt(client: pg.ClientBase, sql: string, params: unknown[] = []): Promise<string> {
  try {
    await client.query(sql, params);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'error';
  }
}

describe.skipIf(reason !== null)(
  `shared newsroom documents on a real PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let room: Newsroom;
    const teams: Team[] = [];
    const folders: string[] = [];
    const workstation = async (person: string) => {
      const folder = mkdtempSync(join(tmpdir(), 'mihbara-ws-'));
      folders.push(folder);
      const team = await openTeam({ url: room.urlAs(person) }, { localRoot: folder, log: silentLogger });
      teams.push(team);
      return team;
    };
    beforeAll(async () => {
      room = await newsroom();
    }, 60_000);
    afterAll(async () => {
      for (const team of teams) await team.close();
      await room?.close();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });

    it('two workstations adding to one list at once keep every item; the other hears of it', async () => {
      const a = await workstation('yasin');
      const b = await workstation('salma');
      const List = z.object({ items: z.array(z.string()) });
      const onA = newsroomFile(
        a.store,
        'race.json',
        () => ({ items: [] as string[] }),
        (v) => List.parse(v),
      );
      const onB = newsroomFile(
        b.store,
        'race.json',
        () => ({ items: [] as string[] }),
        (v) => List.parse(v),
      );
      const heard = new Promise<string>((resolve) =>
        b.store.events.once('shared', ({ path }) => resolve(path)),
      );
      // Each change waits before returning, so without the server's lock the two would read the
      // same list and one would overwrite the other.
      const add = (file: typeof onA, item: string) =>
        file.update(async (current) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { next: { items: [...current.items, item] }, result: item };
        });
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => [add(onA, `أ-${i}`), add(onB, `ب-${i}`)]).flat(),
      );
      const items = (await onA.read()).items;
      expect(items).toHaveLength(20);
      expect(new Set(items).size).toBe(20);
      expect((await onB.read()).items.sort()).toEqual([...items].sort());
      expect(await heard).toBe('newsroom/race.json');
      // And B's change feed (what the renderer long-polls to refresh its lists) carries it.
      const feed = feedFromTeamStore(b.store);
      const next = feed.wait(0, 10_000);
      await add(onA, 'ج');
      expect((await next).events).toContainEqual(
        expect.objectContaining({ kind: 'shared', path: 'newsroom/race.json' }),
      );
      feed.close();
      // Nothing in either workstation's folder: the list is the newsroom's.
      expect(existsSync(join(a.store.root, 'newsroom', 'race.json'))).toBe(false);
      expect(existsSync(join(b.store.root, 'newsroom', 'race.json'))).toBe(false);
    });

    it("a tag created on one workstation is in the other's list; a story saved on one is found by search on the other", async () => {
      const a = await workstation('yasin');
      const b = await workstation('salma');
      const searchA = createSearchService(a.store);
      const searchB = createSearchService(b.store);
      try {
        const tagsA = createTagService(a.store, createStoryService(a.store), searchA);
        const tagsB = createTagService(b.store, createStoryService(b.store), searchB);
        await tagsA.create('القمة العربية');
        expect((await tagsB.list()).tags.map((tag) => tag.name)).toContain('القمة العربية');

        const stories = createStoryService(a.store);
        const created = await stories.create('ar', await a.workflow.service.newStoryFields('yasin'));
        await stories.save(created.id, 1, { headline: 'الزلزال يضرب مدينة طرابلس فجراً' });
        // B's list learns of the save through NOTIFY; its index reads the story from the server.
        await expect
          .poll(
            async () =>
              (await b.store.listPage({ limit: 500 })).items.find((s) => s.id === created.id)?.version,
            {
              timeout: 5000,
            },
          )
          .toBe(2);
        const found = await searchB.search({ query: 'زلزال طرابلس' });
        expect(found.hits.map((hit) => hit.id)).toContain(created.id);
      } finally {
        await searchA.close();
        await searchB.close();
      }
    });

    it('publishing channels and delivery log are on the server; the server refuses what a role may not write', async () => {
      const chief = await workstation('huda');
      const files = filesOf(chief.store);
      await files.appendLine('publishing/deliveries.ndjson', JSON.stringify({ id: 'd1' }));
      await files.appendLine('publishing/deliveries.ndjson', JSON.stringify({ id: 'd2' }));
      expect(await files.readText('publishing/deliveries.ndjson')).toBe('{"id":"d1"}\n{"id":"d2"}\n');
      expect(existsSync(join(chief.store.root, 'publishing', 'deliveries.ndjson'))).toBe(false);
      // The outbox stays with the workstation that queued it.
      await files.writeJson('publishing/outbox/x1.json', { id: 'x1' });
      expect(existsSync(join(chief.store.root, 'publishing', 'outbox', 'x1.json'))).toBe(true);
      // A desk chief cannot configure channels; the administrator can.
      await expect(files.writeJson('publishing/channels.json', { channels: [] })).rejects.toMatchObject({
        code: 'forbidden',
      });
      const admin = await workstation('amal');
      await filesOf(admin.store).writeJson('publishing/channels.json', { channels: [] });
      expect(await files.readJson('publishing/channels.json')).toEqual({ channels: [] });

      const editor = await room.as('yasin');
      expect(
        await attempt(editor, "SELECT mihbara.write_file('newsroom/saved-searches.json', NULL, '{}')"),
      ).toBe('ok');
      expect(await attempt(editor, "SELECT mihbara.write_file('publishing/channels.json', NULL, '{}')")).toBe(
        'MH403',
      );
      expect(await attempt(editor, "SELECT mihbara.append_file('publishing/deliveries.ndjson', '{}')")).toBe(
        'MH403',
      );
      expect(await attempt(editor, "SELECT mihbara.remove_file('publishing/deliveries.ndjson')")).toBe(
        'MH403',
      );
      expect(await attempt(editor, "SELECT mihbara.write_file('../etc/passwd', NULL, 'x')")).toBe('MH400');
      expect(await attempt(editor, 'DELETE FROM mihbara.shared_files')).toBe('42501');
      expect(
        await attempt(editor, "UPDATE mihbara.shared_files SET content = '' WHERE path LIKE 'publishing/%'"),
      ).toBe('42501');
      // A stale base version is refused rather than written over.
      expect(
        await attempt(editor, "SELECT mihbara.write_file('newsroom/saved-searches.json', 0, '{}')"),
      ).toBe('MH409');
      // The log is one row per line (an append never rewrites the log), intact after the refusals.
      const log = await room.owner.query<{ line: string }>(
        "SELECT line FROM mihbara.shared_lines WHERE path = 'publishing/deliveries.ndjson' ORDER BY seq",
      );
      expect(log.rows.map((row) => row.line)).toEqual(['{"id":"d1"}\n', '{"id":"d2"}\n']);
    });

    it('tags and the gazetteer are checked in the server: an editor may add tags, only chiefs change the rest', async () => {
      // Through the app: the editor's workstation adds a tag (the server lets an editor add).
      const yasin = await workstation('yasin');
      const search = createSearchService(yasin.store);
      try {
        const tags = createTagService(yasin.store, createStoryService(yasin.store), search);
        await tags.create('الانتخابات');
        await tags.create('الاقتصاد');
      } finally {
        await search.close();
      }
      const tagsNow = async () =>
        (
          await room.owner.query<{ content: string }>(
            "SELECT content FROM mihbara.shared_files WHERE path = 'newsroom/tags.json'",
          )
        ).rows[0]!.content;
      const before = JSON.parse(await tagsNow()) as { tags: Array<{ name: string; createdAt: string }> };
      expect(before.tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(['الانتخابات', 'الاقتصاد']));
      const write = (path: string, doc: unknown) =>
        [`SELECT mihbara.write_file($1, NULL, $2)`, [path, JSON.stringify(doc)]] as [string, unknown[]];
      const added = { tags: [...before.tags, { name: 'الرياضة', createdAt: before.tags[0]!.createdAt }] };
      const renamed = { tags: [{ ...before.tags[0]!, name: 'انتخابات' }, ...before.tags.slice(1)] };

      // By SQL typed by hand, as the editor's own login.
      const editor = await room.as('yasin');
      expect(await attempt(editor, ...write('newsroom/tags.json', added))).toBe('ok');
      const refused = {
        rename: await attempt(editor, ...write('newsroom/tags.json', renamed)),
        wipe: await attempt(editor, ...write('newsroom/tags.json', { tags: [] })),
        notADocument: await attempt(editor, "SELECT mihbara.write_file('newsroom/tags.json', NULL, '{')"),
        shapeless: await attempt(editor, ...write('newsroom/tags.json', {})),
        remove: await attempt(editor, "SELECT mihbara.remove_file('newsroom/tags.json')"),
        append: await attempt(editor, "SELECT mihbara.append_file('newsroom/tags.json', 'x')"),
        changeLog: await attempt(editor, ...write('newsroom/tag-changes.json', { changes: [] })),
        gazetteer: await attempt(editor, ...write('newsroom/gazetteer.json', { entities: [] })),
        removeGazetteer: await attempt(editor, "SELECT mihbara.remove_file('newsroom/gazetteer.json')"),
        table: await attempt(editor, "UPDATE mihbara.shared_files SET content = '{}'"),
      };
      expect(refused).toEqual({
        rename: 'MH403',
        wipe: 'MH403',
        notADocument: 'MH400',
        shapeless: 'MH400',
        remove: 'MH403',
        append: 'MH400',
        changeLog: 'MH403',
        gazetteer: 'MH403',
        removeGazetteer: 'MH403',
        table: '42501',
      });
      expect((JSON.parse(await tagsNow()) as typeof before).tags.map((tag) => tag.name)).toEqual([
        ...before.tags.map((tag) => tag.name),
        'الرياضة',
      ]);

      // A desk chief renames and changes the gazetteer; the shape is still kept.
      const chief = await room.as('huda');
      expect(await attempt(chief, ...write('newsroom/tags.json', renamed))).toBe('ok');
      expect(await attempt(chief, ...write('newsroom/gazetteer.json', { entities: [] }))).toBe('ok');
      expect(await attempt(chief, ...write('newsroom/gazetteer.json', { people: [] }))).toBe('MH400');
    });

    it("the newsroom's settings are one document on the server: set by an administrator, read by every workstation's checklist", async () => {
      const amal = await workstation('amal');
      const yasin = await workstation('yasin');
      const next = {
        ...DEFAULT_SETTINGS,
        headlineLimit: 40,
        houseStyle: { ...DEFAULT_SETTINGS.houseStyle, digits: 'arab' as const },
      };
      await createSettingsService(amal.store).saveSettings(next);
      expect(await createSettingsService(yasin.store).getSettings()).toEqual(next);
      for (const folder of folders) expect(existsSync(join(folder, 'settings.json'))).toBe(false);

      // The editor's checklist, on the other workstation, counts against the administrator's 40: the
      // headline is submitted with the warning the default checklist gives a long headline.
      const long = { ...story('long-headline', 'draft', ['yasin']), headline: 'ع'.repeat(50), tags: ['قمة'] };
      await plant(room.owner, long);
      await yasin.workflow.service.transition(long.id, 'submit', 'yasin');
      const history = await yasin.workflow.service.readHistory(long.id);
      expect(history.entries.at(-1)!.detail?.warnings?.toString().split(',')).toContain('headline-length');

      // The server refuses anyone else, by the app or by SQL typed by hand.
      await expect(createSettingsService(yasin.store).saveSettings(DEFAULT_SETTINGS)).rejects.toMatchObject({
        code: 'forbidden',
      });
      const write = (doc: string) =>
        [`SELECT mihbara.write_file('newsroom/settings.json', NULL, $1)`, [doc]] as [string, unknown[]];
      const editor = await room.as('yasin');
      const chief = await room.as('huda');
      const admin = await room.as('amal');
      expect({
        editor: await attempt(editor, ...write(JSON.stringify(DEFAULT_SETTINGS))),
        chief: await attempt(chief, ...write(JSON.stringify(DEFAULT_SETTINGS))),
        append: await attempt(editor, "SELECT mihbara.append_file('newsroom/settings.json', '{}')"),
        remove: await attempt(chief, "SELECT mihbara.remove_file('newsroom/settings.json')"),
        notObject: await attempt(admin, ...write('[1]')),
        admin: await attempt(admin, ...write(JSON.stringify(next))),
      }).toEqual({
        editor: 'MH403',
        chief: 'MH403',
        append: 'MH400',
        remove: 'MH403',
        notObject: 'MH400',
        admin: 'ok',
      });
    });

    it("two desk chiefs' schedulers running at once publish a due story once", async () => {
      const due = {
        ...story('scheduled-once', 'scheduled', ['yasin']),
        publishAt: '2026-01-01T06:00:00.000Z',
      };
      await plant(room.owner, due);
      const huda = await workstation('huda');
      const amal = await workstation('amal');
      await expect
        .poll(async () =>
          (await amal.store.listPage({ limit: 500 })).items.some((s) => s.id === 'scheduled-once'),
        )
        .toBe(true);
      expect((await huda.store.listPage({ limit: 500 })).items.some((s) => s.id === 'scheduled-once')).toBe(
        true,
      );
      const [first, second] = await Promise.all([
        huda.workflow.scheduler.runDue(new Date()),
        amal.workflow.scheduler.runDue(new Date()),
      ]);
      // One of them published it; the other's write met the server's version check.
      expect([...first, ...second]).toEqual(['scheduled-once']);
      const published = await room.owner.query<{ n: string }>(
        "SELECT count(*) AS n FROM mihbara.revisions WHERE story_id = 'scheduled-once' AND doc ->> 'status' = 'published'",
      );
      expect(Number(published.rows[0]!.n)).toBe(1);
      const lines = await room.owner.query<{ n: string }>(
        "SELECT count(*) AS n FROM mihbara.history WHERE story_id = 'scheduled-once' AND entry ->> 'to' = 'published'",
      );
      expect(Number(lines.rows[0]!.n)).toBe(1);
    });
  },
);
