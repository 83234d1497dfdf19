/**
 * Live updates from the newsroom server: long-polls the change feed and calls `onChange` as soon
 * as another workstation changes a story, a lock or a comment, so lists and lock badges follow
 * within a second instead of at the next periodic refresh. In local mode the feed answers that
 * it is not live and the hook stops asking.
 */
import { useEffect, useRef } from 'react';
import type { ChangeEvent } from '../../../../shared/team/contract';
import { getApi } from '../../api/client';

/** Pause before asking again after a failure (the bridge restarting, the window asleep). */
const RETRY_MS = 2000;

export function useTeamLive(onChange: (events: ChangeEvent[]) => void): void {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    let stopped = false;
    let since = 0;
    const loop = async () => {
      while (!stopped) {
        const result = await getApi().waitForChanges({ since, waitMs: 25_000 });
        if (stopped) return;
        if (!result.ok) {
          await new Promise((resolve) => window.setTimeout(resolve, RETRY_MS));
          continue;
        }
        if (!result.value.live) return;
        since = result.value.seq;
        if (result.value.events.length) latest.current(result.value.events);
      }
    };
    void loop();
    return () => {
      stopped = true;
    };
  }, []);
}
