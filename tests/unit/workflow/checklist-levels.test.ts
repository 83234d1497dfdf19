/**
 * The checklist that applies: a desk's own levels, else those an administrator set for stories
 * without a desk; and the one headline limit, the newsroom setting the proofing guide shows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/log';
import { openWorkstation, type Workstation } from '../../../electron/core/workstation';
import { DEFAULT_SETTINGS } from '../../../shared/text/house-style';
import { runChecklist } from '../../../shared/workflow/checklist';
import { readyStory, setup } from './helpers';

describe('stories without a desk', () => {
  it('follow the levels an administrator set for them, not a desk’s and not the built-in ones', async () => {
    const w = await setup();
    const deskless = await w.put('submitted', undefined, { tags: [], subjects: [] });
    // Built in: a story without a subject is refused at approve.
    await expect(w.service.transition(deskless, 'approve', w.chief.id)).rejects.toMatchObject({
      code: 'checklist-failed',
    });
    // An editor may not change the levels; the administrator may.
    await w.workflow.switchUser(w.editor.id, '1234');
    const refused = await w.dispatch('updateNoDeskChecklist', {
      checklist: { levels: { subject: 'warn' }, sluglineMax: 40 },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await w.workflow.switchUser(w.admin.id, undefined);
    const saved = await w.dispatch('updateNoDeskChecklist', {
      checklist: { levels: { subject: 'warn', byline: 'off' }, sluglineMax: 40 },
    });
    expect(saved).toMatchObject({ ok: true, value: { levels: { subject: 'warn', byline: 'off' } } });
    // Everyone sees them: the session and the people screen carry them.
    const session = await w.dispatch('getSession', {});
    expect(session).toMatchObject({
      ok: true,
      value: { noDeskChecklist: { levels: { subject: 'warn', byline: 'off' } } },
    });
    const people = await w.dispatch('listPeople', {});
    expect(people).toMatchObject({ ok: true, value: { noDeskChecklist: { levels: { subject: 'warn' } } } });

    const approved = await w.service.transition(deskless, 'approve', w.chief.id);
    expect(approved.status).toBe('approved');
    expect((await w.service.readHistory(deskless)).entries.at(-1)!.detail?.warnings).toBe('subject');
    // A story of a desk keeps its desk's levels (the built-in ones here): still refused.
    const [desk] = await w.service.users.desks();
    const desked = await w.put('submitted', undefined, { tags: [], subjects: [], desk: desk!.id });
    await expect(w.service.transition(desked, 'approve', w.chief.id)).rejects.toMatchObject({
      issues: [{ message: 'checklist' }, { path: 'checklist', message: 'subject' }],
    });
  });

  it('desks carry an English name, kept and refused when taken', async () => {
    const w = await setup();
    const culture = await w.service.users.addDesk('ثقافة', undefined, 'Culture');
    expect(culture).toMatchObject({ id: 'culture', name: 'ثقافة', latinName: 'Culture' });
    await expect(w.service.users.addDesk('فنون', undefined, 'culture')).rejects.toMatchObject({
      code: 'conflict',
    });
    const desks = await w.service.users.desks();
    expect(desks.find((d) => d.id === 'politics')?.latinName).toBe('Politics');
  });
});

describe('one headline limit', () => {
  const folders: string[] = [];
  let station: Workstation | null = null;
  afterEach(async () => {
    await station?.close();
    station = null;
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  it('is the proofing setting (80 by default), and the checklist reads it', async () => {
    expect(DEFAULT_SETTINGS.headlineLimit).toBe(80);
    const story = readyStory('long-headline', 'draft', []);
    const long = { ...story, headline: 'ع'.repeat(100) };
    expect(runChecklist(long).results.find((r) => r.item === 'headline-length')).toMatchObject({
      ok: false,
      length: 100,
      limit: 80,
    });

    const root = await mkdtemp(join(tmpdir(), 'mihbara-headline-'));
    folders.push(root);
    station = await openWorkstation({ root, backend: 'local', log: silentLogger });
    const { dispatch, services } = station;
    await services.workflow.service.users.setNoDeskChecklist({
      levels: { 'headline-length': 'block' },
      sluglineMax: 40,
    });
    await services.store.update('long-headline', () => ({ ...long, headline: 'ع'.repeat(70) }));
    const admin = (await services.workflow.currentUser()).id;
    // 70 characters pass the default 80…
    expect((await services.workflow.service.transition('long-headline', 'submit', admin)).status).toBe(
      'submitted',
    );
    await services.workflow.service.transition('long-headline', 'return', admin, { note: 'أقصر' });
    // …and are refused once the newsroom's setting says 60: the same number the proofing guide shows.
    const saved = await dispatch('saveSettings', { settings: { ...DEFAULT_SETTINGS, headlineLimit: 60 } });
    expect(saved.ok).toBe(true);
    await expect(
      services.workflow.service.transition('long-headline', 'submit', admin),
    ).rejects.toMatchObject({
      code: 'checklist-failed',
      issues: [{ message: 'checklist' }, { path: 'checklist', message: 'headline-length' }],
    });
  });
});
