/**
 * Debounced autosave of one open story. Edits accumulate in a draft held in refs (typing does
 * not re-render anything for it); ~700 ms after the last change the whole draft is saved with
 * the version it was based on. A failed save keeps the draft and marks it dirty again, so no
 * text is ever dropped; a conflict stops autosaving until the user retries.
 *
 * A new story is not stored until its first edit: that edit is saved at once, creating the story
 * with it (`createStory`), and everything typed meanwhile follows in the next save. An edit that
 * leaves the new story as it started stores nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorShape } from '../../../shared/api/errors';
import type { Story, StoryEdit } from '../../../shared/story/schema';
import { getApi } from '../api/client';
import { draftChanged, trackOpenStory } from '../app/desktop-shell';

/** The fields this editor changes; always saved together. */
export type StoryDraft = Required<
  Pick<
    StoryEdit,
    | 'slugline'
    | 'desk'
    | 'headline'
    | 'subheadline'
    | 'byline'
    | 'dateline'
    | 'leadImage'
    | 'body'
    | 'tags'
    | 'subjects'
    | 'entities'
    | 'urgency'
    | 'edNote'
  >
>;

/** `new`: a new story that nothing has been written in yet, so nothing is stored */
export type SavePhase = 'new' | 'saved' | 'dirty' | 'saving' | 'error';
export interface SaveState {
  phase: SavePhase;
  error?: ApiErrorShape;
}

/** The quiet time after the last change before a save starts. */
export const AUTOSAVE_DELAY_MS = 700;

export function draftOf(story: Story): StoryDraft {
  return {
    slugline: story.slugline,
    desk: story.desk ?? '',
    headline: story.headline,
    subheadline: story.subheadline,
    byline: story.byline,
    dateline: story.dateline,
    leadImage: story.leadImage,
    body: story.body,
    tags: story.tags,
    subjects: story.subjects ?? [],
    entities: story.entities ?? [],
    urgency: story.urgency ?? null,
    edNote: story.edNote ?? '',
  };
}

export interface Autosave {
  state: SaveState;
  /** records a change and (re)starts the debounce timer */
  change: (patch: Partial<StoryDraft>) => void;
  /** saves now if anything is pending; resolves to false when the draft could not be saved */
  flush: () => Promise<boolean>;
  /** whether a change is not yet on disk */
  hasPending: () => boolean;
  /** false while a new story waits for its first edit to be stored */
  stored: () => boolean;
}

/**
 * Autosave for `story`; mount one per story (give the owner a `key`). `unstored`: a new story
 * (from `newStory`) that its first edit stores.
 */
export function useAutosave(story: Story, onSaved: (story: Story) => void, unstored = false): Autosave {
  const [state, setState] = useState<SaveState>({ phase: unstored ? 'new' : 'saved' });
  const base = useRef(story);
  const draft = useRef<StoryDraft>(draftOf(story));
  const stored = useRef(!unstored);
  // What the new story starts as: a draft still equal to it holds nothing to store.
  const untouched = useRef(JSON.stringify(draft.current));
  const dirty = useRef(false);
  const blockedByConflict = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const edit: StoryEdit = { ...draft.current };
    dirty.current = false;
    const creating = !stored.current;
    if (creating && JSON.stringify(edit) === untouched.current) {
      setState({ phase: 'new' });
      return true;
    }
    setState({ phase: 'saving' });
    const { id, version, language } = base.current;
    const result = creating
      ? await getApi().createStory({ id, language, edit })
      : await getApi().saveStory({ id, baseVersion: version, edit });
    if (result.ok) {
      stored.current = true;
      base.current = result.value;
      blockedByConflict.current = false;
      onSavedRef.current(result.value);
      setState({ phase: dirty.current ? 'dirty' : 'saved' });
      draftChanged();
      return true;
    }
    dirty.current = true; // the draft still holds the text; it is simply not on disk
    blockedByConflict.current = result.error.code === 'conflict';
    setState({ phase: 'error', error: result.error });
    return false;
  }, []);

  const flush = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    // One save at a time: a later save must be based on the version the earlier one produced.
    while (inFlight.current) await inFlight.current;
    if (!dirty.current) return true;
    const running = saveOnce();
    inFlight.current = running;
    try {
      const ok = await running;
      // Changes typed while the save ran get their own save.
      return ok && dirty.current ? flush() : ok;
    } finally {
      if (inFlight.current === running) inFlight.current = null;
    }
  }, [saveOnce]);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    if (blockedByConflict.current) return;
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }, [flush]);

  const change = useCallback(
    (patch: Partial<StoryDraft>) => {
      draft.current = { ...draft.current, ...patch };
      dirty.current = true;
      draftChanged();
      if (!blockedByConflict.current) {
        setState((current) => (current.phase === 'dirty' ? current : { phase: 'dirty' }));
      }
      // A new story's first edit is stored at once; what follows it waits for the usual pause.
      if (!stored.current && !inFlight.current && !blockedByConflict.current) void flush();
      else schedule();
    },
    [schedule, flush],
  );

  const hasPending = useCallback(() => dirty.current || inFlight.current !== null, []);
  const isStored = useCallback(() => stored.current, []);

  // Leaving the page: start the save at once. In a browser also ask the user to stay, since the
  // request may not finish; in Electron the window's close is coordinated by the main process.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasPending()) return;
      void flush();
      if (!window.mihbara) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [flush, hasPending]);

  // In Electron the main process keeps a copy of unsaved text (recovery journal) and asks for a
  // save before the window closes: it reaches this story's draft through the desktop shell.
  useEffect(
    () =>
      trackOpenStory({
        storyId: story.id,
        flush,
        hasPending,
        draft: () => ({ baseVersion: base.current.version, edit: { ...draft.current } }),
      }),
    [story.id, flush, hasPending],
  );

  // Unmounting with a pending change (the owner normally flushes first): save what is there.
  useEffect(() => () => void flush(), [flush]);

  return { state, change, flush, hasPending, stored: isStored };
}
