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
import { createDispatch, type Dispatch } from '../../../electron/main/api/dispatch';
import { createHandlers } from '../../../electron/main/api/handlers';
import { createStoryService } from '../../../electron/main/stories/service';
import { feedFromTeamStore } from '../../../electron/main/team/feed';
import { openTeam, type Team } from '../../../electron/main/team/open';
import { newsroom, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';

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

  const workstation = async (person: string): Promise<Dispatch> => {
    const root = mkdtempSync(join(tmpdir(), 'mihbara-handlers-'));
    folders.push(root);
    const team = await openTeam(
      { url: room.urlAs(person) },
      { localRoot: root, log: () => undefined, retryMs: 200 },
    );
    teams.push(team);
    return createDispatch(
      createHandlers({
        store: team.store,
        stories: createStoryService(team.store),
        workflow: team.workflow,
        team: { root, store: team.store, feed: feedFromTeamStore(team.store) },
      }),
      () => undefined,
    );
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

    const created = value<{ id: string; version: number }>(await editor('createStory', { language: 'ar' }));
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

  it('in local mode the feed says it is not live and the status says local', async () => {
    const { openStore } = await import('../../../electron/main/store/story-store');
    const root = mkdtempSync(join(tmpdir(), 'mihbara-handlers-local-'));
    folders.push(root);
    const store = await openStore(root, { mode: 'write', create: true });
    try {
      const dispatch = createDispatch(
        createHandlers({ store, stories: createStoryService(store) }),
        () => undefined,
      );
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
