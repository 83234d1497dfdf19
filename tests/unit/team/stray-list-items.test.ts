/**
 * A newsroom server holding stories and revisions written before list items were kept inside
 * lists: every revision reads back well-formed through the one repair, and an old revision
 * restores as the next version.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyToText } from '../../../shared/format/body-to-html';
import { misplacedListNodes } from '../../../shared/story/schema';
import { archiveOf } from '../../../electron/core/store/archive';
import { restoreRevision } from '../../../electron/core/store/history';
import { openTeam, type Team } from '../../../electron/core/team/open';
import { newsroom, story as readyStory, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';
import { silentLogger } from '../../../electron/core/log';

const reason = skipReason();

describe.skipIf(reason !== null)(
  `old list shapes on a real PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let room: Newsroom;
    let team: Team;
    const folder = mkdtempSync(join(tmpdir(), 'mihbara-ws-stray-'));
    beforeAll(async () => {
      room = await newsroom();
      team = await openTeam({ url: room.urlAs('yasin') }, { localRoot: folder, log: silentLogger });
    }, 60_000);
    afterAll(async () => {
      await team?.close();
      await room?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('reads every revision well-formed and restores an old one', async () => {
      const id = 'old-shape-on-server';
      await team.store.update(id, () => readyStory(id, 'draft', ['yasin']));
      await team.store.update(id, (current) => ({ ...current!, version: 2, headline: 'عنوان ثان' }));
      // What an older version wrote: list items at the top of the body, in the story and its revisions.
      const stray = [
        { type: 'paragraph', children: [{ text: 'مقدمة' }] },
        { type: 'list-item', children: [{ text: 'البند الشارد' }] },
      ];
      await room.owner.query('SET session_replication_role = replica');
      await room.owner.query(
        `UPDATE mihbara.revisions SET doc = jsonb_set(doc, '{body}', $2::jsonb) WHERE story_id = $1`,
        [id, JSON.stringify(stray)],
      );
      await room.owner.query('SET session_replication_role = origin');

      for (const version of [1, 2]) {
        const old = await team.store.getRevision(id, version);
        expect(misplacedListNodes(old.body)).toEqual([]);
        expect(bodyToText(old.body)).toContain('البند الشارد');
      }
      expect((await team.store.listRevisions(id)).map((info) => info.version)).toEqual([1, 2]);
      const restored = await restoreRevision(archiveOf(team.store), id, 1, { baseVersion: 2 });
      expect(restored.version).toBe(3);
      expect(restored.body.map((block) => block.type)).toEqual(['paragraph', 'bulleted-list']);
    });
  },
);
