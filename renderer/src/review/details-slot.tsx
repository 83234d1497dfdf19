/**
 * Where the story form's detail fields (slug, desk, dateline, lead image, urgency, embargo, the
 * note to the desk) appear: the side panel's details tab offers a place, and the open story's
 * editor, which owns their values, draws them there (a React portal). With the tab closed the
 * fields are not drawn; their values stay with the editor.
 */
import { useCallback, useSyncExternalStore } from 'react';

let slot: HTMLElement | null = null;
const listeners = new Set<() => void>();

function setSlot(element: HTMLElement | null): void {
  if (slot === element) return;
  slot = element;
  for (const listener of listeners) listener();
}

/** The element the details tab offers, or null while it is closed. */
export function useDetailsSlot(): HTMLElement | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => slot,
  );
}

/** The place in the details tab where the editor draws the story's detail fields. */
export function DetailsSlot() {
  const ref = useCallback((element: HTMLDivElement | null) => setSlot(element), []);
  return <div ref={ref} className="details-slot" data-testid="details-slot" />;
}
