/**
 * Runs `run` when the window receives `shortcut`'s chord while `enabled` (the action's button is
 * shown and usable), wherever the focus is: in the text, a field or the side panel.
 */
import { useEffect, useRef } from 'react';
import { workflowShortcutOf, type WorkflowShortcut } from './app-shortcuts';

export function useWorkflowShortcuts(
  enabled: readonly WorkflowShortcut[],
  run: (shortcut: WorkflowShortcut) => void,
): void {
  const latest = useRef({ enabled, run });
  latest.current = { enabled, run };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = workflowShortcutOf(event);
      if (!shortcut || !latest.current.enabled.includes(shortcut)) return;
      event.preventDefault();
      latest.current.run(shortcut);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
