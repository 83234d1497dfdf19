/**
 * The PostgreSQL story store against a real server: the story service on top, optimistic
 * versioning, NOTIFY reaching a second workstation, server locks with expiry, and the offline
 * outbox across a server stop and restart.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import type { StorySummary } from '../../../shared/story/schema';
import { createStoryService } from '../../../electron/core/stories/service';
import { openTeamStore, type TeamStore } from '../../../electron/core/team/pg-store';
import { newsroom, plant, story, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';

const reason = skipReason();
const paragraph = (text: string) => [
  { type: 'paragraph' as const, dir: 'rtl' as const, lang: 'ar', children: [{ text }] },
];

describe.skipIf(reason !== null)(
  `team store on a real PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let room: Newsroom;
    const folders: string[] = [];
    const stores: TeamStore[] = [];
    const workstation = async (person: string, retryMs = 60_000) => {
      const folder = mkdtempSync(join(tmpdir(), 'mihbara-ws-'));
      folders.push(folder);
      const store = await openTeamStore(
        { url: room.urlAs(person), connectTimeoutMs: 1000 },
        { localRoot: folder, retryMs },
      );
      stores.push(store);
      return store;
    };
    beforeAll(async () => {
      room = await newsroom();
    }, 60_000);
    afterAll(async () => {
      for (const store of stores) await store.close();
      await room?.close();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });

    it('creates, saves, lists and keeps every version as a revision', async () => {
      const store = await workstation('yasin');
      const stories = createStoryService(store);
      const created = await stories.create('ar', { authors: ['yasin'] });
      const saved = await stories.save(created.id, 1, {
        headline: 'قمة بغداد',
        body: paragraph('تسلم المجلس الرئاسي الليبي دعوة'),
      });
      expect(saved.version).toBe(2);
      expect((await store.get(created.id)).headline).toBe('قمة بغداد');
      expect((await store.listPage({ limit: 500 })).items.find((s) => s.id === created.id)?.headline).toBe(
        'قمة بغداد',
      );
      const revisions = await store.listRevisions(created.id);
      expect(revisions.map((r) => [r.version, r.actor])).toEqual([
        [1, 'yasin'],
        [2, 'yasin'],
      ]);
      expect(revisions[1]!.change.fields).toEqual(expect.arrayContaining(['headline', 'body']));
      const comparison = await store.compareRevisions(created.id, 1, 2);
      expect(comparison.fields.map((f) => f.field)).toContain('headline');
    });

    it('stories asked for together are read in one query, each with its own answer', async () => {
      const store = await workstation('yasin');
      const stories = createStoryService(store);
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const created = await stories.create('ar', { authors: ['yasin'] });
        ids.push((await stories.save(created.id, 1, { headline: `قصة ${i}` })).id);
      }
      const query = vi.spyOn(store.pool, 'query');
      try {
        const answers = await Promise.allSettled([...ids, 'no-such-story'].map((id) => store.get(id)));
        expect(answers.slice(0, 5).map((a) => (a.status === 'fulfilled' ? a.value.headline : null))).toEqual(
          ids.map((_, i) => `قصة ${i}`),
        );
        expect(answers[5]).toMatchObject({ status: 'rejected', reason: { code: 'not-found' } });
        expect(query).toHaveBeenCalledTimes(1);
      } finally {
        query.mockRestore();
      }
    });

    it('a stale save is refused as a conflict and the newer text stays', async () => {
      const a = await workstation('yasin');
      const b = await workstation('yasin');
      const created = await createStoryService(a).create('ar', { authors: ['yasin'] });
      await createStoryService(a).save(created.id, 1, { headline: 'نص الأول' });
      const refused = await createStoryService(b)
        .save(created.id, 1, { headline: 'نص الثاني' })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).code).toBe('conflict');
      expect((await b.get(created.id)).headline).toBe('نص الأول');
    });

    it('two workstations writing on the same version at once: exactly one wins, the other gets conflict', async () => {
      await plant(room.owner, story('race-story-1', 'draft', ['yasin']));
      const one = await room.as('yasin');
      const two = await room.as('yasin');
      const save = (client: typeof one, headline: string) =>
        client
          .query('SELECT mihbara.save_story($1, 1, $2)', [
            'race-story-1',
            { ...story('race-story-1', 'draft', ['yasin'], 2), headline },
          ])
          .then(
            () => 'ok',
            (error: { code?: string }) => error.code,
          );
      // Both based on version 1, sent together: the server serializes them on the row.
      const outcomes = await Promise.all([save(one, 'أ'), save(two, 'ب')]);
      expect(outcomes.sort()).toEqual(['MH409', 'ok']);
      const revisions = await room.owner.query<{ version: number }>(
        "SELECT version FROM mihbara.revisions WHERE story_id = 'race-story-1' ORDER BY version",
      );
      expect(revisions.rows.map((r) => r.version)).toEqual([1, 2]);
    });

    it("a save on one workstation reaches another workstation's list through NOTIFY", async () => {
      const a = await workstation('yasin');
      const chief = await workstation('huda');
      const created = await createStoryService(a).create('ar', { authors: ['yasin'] });
      const arrived = new Promise<StorySummary>((resolve) => {
        chief.events.on('story', (summary) => {
          if (summary.id === created.id && summary.headline === 'خبر عاجل') resolve(summary);
        });
      });
      await createStoryService(a).save(created.id, 1, { headline: 'خبر عاجل' });
      const summary = await arrived;
      expect(summary.version).toBe(2);
      expect((await chief.listPage({ limit: 500 })).items.find((s) => s.id === created.id)?.headline).toBe(
        'خبر عاجل',
      );
    });

    it('forged or malformed NOTIFY payloads from any login are ignored; what a notice names is read from the server', async () => {
      const chief = await workstation('huda');
      const stories: StorySummary[] = [];
      const locks: Array<{ storyId: string; lock: unknown }> = [];
      const shared: string[] = [];
      chief.events.on('story', (summary) => stories.push(summary));
      chief.events.on('lock', (event) => locks.push(event));
      chief.events.on('shared', ({ path }) => shared.push(path));
      const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const salma = await room.as('salma');
      const forgedSummary = { id: 'forged-story-1', version: 99, status: 'published', headline: 'مزور' };
      await salma.query(`NOTIFY mihbara_locks, '{'`);
      await salma.query(`NOTIFY mihbara_stories, '[1,2'`);
      await salma.query(`SELECT pg_notify('mihbara_stories', $1)`, [
        JSON.stringify({ id: 'forged-story-1', version: 99, summary: forgedSummary }),
      ]);
      await salma.query(`SELECT pg_notify('mihbara_locks', $1)`, [
        JSON.stringify({ storyId: 'forged-lock-1', lock: { storyId: 'forged-lock-1', holder: 'amal' } }),
      ]);
      await salma.query(`SELECT pg_notify('mihbara_shared', $1)`, [
        JSON.stringify({ path: '../../etc/passwd' }),
      ]);
      // A real save after the forgeries: once it arrives, every notice before it was handled.
      const a = await workstation('yasin');
      const created = await createStoryService(a).create('ar', { authors: ['yasin'] });
      await vi.waitFor(() => expect(stories.some((s) => s.id === created.id)).toBe(true), { timeout: 5000 });
      await vi.waitFor(() => expect(locks.some((e) => e.storyId === 'forged-lock-1')).toBe(true));
      const logged = log.mock.calls.map((call) => String(call[0])).join('\n');
      log.mockRestore();
      expect(stories.map((s) => s.id)).not.toContain('forged-story-1');
      expect((await chief.listPage({ limit: 500 })).items.map((s) => s.id)).not.toContain('forged-story-1');
      // The lock named by the forged notice was read from the server, which holds none.
      expect(locks.filter((e) => e.storyId === 'forged-lock-1').map((e) => e.lock)).toEqual([null]);
      expect(shared).not.toContain('../../etc/passwd');
      expect(logged).toMatch(/ignored a notice on mihbara_locks/);
    });

    it('locks are held by the server, seen by others, and lapse after their idle time', async () => {
      await plant(room.owner, story('lock-story-1', 'draft', []));
      const yasin = await room.as('yasin');
      const salma = await room.as('salma');
      const lockEvents: unknown[] = [];
      const a = await workstation('salma');
      const gotLock = new Promise<void>((resolve) =>
        a.events.on('lock', (event) => {
          lockEvents.push(event);
          if (event.storyId === 'lock-story-1' && event.lock?.holder === 'yasin') resolve();
        }),
      );
      const first = await yasin.query<{ r: { mine: boolean } }>(
        "SELECT mihbara.acquire_lock('lock-story-1', 300) AS r",
      );
      expect(first.rows[0]!.r.mine).toBe(true);
      await gotLock;
      expect((await a.locks()).map((l) => l.holder)).toContain('yasin');
      const second = await salma.query<{ r: { mine: boolean; lock: { holder: string } } }>(
        "SELECT mihbara.acquire_lock('lock-story-1', 300) AS r",
      );
      expect(second.rows[0]!.r).toMatchObject({ mine: false, lock: { holder: 'yasin' } });
      // The holder goes quiet: once the idle time has passed the lock is nobody's.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await a.locks()).filter((l) => l.storyId === 'lock-story-1')).toEqual([]);
      const third = await salma.query<{ r: { mine: boolean; lock: { holder: string } } }>(
        "SELECT mihbara.acquire_lock('lock-story-1', 300) AS r",
      );
      expect(third.rows[0]!.r).toMatchObject({ mine: true, lock: { holder: 'salma' } });
    });

    it('the server stops mid-session: editing continues into the outbox, which drains on restart with nothing lost or duplicated', async () => {
      const a = await workstation('yasin', 200);
      const stories = createStoryService(a);
      const created = await stories.create('ar', { authors: ['yasin'] });
      await stories.save(created.id, 1, { headline: 'قبل الانقطاع' });
      room.cluster.stop();
      try {
        let version = 2;
        for (const text of ['أثناء الانقطاع ١', 'أثناء الانقطاع ٢', 'أثناء الانقطاع ٣']) {
          const saved = await stories.save(created.id, version, { headline: text, body: paragraph(text) });
          version = saved.version;
        }
        expect(a.status()).toMatchObject({ online: false, pending: 1 });
        expect((await a.get(created.id)).headline).toBe('أثناء الانقطاع ٣');
        expect(readdirSync(join(a.root, 'team/outbox'))).toHaveLength(1);
        // A new story written offline waits too.
        const offline = await stories.create('ar', { authors: ['yasin'] });
        expect(a.status().pending).toBe(2);
        expect((await a.listPage({ limit: 500 })).items.some((s) => s.id === offline.id)).toBe(true);
      } finally {
        room.cluster.start();
      }
      await room.owner.end().catch(() => undefined);
      const { default: pg } = await import('pg');
      room.owner = new pg.Client({ connectionString: room.ownerUrl });
      room.owner.on('error', () => undefined);
      await room.owner.connect();
      const state = await a.drain();
      expect(state).toMatchObject({ online: true, pending: 0, conflicts: [] });
      const server = await room.owner.query<{ version: number; headline: string }>(
        'SELECT version, headline FROM mihbara.stories WHERE id = $1',
        [created.id],
      );
      expect(server.rows[0]).toEqual({ version: 3, headline: 'أثناء الانقطاع ٣' });
      const revisions = await room.owner.query<{ version: number }>(
        'SELECT version FROM mihbara.revisions WHERE story_id = $1 ORDER BY version',
        [created.id],
      );
      expect(revisions.rows.map((r) => r.version)).toEqual([1, 2, 3]);
      expect(readdirSync(join(a.root, 'team/outbox'))).toEqual([]);
      // Draining again sends nothing twice.
      await a.drain();
      const again = await room.owner.query<{ n: string }>(
        'SELECT count(*) AS n FROM mihbara.revisions WHERE story_id = $1',
        [created.id],
      );
      expect(Number(again.rows[0]!.n)).toBe(3);
    });

    it('a queued save that meets a newer server version keeps both texts and asks the user', async () => {
      const a = await workstation('yasin', 60_000);
      const b = await workstation('yasin', 60_000);
      const created = await createStoryService(a).create('ar', { authors: ['yasin'] });
      await b.get(created.id);
      room.cluster.stop();
      try {
        await createStoryService(a).save(created.id, 1, {
          headline: 'نص المحطة الأولى',
          body: paragraph('كتبته دون اتصال'),
        });
        expect(a.status().pending).toBe(1);
      } finally {
        room.cluster.start();
      }
      // Meanwhile the other workstation saves first.
      await createStoryService(b).save(created.id, 1, { headline: 'نص المحطة الثانية' });
      const state = await a.drain();
      expect(state.conflicts).toEqual([created.id]);
      expect((await b.get(created.id)).headline).toBe('نص المحطة الثانية');
      const offers = await a.listRecoveryDrafts();
      expect(offers).toEqual([
        expect.objectContaining({ id: created.id, headline: 'نص المحطة الأولى', currentVersion: 2 }),
      ]);
      const draft = await a.getRecoveryDraft(created.id);
      expect(draft?.draft.body).toEqual(paragraph('كتبته دون اتصال'));
      expect(readdirSync(join(a.root, 'team/conflicts')).length).toBe(1);
    });
  },
);
