/**
 * The administrator's people-and-desks operations through the dispatcher (the path the UI and the
 * bridge take), "mark reviewed", and the lock takeover that saves the holder's unsaved text as a
 * revision.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/story-store';
import { createWorkflow } from '../../../electron/core/workflow';
import { Story } from '../../../shared/story/schema';
import { readyStory, setup, T0 } from './helpers';
import { workstationOn } from '../helpers/workstation';
import { silentLogger } from '../../../electron/core/log';

type Result = { ok: boolean; value?: unknown; error?: { code: string; issues?: Array<{ message: string }> } };

describe('people and desks: only an administrator changes them', () => {
  const changes: Array<[string, string, (w: Awaited<ReturnType<typeof setup>>) => object]> = [
    [
      'addPerson',
      'a user',
      () => ({ name: 'نور سالم', latinName: 'Nour Salem', role: 'editor', pin: '4321' }),
    ],
    ['updatePerson', 'a role', (w) => ({ userId: w.otherEditor.id, role: 'desk-chief' })],
    ['updatePerson', 'a PIN', (w) => ({ userId: w.otherEditor.id, pin: '9876' })],
    ['updatePerson', 'deactivation', (w) => ({ userId: w.otherEditor.id, active: false })],
    ['addDesk', 'a desk', () => ({ name: 'ثقافة', id: 'culture' })],
    ['updateDesk', 'a desk name', () => ({ deskId: 'politics', name: 'شؤون سياسية' })],
    ['setDeskMembers', 'members', (w) => ({ deskId: 'politics', userIds: [w.editor.id] })],
  ];
  for (const role of ['editor', 'desk-chief'] as const) {
    for (const [operation, label, request] of changes) {
      it(`refuses ${operation} (${label}) from a ${role}, changing nothing`, async () => {
        const w = await setup();
        const actor = role === 'editor' ? w.editor : w.chief;
        await w.dispatch('switchUser', { userId: actor.id, pin: role === 'editor' ? '1234' : '5678' });
        const before = await w.dispatch('listPeople', {});
        const result = (await w.dispatch(operation as 'addDesk', request(w) as never)) as Result;
        expect(result.ok).toBe(false);
        expect(result.error).toMatchObject({ code: 'forbidden', issues: [{ message: 'role' }] });
        expect(await w.dispatch('listPeople', {})).toEqual(before);
      });
    }
  }

  it('lets the administrator add a user with a PIN, change the role, reset the PIN and deactivate', async () => {
    const w = await setup();
    const added = (await w.dispatch('addPerson', {
      name: 'نور سالم',
      latinName: 'Nour Salem',
      role: 'editor',
      desks: ['economy'],
      pin: '4321',
    })) as Result;
    expect(added.value).toMatchObject({
      id: 'nour-salem',
      initials: 'نس',
      role: 'editor',
      desks: ['economy'],
      hasPin: true,
      active: true,
    });
    expect(JSON.stringify(added.value)).not.toContain('pinHash');
    expect(await w.dispatch('updatePerson', { userId: 'nour-salem', role: 'desk-chief' })).toMatchObject({
      ok: true,
      value: { role: 'desk-chief' },
    });
    // A reset PIN replaces the old one.
    await w.dispatch('updatePerson', { userId: 'nour-salem', pin: '5555' });
    expect(await w.dispatch('switchUser', { userId: 'nour-salem', pin: '4321' })).toMatchObject({
      ok: false,
    });
    expect(await w.dispatch('switchUser', { userId: 'nour-salem', pin: '5555' })).toMatchObject({ ok: true });
    await w.dispatch('switchUser', { userId: 'admin' });
    // Deactivated: kept in the list (history names them) but cannot switch in.
    await w.dispatch('updatePerson', { userId: 'nour-salem', active: false });
    const refused = (await w.dispatch('switchUser', { userId: 'nour-salem', pin: '5555' })) as Result;
    expect(refused.error).toMatchObject({ code: 'forbidden', issues: [{ message: 'inactive' }] });
    const session = (await w.dispatch('getSession', {})) as { value: { users: Array<{ id: string }> } };
    expect(session.value.users.map((u) => u.id)).not.toContain('nour-salem');
    const people = (await w.dispatch('listPeople', {})) as {
      value: { users: Array<{ id: string; active: boolean }> };
    };
    expect(people.value.users.find((u) => u.id === 'nour-salem')).toMatchObject({ active: false });
  });

  it('keeps at least one active administrator', async () => {
    const w = await setup();
    const result = (await w.dispatch('updatePerson', { userId: 'admin', active: false })) as Result;
    expect(result.error).toMatchObject({ code: 'conflict', issues: [{ message: 'last-admin' }] });
    expect(await w.dispatch('updatePerson', { userId: 'admin', role: 'editor' })).toMatchObject({
      ok: false,
    });
  });

  it('creates and renames desks, sets members, and a desk checklist decides what blocks', async () => {
    const w = await setup();
    expect(await w.dispatch('addDesk', { name: 'ثقافة', id: 'culture' })).toMatchObject({
      ok: true,
      value: { id: 'culture', name: 'ثقافة' },
    });
    expect(await w.dispatch('addDesk', { name: 'ثقافة' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await w.dispatch('updateDesk', { deskId: 'culture', name: 'ثقافة وفنون' });
    await w.dispatch('setDeskMembers', { deskId: 'culture', userIds: [w.editor.id, w.chief.id] });
    const people = (await w.dispatch('listPeople', {})) as {
      value: { users: Array<{ id: string; desks: string[] }>; desks: Array<{ id: string; name: string }> };
    };
    expect(people.value.desks.find((d) => d.id === 'culture')?.name).toBe('ثقافة وفنون');
    expect(people.value.users.filter((u) => u.desks.includes('culture')).map((u) => u.id)).toEqual([
      w.editor.id,
      w.chief.id,
    ]);
    // A story of the desk without a subject: blocked by default, only a warning once the desk says so.
    const id = await w.put('draft', undefined, { tags: [], desk: 'culture' });
    await expect(w.service.transition(id, 'submit', w.editor.id)).rejects.toMatchObject({
      code: 'checklist-failed',
    });
    await w.dispatch('updateDesk', {
      deskId: 'culture',
      checklist: { levels: { subject: 'warn' }, sluglineMax: 40 },
    });
    expect((await w.service.transition(id, 'submit', w.editor.id)).status).toBe('submitted');
  });
});

describe('mark reviewed', () => {
  it('records the reviewer and the version they read in the history', async () => {
    const w = await setup();
    const id = await w.put('submitted');
    await w.dispatch('switchUser', { userId: w.chief.id, pin: '5678' });
    const entry = (await w.dispatch('markReviewed', { id })) as Result;
    expect(entry.value).toMatchObject({ kind: 'reviewed', actor: w.chief.id, version: 1 });
    expect((await w.service.readHistory(id)).entries.at(-1)).toMatchObject({ kind: 'reviewed', version: 1 });
  });
});

describe('lock takeover with unsaved text', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it("keeps the holder's unsaved text for them, out of the story the desk chief takes over", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mihbara-takeover-'));
    dirs.push(dir);
    const store = await openStore(dir, { mode: 'write', create: true });
    try {
      const now = () => new Date(T0);
      const workflow = createWorkflow(store, { now, log: silentLogger });
      const { dispatch } = await workstationOn(store, { workflow, now });
      const editor = await workflow.service.users.add({
        name: 'ياسين أحمد',
        latinName: 'Yasin Ahmed',
        role: 'editor',
      });
      const chief = await workflow.service.users.add({
        name: 'سلمى الكبير',
        latinName: 'Salma Kabir',
        role: 'desk-chief',
      });
      await store.update('story-0001', () => Story.parse(readyStory('story-0001', 'draft', [editor.id])));
      const before = await store.get('story-0001');
      await dispatch('switchUser', { userId: editor.id });
      await dispatch('lockStory', { id: 'story-0001' });
      const unsaved = 'فقرة كتبها المحرر ولم تُحفظ بعد.';
      await dispatch('putRecoveryDraft', {
        id: 'story-0001',
        baseVersion: 1,
        draft: { body: [{ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text: unsaved }] }] },
      });
      await dispatch('switchUser', { userId: chief.id });
      expect(await dispatch('takeOverLock', { id: 'story-0001' })).toMatchObject({ ok: true });

      // The story the desk chief now edits is as it was: no revision, not a word of the holder's.
      const story = await store.get('story-0001');
      expect(story.version).toBe(1);
      expect(JSON.stringify(story.body)).not.toContain(unsaved);
      const history = await workflow.service.readHistory('story-0001');
      expect(history.entries.at(-1)).toMatchObject({
        kind: 'lock-taken-over',
        actor: chief.id,
        detail: { from: editor.id, keptDraft: true },
      });
      // The desk chief is offered nothing, and their own drafts do not touch the holder's text.
      expect(await dispatch('listRecoveryDrafts', {})).toMatchObject({ ok: true, value: [] });
      expect(await dispatch('getTakenOverDraft', { id: 'story-0001' })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      await dispatch('putRecoveryDraft', {
        id: 'story-0001',
        baseVersion: 1,
        draft: { headline: 'عنوان آخر' },
      });

      // The holder is offered their whole text (the story's other fields as they had them) to copy.
      await dispatch('switchUser', { userId: editor.id });
      const offers = (await dispatch('listRecoveryDrafts', {})) as {
        value: Array<{ id: string; takenOver?: { byName: string } }>;
      };
      expect(offers.value.filter((offer) => offer.takenOver)).toMatchObject([
        { id: 'story-0001', takenOver: { byName: 'سلمى الكبير' } },
      ]);
      const kept = (await dispatch('getTakenOverDraft', { id: 'story-0001' })) as {
        ok: true;
        value: { draft: { headline?: string; body?: unknown } };
      };
      expect(kept.ok).toBe(true);
      expect(kept.value.draft.headline).toBe(before.headline);
      expect(JSON.stringify(kept.value.draft.body)).toContain(unsaved);

      // A save the holder sends after the take-over is refused and kept the same way.
      const later = 'وجملة أضافها بعد أن تولّى رئيس القسم القصة.';
      const refused = await dispatch('saveStory', {
        id: 'story-0001',
        baseVersion: 1,
        edit: { body: [{ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text: later }] }] },
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(JSON.stringify(await dispatch('getTakenOverDraft', { id: 'story-0001' }))).toContain(later);
      expect((await store.get('story-0001')).version).toBe(1);
      // The desk chief's own draft of the story is theirs: the editor's refusal leaves it alone.
      expect(await store.getRecoveryDraft('story-0001')).toMatchObject({
        author: chief.id,
        draft: { headline: 'عنوان آخر' },
      });
      // A draft of the editor's own (as their workstation keeps one in team mode) goes into the
      // kept text with their next refused save, and is no longer offered to restore.
      await store.putRecoveryDraft('story-0001', 1, { headline: 'عنوان المحرر' }, editor.id);
      expect(
        await dispatch('saveStory', { id: 'story-0001', baseVersion: 1, edit: { headline: 'عنوان المحرر' } }),
      ).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await store.getRecoveryDraft('story-0001')).toBeNull();
      expect(await dispatch('getTakenOverDraft', { id: 'story-0001' })).toMatchObject({
        ok: true,
        value: { draft: { headline: 'عنوان المحرر' } },
      });

      // Set aside, it is no longer offered (and is moved, not deleted).
      expect(await dispatch('discardTakenOverDraft', { id: 'story-0001' })).toMatchObject({ ok: true });
      expect(await dispatch('getTakenOverDraft', { id: 'story-0001' })).toMatchObject({ ok: false });
    } finally {
      await store.close();
    }
  });
});
