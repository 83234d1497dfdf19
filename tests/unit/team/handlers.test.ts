/**
 * Team mode through the handler table and the dispatcher (what the bridge and the Electron IPC
 * serve): the change feed brings another workstation's save, the status reports the backend and
 * the outbox, and a save made while the server is stopped is accepted and sent when it is back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api/errors';
import { type Dispatch } from '../../../electron/core/api/dispatch';
import { openTeam, type Team } from '../../../electron/core/team/open';
import { newsroom, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';
import { workstationOn } from '../helpers/workstation';
import { openWorkstation } from '../../../electron/core/workstation';
import { silentLogger } from '../../../electron/core/log';

const reason = skipReason();

describe.skipIf(reason !== null)(`team handlers${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let room: Newsroom;
  const teams: Team[] = [];
  const folders: string[] = [];
  beforeAll(async () => {
    room = await newsroom();
  }, 60_000);
  afterAll(async () => {
    for (const team of teams) await team.close();
    await room?.close();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  const workstation = async (person: string, folder?: string): Promise<Dispatch> => {
    const root = folder ?? mkdtempSync(join(tmpdir(), 'mihbara-handlers-'));
    folders.push(root);
    const team = await openTeam(
      { url: room.urlAs(person) },
      { localRoot: root, log: silentLogger, retryMs: 200 },
    );
    teams.push(team);
    return (await openWorkstation({ root, log: silentLogger }, { team })).dispatch;
  };
  const value = <T>(result: ApiResult<unknown>): T => {
    expect(result.ok, JSON.stringify(result)).toBe(true);
    return (result as { ok: true; value: T }).value;
  };

  it('the feed brings a save from another workstation; offline saves wait and are sent', async () => {
    const editor = await workstation('yasin');
    const chief = await workstation('huda');
    expect(value<{ user: { id: string } }>(await editor('getSession', {})).user.id).toBe('yasin');
    expect(value<{ backend: string; online: boolean }>(await editor('getTeamStatus', {}))).toMatchObject({
      backend: 'team',
      online: true,
      pending: 0,
    });
    const start = value<{ seq: number }>(await chief('waitForChanges', { since: 0, waitMs: 0 })).seq;

    const created = value<{ id: string; version: number }>(
      await editor('createStory', { language: 'ar', edit: { headline: 'مسودة' } }),
    );
    const feed = value<{ live: boolean; events: Array<{ kind: string; summary?: { id: string } }> }>(
      await chief('waitForChanges', { since: start, waitMs: 10_000 }),
    );
    expect(feed.live).toBe(true);
    expect(feed.events.some((e) => e.kind === 'story' && e.summary?.id === created.id)).toBe(true);

    value(await editor('saveStory', { id: created.id, baseVersion: 1, edit: { headline: 'قبل الانقطاع' } }));
    room.cluster.stop();
    try {
      const offline = value<{ version: number }>(
        await editor('saveStory', { id: created.id, baseVersion: 2, edit: { headline: 'أثناء الانقطاع' } }),
      );
      expect(offline.version).toBe(3);
      expect(value<{ online: boolean; pending: number }>(await editor('getTeamStatus', {}))).toMatchObject({
        online: false,
        pending: 1,
      });
      // Workflow actions wait for the server: refused, nothing lost.
      const submit = await editor('transitionStory', { id: created.id, action: 'submit' });
      expect(submit.ok).toBe(false);
    } finally {
      room.cluster.start();
    }
    // The store retries on its own and drains.
    const owner = new pg.Client({ connectionString: room.ownerUrl });
    owner.on('error', () => undefined);
    await owner.connect();
    try {
      for (;;) {
        const status = value<{ online: boolean; pending: number }>(await editor('getTeamStatus', {}));
        if (status.online && status.pending === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const row = await owner.query<{ headline: string; version: number }>(
        'SELECT headline, version FROM mihbara.stories WHERE id = $1',
        [created.id],
      );
      expect(row.rows[0]).toEqual({ headline: 'أثناء الانقطاع', version: 3 });
    } finally {
      await owner.end();
    }
  });

  it('an image added through one workstation’s API is read through another’s (shared on the server)', async () => {
    const editor = await workstation('yasin');
    const chief = await workstation('huda');
    // The smallest GIF: header, 1×1 screen, no colour table, one image, trailer.
    const gif = Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAACAkQBADs=', 'base64');
    const { file } = value<{ file: string }>(
      await editor('addMedia', { name: 'نقطة.gif', mime: 'image/gif', dataBase64: gif.toString('base64') }),
    );
    const read = value<{ mime: string; dataBase64: string }>(await chief('readMedia', { file }));
    expect(read.mime).toBe('image/gif');
    expect(read.dataBase64).toBe(gif.toString('base64'));
  });

  it('an app started while the server is stopped signs in from the last session, edits, and drains on restart', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mihbara-handlers-offline-'));
    // A first, connected session: the people, the login's identity, the list and the story are remembered.
    const first = await workstation('yasin', root);
    const created = value<{ id: string }>(
      await first('createStory', { language: 'ar', edit: { headline: 'مسودة' } }),
    );
    value(await first('saveStory', { id: created.id, baseVersion: 1, edit: { headline: 'قبل الإغلاق' } }));
    await teams.pop()!.close();

    room.cluster.stop();
    let created2: { id: string };
    try {
      const offline = await workstation('yasin', root);
      const session = value<{ user: { id: string; role: string }; users: Array<{ id: string }> }>(
        await offline('getSession', {}),
      );
      expect(session.user).toMatchObject({ id: 'yasin', role: 'editor' });
      expect(session.users.map((user) => user.id)).toEqual(expect.arrayContaining(['yasin', 'huda']));
      expect(
        value<{ items: Array<{ id: string }> }>(await offline('listStories', {})).items.map((s) => s.id),
      ).toContain(created.id);
      const story = value<{ version: number; headline: string }>(
        await offline('getStory', { id: created.id }),
      );
      expect(story).toMatchObject({ version: 2, headline: 'قبل الإغلاق' });
      value(await offline('saveStory', { id: created.id, baseVersion: 2, edit: { headline: 'بلا خادم' } }));
      created2 = value<{ id: string }>(
        await offline('createStory', { language: 'ar', edit: { headline: 'مسودة' } }),
      );
      // A story the server has not seen stays at version 1 until it is sent, however often it is saved.
      for (const headline of ['مسودة أولى', 'قصة جديدة بلا خادم']) {
        const saved = value<{ version: number }>(
          await offline('saveStory', { id: created2.id, baseVersion: 1, edit: { headline } }),
        );
        expect(saved.version).toBe(1);
      }
      expect(value<{ online: boolean; pending: number }>(await offline('getTeamStatus', {}))).toMatchObject({
        online: false,
        pending: 2,
      });
    } finally {
      room.cluster.start();
    }
    const back = teams.at(-1)!;
    await expect
      .poll(() => back.store.status(), { timeout: 15_000 })
      .toMatchObject({ online: true, pending: 0 });
    const owner = new pg.Client({ connectionString: room.ownerUrl });
    owner.on('error', () => undefined);
    await owner.connect();
    try {
      const rows = await owner.query<{ id: string; headline: string; version: number }>(
        'SELECT id, headline, version FROM mihbara.stories WHERE id = ANY($1) ORDER BY version DESC',
        [[created.id, created2.id]],
      );
      expect(rows.rows).toEqual([
        { id: created.id, headline: 'بلا خادم', version: 3 },
        { id: created2.id, headline: 'قصة جديدة بلا خادم', version: 1 },
      ]);
      // Each version written once: nothing lost, nothing duplicated.
      const revisions = await owner.query<{ n: string }>(
        'SELECT count(*) AS n FROM mihbara.revisions WHERE story_id = ANY($1)',
        [[created.id, created2.id]],
      );
      expect(Number(revisions.rows[0]!.n)).toBe(3 + 1);
    } finally {
      await owner.end();
    }
  });

  it('in local mode the feed says it is not live and the status says local', async () => {
    const { openStore } = await import('../../../electron/core/store/story-store');
    const root = mkdtempSync(join(tmpdir(), 'mihbara-handlers-local-'));
    folders.push(root);
    const store = await openStore(root, { mode: 'write', create: true });
    try {
      const { dispatch } = await workstationOn(store);
      expect(value(await dispatch('waitForChanges', { since: 0 }))).toEqual({
        seq: 0,
        live: false,
        events: [],
      });
      expect(value(await dispatch('getTeamStatus', {}))).toEqual({
        backend: 'local',
        online: true,
        pending: 0,
        conflicts: [],
      });
      const saved = value<{ backend: string }>(
        await dispatch('saveTeamSettings', {
          settings: {
            backend: 'team',
            url: 'postgres://db.newsroom/mihbara',
            user: 'mihbara_yasin',
            tls: 'require',
            caFile: '',
          },
        }),
      );
      expect(saved.backend).toBe('team');
      expect(value<{ user: string }>(await dispatch('getTeamSettings', {})).user).toBe('mihbara_yasin');
      // A password in the address is refused: it would be written to disk.
      const refused = await dispatch('saveTeamSettings', {
        settings: {
          backend: 'team',
          url: 'postgres://u:secret@db/mihbara',
          user: '',
          tls: 'require',
          caFile: '',
        },
      });
      expect(refused.ok).toBe(false);
    } finally {
      await store.close();
    }
  });
});
