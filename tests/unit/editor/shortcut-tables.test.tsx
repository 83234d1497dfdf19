/**
 * The keyboard's tables: the window's, the workflow's and the editor's shortcuts never share a
 * chord, and the workflow's avoid the chords browsers, the application menu (its own and
 * Electron's standard roles) and the desktops (Windows, macOS, GNOME) keep for themselves.
 */
import { describe, expect, it } from 'vitest';
import {
  APP_SHORTCUTS,
  WORKFLOW_SHORTCUTS,
  ariaAppShortcut,
  ariaWorkflowShortcut,
  workflowShortcutOf,
  type AppAction,
  type WorkflowShortcut,
} from '../../../renderer/src/app/app-shortcuts';
import { EDITOR_ACTIONS, ariaShortcut } from '../../../renderer/src/editor/shortcuts';
import { ACTIONS } from '../../../shared/workflow/model';

const app = (Object.keys(APP_SHORTCUTS) as AppAction[]).map(ariaAppShortcut);
const workflow = (Object.keys(WORKFLOW_SHORTCUTS) as WorkflowShortcut[]).map(ariaWorkflowShortcut);
// The editor's table, with the two chords it answers outside it (redo on Windows, find).
const editor = [...EDITOR_ACTIONS.map(ariaShortcut), 'Control+Y', 'Control+F'];

/** Chords (Cmd for Control on macOS) that the browser, Electron's menu roles or the desktop own. */
const RESERVED = [
  'Control+Alt+Delete',
  'Control+Alt+T', // GNOME: a terminal
  'Control+Alt+Escape', // macOS: force quit
  'Control+Alt+H', // macOS: hide the others
  'Control+Alt+M', // macOS: minimise all
  'Control+Alt+W', // macOS: close all
  'Control+Alt+I', // devtools
  'Control+Alt+J',
  'Control+Alt+C',
  'Control+Alt+Shift+V', // macOS: paste and match style
  'Control+Shift+I',
  'Control+Shift+J',
  'Control+Shift+C',
  'Control+Shift+Q',
  'Control+Shift+W',
  'Control+W',
  'Control+Q',
  'Control+R',
  'Control+Shift+R',
  'Control+P',
  'Control+S',
  'Control+O',
  'Control+N',
  'Control+T',
  'Control+M',
  'Control+H',
  'Control+Shift+E', // the menu's export
  'Control+Shift+Z',
];

describe('shortcut tables', () => {
  it('give every workflow step a chord of its own, and the take-over and review mark too', () => {
    for (const action of ACTIONS) expect(WORKFLOW_SHORTCUTS[action], action).toBeDefined();
    expect(Object.keys(WORKFLOW_SHORTCUTS)).toEqual(expect.arrayContaining(['take-over', 'mark-reviewed']));
  });

  it('never give one chord to two actions of the window, the workflow or the editor', () => {
    const all = [...app, ...workflow, ...editor];
    const twice = all.filter((chord, index) => all.indexOf(chord) !== index);
    expect(twice).toEqual([]);
  });

  it('leave the browser, the desktop and the application menu their chords', () => {
    expect(workflow.filter((chord) => RESERVED.includes(chord))).toEqual([]);
  });

  it('match a key press by its physical key, Ctrl or Cmd, with exactly its modifiers', () => {
    const press = (code: string, mods: Partial<KeyboardEvent>) =>
      workflowShortcutOf({
        code,
        ctrlKey: false,
        metaKey: false,
        altKey: false,
        shiftKey: false,
        ...mods,
      } as KeyboardEvent);
    expect(press('KeyA', { ctrlKey: true, altKey: true, shiftKey: true })).toBe('approve');
    expect(press('KeyP', { metaKey: true, altKey: true, shiftKey: true })).toBe('publish');
    expect(press('KeyP', { ctrlKey: true, altKey: true })).toBeUndefined(); // the editor's image
    expect(press('KeyA', { altKey: true, shiftKey: true })).toBeUndefined();
  });
});
