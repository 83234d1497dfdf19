/**
 * The transition table and the role → permission matrix, as data, and the one function that
 * judges a transition. The main process enforces with it; the renderer uses it only to show
 * which actions are open and why the others are not.
 */
import type { Story, StoryStatus } from '../story/schema';
import type { Role, WorkflowAction } from './model';

/** Why a transition is refused; each has a message in the i18n catalogues (`workflow.reason.*`). */
export type RefusalReason =
  | 'role'
  | 'state'
  | 'not-author'
  | 'note-required'
  | 'time-required'
  | 'time-in-past'
  | 'embargoed'
  | 'embargo-and-schedule'
  | 'checklist';

/** What one role may do with one action: from which states, and whether only on its own stories. */
export interface Grant {
  from: readonly StoryStatus[];
  /** editors act only on stories they are an author of */
  ownOnly?: boolean;
}

export interface TransitionRule {
  /** the state the story moves to, by the state it is in */
  to: (from: StoryStatus) => StoryStatus;
  grants: Partial<Record<Role, Grant>>;
  noteRequired?: boolean;
  /** a publish time must be given (schedule) */
  timeRequired?: boolean;
  /** the pre-publish checklist runs and its blocking items refuse the transition */
  checklist?: boolean;
}

const BEFORE_PUBLICATION = ['draft', 'submitted', 'returned', 'approved', 'scheduled'] as const;
const LIVE = ['published', 'corrected', 'correction'] as const;

const chiefs = (from: readonly StoryStatus[]): Partial<Record<Role, Grant>> => ({
  'desk-chief': { from },
  admin: { from },
});

/**
 * The transition table. `approve` and `publish` of a story under correction republish it as
 * `corrected`; an `approve` given a time schedules the story in the same step.
 */
export const TRANSITIONS: Record<WorkflowAction, TransitionRule> = {
  submit: {
    to: () => 'submitted',
    grants: { editor: { from: ['draft', 'returned'], ownOnly: true }, ...chiefs(['draft', 'returned']) },
    checklist: true,
  },
  return: {
    to: () => 'returned',
    grants: chiefs(['submitted', 'approved', 'scheduled']),
    noteRequired: true,
  },
  approve: {
    to: (from) => (from === 'correction' ? 'corrected' : 'approved'),
    grants: chiefs(['submitted', 'correction']),
    checklist: true,
  },
  schedule: {
    to: () => 'scheduled',
    grants: chiefs(['approved', 'scheduled']),
    timeRequired: true,
  },
  publish: {
    to: (from) => (from === 'correction' ? 'corrected' : 'published'),
    grants: chiefs(['approved', 'scheduled', 'unpublished', 'correction']),
    checklist: true,
  },
  correct: {
    to: () => 'correction',
    grants: chiefs(['published', 'corrected']),
    noteRequired: true,
  },
  unpublish: {
    to: () => 'unpublished',
    grants: chiefs(LIVE),
  },
  kill: {
    to: () => 'killed',
    grants: chiefs([...LIVE, 'unpublished']),
    noteRequired: true,
  },
  spike: {
    to: () => 'spiked',
    grants: { editor: { from: ['draft', 'returned'], ownOnly: true }, ...chiefs(BEFORE_PUBLICATION) },
  },
  unspike: {
    to: () => 'draft',
    grants: { editor: { from: ['spiked'], ownOnly: true }, ...chiefs(['spiked']) },
  },
};

export interface TransitionRequest {
  story: Pick<Story, 'status' | 'authors' | 'embargo'>;
  action: WorkflowAction;
  actor: { id: string; role: Role };
  note?: string;
  /** ISO time: the publish time of schedule (or approve-and-schedule) */
  at?: string;
  now: Date;
}

export type TransitionVerdict =
  { ok: true; to: StoryStatus; rule: TransitionRule } | { ok: false; reason: RefusalReason; detail: string };

/** "a desk-chief", "an editor", "an admin". */
const a = (role: string) => (/^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`);

const refuse = (reason: RefusalReason, detail: string): TransitionVerdict => ({ ok: false, reason, detail });

/** Whether this user may take this action on this story now, and where it leads. Checklist aside. */
export function judgeTransition({
  story,
  action,
  actor,
  note,
  at,
  now,
}: TransitionRequest): TransitionVerdict {
  const rule = TRANSITIONS[action];
  // The state speaks first: "nobody can publish a draft" says more than "you may not publish".
  if (!Object.values(rule.grants).some((g) => g?.from.includes(story.status))) {
    return refuse('state', `nobody can ${action} ${a(story.status)} story`);
  }
  const grant = rule.grants[actor.role];
  if (!grant?.from.includes(story.status)) {
    return refuse('role', `${a(actor.role)} may not ${action} ${a(story.status)} story`);
  }
  // Stories from before the workflow (imports, no authors) are open to every editor.
  const authors = story.authors ?? [];
  if (grant.ownOnly && authors.length > 0 && !authors.includes(actor.id)) {
    return refuse('not-author', `${a(actor.role)} may ${action} only stories they wrote`);
  }
  if (rule.noteRequired && !note?.trim()) return refuse('note-required', `${action} needs a note saying why`);
  const scheduling = action === 'schedule' || (action === 'approve' && at !== undefined);
  if (rule.timeRequired && !at) return refuse('time-required', `${action} needs a publish time`);
  if (scheduling && at) {
    if (Number.isNaN(Date.parse(at))) return refuse('time-required', `${at} is not a time`);
    if (Date.parse(at) <= now.getTime()) return refuse('time-in-past', `the publish time ${at} has passed`);
    if (story.embargo) {
      return refuse('embargo-and-schedule', 'a story under embargo cannot also be scheduled');
    }
  }
  const to = scheduling ? 'scheduled' : rule.to(story.status);
  if (
    (to === 'published' || to === 'corrected') &&
    story.embargo &&
    Date.parse(story.embargo) > now.getTime()
  ) {
    return refuse('embargoed', `the story is under embargo until ${story.embargo}`);
  }
  return { ok: true, to, rule };
}

/** The states in which a role may change a story's text (save). */
export const EDITABLE: Record<Role, readonly StoryStatus[]> = {
  editor: ['draft', 'returned', 'correction'],
  'desk-chief': ['draft', 'submitted', 'returned', 'approved', 'correction'],
  admin: ['draft', 'submitted', 'returned', 'approved', 'correction'],
};

/** Whether this user may save this story; editors only their own drafts (a draft is its author's). */
export function mayEdit(
  story: Pick<Story, 'status' | 'authors'>,
  actor: { id: string; role: Role },
): { ok: true } | { ok: false; reason: 'state' | 'not-author'; detail: string } {
  if (!EDITABLE[actor.role].includes(story.status)) {
    return {
      ok: false,
      reason: 'state',
      detail: `${a(story.status)} story cannot be edited by ${a(actor.role)}`,
    };
  }
  const authors = story.authors ?? [];
  // Stories from before the workflow (no authors) stay open to everyone who may edit.
  if (actor.role === 'editor' && authors.length > 0 && !authors.includes(actor.id)) {
    return { ok: false, reason: 'not-author', detail: 'an editor may edit only stories they wrote' };
  }
  return { ok: true };
}
