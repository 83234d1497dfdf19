/**
 * Who may call what, generated from the contract: every operation declares a policy, and for
 * every operation and every role the dispatcher's check refuses exactly where the matrix says so.
 * Then the story-changing operations end to end: an editor who may not edit a story can neither
 * save it nor rewrite it through a recovery draft or an old revision.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorizer } from '../../../electron/core/api/authorize';
import { openStore } from '../../../electron/core/store/story-store';
import type { Workstation } from '../../../electron/core/workstation';
import { contract, OPERATIONS } from '../../../shared/api/contract';
import { chiefOfDesk, POLICIES, policyFor, storyFor } from '../../../shared/api/policy';
import { WorkflowAction } from '../../../shared/workflow/model';
import { mayEdit } from '../../../shared/workflow/transitions';
import type { User } from '../../../shared/workflow/model';
import { workstationOn } from '../helpers/workstation';

let root: string;
let ws: Workstation;
let people: Record<'editor' | 'other' | 'chief' | 'otherChief' | 'admin', User>;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'mihbara-policy-'));
  ws = await workstationOn(await openStore(root, { mode: 'write', create: true }));
  const users = ws.services.workflow.service.users;
  people = {
    editor: await users.add({ name: 'ياسين أحمد', latinName: 'Yasin Ahmed', role: 'editor' }),
    other: await users.add({ name: 'ليلى حسن', latinName: 'Layla Hassan', role: 'editor' }),
    chief: await users.add({
      name: 'سلمى الكبير',
      latinName: 'Salma Kabir',
      role: 'desk-chief',
      desks: ['politics'],
    }),
    otherChief: await users.add({
      name: 'مراد العلي',
      latinName: 'Murad Ali',
      role: 'desk-chief',
      desks: ['economy'],
    }),
    admin: await users.find('admin'),
  };
});
afterEach(async () => {
  await ws.close();
  await rm(root, { recursive: true, force: true });
});

type Result = { ok: boolean; value?: unknown; error?: { code: string } };
const as = async (who: User) => {
  const switched = (await ws.dispatch('switchUser', { userId: who.id })) as Result;
  expect(switched.ok).toBe(true);
};
const call = async (operation: string, request: unknown) => (await ws.dispatch(operation, request)) as Result;

describe('policies generated from the contract', () => {
  it('every operation declares one of the policies', () => {
    for (const operation of OPERATIONS) expect(POLICIES, operation).toContain(contract[operation].policy);
  });

  it('each role is refused exactly where the matrix says so, for every operation', async () => {
    // A draft of the editor's: what `story-editor` operations name.
    await as(people.editor);
    const created = (await call('createStory', { language: 'ar', edit: { headline: 'مسودة' } })) as {
      value: { id: string };
    };
    // The story belongs to the politics desk: the economy desk's chief is not its chief.
    await call('saveStory', { id: created.value.id, baseVersion: 1, edit: { desk: 'politics' } });
    await call('releaseStory', { id: created.value.id });
    const story = await ws.services.store.get(created.value.id);
    expect(story.desk).toBe('politics');
    const check = authorizer(ws.services.workflow, ws.services.store);
    const jobKinds = ['backup', 'verify', 'rebuild-search-index', 'export', 'import'];
    let checked = 0;
    const refusedForDesk: string[] = [];
    for (const role of ['editor', 'other', 'chief', 'otherChief', 'admin'] as const) {
      const actor = people[role];
      await as(actor);
      for (const operation of OPERATIONS) {
        const requests: object[] =
          operation === 'startJob'
            ? jobKinds.map((kind) => ({ kind }))
            : operation === 'transitionStory'
              ? WorkflowAction.options.map((action) => ({ id: story.id, action }))
              : [{ id: story.id, baseVersion: story.version }];
        for (const request of requests) {
          const policy = policyFor(contract[operation], request);
          const named = storyFor(contract[operation], request);
          const allowed = {
            'signed-in': true,
            admin: actor.role === 'admin',
            'desk-chief':
              actor.role === 'admin' ||
              (actor.role === 'desk-chief' && (named === undefined || chiefOfDesk(actor, story.desk))),
            'story-editor': mayEdit(story, actor).ok,
          }[policy];
          if (policy === 'desk-chief' && actor.role === 'desk-chief' && !allowed)
            refusedForDesk.push(`${operation} ${JSON.stringify(request)}`);
          const outcome = await check(policy, operation, request).then(
            () => 'allowed',
            (error: { code?: string }) => error.code,
          );
          expect(outcome, `${role} → ${operation} ${JSON.stringify(request)} (${policy})`).toBe(
            allowed ? 'allowed' : 'forbidden',
          );
          checked += 1;
          // Taking the story's lock is part of being allowed to change it: give it back.
          if (policy === 'story-editor' && allowed)
            await ws.services.workflow.service.releaseLock(story.id, actor.id);
        }
      }
    }
    expect(checked).toBeGreaterThan(OPERATIONS.length * 5);
    // The chief of another desk was refused the chiefs' transitions of this politics story.
    expect(refusedForDesk).toContain(
      `transitionStory ${JSON.stringify({ id: story.id, action: 'approve' })}`,
    );
    // …and taking over its lock.
    expect(refusedForDesk).toContain(
      `takeOverLock ${JSON.stringify({ id: story.id, baseVersion: story.version })}`,
    );
  });
});

describe('every operation that changes a story passes the same check', () => {
  it("another editor's draft: save, recovery restore and revision restore are all refused, nothing written", async () => {
    await as(people.editor);
    const created = (await call('createStory', { language: 'ar', edit: { headline: 'مسودة' } })) as {
      value: { id: string };
    };
    const id = created.value.id;
    expect((await call('saveStory', { id, baseVersion: 1, edit: { headline: 'خبر الكاتب' } })).ok).toBe(true);
    expect((await call('putRecoveryDraft', { id, baseVersion: 2, draft: { headline: 'مسودة' } })).ok).toBe(
      true,
    );
    await call('releaseStory', { id });

    await as(people.other);
    const attempts = {
      save: await call('saveStory', { id, baseVersion: 2, edit: { headline: 'مزور' } }),
      draft: await call('putRecoveryDraft', { id, baseVersion: 2, draft: { headline: 'مزور' } }),
      restoreDraft: await call('restoreRecoveryDraft', { id }),
      restoreRevision: await call('restoreRevision', { id, version: 1, baseVersion: 2 }),
    };
    for (const [what, result] of Object.entries(attempts)) {
      expect([what, result.ok, result.error?.code]).toEqual([what, false, 'forbidden']);
    }
    const story = await ws.services.store.get(id);
    expect([story.version, story.headline]).toEqual([2, 'خبر الكاتب']);

    // The author still may.
    await as(people.editor);
    expect((await call('restoreRevision', { id, version: 1, baseVersion: 2 })).ok).toBe(true);
  });

  it("an embargo is a change of the story: refused on another editor's draft and on a story someone else has open", async () => {
    await as(people.editor);
    const created = (await call('createStory', { language: 'ar', edit: { headline: 'خبر الكاتب' } })) as {
      value: { id: string };
    };
    const id = created.value.id;
    await call('releaseStory', { id });
    const until = new Date(Date.now() + 3_600_000).toISOString();

    await as(people.other);
    expect((await call('setEmbargo', { id, until })).error?.code).toBe('forbidden');
    await as(people.editor);
    expect((await call('lockStory', { id })).ok).toBe(true);
    // The administrator may edit a draft, but the editor holds its lock: an embargo set now would
    // turn the editor's next save into a conflict.
    await as(people.admin);
    expect((await call('setEmbargo', { id, until })).error?.code).toBe('locked');
    expect((await ws.services.store.get(id)).embargo).toBeUndefined();

    await as(people.editor);
    expect((await call('setEmbargo', { id, until })).ok).toBe(true);
    expect((await ws.services.store.get(id)).embargo).toBe(until);
  });

  it('a story locked by someone else: a revision restore is refused for the lock', async () => {
    await as(people.editor);
    const created = (await call('createStory', { language: 'ar', edit: { headline: 'مسودة' } })) as {
      value: { id: string };
    };
    const id = created.value.id;
    await call('saveStory', { id, baseVersion: 1, edit: { headline: 'أ' } });
    // The administrator may edit a draft, but the editor holds its lock.
    await as(people.admin);
    const refused = await call('restoreRevision', { id, version: 1, baseVersion: 2 });
    expect(refused.error?.code).toBe('locked');
    expect((await ws.services.store.get(id)).version).toBe(2);
  });
});
