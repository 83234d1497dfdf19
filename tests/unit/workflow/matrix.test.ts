/**
 * The whole permission matrix: every role × action × state, through the domain service and
 * through the API dispatcher, allowed or refused with its reason. The expected table below is
 * written out by hand from the newsroom's rules, not derived from the implementation's table.
 */
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api/errors';
import { STATES, type Role, type WorkflowAction } from '../../../shared/workflow/model';
import type { Story, StoryStatus } from '../../../shared/story/schema';
import { ApiError } from '../../../shared/api/errors';
import { setup, T0 } from './helpers';

const CHIEFS = ['desk-chief', 'admin'] as const;
type Allowed = Partial<Record<Role, StoryStatus[]>>;
const both = (states: StoryStatus[]): Allowed => ({ 'desk-chief': states, admin: states });

/** Who may do what, from which state (the newsroom guide's workflow). */
const EXPECTED: Record<WorkflowAction, Allowed> = {
  submit: { editor: ['draft', 'returned'], ...both(['draft', 'returned']) },
  return: both(['submitted', 'approved', 'scheduled']),
  approve: both(['submitted', 'correction']),
  schedule: both(['approved', 'scheduled']),
  publish: both(['approved', 'scheduled', 'unpublished', 'correction']),
  correct: both(['published', 'corrected']),
  unpublish: both(['published', 'corrected', 'correction']),
  kill: both(['published', 'corrected', 'correction', 'unpublished']),
  spike: {
    editor: ['draft', 'returned'],
    ...both(['draft', 'submitted', 'returned', 'approved', 'scheduled']),
  },
  unspike: { editor: ['spiked'], ...both(['spiked']) },
};

/** Where an allowed action leads. */
function expectedTarget(action: WorkflowAction, from: StoryStatus): StoryStatus {
  const targets: Record<WorkflowAction, StoryStatus> = {
    submit: 'submitted',
    return: 'returned',
    approve: from === 'correction' ? 'corrected' : 'approved',
    schedule: 'scheduled',
    publish: from === 'correction' ? 'corrected' : 'published',
    correct: 'correction',
    unpublish: 'unpublished',
    kill: 'killed',
    spike: 'spiked',
    unspike: 'draft',
  };
  return targets[action];
}

function expectedReason(action: WorkflowAction, role: Role, state: StoryStatus): string | null {
  if (EXPECTED[action][role]?.includes(state)) return null;
  const someRole = Object.values(EXPECTED[action]).some((states) => states?.includes(state));
  return someRole ? 'role' : 'state';
}

const ROLES: Role[] = ['editor', 'desk-chief', 'admin'];
const ACTIONS = Object.keys(EXPECTED) as WorkflowAction[];
const cells = ROLES.flatMap((role) =>
  ACTIONS.flatMap((action) => STATES.map((state) => ({ role, action, state }))),
);

/** Everything an action may need, so only the role and the state decide. */
const argsFor = (action: WorkflowAction) => ({
  note: ['return', 'kill', 'correct'].includes(action) ? 'السبب مذكور هنا' : undefined,
  at: action === 'schedule' ? new Date(T0.getTime() + 3_600_000).toISOString() : undefined,
});

describe('the permission matrix', () => {
  it(`covers ${cells.length} cells: every role × action × state`, () => {
    expect(cells).toHaveLength(3 * 10 * 11);
  });

  it('through the domain service: allowed cells move the story, the others are refused with their reason', async () => {
    const w = await setup();
    const actorOf: Record<Role, string> = {
      editor: w.editor.id,
      'desk-chief': w.chief.id,
      admin: w.admin.id,
    };
    const wrong: string[] = [];
    for (const { role, action, state } of cells) {
      const id = await w.put(state);
      const reason = expectedReason(action, role, state);
      try {
        const story = await w.service.transition(id, action, actorOf[role], argsFor(action));
        if (reason !== null) wrong.push(`${role} ${action} ${state}: allowed, expected refused (${reason})`);
        else if (story.status !== expectedTarget(action, state)) {
          wrong.push(`${role} ${action} ${state}: went to ${story.status}`);
        }
      } catch (error) {
        const got = error instanceof ApiError ? error.issues?.[0]?.message : String(error);
        if (reason === null) wrong.push(`${role} ${action} ${state}: refused (${got}), expected allowed`);
        else if (got !== reason)
          wrong.push(`${role} ${action} ${state}: refused for ${got}, expected ${reason}`);
        else if (!(error as ApiError).message) wrong.push(`${role} ${action} ${state}: no reason given`);
        // A refused transition leaves the story as it was.
        if ((await w.store.get(id)).status !== state)
          wrong.push(`${role} ${action} ${state}: status changed`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('through the API dispatcher, as the user switched in with a PIN', async () => {
    const w = await setup();
    const pins: Record<Role, [string, string | undefined]> = {
      editor: [w.editor.id, '1234'],
      'desk-chief': [w.chief.id, '5678'],
      admin: [w.admin.id, undefined],
    };
    const wrong: string[] = [];
    for (const role of ROLES) {
      const [userId, pin] = pins[role];
      expect((await w.dispatch('switchUser', { userId, ...(pin ? { pin } : {}) })).ok).toBe(true);
      for (const action of ACTIONS) {
        for (const state of STATES) {
          const id = await w.put(state);
          const result = (await w.dispatch('transitionStory', {
            id,
            action,
            ...argsFor(action),
          })) as ApiResult<Story>;
          // The contract gives the chiefs' actions to desk chiefs: the dispatcher refuses an
          // editor those by role before the workflow looks at the state.
          const reason =
            role === 'editor' && !EXPECTED[action].editor ? 'role' : expectedReason(action, role, state);
          if (result.ok) {
            if (reason !== null) wrong.push(`${role} ${action} ${state}: allowed`);
            else if (result.value.status !== expectedTarget(action, state))
              wrong.push(`${role} ${action} ${state}`);
          } else {
            if (reason === null) wrong.push(`${role} ${action} ${state}: refused ${result.error.detail}`);
            else if (result.error.code !== 'forbidden' || result.error.issues?.[0]?.message !== reason) {
              wrong.push(
                `${role} ${action} ${state}: ${result.error.code} ${result.error.issues?.[0]?.message}`,
              );
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('an editor acts only on stories they wrote', async () => {
    const w = await setup();
    const theirs = await w.put('draft', [w.otherEditor.id]);
    await expect(w.service.transition(theirs, 'submit', w.editor.id)).rejects.toMatchObject({
      code: 'forbidden',
      issues: [{ path: 'reason', message: 'not-author' }],
    });
    await expect(w.service.transition(theirs, 'spike', w.editor.id)).rejects.toMatchObject({
      issues: [{ message: 'not-author' }],
    });
    expect((await w.service.transition(theirs, 'submit', w.otherEditor.id)).status).toBe('submitted');
  });

  it('returning and killing need a note; schedule needs a time to come', async () => {
    const w = await setup();
    const submitted = await w.put('submitted');
    for (const note of [undefined, '', '   ']) {
      await expect(w.service.transition(submitted, 'return', w.chief.id, { note })).rejects.toMatchObject({
        issues: [{ message: 'note-required' }],
      });
    }
    const live = await w.put('published');
    await expect(w.service.transition(live, 'kill', w.chief.id)).rejects.toMatchObject({
      issues: [{ message: 'note-required' }],
    });
    const approved = await w.put('approved');
    await expect(w.service.transition(approved, 'schedule', w.chief.id)).rejects.toMatchObject({
      issues: [{ message: 'time-required' }],
    });
    await expect(
      w.service.transition(approved, 'schedule', w.chief.id, {
        at: new Date(T0.getTime() - 1000).toISOString(),
      }),
    ).rejects.toMatchObject({ issues: [{ message: 'time-in-past' }] });
    expect(CHIEFS).toContain('desk-chief');
  });
});
