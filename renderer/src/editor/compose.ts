/**
 * The story editor's behaviour, in one order: the body editor builds its editor here, and the
 * property-based editor test builds the very same one (without paste's DOM side).
 */
import type { Direction } from '../../../shared/story/schema';
import {
  withArabicMarks,
  withDirectionDetection,
  withHeadingBreak,
  withLinkEdges,
  withLists,
  withSchema,
  withStoryLanguage,
  withWordUndo,
} from './plugins';
import type { MihbaraEditor } from './slate-types';

/** Wraps a history-and-React editor with every story plugin (paste is added by the caller). */
export function withStoryBehaviour(
  editor: MihbaraEditor,
  language: () => { dir: Direction; lang: string },
): MihbaraEditor {
  return withLinkEdges(
    withWordUndo(
      withDirectionDetection(
        withLists(withArabicMarks(withHeadingBreak(withStoryLanguage(withSchema(editor), language)))),
      ),
    ),
  );
}
