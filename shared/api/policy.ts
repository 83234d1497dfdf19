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
}
