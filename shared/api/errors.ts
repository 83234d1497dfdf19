/**
 * Errors that cross the API boundary. Every failure a handler can report has a code; the
 * renderer turns the code into a message in the user's language, and `detail` carries the
 * plain English specifics for logs and the command line.
 */
import { z } from 'zod';

export const ApiErrorCode = z.enum([
  'invalid-request',
  'unknown-operation',
  'untrusted-sender',
  'not-found',
  'conflict',
  'store-locked',
  'store-damaged',
  'disk-full',
  'io',
  'internal',
  /** the workflow refuses: this role, state or story does not allow it (issues[0] names the reason) */
  'forbidden',
  /** the pre-publish checklist has blocking items (one issue per item) */
  'checklist-failed',
  /** another user holds the story's lock */
  'locked',
  /** a file of the wrong kind: not an image, not a Word document, damaged */
  'unsupported-file',
  'file-too-large',
  /** long work of this kind is running already (one backup, one export… at a time per store) */
  'job-running',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiErrorShape = z.object({
  code: ApiErrorCode,
  detail: z.string(),
  /** field paths that failed validation, when the code is invalid-request */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

/** Thrown by services; turned into an `ApiErrorShape` by the dispatcher. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues?: ApiErrorShape['issues'];

  constructor(code: ApiErrorCode, detail: string, issues?: ApiErrorShape['issues']) {
    super(detail);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toShape(): ApiErrorShape {
    return { code: this.code, detail: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };
