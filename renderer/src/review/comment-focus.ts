/**
 * The open story's comments and the one the user is looking at, shared by the comment list
 * (workflow panel), the editor's highlights and the read-only view: choosing a comment in one
 * shows it in the others. A tiny external store, so the editor subscribes without its parent
 * re-rendering it.
 */
import { useSyncExternalStore } from 'react';
import type { Comment } from '../../../shared/workflow/model';

export interface CommentFocus {
  storyId: string | null;
  comments: readonly Comment[];
  /** the id of the comment being looked at, or null */
  selected: string | null;
  /** where the choice was made: the list scrolls to the comment, the text to its words */
  from: 'list' | 'text' | null;
}

let state: CommentFocus = { storyId: null, comments: [], selected: null, from: null };
const listeners = new Set<() => void>();

function set(next: CommentFocus): void {
  state = next;
  for (const listener of listeners) listener();
}

/** The workflow panel hands over the comments it read for `storyId`. */
export function setStoryComments(storyId: string, comments: readonly Comment[]): void {
  const selected =
    state.storyId === storyId && comments.some((c) => c.id === state.selected) ? state.selected : null;
  set({ storyId, comments, selected, from: selected ? state.from : null });
}

/** Chooses a comment (null: none). */
export function selectComment(id: string | null, from: 'list' | 'text'): void {
  if (state.selected === id && state.from === from) return;
  set({ ...state, selected: id, from: id ? from : null });
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** The comments of `storyId` (none for another story) and the chosen one. */
export function useCommentFocus(storyId: string | null): CommentFocus {
  const current = useSyncExternalStore(subscribe, () => state);
  return current.storyId === storyId ? current : { storyId, comments: [], selected: null, from: null };
}

/** The CSS class that carries a comment's id on its highlighted words. */
export const commentClass = (id: string) => `comment-mark--c-${id}`;

/** The comment id carried by a highlighted element's classes, or null. */
export function commentIdOf(element: Element | null): string | null {
  const mark = element?.closest('.comment-mark');
  if (!mark) return null;
  for (const name of mark.classList) {
    if (name.startsWith('comment-mark--c-')) return name.slice('comment-mark--c-'.length);
  }
  return null;
}
