/**
 * The window's own shortcuts (the editor's are in editor/shortcuts.ts): one table read by the
 * key handler, the buttons' aria-keyshortcuts and the shortcuts sheet, so the sheet can never
 * list a shortcut that does not work. Keys are matched by physical key (`event.code`), so they
 * work under an Arabic keyboard layout too.
 */
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

/** The window action a key press asks for (Ctrl on Windows/Linux, Cmd on macOS), if any. */
export function appActionOf(event: KeyboardEvent): AppAction | undefined {
  if (!(event.ctrlKey || event.metaKey)) return undefined;
  for (const [action, chord] of Object.entries(APP_SHORTCUTS) as [AppAction, Chord][]) {
    if (chord.code === event.code && chord.alt === event.altKey && !!chord.shift === event.shiftKey) {
      return action;
    }
  }
  return undefined;
}

/** `aria-keyshortcuts` of a window action. */
export function ariaAppShortcut(action: AppAction): string {
  const chord = APP_SHORTCUTS[action];
  return ['Control', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', chord.key].filter(Boolean).join('+');
}

/** The shortcut as the sheet and tooltips print it. */
export function appShortcutLabel(action: AppAction): string {
  const chord = APP_SHORTCUTS[action];
  return ['Ctrl', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', chord.key].filter(Boolean).join('+');
}
