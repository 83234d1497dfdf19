/**
 * Who may call an operation. Every operation of the contract declares one, and the dispatcher
 * checks it before the handler runs, so no door (IPC, the bridge, a job) can skip it:
 * - `signed-in`: anyone at the keyboard of this workstation (an active user);
 * - `story-editor`: someone who may edit the story named by the request, while it is editable for them;
 * - `desk-chief`: a desk chief of the story's desk (or an administrator);
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
}

/** The policy of one validated request of an operation. */
export function policyFor(spec: OperationSpec, request: unknown): Policy {
  return spec.policyOf ? (spec.policyOf as (request: unknown) => Policy)(request) : spec.policy;
}
