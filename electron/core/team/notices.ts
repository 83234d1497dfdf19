/**
 * NOTIFY payloads from the server, checked before anything reads them. Any login may NOTIFY any
 * channel, so a notice is an untrusted hint that something changed: it names what (a story id, a
 * shared document's path) and nothing it carries is shown as a fact. The store reads the facts
 * (the summary, the lock) from the server, where row-level security applies.
 */
import { z } from 'zod';
import { StoryId } from '../../../shared/story/schema';
import type { Logger } from '../log';

/** The largest payload PostgreSQL delivers is 8000 bytes; anything longer is not ours. */
const MAX_PAYLOAD = 8000;

const StoryNotice = z.object({ id: StoryId, version: z.number().int().min(0).optional() });
const LockNotice = z.object({ storyId: StoryId });
const WorkflowNotice = z.object({ table: z.enum(['history', 'comments']), storyId: StoryId });
/** A shared document's path: relative, slash-separated names, never `..`. */
const SharedNotice = z.object({
  path: z
    .string()
    .max(200)
    .regex(/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i)
    .refine((path) => !path.split('/').includes('..')),
});

export type Notice =
  | { channel: 'mihbara_stories'; id: string; version?: number }
  | { channel: 'mihbara_locks'; storyId: string }
  | { channel: 'mihbara_workflow'; table: string; storyId: string }
  | { channel: 'mihbara_shared'; path: string };

const schemas = {
  mihbara_stories: StoryNotice,
  mihbara_locks: LockNotice,
  mihbara_workflow: WorkflowNotice,
  mihbara_shared: SharedNotice,
} as const;

/** The notice, or a short reason it was refused (for the log; it never repeats the payload). */
export function parseNotice(channel: string, payload: string | undefined): Notice | { refused: string } {
  if (!(channel in schemas)) return { refused: `a notice on an unknown channel` };
  if (!payload || payload.length > MAX_PAYLOAD)
    return { refused: `an empty or oversized notice on ${channel}` };
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return { refused: `a notice on ${channel} that is not JSON` };
  }
  const parsed = schemas[channel as keyof typeof schemas].safeParse(value);
  if (!parsed.success) return { refused: `a notice on ${channel} of the wrong shape` };
  return { channel, ...parsed.data } as Notice;
}

/** Logs refused notices without letting a flood of them fill the log: the first few, then every 100th. */
export function noticeLogger(log: Pick<Logger, 'warn'>) {
  let refused = 0;
  return (reason: string) => {
    refused += 1;
    if (refused <= 5 || refused % 100 === 0) log.warn(`[team] ignored ${reason} (${refused} so far)`);
  };
}
