/**
 * The same domain tests against both backends: the local folder store and the newsroom server.
 * Stories (create, save, stale save, list, revisions, comparison, recovery drafts) and the
 * workflow (submit, the editor refused approval, return with a note, approve, history) behave
 * the same whichever store is underneath.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiError } from '../../../shared/api/errors';
import type { Story } from '../../../shared/story/schema';
import { createStoryService, type StoryService } from '../../../electron/core/stories/service';
import { openStore } from '../../../electron/core/store/story-store';
import type { FolderStore, StoryArchive, StoryStore } from '../../../electron/core/store/types';
import { openTeam } from '../../../electron/core/team/open';
import { createWorkflow, type Workflow } from '../../../electron/core/workflow';
import { newsroom, PEOPLE, story as readyStory, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';
import { silentLogger } from '../../../electron/core/log';

const reason = skipReason();

interface Seat {
  store: StoryStore & StoryArchive;
  stories: StoryService;
  workflow: Workflow;
}
interface Backend {
  /** the workstation of a person (local: one store, acting in their name) */
  seat(person: string): Promise<Seat>;
  close(): Promise<void>;
}

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mihbara-both-'));
  folders.push(dir);
  return dir;
};

async function localBackend(): Promise<Backend> {
  const store: FolderStore = await openStore(folder(), { mode: 'write', create: true });
  const workflow = createWorkflow(store, { log: silentLogger });
  for (const person of PEOPLE)
    await workflow.service.users.add({ id: person.id, name: person.name, role: person.role });
  const seat: Seat = { store, stories: createStoryService(store), workflow };
  return { seat: async () => seat, close: () => store.close() };
}

async function teamBackend(room: Newsroom): Promise<Backend> {
  const seats = new Map<string, Awaited<ReturnType<typeof openTeam>>>();
  return {
    async seat(person) {
      let team = seats.get(person);
      if (!team) {
        team = await openTeam({ url: room.urlAs(person) }, { localRoot: folder(), log: silentLogger });
        seats.set(person, team);
      }
      return { store: team.store, stories: createStoryService(team.store), workflow: team.workflow };
    },
    async close() {
      for (const team of seats.values()) await team.close();
    },
  };
}

const ready = (id: string) => {
  const full = readyStory(id, 'draft', ['yasin']);
  return {
    headline: full.headline,
    byline: full.byline,
    body: full.body,
    tags: ['ليبيا'],
    leadImage: {
      file: `${'a'.repeat(64)}.jpg`,
      caption: 'المجلس الرئاسي الليبي',
      credit: 'وكالة الأنباء',
      altText: 'أعضاء المجلس',
    },
  };
};

let room: Newsroom | null = null;
beforeAll(async () => {
  if (!reason) room = await newsroom();
}, 60_000);
afterAll(async () => {
  await room?.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['local folder store', () => localBackend()],
  ['newsroom server (PostgreSQL)', () => teamBackend(room!)],
] as const)('%s', (name, make) => {
  const skip = name.startsWith('newsroom') && reason !== null;
  let backend: Backend;
  beforeAll(async () => {
    if (!skip) backend = await make();
  });
  afterAll(async () => {
    if (!skip) await backend.close();
  });

  it.skipIf(skip)(
    'stories: create, save, stale save refused, list, revisions, comparison, recovery drafts',
    async () => {
      const { store, stories } = await backend.seat('yasin');
      const created = await stories.create('ar', { authors: ['yasin'] });
      const saved = await stories.save(created.id, 1, { headline: 'قمة بغداد' });
      expect(saved.version).toBe(2);
      const stale = await stories.save(created.id, 1, { headline: 'نص قديم' }).catch((e: unknown) => e);
      expect((stale as ApiError).code).toBe('conflict');
      expect((await stories.get(created.id)).headline).toBe('قمة بغداد');
      expect((await store.listPage({ limit: 1 })).items[0]).toMatchObject({
        id: created.id,
        version: 2,
        headline: 'قمة بغداد',
      });
      expect(await store.has(created.id)).toBe(true);
      expect((await store.listRevisions(created.id)).map((r) => r.version)).toEqual([1, 2]);
      expect((await store.getRevision(created.id, 1)).headline).toBe('');
      const comparison = await store.compareRevisions(created.id, 1, 2);
      expect(comparison.fields).toEqual([{ field: 'headline', before: '', after: 'قمة بغداد' }]);
      await store.putRecoveryDraft(created.id, 2, { headline: 'ما لم يُحفظ' });
      expect((await store.listRecoveryDrafts()).map((o) => [o.id, o.headline])).toEqual([
        [created.id, 'ما لم يُحفظ'],
      ]);
      const settled: Story = await stories.save(created.id, 2, { headline: 'ما لم يُحفظ' });
      await store.settleRecoveryDraft(created.id, settled);
      expect(await store.listRecoveryDrafts()).toEqual([]);
    },
  );

  it.skipIf(skip)(
    'workflow: submit, the editor cannot approve, return with a note, approve, history',
    async () => {
      const editor = await backend.seat('yasin');
      const chief = await backend.seat('huda');
      const created = await editor.stories.create(
        'ar',
        await editor.workflow.service.newStoryFields('yasin'),
      );
      await editor.stories.save(created.id, 1, ready(created.id));
      await editor.workflow.service.transition(created.id, 'submit', 'yasin');
      const refused = await editor.workflow.service
        .transition(created.id, 'approve', 'yasin')
        .catch((e: unknown) => e);
      expect((refused as ApiError).code).toBe('forbidden');
      const noNote = await chief.workflow.service
        .transition(created.id, 'return', 'huda')
        .catch((e: unknown) => e);
      expect((noNote as ApiError).issues?.[0]?.message).toBe('note-required');
      await chief.workflow.service.transition(created.id, 'return', 'huda', { note: 'أضف المصدر' });
      await editor.workflow.service.transition(created.id, 'submit', 'yasin');
      const approved = await chief.workflow.service.transition(created.id, 'approve', 'huda');
      expect(approved.status).toBe('approved');
      const history = await editor.workflow.service.readHistory(created.id);
      expect(history.intact).toBe(true);
      expect(history.entries.map((e) => `${e.actor}:${e.action}:${e.to}`)).toEqual([
        'yasin:submit:submitted',
        'huda:return:returned',
        'yasin:submit:submitted',
        'huda:approve:approved',
      ]);
      expect((await editor.stories.get(created.id)).status).toBe('approved');
    },
  );
});
