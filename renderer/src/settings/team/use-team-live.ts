/**
 * Live updates from the newsroom server: one long poll of the change feed per window, shared by
 * every component that subscribes, calling them as soon as another workstation changes a story,
 * a lock or a comment, so lists and lock badges follow within a second instead of at the next
 * periodic refresh. In local mode the feed answers that it is not live and the poll stops.
 */
import { useEffect, useRef } from 'react';
import type { ChangeEvent } from '../../../../shared/team/contract';
import { getApi } from '../../api/client';

/** Pause before asking again after a failure (the bridge restarting, the window asleep). */
const RETRY_MS = 2000;

type Listener = (events: ChangeEvent[]) => void;
const listeners = new Set<Listener>();
let polling = false;

async function poll(): Promise<void> {
  polling = true;
  let since = 0;
  try {
    while (listeners.size > 0) {
      const result = await getApi().waitForChanges({ since, waitMs: 25_000 });
      if (!result.ok) {
        await new Promise((resolve) => window.setTimeout(resolve, RETRY_MS));
        continue;
      }
      if (!result.value.live) return;
      since = result.value.seq;
      if (result.value.events.length) for (const listener of [...listeners]) listener(result.value.events);
    }
  } finally {
    polling = false;
  }
}

export function useTeamLive(onChange: Listener): void {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const listener: Listener = (events) => latest.current(events);
    listeners.add(listener);
    if (!polling) void poll();
    return () => void listeners.delete(listener);
  }, []);
}
