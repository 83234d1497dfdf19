/**
 * Sends what the editor types to the store's recovery journal on a short debounce,
 * independently of the autosave: if the app crashes, or a save fails because the disk is full,
 * the next start offers the text back (see StoreNotices). Wraps an autosave so the editor
 * needs one line to use it.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { Story, StoryEdit } from '../../../shared/story/schema';
import { getApi } from '../api/client';
import type { Autosave, StoryDraft } from '../stories/use-autosave';

/** Quiet time after a change before the draft is written to the recovery journal. */
export const RECOVERY_DELAY_MS = 300;

/** `autosave`, whose `change` also records the change in the recovery journal. */
export function useRecoveryJournal(story: Story, autosave: Autosave): Autosave {
  // Only the fields changed since the story was opened: restoring them never overwrites
  // anything the editor did not touch.
  const draft = useRef<StoryEdit>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { change: autosaveChange, stored } = autosave;
  const { id, version } = story;
  const left = useRef(false);

  const send = useCallback(() => {
    timer.current = undefined;
    // A new story's draft waits until its first edit has stored it (a moment); left before
    // that, it had nothing to keep (the autosave stores the first edit on leaving too).
    if (!stored()) {
      if (!left.current) timer.current = setTimeout(send, RECOVERY_DELAY_MS);
      return;
    }
    // A failure here (read-only store, full disk) must not disturb typing: the autosave
    // reports the store's state, and the text is still in the editor.
    void getApi()
      .putRecoveryDraft({ id, baseVersion: version, draft: draft.current })
      .catch(() => undefined);
  }, [id, version, stored]);

  const change = useCallback(
    (patch: Partial<StoryDraft>) => {
      draft.current = { ...draft.current, ...patch };
      clearTimeout(timer.current);
      timer.current = setTimeout(send, RECOVERY_DELAY_MS);
      autosaveChange(patch);
    },
    [autosaveChange, send],
  );

  // Leaving the story with a draft not yet sent: send it now.
  useEffect(
    () => () => {
      left.current = true;
      if (timer.current !== undefined) {
        clearTimeout(timer.current);
        send();
      }
    },
    [send],
  );

  return { ...autosave, change };
}
