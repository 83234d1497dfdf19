/** What the team store tells the push channel, and the state of its link to the server. */
import type { StorySummary } from '../../../shared/story/schema';
import type { StoryLock } from '../../../shared/workflow/model';

/** What the store tells the push channel: a story's summary changed, a lock moved, the link went up or down. */
export interface TeamEvents {
  story: [summary: StorySummary];
  lock: [event: { storyId: string; lock: StoryLock | null }];
  workflow: [event: { table: string; storyId: string }];
  /** a shared document (tags, gazetteer, saved searches, channels…) changed on the server */
  shared: [event: { path: string }];
  connection: [state: TeamStatus];
}

export interface TeamStatus {
  online: boolean;
  /** saves waiting in the outbox */
  pending: number;
  /** stories whose queued save met a newer version on the server (kept as recovery drafts) */
  conflicts: string[];
  /**
   * `login` while the server refuses this workstation's login (a wrong kept password): the
   * workstation works offline on its cached copy until the team settings are fixed
   */
  refused?: 'login';
}
