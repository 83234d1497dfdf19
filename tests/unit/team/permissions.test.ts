/**
 * The server enforces the workflow's permission matrix whatever a client sends: each login is
 * tried against every transition through the checked function, and an editor's login tries
 * every forbidden action through hand-written SQL. Real PostgreSQL on loopback.
 */
import type pg from 'pg';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editableRows, transitionGrantRows } from './matrix-rows';
import { loadMigrations } from '../../../electron/core/team/migrate';
import { STATES } from '../../../shared/workflow/model';
import { newsroom, plant, story, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';

const reason = skipReason();

/** Runs `sql` and resolves to the SQLSTATE it failed with, or 'ok'. */
async function attempt(client: pg.ClientBase, sql: string, params: unknown[] = []): Promise<string> {
  await client.query('SAVEPOINT attempt').catch(() => undefined);
  try {
    await client.query(sql, params);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'error';
  } finally {
    await client.query('ROLLBACK TO SAVEPOINT attempt').catch(() => undefined);
  }
}

describe.skipIf(reason !== null)(
  `team permissions on a real PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let room: Newsroom;
    let editor: pg.Client;
    beforeAll(async () => {
      room = await newsroom();
      editor = await room.as('yasin');
      await editor.query('BEGIN');
    }, 60_000);
    afterAll(async () => {
      await editor?.query('ROLLBACK').catch(() => undefined);
      await room?.close();
    });

    it('a login outside the newsroom cannot connect, and a story of the wrong shape is refused by the server', async () => {
      await room.owner.query(`CREATE ROLE mihbara_stranger LOGIN`);
      const db = new URL(room.ownerUrl).pathname.slice(1);
      const stranger = new PgClient({ connectionString: room.cluster.url(db, 'mihbara_stranger') });
      stranger.on('error', () => undefined);
      await expect(stranger.connect()).rejects.toThrow(/permission denied for database/);
      await stranger.end().catch(() => undefined);
      const notAStory = { id: 'not-a-story-0001', version: 1, status: 'draft', authors: ['yasin'] };
      const yasin = await room.as('yasin');
      await expect(yasin.query('SELECT mihbara.create_story($1)', [notAStory])).rejects.toThrow();
      await expect(
        room.owner.query(
          `INSERT INTO mihbara.stories (id, doc, updated_at) VALUES ('raw-bad-0001', $1, now())`,
          [{ id: 'raw-bad-0001', version: 1, status: 'draft', body: 'x' }],
        ),
      ).rejects.toThrow(/stories_doc_shape/);
    });

    it('the grant tables hold exactly the workflow matrix of shared/workflow/transitions.ts', async () => {
      const grants = await room.owner.query<{
        action: string;
        role: string;
        from_status: string;
        to_status: string;
        own_only: boolean;
      }>('SELECT * FROM mihbara.transition_grants');
      const fromDb = grants.rows
        .map((r) => `${r.action} ${r.role} ${r.from_status}→${r.to_status} ${r.own_only}`)
        .sort();
      const fromTs = transitionGrantRows()
        .map((r) => `${r.action} ${r.role} ${r.from}→${r.to} ${r.ownOnly}`)
        .sort();
      expect(fromDb).toEqual(fromTs);
      const editable = await room.owner.query<{ role: string; status: string }>(
        'SELECT * FROM mihbara.editable_states',
      );
      expect(editable.rows.map((r) => `${r.role} ${r.status}`).sort()).toEqual(
        editableRows()
          .map((r) => `${r.role} ${r.status}`)
          .sort(),
      );
    });

    it('every role × from × to status change through save_story is allowed exactly when the matrix grants it', async () => {
      const grants = transitionGrantRows();
      const logins = { editor: 'yasin', 'desk-chief': 'huda', admin: 'amal' } as const;
      const mismatches: string[] = [];
      let tried = 0;
      for (const [role, person] of Object.entries(logins)) {
        const client = await room.as(person);
        for (const from of STATES) {
          for (const to of STATES) {
            if (to === from) continue;
            const id = `matrix-${role}-${from}-${to}`.slice(0, 60);
            // Own story (authors = the person), so ownOnly grants apply.
            await plant(room.owner, story(id, from, [person]));
            const next = { ...story(id, to, [person], 2), updatedAt: '2026-05-04T09:00:00.000Z' };
            const outcome = await attempt(client, 'SELECT mihbara.save_story($1, 1, $2)', [id, next]);
            const expected = grants.some((g) => g.role === role && g.from === from && g.to === to)
              ? 'ok'
              : 'MH403';
            if (outcome !== expected)
              mismatches.push(`${role} ${from}→${to}: ${outcome}, expected ${expected}`);
            tried += 1;
          }
        }
      }
      expect(tried).toBe(3 * STATES.length * (STATES.length - 1));
      expect(mismatches).toEqual([]);
    });

    it("an editor's login cannot approve or publish through the checked function, even their own story", async () => {
      await plant(room.owner, story('own-submitted', 'submitted', ['yasin']));
      await plant(room.owner, story('own-approved', 'approved', ['yasin']));
      await plant(room.owner, story('own-draft', 'draft', ['yasin']));
      const save = (id: string, status: string) =>
        attempt(editor, 'SELECT mihbara.save_story($1, 1, $2)', [
          id,
          { ...story(id, status as 'draft', ['yasin'], 2) },
        ]);
      expect(await save('own-submitted', 'approved')).toBe('MH403');
      expect(await save('own-approved', 'published')).toBe('MH403');
      expect(await save('own-draft', 'published')).toBe('MH403');
      expect(await save('own-submitted', 'scheduled')).toBe('MH403');
      // The one thing allowed: submitting their own draft.
      expect(await save('own-draft', 'submitted')).toBe('ok');
    });

    it("an editor's login is refused every forbidden action through hand-written SQL", async () => {
      await plant(room.owner, story('target-story', 'approved', ['yasin']));
      const published = JSON.stringify(story('target-story', 'published', ['yasin'], 2));
      const tries: Array<[string, string, unknown[]?]> = [
        // writing the tables directly: no grant
        [
          'publish by UPDATE',
          `UPDATE mihbara.stories SET doc = jsonb_set(doc, '{status}', '"published"') WHERE id = 'target-story'`,
        ],
        ['approve by UPDATE', `UPDATE mihbara.stories SET doc = jsonb_set(doc, '{status}', '"approved"')`],
        [
          'insert a published story',
          `INSERT INTO mihbara.stories (id, doc, updated_at) VALUES ('x-forged-1', $1, now())`,
          [published],
        ],
        ['delete stories', `DELETE FROM mihbara.stories`],
        [
          'go live by INSERT',
          `INSERT INTO mihbara.live (story_id, doc) VALUES ('target-story', $1)`,
          [published],
        ],
        [
          'forge a history line',
          `INSERT INTO mihbara.history (story_id, line) VALUES ('target-story', '{}')`,
        ],
        ['rewrite history', `UPDATE mihbara.history SET line = '{}'`],
        ['erase history', `DELETE FROM mihbara.history`],
        ['steal a lock', `UPDATE mihbara.locks SET holder = 'yasin'`],
        ['drop locks', `DELETE FROM mihbara.locks`],
        ['make oneself admin in the table', `UPDATE mihbara.users SET role = 'admin' WHERE id = 'yasin'`],
        ['read PIN hashes', `SELECT pin_hash FROM mihbara.users`],
        [
          'change the matrix',
          `INSERT INTO mihbara.transition_grants VALUES ('publish', 'editor', 'approved', 'published', false)`,
        ],
        ['turn off row security', `ALTER TABLE mihbara.stories DISABLE ROW LEVEL SECURITY`],
        ['become a desk chief (SET ROLE)', `SET ROLE mihbara_desk_chief`],
        ['grant oneself the desk-chief role', `GRANT mihbara_desk_chief TO CURRENT_USER`],
        [
          'replace a checked function',
          `CREATE OR REPLACE FUNCTION mihbara.my_role() RETURNS text LANGUAGE sql AS $$ SELECT 'admin' $$`,
        ],
        ['create in the schema', `CREATE TABLE mihbara.mine (x int)`],
        // the checked functions, asked for what an editor may not do
        ['go live through set_live', `SELECT mihbara.set_live('target-story', $1)`, [published]],
        ['take over a lock', `SELECT mihbara.take_over_lock('target-story', 60000)`],
        [
          'make oneself admin through put_user',
          `SELECT mihbara.put_user('{"id":"yasin","name":"ياسين أحمد","initials":"يأ","role":"admin"}')`,
        ],
        ['add a desk', `SELECT mihbara.put_desk('{"id":"x","name":"x"}')`],
        [
          'write a history line in the chief’s name',
          `SELECT mihbara.append_history('target-story', $1)`,
          [{ actor: 'huda', kind: 'transition', action: 'approve', to: 'approved', prev: '0'.repeat(64) }],
        ],
        [
          'write a scheduler line',
          `SELECT mihbara.append_history('target-story', $1)`,
          [
            {
              actor: 'scheduler',
              kind: 'transition',
              action: 'publish',
              to: 'approved',
              prev: '0'.repeat(64),
            },
          ],
        ],
        [
          'edit an approved story',
          `SELECT mihbara.save_story('target-story', 1, $1)`,
          [{ ...story('target-story', 'approved', ['yasin'], 2), headline: 'عنوان آخر' }],
        ],
        ['call the internal refuse helper', `SELECT mihbara.refuse('00000', 'x', 'x')`],
        ['read migrations bookkeeping', `SELECT * FROM mihbara_meta.migrations`],
      ];
      const outcomes = [];
      for (const [what, sql, params] of tries) outcomes.push([what, await attempt(editor, sql, params)]);
      const allowed = outcomes.filter(([, code]) => code === 'ok');
      expect(allowed).toEqual([]);
      // Each refusal is a privilege or workflow refusal, not a syntax error in the test.
      for (const [what, code] of outcomes) expect(['42501', 'MH403', '0LP01', '42883'], what).toContain(code);
      // And the story is still as it was.
      const row = await room.owner.query<{ status: string }>(
        "SELECT status FROM mihbara.stories WHERE id = 'target-story'",
      );
      expect(row.rows[0]!.status).toBe('approved');
    });

    it("an editor cannot change another editor's story, and a desk chief can approve it", async () => {
      await plant(room.owner, story('salma-story', 'submitted', ['salma']));
      const next = story('salma-story', 'approved', ['salma'], 2);
      expect(await attempt(editor, 'SELECT mihbara.save_story($1, 1, $2)', ['salma-story', next])).toBe(
        'MH403',
      );
      const chief = await room.as('huda');
      expect(await attempt(chief, 'SELECT mihbara.save_story($1, 1, $2)', ['salma-story', next])).toBe('ok');
    });

    it("an editor's login cannot lock a story they may not edit; a desk chief and the author can", async () => {
      await plant(room.owner, story('lock-others-draft', 'draft', ['salma']));
      await plant(room.owner, story('lock-own-submitted', 'submitted', ['yasin']));
      await plant(room.owner, story('lock-own-approved', 'approved', ['yasin']));
      await plant(room.owner, story('lock-own-draft', 'draft', ['yasin']));
      const lock = (client: pg.ClientBase, id: string) =>
        attempt(client, 'SELECT mihbara.acquire_lock($1, 60000)', [id]);
      // Someone else's draft, and their own story once it left their hands: refused by the server.
      expect(await lock(editor, 'lock-others-draft')).toBe('MH403');
      expect(await lock(editor, 'lock-own-submitted')).toBe('MH403');
      expect(await lock(editor, 'lock-own-approved')).toBe('MH403');
      expect(await lock(editor, 'lock-own-draft')).toBe('ok');
      const chief = await room.as('huda');
      expect(await lock(chief, 'lock-own-submitted')).toBe('ok');
      expect(await lock(chief, 'lock-others-draft')).toBe('ok');
      expect(await lock(chief, 'lock-own-approved')).toBe('ok');
      // A scheduled story is edited by nobody, so nobody locks it.
      await plant(room.owner, story('lock-scheduled', 'scheduled', ['yasin']));
      expect(await lock(chief, 'lock-scheduled')).toBe('MH403');
    });

    it('a transition cannot smuggle in a change of the text', async () => {
      await plant(room.owner, story('smuggle-story', 'submitted', ['salma']));
      const chief = await room.as('huda');
      const next = { ...story('smuggle-story', 'approved', ['salma'], 2), headline: 'عنوان لم يراجعه أحد' };
      expect(await attempt(chief, 'SELECT mihbara.save_story($1, 1, $2)', ['smuggle-story', next])).toBe(
        'MH403',
      );
    });

    it('migrations are numbered without gaps and every function pins its search_path', async () => {
      const versions = loadMigrations().map((m) => m.version);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
      const loose = await room.owner.query<{ proname: string }>(
        `SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'mihbara' AND NOT EXISTS (
         SELECT 1 FROM unnest(coalesce(p.proconfig, '{}')) c WHERE c LIKE 'search_path=%pg_temp')`,
      );
      expect(loose.rows.map((r) => r.proname)).toEqual([]);
      const definers = await room.owner.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'mihbara' AND p.prosecdef`,
      );
      expect(Number(definers.rows[0]!.n)).toBeGreaterThanOrEqual(10);
    });
  },
);
