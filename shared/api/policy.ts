/**
 * Who may call an operation. Every operation of the contract declares one, and the dispatcher
 * checks it before the handler runs, so no door (IPC, the bridge, a job) can skip it:
 * - `signed-in`: anyone at the keyboard of this workstation (an active user);
 * - `story-editor`: someone who may edit the story named by the request, while it is editable for them;
 * - `desk-chief`: a desk chief (or an administrator); when the request names a story (`storyOf`),
 *   a desk chief of that story's desk: a chief with desks is refused a story of another desk;
 * - `admin`: an administrator.
 */
import type { z } from 'zod';

export const POLICIES = ['signed-in', 'story-editor', 'desk-chief', 'admin'] as const;
export type Policy = (typeof POLICIES)[number];

/** One operation of the contract: its request, its response, and who may call it. */
export interface OperationSpec {
  request: z.ZodType;
  response: z.ZodType;
  policy: Policy;
  /**
   * When the request decides (long work: a backup is an administrator's, an export anyone's):
   * the policy for this validated request. `policy` is then the least one of them.
   */
  policyOf?: (request: never) => Policy;
  /** the story the request names, whose desk a `desk-chief` policy checks (default: none) */
  storyOf?: (request: never) => string | undefined;
}

/**
 * The role part of a policy: whether a user of `role` may ever be allowed it. (`story-editor`
 * and a desk chief's desk depend on the story too; the dispatcher checks those per request.)
 * The dispatcher and the interface both read this, so a control is offered only to whom the
 * main process would allow it.
 */
export function roleAllows(policy: Policy, role: 'editor' | 'desk-chief' | 'admin'): boolean {
  switch (policy) {
    case 'signed-in':
    case 'story-editor':
      return true;
    case 'desk-chief':
      return role !== 'editor';
    case 'admin':
      return role === 'admin';
  }
}

/** The policy of one validated request of an operation. */
export function policyFor(spec: OperationSpec, request: unknown): Policy {
  return spec.policyOf ? (spec.policyOf as (request: unknown) => Policy)(request) : spec.policy;
}

/** The story a validated request of an operation names for its desk check, if any. */
export function storyFor(spec: OperationSpec, request: unknown): string | undefined {
  return spec.storyOf ? (spec.storyOf as (request: unknown) => string | undefined)(request) : undefined;
}

/**
 * Whether a desk chief may act on a story of `desk` (the same rule as the review queue's): a chief
 * with no desk, or a story with none, is everyone's; otherwise the story's desk must be theirs.
 */
export function chiefOfDesk(chief: { desks: readonly string[] }, desk: string | undefined): boolean {
  return !desk || chief.desks.length === 0 || chief.desks.includes(desk);
}
