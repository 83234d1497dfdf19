/**
 * The feed of changes the renderer long-polls: events from the team store (NOTIFY from other
 * workstations, the link going up or down) numbered in order and kept for a short while, so a
 * renderer that asks again with the last number it saw misses nothing in between.
 */
import type { ChangeEvent } from '../../../shared/team/contract';
import type { TeamStore } from './pg-store';

/** Events kept for renderers that come back late; older ones are covered by a full refresh. */
const KEEP = 500;

/** An event before it is numbered (Omit applied to each kind of event). */
type Pending = ChangeEvent extends infer E ? (E extends ChangeEvent ? Omit<E, 'seq'> : never) : never;

export interface ChangeFeed {
  readonly live: boolean;
  push(event: Pending): void;
  /** events after `since`, waiting up to `waitMs` for the first one */
  wait(since: number, waitMs: number): Promise<{ seq: number; events: ChangeEvent[] }>;
  close(): void;
}

export function createChangeFeed(live: boolean): ChangeFeed {
  const events: ChangeEvent[] = [];
  let seq = 0;
  const waiters = new Set<() => void>();
  const after = (since: number) => events.filter((event) => event.seq > since);
  return {
    live,
    push(event) {
      seq += 1;
      events.push({ ...event, seq } as ChangeEvent);
      if (events.length > KEEP) events.splice(0, events.length - KEEP);
      for (const wake of [...waiters]) wake();
    },
    wait(since, waitMs) {
      // A renderer from before a restart (its number is ahead of ours) starts again from 0.
      const from = since > seq ? 0 : since;
      const ready = after(from);
      if (ready.length || waitMs === 0 || !live) return Promise.resolve({ seq, events: ready });
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve({ seq, events: after(from) });
        };
        const timer = setTimeout(done, waitMs);
        waiters.add(done);
      });
    },
    close() {
      for (const wake of [...waiters]) wake();
    },
  };
}

/** A feed fed by the team store's events. */
export function feedFromTeamStore(store: TeamStore): ChangeFeed {
  const feed = createChangeFeed(true);
  store.events.on('story', (summary) => feed.push({ kind: 'story', summary }));
  store.events.on('lock', ({ storyId, lock }) => feed.push({ kind: 'lock', storyId, lock }));
  store.events.on('workflow', ({ storyId }) => feed.push({ kind: 'workflow', storyId }));
  store.events.on('shared', ({ path }) => feed.push({ kind: 'shared', path }));
  store.events.on('connection', (status) =>
    feed.push({ kind: 'connection', status: { backend: 'team', ...status } }),
  );
  return feed;
}
