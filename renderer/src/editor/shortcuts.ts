/**
 * Every editor action and its shortcut, in one table: the key handler and the toolbar's
 * tooltips read the same entries, so a tooltip can never name a shortcut that does not work.
 * Keys are matched by physical key (`event.code`), so they work under an Arabic layout too.
 */
import type { KeyboardEvent } from 'react';

export type EditorAction =
  | 'paragraph'
  | 'heading-two'
  | 'heading-three'
  | 'block-quote'
  | 'pull-quote'
  | 'bulleted-list'
  | 'numbered-list'
  | 'bold'
  | 'italic'
  | 'underline'
  | 'link'
  | 'other-language'
  | 'dir-rtl'
  | 'dir-ltr'
  | 'image'
  | 'separator'
  | 'undo'
  | 'redo';

interface Chord {
  code: string;
  alt?: boolean;
  shift?: boolean;
}

const SHORTCUTS: Record<EditorAction, Chord> = {
  paragraph: { code: 'Digit0', alt: true },
  'heading-two': { code: 'Digit1', alt: true },
  'heading-three': { code: 'Digit2', alt: true },
  'block-quote': { code: 'Digit3', alt: true },
  'pull-quote': { code: 'Digit4', alt: true },
  'bulleted-list': { code: 'Digit8', shift: true },
  'numbered-list': { code: 'Digit7', shift: true },
  bold: { code: 'KeyB' },
  italic: { code: 'KeyI' },
  underline: { code: 'KeyU' },
  link: { code: 'KeyK' },
  'other-language': { code: 'KeyE', alt: true },
  'dir-rtl': { code: 'KeyR', alt: true },
  'dir-ltr': { code: 'KeyL', alt: true },
  image: { code: 'KeyP', alt: true },
  separator: { code: 'KeyS', alt: true },
  undo: { code: 'KeyZ' },
  redo: { code: 'KeyZ', shift: true },
};

const ENTRIES = Object.entries(SHORTCUTS) as [EditorAction, Chord][];

/** The action a key press asks for (Ctrl on Windows/Linux, Cmd on macOS), if any. */
export function actionOf(event: KeyboardEvent): EditorAction | undefined {
  if (!(event.ctrlKey || event.metaKey)) return undefined;
  // Ctrl+Y is redo on Windows and Linux.
  if (event.code === 'KeyY' && !event.altKey && !event.shiftKey) return 'redo';
  for (const [action, chord] of ENTRIES) {
    if (chord.code === event.code && !!chord.alt === event.altKey && !!chord.shift === event.shiftKey) {
      return action;
    }
  }
  return undefined;
}

const KEY_NAMES: Record<string, string> = { Digit: '', Key: '' };

function keyName(code: string): string {
  const prefix = Object.keys(KEY_NAMES).find((p) => code.startsWith(p));
  return prefix ? code.slice(prefix.length) : code;
}

/** The shortcut in `aria-keyshortcuts` syntax, e.g. `Control+Alt+1`. */
export function ariaShortcut(action: EditorAction): string {
  const chord = SHORTCUTS[action];
  return ['Control', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', keyName(chord.code)]
    .filter(Boolean)
    .join('+');
}

/** The shortcut as a tooltip shows it: `Ctrl+Alt+1`, or `⌘⌥1` on macOS. */
export function shortcutLabel(action: EditorAction, mac = isMac()): string {
  const chord = SHORTCUTS[action];
  const key = keyName(chord.code);
  if (mac) return `${chord.shift ? '⇧' : ''}${chord.alt ? '⌥' : ''}⌘${key}`;
  return ['Ctrl', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
}

/** Every editor action, in the toolbar's order (for the shortcuts sheet). */
export const EDITOR_ACTIONS = Object.keys(SHORTCUTS) as EditorAction[];

/** The i18n key of each editor action's name, as the toolbar's tooltip says it. */
export const EDITOR_ACTION_LABELS: Record<EditorAction, string> = {
  paragraph: 'editor.paragraphLabel',
  'heading-two': 'editor.headingTwoLabel',
  'heading-three': 'editor.headingThreeLabel',
  'block-quote': 'editing.blockQuoteLabel',
  'pull-quote': 'editing.pullQuoteLabel',
  'bulleted-list': 'editing.bulletedListLabel',
  'numbered-list': 'editing.numberedListLabel',
  bold: 'editing.boldLabel',
  italic: 'editing.italicLabel',
  underline: 'editing.underlineLabel',
  link: 'editing.linkLabel',
  'other-language': 'editing.otherLanguageLabel',
  'dir-rtl': 'editing.rtlLabel',
  'dir-ltr': 'editing.ltrLabel',
  image: 'editing.imageLabel',
  separator: 'editing.separatorLabel',
  undo: 'editor.undo',
  redo: 'editor.redo',
};
