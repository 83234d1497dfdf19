/** The workflow's rules beyond the matrix: checklist, embargo, schedule, correction, history, locks, saves. */
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api/errors';
import type { Story } from '../../../shared/story/schema';
import { historyFile } from '../../../electron/core/workflow/history';
import { setup, T0 } from './helpers';
import { everyLine } from '../helpers/workstation';

const HOUR = 3_600_000;

describe('pre-publish checklist', () => {
  it('by default a missing image credit only warns at submit; a desk can make it block at approve', async () => {
    const w = await setup();
    const id = await w.put('draft');
    await w.store.update(id, (s) => ({ ...s!, leadImage: { ...s!.leadImage!, credit: '' } }));
    const submitted = await w.service.transition(id, 'submit', w.editor.id);
    expect(submitted.status).toBe('submitted');
    const line = (await w.service.readHistory(id)).entries.at(-1)!;
    expect(line.detail?.warnings).toBe('image-credit');
    // The desk asks for credits before approval: submit still passes, approve is refused.
    const [desk] = await w.service.users.desks();
    await w.service.users.updateDesk(desk!.id, {
      checklist: { levels: { 'image-credit': 'approve' }, sluglineMax: 40 },
    });
    const other = await w.put('draft', undefined, { desk: desk!.id });
    await w.store.update(other, (s) => ({ ...s!, leadImage: { ...s!.leadImage!, credit: '' } }));
    expect((await w.service.transition(other, 'submit', w.editor.id)).status).toBe('submitted');
    await expect(w.service.transition(other, 'approve', w.chief.id)).rejects.toMatchObject({
      code: 'checklist-failed',
      issues: [
        { path: 'reason', message: 'checklist' },
        { path: 'checklist', message: 'image-credit' },
      ],
    });
    await w.store.update(other, (s) => ({ ...s!, leadImage: { ...s!.leadImage!, credit: 'أ ف ب' } }));
    expect((await w.service.transition(other, 'approve', w.chief.id)).status).toBe('approved');
  });

  it('runs at approve too, and a desk can make an item only warn', async () => {
    const w = await setup();
    const id = await w.put('submitted', undefined, { tags: [] });
    await expect(w.service.transition(id, 'approve', w.chief.id)).rejects.toMatchObject({
      issues: [{ message: 'checklist' }, { path: 'checklist', message: 'subject' }],
    });
    // A Media Topic counts as a subject as well as a tag does.
    const topical = await w.put('submitted', undefined, { tags: [], subjects: ['medtop:11000000'] });
    expect((await w.service.transition(topical, 'approve', w.chief.id)).status).toBe('approved');
    // Not at save: an incomplete story saves fine.
    const draft = await w.put('draft', undefined, { tags: [], byline: '' });
    await expect(
      w.dispatch('saveStory', { id: draft, baseVersion: 1, edit: { headline: 'عنوان' } }),
    ).resolves.toMatchObject({ ok: true });
    // A desk that lets stories go without subjects.
    const files = w.files.files;
    const directory = JSON.parse(files.get('workflow/users.json')!);
    directory.desks[0].checklist = { levels: { subject: 'warn' }, sluglineMax: 40 };
    files.set('workflow/users.json', JSON.stringify(directory));
    const w2Id = id;
    await w.store.update(w2Id, (s) => ({ ...s!, desk: directory.desks[0].id }));
    // The directory is cached: a fresh workflow over the same files reads the desk's rule.
    const { createWorkflow } = await import('../../../electron/core/workflow');
    const fresh = createWorkflow(w.store, { files: w.files, now: w.now });
    expect((await fresh.service.transition(w2Id, 'approve', w.chief.id)).status).toBe('approved');
    const last = (await fresh.service.readHistory(w2Id)).entries.at(-1)!;
    expect(last.detail?.warnings).toBe('subject');
  });
});

describe('schedule and embargo', () => {
  it('approve with a time schedules; the scheduler publishes at the time, not before', async () => {
    const w = await setup();
    const id = await w.put('submitted');
    const at = new Date(T0.getTime() + HOUR).toISOString();
    const scheduled = await w.service.transition(id, 'approve', w.chief.id, { at });
    expect(scheduled).toMatchObject({ status: 'scheduled', publishAt: at });
    expect(await w.workflow.scheduler.runDue()).toEqual([]);
    w.advance(HOUR);
    expect(await w.workflow.scheduler.runDue()).toEqual([id]);
    const story = await w.store.get(id);
    expect(story.status).toBe('published');
    expect(story.publishAt).toBeUndefined();
    expect((await w.service.live(id))?.version).toBe(story.version);
    const entry = (await w.service.readHistory(id)).entries.at(-1)!;
    expect(entry).toMatchObject({
      actor: 'scheduler',
      action: 'publish',
      to: 'published',
      detail: { scheduledFor: at },
    });
  });

  it('a story whose time passed while the app was closed is published at the next start, and logged', async () => {
    const w = await setup();
    const id = await w.put('approved');
    await w.service.transition(id, 'schedule', w.chief.id, {
      at: new Date(T0.getTime() + HOUR).toISOString(),
    });
    w.advance(5 * HOUR);
    // "Restart": a new workflow over the same store and files.
    const { createWorkflow } = await import('../../../electron/core/workflow');
    const logs: string[] = [];
    const restarted = createWorkflow(w.store, { files: w.files, now: w.now, log: everyLine(logs) });
    expect(await restarted.scheduler.start(60_000)).toEqual([id]);
    restarted.scheduler.stop();
    expect((await w.store.get(id)).status).toBe('published');
    expect(logs.join('\n')).toMatch(new RegExp(`published ${id} .*caught up`));
    expect((await restarted.service.readHistory(id)).entries.at(-1)?.detail?.caughtUp).toBe(true);
  });

  it('an embargo blocks publication before its time, and cannot be combined with a schedule', async () => {
    const w = await setup();
    const id = await w.put('approved');
    const until = new Date(T0.getTime() + 2 * HOUR).toISOString();
    await w.service.setEmbargo(id, until, w.chief.id);
    await expect(w.service.transition(id, 'publish', w.chief.id)).rejects.toMatchObject({
      issues: [{ message: 'embargoed' }],
    });
    await expect(
      w.service.transition(id, 'schedule', w.chief.id, {
        at: new Date(T0.getTime() + 3 * HOUR).toISOString(),
      }),
    ).rejects.toMatchObject({ issues: [{ message: 'embargo-and-schedule' }] });
    w.advance(2 * HOUR);
    expect((await w.service.transition(id, 'publish', w.chief.id)).status).toBe('published');

    const other = await w.put('approved');
    await w.service.transition(other, 'schedule', w.chief.id, {
      at: new Date(w.now().getTime() + HOUR).toISOString(),
    });
    await expect(w.service.setEmbargo(other, until, w.chief.id)).rejects.toMatchObject({
      issues: [{ message: 'embargo-and-schedule' }],
    });
  });
});

describe('correction of a published story', () => {
  it('stays live, unchanged, until the correction is approved; then republished with a note and sequence', async () => {
    const w = await setup();
    const id = await w.put('approved');
    const published = await w.service.transition(id, 'publish', w.chief.id);
    await w.service.transition(id, 'correct', w.chief.id, { note: 'صُحّح اسم نائب الوزير' });
    // The editor edits the story under correction through the API.
    await w.dispatch('switchUser', { userId: w.editor.id, pin: '1234' });
    const current = await w.store.get(id);
    const saved = (await w.dispatch('saveStory', {
      id,
      baseVersion: current.version,
      edit: { headline: 'عنوان مصحح' },
    })) as ApiResult<Story>;
    expect(saved.ok).toBe(true);
    const live = await w.service.live(id);
    expect(live?.headline).toBe(published.headline);
    expect(live?.version).toBe(published.version);
    // While the editor has it open, no step of the workflow is taken from under them…
    await expect(w.service.transition(id, 'approve', w.chief.id)).rejects.toMatchObject({
      code: 'locked',
      issues: [{ path: 'holder', message: w.editor.name }],
    });
    // …once they leave it, the desk approves.
    await w.service.releaseLock(id, w.editor.id);
    const corrected = await w.service.transition(id, 'approve', w.chief.id);
    expect(corrected).toMatchObject({
      status: 'corrected',
      correction: { note: 'صُحّح اسم نائب الوزير', sequence: 1 },
    });
    expect((await w.service.live(id))?.headline).toBe('عنوان مصحح');
    // A second correction counts on.
    await w.service.transition(id, 'correct', w.chief.id, { note: 'تصحيح ثان' });
    expect((await w.service.transition(id, 'publish', w.chief.id)).correction?.sequence).toBe(2);
  });

  it('a published story cannot be saved until a correction is started', async () => {
    const w = await setup();
    const id = await w.put('published');
    const result = await w.dispatch('saveStory', { id, baseVersion: 1, edit: { headline: 'تغيير' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', issues: [{ message: 'state' }] } });
    expect((await w.store.get(id)).headline).not.toBe('تغيير');
  });
});

describe('saves', () => {
  it('never change the status, whatever they carry', async () => {
    const w = await setup();
    const id = await w.put('draft');
    const result = await w.dispatch('saveStory', {
      id,
      baseVersion: 1,
      edit: { headline: 'x', status: 'published' } as never,
    });
    // A status smuggled into an edit is dropped by the contract; the save goes through without it.
    expect(result.ok && (result.value as Story).status).toBe('draft');
    expect((await w.store.get(id)).status).toBe('draft');
    const saved = (await w.dispatch('saveStory', {
      id,
      baseVersion: 2,
      edit: { headline: 'y' },
    })) as ApiResult<Story>;
    expect(saved.ok && saved.value.status).toBe('draft');
  });

  it('two users saving the same story: the second is told (conflict) and their text is not taken', async () => {
    const w = await setup();
    const id = await w.put('submitted');
    // Two desk chiefs with the same version open (the lock lapsed between them).
    const second = await w.service.users.add({ name: 'مراد', latinName: 'Murad', role: 'desk-chief' });
    await w.dispatch('switchUser', { userId: w.chief.id, pin: '5678' });
    expect((await w.dispatch('saveStory', { id, baseVersion: 1, edit: { headline: 'الأول' } })).ok).toBe(
      true,
    );
    await w.dispatch('releaseStory', { id });
    await w.dispatch('switchUser', { userId: second.id });
    const late = await w.dispatch('saveStory', { id, baseVersion: 1, edit: { headline: 'الثاني' } });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await w.store.get(id)).headline).toBe('الأول');
  });
});

describe('locks', () => {
  it('a lock asked for while a submit commits is given back with the editor’s other lock: the desk chief finds none', async () => {
    const w = await setup();
    const id = await w.put('draft');
    await w.service.lockFor(id, w.editor.id);
    // The editor's window asks for the lock again (a reload) and reads the story while it is still a
    // draft; that read is held back until the submit has finished, or until it is plainly waiting for us.
    const get = w.store.get.bind(w.store);
    let entered!: () => void;
    const reading = new Promise<void>((resolve) => (entered = resolve));
    let submitted!: () => void;
    const submitDone = new Promise<void>((resolve) => (submitted = resolve));
    let armed = true;
    w.store.get = async (storyId: string) => {
      if (!armed) return get(storyId);
      armed = false;
      const stale = await get(storyId);
      entered();
      await Promise.race([submitDone, new Promise((resolve) => setTimeout(resolve, 100))]);
      return stale;
    };
    const reopening = w.service.lockFor(id, w.editor.id);
    await reading;
    await w.service.transition(id, 'submit', w.editor.id);
    submitted();
    await reopening;
    expect((await w.store.get(id)).status).toBe('submitted');
    expect(w.service.locks.get(id)).toBeNull();
    expect(await w.service.lockFor(id, w.chief.id)).toMatchObject({ mine: true });
  });

  it('the first to open holds the lock; others read only, see the holder, and cannot save', async () => {
    const w = await setup();
    const id = await w.put('submitted');
    const chief2 = await w.service.users.add({ name: 'مراد', latinName: 'Murad', role: 'desk-chief' });
    expect(await w.service.lockFor(id, w.chief.id)).toMatchObject({
      mine: true,
      lock: { holder: w.chief.id },
    });
    expect(await w.service.lockFor(id, chief2.id)).toMatchObject({
      mine: false,
      lock: { holderName: 'سلمى الكبير' },
    });
    await expect(w.service.beforeSave(id, 1, { headline: 'ب' }, chief2.id)).rejects.toMatchObject({
      code: 'locked',
    });
    expect(w.service.locks.all().map((l) => l.holderName)).toEqual(['سلمى الكبير']);
  });

  it('expires after the idle time', async () => {
    const w = await setup({ lockIdleMs: 60_000 });
    const id = await w.put('submitted');
    const chief2 = await w.service.users.add({ name: 'مراد', latinName: 'Murad', role: 'desk-chief' });
    await w.service.lockFor(id, w.chief.id);
    w.advance(59_000);
    expect((await w.service.lockFor(id, chief2.id)).mine).toBe(false);
    w.advance(2_000);
    expect((await w.service.lockFor(id, chief2.id)).mine).toBe(true);
  });

  it('a step of the workflow waits for the story to be free: the holder after a take-over, a chief who returned it', async () => {
    const w = await setup();
    const id = await w.put('draft');
    await w.service.lockFor(id, w.editor.id);
    await w.service.takeOverLock(id, w.chief.id);
    // The former holder can no longer send it to the desk from under the desk chief who has it open.
    await expect(w.service.transition(id, 'submit', w.editor.id)).rejects.toMatchObject({ code: 'locked' });
    await w.service.releaseLock(id, w.chief.id);
    await w.service.transition(id, 'submit', w.editor.id);
    // The chief opens it, returns it: the story is the writer's again, lock included.
    expect((await w.service.lockFor(id, w.chief.id)).mine).toBe(true);
    await w.service.transition(id, 'return', w.chief.id, { note: 'أضف مصدرا' });
    expect(w.service.locks.get(id)).toBeNull();
    expect((await w.service.transition(id, 'submit', w.editor.id)).status).toBe('submitted');
  });

  it('a desk chief takes over; the holder’s late text is kept as a revision aside, never discarded', async () => {
    const w = await setup();
    const id = await w.put('draft');
    await w.service.lockFor(id, w.editor.id);
    const lock = await w.service.takeOverLock(id, w.chief.id);
    expect(lock.holder).toBe(w.chief.id);
    const edit = { headline: 'نص المحرر الذي لم يُحفظ بعد' };
    const refused = await w.service.beforeSave(id, 1, edit, w.editor.id).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'locked' });
    const rescuedPath = (refused as { issues: Array<{ path: string; message: string }> }).issues.find(
      (i) => i.path === 'rescued',
    )!.message;
    expect(JSON.parse(w.files.files.get(rescuedPath)!)).toMatchObject({
      edit,
      baseVersion: 1,
      author: w.editor.id,
    });
    const kinds = (await w.service.readHistory(id)).entries.map((e) => e.kind);
    expect(kinds).toEqual(['lock-taken-over', 'rescued-text']);
  });
});

describe('history', () => {
  it('records who did what and when, appended only; an edited line breaks the chain', async () => {
    const w = await setup();
    const id = await w.put('draft');
    await w.service.transition(id, 'submit', w.editor.id);
    w.advance(60_000);
    await w.service.transition(id, 'return', w.chief.id, { note: 'أضف مصدرا للخبر' });
    const { entries, intact } = await w.service.readHistory(id);
    expect(intact).toBe(true);
    expect(entries.map((e) => [e.actorName, e.action, e.from, e.to])).toEqual([
      ['ياسين أحمد', 'submit', 'draft', 'submitted'],
      ['سلمى الكبير', 'return', 'submitted', 'returned'],
    ]);
    expect(entries[1]).toMatchObject({
      note: 'أضف مصدرا للخبر',
      at: new Date(T0.getTime() + 60_000).toISOString(),
    });
    const text = w.files.files.get(historyFile(id))!;
    w.files.files.set(historyFile(id), text.replace('أضف مصدرا للخبر', 'ممتاز'));
    const tampered = await w.service.readHistory(id);
    expect(tampered.intact).toBe(false);
    expect(tampered.problems[0]).toMatch(/line 2/);
    // Nothing in the API can edit history.
    expect(
      Object.keys((await import('../../../shared/api/contract')).contract).filter((op) =>
        /history/i.test(op),
      ),
    ).toEqual(['getHistory']);
  });

  it('switching identity needs the right PIN', async () => {
    const w = await setup();
    expect(await w.dispatch('switchUser', { userId: w.editor.id, pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', issues: [{ message: 'pin' }] },
    });
    expect(await w.dispatch('switchUser', { userId: w.editor.id })).toMatchObject({ ok: false });
    expect(await w.dispatch('switchUser', { userId: w.editor.id, pin: '1234' })).toMatchObject({
      ok: true,
      value: { user: { id: w.editor.id, hasPin: true } },
    });
    const session = (await w.dispatch('getSession', {})) as ApiResult<{ users: object[] }>;
    expect(JSON.stringify(session)).not.toContain('pinHash');
  });

  it('a new story is its creator’s', async () => {
    const w = await setup();
    await w.dispatch('switchUser', { userId: w.editor.id, pin: '1234' });
    const created = (await w.dispatch('createStory', {
      language: 'ar',
      edit: { headline: 'مسودة' },
    })) as ApiResult<Story>;
    expect(created.ok && created.value.authors).toEqual([w.editor.id]);
    expect(created.ok && w.service.locks.get(created.value.id)?.holder).toBe(w.editor.id);
  });
});
