/**
 * The window's own shortcuts and the workflow's (the editor's are in editor/shortcuts.ts): tables
 * read by the key handlers, the buttons' tooltips and aria-keyshortcuts and the shortcuts sheet,
 * so the sheet can never list a shortcut that does not work. Keys are matched by physical key
 * (`event.code`), so they work under an Arabic keyboard layout too.
 */
import type { WorkflowAction } from '../../../shared/workflow/model';

export type AppAction = 'new-story' | 'search' | 'toggle-start' | 'toggle-end' | 'switch-user' | 'shortcuts';

interface Chord {
  code: string;
  alt: boolean;
  shift?: boolean;
  /** the key as printed on the sheet */
  key: string;
}

export const APP_SHORTCUTS: Record<AppAction, Chord> = {
  'new-story': { code: 'KeyN', alt: true, key: 'N' },
  search: { code: 'KeyF', alt: true, key: 'F' },
  'toggle-start': { code: 'KeyB', alt: true, key: 'B' },
  'toggle-end': { code: 'KeyD', alt: true, key: 'D' },
  'switch-user': { code: 'KeyU', alt: true, key: 'U' },
  shortcuts: { code: 'Slash', alt: false, key: '/' },
};

/**
 * The workflow's steps, and the desk's two other actions on a story. They take Ctrl+Alt+Shift and
 * the action's initial (in English): a chord no browser, Electron menu, Windows, macOS or GNOME
 * shortcut uses, that the editor's Ctrl+Alt and Ctrl+Shift chords never reach, and that is hard to
 * press by accident for steps such as publish and kill.
 */
export type WorkflowShortcut = WorkflowAction | 'take-over' | 'mark-reviewed';

export const WORKFLOW_SHORTCUTS: Record<WorkflowShortcut, Chord> = {
  submit: { code: 'KeyS', alt: true, shift: true, key: 'S' },
  return: { code: 'KeyR', alt: true, shift: true, key: 'R' },
  approve: { code: 'KeyA', alt: true, shift: true, key: 'A' },
  schedule: { code: 'KeyD', alt: true, shift: true, key: 'D' },
  publish: { code: 'KeyP', alt: true, shift: true, key: 'P' },
  correct: { code: 'KeyC', alt: true, shift: true, key: 'C' },
  unpublish: { code: 'KeyU', alt: true, shift: true, key: 'U' },
  kill: { code: 'KeyK', alt: true, shift: true, key: 'K' },
  spike: { code: 'KeyX', alt: true, shift: true, key: 'X' },
  unspike: { code: 'KeyZ', alt: true, shift: true, key: 'Z' },
  'take-over': { code: 'KeyT', alt: true, shift: true, key: 'T' },
  'mark-reviewed': { code: 'KeyM', alt: true, shift: true, key: 'M' },
};

function matching<A extends string>(table: Record<A, Chord>, event: KeyboardEvent): A | undefined {
  if (!(event.ctrlKey || event.metaKey)) return undefined;
  for (const [action, chord] of Object.entries(table) as [A, Chord][]) {
    if (chord.code === event.code && chord.alt === event.altKey && !!chord.shift === event.shiftKey) {
      return action;
    }
  }
  return undefined;
}

const aria = (chord: Chord) =>
  ['Control', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', chord.key].filter(Boolean).join('+');
const label = (chord: Chord) =>
  ['Ctrl', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', chord.key].filter(Boolean).join('+');

/** The window action a key press asks for (Ctrl on Windows/Linux, Cmd on macOS), if any. */
export function appActionOf(event: KeyboardEvent): AppAction | undefined {
  return matching(APP_SHORTCUTS, event);
}

/** `aria-keyshortcuts` of a window action. */
export function ariaAppShortcut(action: AppAction): string {
  return aria(APP_SHORTCUTS[action]);
}

/** The shortcut as the sheet and tooltips print it. */
export function appShortcutLabel(action: AppAction): string {
  return label(APP_SHORTCUTS[action]);
}

/** The workflow action a key press asks for, if any. */
export function workflowShortcutOf(event: KeyboardEvent): WorkflowShortcut | undefined {
  return matching(WORKFLOW_SHORTCUTS, event);
}

export function ariaWorkflowShortcut(action: WorkflowShortcut): string {
  return aria(WORKFLOW_SHORTCUTS[action]);
}

export function workflowShortcutLabel(action: WorkflowShortcut): string {
  return label(WORKFLOW_SHORTCUTS[action]);
}
