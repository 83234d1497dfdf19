/**
 * The page's side of the desktop shell (shared/api/shell.ts): runs menu commands, answers the
 * main process's "save now" requests before a window closes, and keeps the main process's
 * recovery journal up to date with the open story's unsaved text, so a renderer crash or a
 * close that times out never loses it. In a plain browser (the bridge) there is no
 * `window.mihbaraShell` and all of this is inert.
 */
import { useEffect } from 'react';
import {
  FlushRequest,
  MenuCommand,
  PAGE_SHORTCUTS,
  type MihbaraShell,
  type PageShortcut,
} from '../../../shared/api/shell';
import type { StoryEdit } from '../../../shared/story/schema';
import { setUiLanguage, uiLanguage } from '../i18n';
import { SHOW_JOBS_EVENT } from '../jobs/use-jobs-app';

declare global {
  interface Window {
    /** set by the Electron preload; absent in a plain browser */
    mihbaraShell?: MihbaraShell;
  }
}

/** What the autosave of the open story tells the shell. */
export interface OpenStoryHandle {
  storyId: string;
  flush: () => Promise<boolean>;
  hasPending: () => boolean;
  /** the unsaved text and the version it is based on */
  draft: () => { baseVersion: number; edit: StoryEdit };
}

let openStory: OpenStoryHandle | null = null;
let draftTimer: ReturnType<typeof setTimeout> | undefined;
/** How long after the last change the draft is copied to the journal (a crash loses at most this). */
export const DRAFT_JOURNAL_DELAY_MS = 400;

/** Registers the open story's autosave; returns the function that unregisters it. */
export function trackOpenStory(handle: OpenStoryHandle): () => void {
  openStory = handle;
  return () => {
    if (openStory === handle) {
      sendDraftNow();
      openStory = null;
    }
  };
}

function sendDraftNow(): void {
  clearTimeout(draftTimer);
  draftTimer = undefined;
  const shell = window.mihbaraShell;
  const story = openStory;
  if (!shell || !story) return;
  if (story.hasPending()) shell.keepDraft({ storyId: story.storyId, ...story.draft() });
  else shell.keepDraft({ storyId: story.storyId, saved: true });
}

/** The open story's draft changed or was saved: bring the journal up to date shortly. */
export function draftChanged(): void {
  if (!window.mihbaraShell || draftTimer !== undefined) return;
  draftTimer = setTimeout(sendDraftNow, DRAFT_JOURNAL_DELAY_MS);
}

/** Replays a page shortcut into the focused element, exactly as if it had been typed. */
export function replayShortcut(
  shortcut: PageShortcut,
  target: EventTarget | null = document.activeElement,
): void {
  const { code, key } = PAGE_SHORTCUTS[shortcut];
  const isMac = /Mac/.test(navigator.platform);
  (target ?? window).dispatchEvent(
    new KeyboardEvent('keydown', {
      code,
      key,
      ctrlKey: !isMac,
      metaKey: isMac,
      altKey: true,
      bubbles: true,
      cancelable: true,
    }),
  );
}

const LAST_STORY_KEY = 'mihbara.lastStory';

async function runCommand(raw: unknown): Promise<void> {
  const parsed = MenuCommand.safeParse(raw);
  if (!parsed.success) return;
  const command = parsed.data;
  switch (command.type) {
    case 'shortcut':
      replayShortcut(command.shortcut);
      return;
    case 'ui-language':
      setUiLanguage(command.language);
      return;
    case 'show-jobs':
      window.dispatchEvent(new Event(SHOW_JOBS_EVENT));
      return;
    case 'open-story': {
      // The app opens the last story on start; reloading after a save shows the imported story
      // together with a fresh story list.
      if (openStory && !(await openStory.flush())) return;
      try {
        window.sessionStorage.setItem(LAST_STORY_KEY, command.id);
      } catch {
        return;
      }
      window.location.reload();
    }
  }
}

async function answerFlush(shell: MihbaraShell, raw: unknown): Promise<void> {
  const parsed = FlushRequest.safeParse(raw);
  if (!parsed.success) return;
  const story = openStory;
  // The journal gets the text first, in case the save below cannot finish.
  sendDraftNow();
  const saved = story ? await story.flush().catch(() => false) : true;
  if (saved) sendDraftNow();
  shell.flushed({ requestId: parsed.data.requestId, saved, storyId: story?.storyId ?? null });
}

/** Connects the page to the desktop shell for as long as the app is mounted. */
export function useDesktopShell(): void {
  useEffect(() => {
    const shell = window.mihbaraShell;
    if (!shell) return;
    shell.setUiLanguage({ language: uiLanguage() });
    const stopMenu = shell.onMenuCommand((command) => void runCommand(command));
    const stopFlush = shell.onFlushRequest((request) => void answerFlush(shell, request));
    return () => {
      stopMenu();
      stopFlush();
    };
  }, []);
}
