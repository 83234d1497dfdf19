/**
 * The workflow service, unchanged, on the server: an editor's and a desk chief's workstations
 * (separate logins, separate pools) go through submit → return → resubmit → approve → publish,
 * the chief's list learns of each step through NOTIFY, history is hash-chained in the server,
 * comments and locks are shared, and the server refuses what the workflow refuses even when a
 * client goes around the workflow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import type { StorySummary } from '../../../shared/story/schema';
import { createStoryService } from '../../../electron/core/stories/service';
import { openTeam, type Team } from '../../../electron/core/team/open';
import { newsroom, story as readyStory, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';
import { silentLogger } from '../../../electron/core/log';

const reason = skipReason();

describe.skipIf(reason !== null)(
  `workflow on a real PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`,
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

    /** Resolves when `team`'s list shows story `id` in `status`. */
    const seen = (team: Team, id: string, status: string) =>
      new Promise<StorySummary>((resolve) => {
        const listener = (summary: StorySummary) => {
          if (summary.id === id && summary.status === status) {
            team.store.events.off('story', listener);
            resolve(summary);
          }
        };
        team.store.events.on('story', listener);
        void team.store.listPage({ limit: 500 }).then(({ items }) => {
          const now = items.find((s) => s.id === id && s.status === status);
          if (now) listener(now);
        });
      });

    it('submit → live in the desk chief’s list → return → resubmit → approve → publish, with history and comments', async () => {
      const editor = await workstation('yasin');
      const chief = await workstation('huda');
      expect((await editor.workflow.currentUser()).id).toBe('yasin');
      expect((await chief.workflow.currentUser()).id).toBe('huda');

      const stories = createStoryService(editor.store);
      const created = await stories.create('ar', await editor.workflow.service.newStoryFields('yasin'));
      const ready = readyStory(created.id, 'draft', ['yasin']);
      await editor.workflow.service.beforeSave(created.id, 1, {}, 'yasin');
      await stories.save(created.id, 1, {
        headline: ready.headline,
        byline: ready.byline,
        body: ready.body,
        slugline: 'قمة-بغداد',
        tags: ['ليبيا'],
        leadImage: {
          file: `${'a'.repeat(64)}.jpg`,
          caption: 'المجلس الرئاسي الليبي',
          credit: 'وكالة الأنباء',
          altText: 'أعضاء المجلس',
        },
      });

      await editor.workflow.service.transition(created.id, 'submit', 'yasin');
      await seen(chief, created.id, 'submitted');

      // The editor cannot approve: refused by the workflow, and by the server when asked directly.
      const refused = await editor.workflow.service
        .transition(created.id, 'approve', 'yasin')
        .catch((e: unknown) => e);
      expect((refused as ApiError).code).toBe('forbidden');
      const around = await editor.store
        .update(created.id, (current) => ({ ...current!, status: 'approved', version: current!.version + 1 }))
        .catch((e: unknown) => e);
      expect(around).toBeInstanceOf(ApiError);
      expect((around as ApiError).code).toBe('forbidden');

      const comment = await chief.workflow.service.addComment(
        created.id,
        { block: 0, start: 0, end: 5 },
        'مصدر؟',
        'huda',
      );
      await chief.workflow.service.transition(created.id, 'return', 'huda', { note: 'أضف المصدر' });
      await seen(editor, created.id, 'returned');
      expect((await editor.workflow.service.listComments(created.id)).map((c) => c.id)).toEqual([comment.id]);
      await editor.workflow.service.replyToComment(created.id, comment.id, 'أضفته', 'yasin');

      await editor.workflow.service.transition(created.id, 'submit', 'yasin');
      await seen(chief, created.id, 'submitted');
      await chief.workflow.service.transition(created.id, 'approve', 'huda');
      await seen(editor, created.id, 'approved');
      const published = await chief.workflow.service.transition(created.id, 'publish', 'huda');
      expect(published.status).toBe('published');
      expect((await editor.workflow.service.live(created.id))?.version).toBe(published.version);

      const history = await editor.workflow.service.readHistory(created.id);
      expect(history.intact).toBe(true);
      expect(
        history.entries.filter((e) => e.kind === 'transition').map((e) => `${e.actor}:${e.action}`),
      ).toEqual(['yasin:submit', 'huda:return', 'yasin:submit', 'huda:approve', 'huda:publish']);
      expect((await chief.workflow.service.checkpoints(created.id)).map((c) => c.event)).toEqual(
        expect.arrayContaining(['submit', 'return', 'approve', 'publish']),
      );
    });

    it("a lock taken on one workstation shows on the other's lock table, and the other is refused the save", async () => {
      const editor = await workstation('yasin');
      const other = await workstation('salma');
      const created = await createStoryService(editor.store).create('ar', { authors: [] });
      const arrived = new Promise<void>((resolve) =>
        other.store.events.on('lock', (event) => {
          if (event.storyId === created.id && event.lock?.holder === 'yasin') resolve();
        }),
      );
      await editor.workflow.service.lockFor(created.id, 'yasin');
      await arrived;
      expect(other.workflow.service.locks.get(created.id)?.holder).toBe('yasin');
      const refused = await other.workflow.service
        .beforeSave(created.id, 1, { headline: 'س' }, 'salma')
        .catch((e: unknown) => e);
      expect((refused as ApiError).code, String(refused)).toBe('locked');
    });

    it('the checklist of stories without a desk and a desk’s English name are kept on the server', async () => {
      const admin = await workstation('amal');
      const editor = await workstation('yasin');
      await admin.workflow.service.users.setNoDeskChecklist({ levels: { subject: 'warn' }, sluglineMax: 40 });
      const desk = await admin.workflow.service.users.addDesk('ثقافة', 'culture', 'Culture');
      await admin.workflow.service.users.updateDesk(desk.id, { latinName: 'Culture Desk' });
      // The other workstation reads them from the server; the reserved row is never listed as a desk.
      expect((await editor.workflow.service.users.noDeskChecklist()).levels).toEqual({ subject: 'warn' });
      expect((await editor.workflow.service.users.checklistFor(undefined)).levels).toEqual({
        subject: 'warn',
      });
      const desks = await editor.workflow.service.users.desks();
      expect(desks.find((d) => d.id === desk.id)?.latinName).toBe('Culture Desk');
      expect(desks.map((d) => d.id)).not.toContain('_no-desk');
      // An editor cannot change them: the server refuses.
      await expect(
        editor.workflow.service.users.setNoDeskChecklist({ levels: {}, sluglineMax: 40 }),
      ).rejects.toBeTruthy();
    });

    it('a switch to another user is refused: on a workstation, the database login is the user', async () => {
      const editor = await workstation('yasin');
      const refused = await editor.workflow.switchUser('huda').catch((e: unknown) => e);
      expect((refused as ApiError).code).toBe('forbidden');
      expect((await editor.workflow.currentUser()).id).toBe('yasin');
    });
  },
);
