/**
 * The workflow's permission matrix (shared/workflow/transitions.ts) as the rows the server's
 * tables `mihbara.transition_grants` and `mihbara.editable_states` must hold. The migration
 * seeds those tables; the permissions test compares them with these rows so the two cannot drift.
 */
import type { StoryStatus } from '../../../shared/story/schema';
import type { Role, WorkflowAction } from '../../../shared/workflow/model';
import { EDITABLE, TRANSITIONS } from '../../../shared/workflow/transitions';

export interface GrantRow {
  action: WorkflowAction;
  role: Role;
  from: StoryStatus;
  to: StoryStatus;
  ownOnly: boolean;
}

/** One row per (action, role, from, to) the workflow allows. */
export function transitionGrantRows(): GrantRow[] {
  const rows: GrantRow[] = [];
  for (const [action, rule] of Object.entries(TRANSITIONS) as Array<
    [WorkflowAction, (typeof TRANSITIONS)[WorkflowAction]]
  >) {
    for (const [role, grant] of Object.entries(rule.grants) as Array<
      [Role, { from: readonly StoryStatus[]; ownOnly?: boolean }]
    >) {
      for (const from of grant.from) {
        const targets = new Set<StoryStatus>([rule.to(from)]);
        // An approve given a publish time schedules in the same step (judgeTransition).
        if (action === 'approve') targets.add('scheduled');
        for (const to of targets) rows.push({ action, role, from, to, ownOnly: grant.ownOnly === true });
      }
    }
  }
  return rows;
}

/** (role, status) pairs in which a role may change a story's text. */
export function editableRows(): Array<{ role: Role; status: StoryStatus }> {
  return (Object.entries(EDITABLE) as Array<[Role, readonly StoryStatus[]]>).flatMap(([role, states]) =>
    states.map((status) => ({ role, status })),
  );
}
