/**
 * Slate's node types are the story schema's body types, so what the editor produces is what
 * `saveStory` accepts without conversion.
 */
import type { BaseEditor } from 'slate';
import type { HistoryEditor } from 'slate-history';
import type { ReactEditor } from 'slate-react';
import type { BlockElement, BodyText, LinkElement } from '../../../shared/story/schema';

export type MihbaraEditor = BaseEditor & ReactEditor & HistoryEditor;

declare module 'slate' {
  interface CustomTypes {
    Editor: MihbaraEditor;
    Element: BlockElement | LinkElement;
    Text: BodyText;
  }
}
