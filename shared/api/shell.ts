/**
 * The desktop shell's own channels, next to the story API (contract.ts): menu commands from the
 * main process to the page, and the page's answers (saved before closing, the open story's
 * unsaved draft for the recovery journal, the chosen interface language). Every message the main
 * process receives is checked against its sender and parsed with these schemas.
 */
import { z } from 'zod';
import { StoryEdit, StoryId } from '../story/schema';
import { UI_LANGUAGES } from '../i18n';

/** IPC channel names. The preload spells the same strings (it bundles no zod). */
export const SHELL_CHANNELS = {
  /** main → page: a menu item was chosen */
  menu: 'mihbara-shell:menu',
  /** main → page: save what is pending now and answer on `flushed` */
  flushRequest: 'mihbara-shell:flush',
  /** page → main: the answer to a flush request */
  flushed: 'mihbara-shell:flushed',
  /** page → main: the interface language changed */
  uiLanguage: 'mihbara-shell:ui-language',
  /** page → main: the open story's text that is not on disk yet, or that it now is */
  draft: 'mihbara-shell:draft',
} as const;

/**
 * Menu items that do what a keyboard shortcut of the page already does. The menu shows the
 * shortcut and, when clicked, replays it into the focused element, so the menu and the
 * keyboard share one code path (and physical keys work under an Arabic keyboard layout).
 * Codes are `KeyboardEvent.code` values; every shortcut is Ctrl (Cmd on macOS) + Alt + key.
 */
export const PAGE_SHORTCUTS = {
  'new-story': { code: 'KeyN', key: 'N' },
  paragraph: { code: 'Digit0', key: '0' },
  'heading-two': { code: 'Digit1', key: '1' },
  'heading-three': { code: 'Digit2', key: '2' },
} as const;
export type PageShortcut = keyof typeof PAGE_SHORTCUTS;
const PageShortcutName = z.enum(Object.keys(PAGE_SHORTCUTS) as [PageShortcut, ...PageShortcut[]]);

/** The Electron accelerator that shows (and matches) a page shortcut. */
export function acceleratorOf(shortcut: PageShortcut): string {
  return `CmdOrCtrl+Alt+${PAGE_SHORTCUTS[shortcut].key}`;
}

export const MenuCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('shortcut'), shortcut: PageShortcutName }),
  z.object({ type: z.literal('ui-language'), language: z.enum(UI_LANGUAGES) }),
  /** a story was imported from a file: show it */
  z.object({ type: z.literal('open-story'), id: StoryId }),
  /** long work was started from the menu (a backup): show the jobs screen */
  z.object({ type: z.literal('show-jobs') }),
]);
export type MenuCommand = z.infer<typeof MenuCommand>;

export const FlushRequest = z.object({ requestId: z.number().int().min(0) }).strict();
export type FlushRequest = z.infer<typeof FlushRequest>;

export const FlushedMessage = z
  .object({
    requestId: z.number().int().min(0),
    /** false: the open story still has text that is not on disk */
    saved: z.boolean(),
    /** the story open in the editor, if any */
    storyId: StoryId.nullable(),
  })
  .strict();
export type FlushedMessage = z.infer<typeof FlushedMessage>;

export const UiLanguageMessage = z.object({ language: z.enum(UI_LANGUAGES) }).strict();
export type UiLanguageMessage = z.infer<typeof UiLanguageMessage>;

/**
 * A story edit exactly as sent: only the fields present. (`StoryEdit` alone fills the defaults of
 * absent fields, which for a draft would blank the slugline, tags and lead image on restore.)
 */
export const SentStoryEdit = z.unknown().transform((value, ctx): StoryEdit => {
  const parsed = StoryEdit.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
    return z.NEVER;
  }
  const present = new Set(Object.keys(value as object));
  return Object.fromEntries(Object.entries(parsed.data).filter(([field]) => present.has(field))) as StoryEdit;
});

export const DraftMessage = z.union([
  z.object({ storyId: StoryId, baseVersion: z.number().int().min(1), edit: SentStoryEdit }).strict(),
  z.object({ storyId: StoryId, saved: z.literal(true) }).strict(),
]);
export type DraftMessage = z.infer<typeof DraftMessage>;

/** What the preload exposes to the page as `window.mihbaraShell` (absent in a plain browser). */
export interface MihbaraShell {
  /** calls `listener` for every menu command; returns a function that stops listening */
  onMenuCommand(listener: (command: unknown) => void): () => void;
  /** calls `listener` when the main process asks the page to save before closing or exporting */
  onFlushRequest(listener: (request: unknown) => void): () => void;
  flushed(message: FlushedMessage): void;
  setUiLanguage(message: UiLanguageMessage): void;
  keepDraft(message: DraftMessage): void;
}
