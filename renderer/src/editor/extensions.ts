/**
 * How features outside the editor (proofing, find and replace, comments…) plug into the body
 * editor without editing it: an extension may wrap the editor once, and contributes
 * decorations, key handling, a context menu and a panel through a hook that runs inside the
 * editor's render (so its state changes re-render the editor, and it can use Slate's hooks).
 */
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import type { BaseRange, NodeEntry } from 'slate';
import type { MihbaraEditor } from './slate-types';

/** A decorated range carries extra leaf properties, e.g. `{ misspelled: true }`. */
export type DecoratedRange = BaseRange & Record<string, unknown>;

export interface EditorContributions {
  /**
   * Must be a pure function of the node entry (Slate's chunking caches by node). Return a new
   * function identity when the decorations must be recomputed (e.g. results arrived).
   */
  decorate?: (entry: NodeEntry) => DecoratedRange[];
  /** return true when the event was handled */
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => boolean;
  onContextMenu?: (event: MouseEvent<HTMLDivElement>) => boolean;
  /** class names for a leaf carrying this extension's decoration properties */
  leafClassName?: (leaf: Record<string, unknown>) => string | undefined;
  /** rendered next to the editing area, inside the Slate context */
  panel?: ReactNode;
}

export interface EditorExtension {
  /** stable name, used as a React key */
  name: string;
  /** wraps the editor once, when the editor is created */
  plugin?: (editor: MihbaraEditor) => MihbaraEditor;
  /** a React hook: called on every render of the editor, in the same order */
  useContributions?: (editor: MihbaraEditor) => EditorContributions;
}
