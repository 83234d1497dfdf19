/**
 * The story body editor: Slate with paragraphs, two sub-heading levels, quotes and lists,
 * a small toolbar and keyboard shortcuts. It owns its document after mounting: `value` is read
 * once, so give the component a `key` per story to load another one.
 *
 * Kept lean for long stories: render functions are stable, `onChange` fires only when the
 * document changes (not on selection moves) and hands over Slate's own array without copying
 * or walking it.
 */
import { memo, useCallback, useMemo, useRef, type KeyboardEvent } from 'react';
import { createEditor, type Descendant } from 'slate';
import { withHistory } from 'slate-history';
import { Editable, Slate, withReact, type RenderElementProps, type RenderLeafProps } from 'slate-react';
import { useTranslation } from 'react-i18next';
import type { Direction, StoryBody } from '../../../shared/story/schema';
import { EditorToolbar, blockShortcut } from './EditorToolbar';
import { StoryElement, StoryLeaf, StoryPlaceholder } from './elements';
import {
  needsSlateArrowHandling,
  setTextBlockType,
  withArabicMarks,
  withHeadingBreak,
  withSchema,
  withStoryLanguage,
} from './plugins';
import type { MihbaraEditor } from './slate-types';
import '../i18n';

export interface BodyEditorProps {
  /** the story body at mount time */
  value: StoryBody;
  /** called with the whole body after every change to the document */
  onChange: (value: StoryBody) => void;
  /** the story's direction and language: new blocks take them, the editing area shows them */
  dir: Direction;
  lang: string;
  /** accessible name of the editing area; defaults to the catalogue's "story body" */
  label?: string;
}

const renderElement = (props: RenderElementProps) => <StoryElement {...props} />;
const renderLeaf = (props: RenderLeafProps) => <StoryLeaf {...props} />;

function isPlainHorizontalArrow(event: KeyboardEvent): boolean {
  return (
    (event.key === 'ArrowLeft' || event.key === 'ArrowRight') &&
    !event.shiftKey &&
    !event.altKey &&
    !event.ctrlKey &&
    !event.metaKey
  );
}

/**
 * Undo/redo by physical key (`event.code`), so the shortcuts also work with an Arabic keyboard
 * layout, and Ctrl+Y works on Linux too (Slate only knows it on Windows).
 */
function historyShortcut(event: KeyboardEvent): 'undo' | 'redo' | undefined {
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || event.altKey) return undefined;
  if (event.code === 'KeyZ') return event.shiftKey ? 'redo' : 'undo';
  if (event.code === 'KeyY' && !event.shiftKey) return 'redo';
  return undefined;
}

/**
 * Re-render only when the direction, language or label change: `value` is read at mount and
 * `onChange` is called through a ref, so a parent that stores every change (and hands the new
 * body back as `value`) costs nothing here.
 */
const propsAreEqual = (before: BodyEditorProps, after: BodyEditorProps) =>
  before.dir === after.dir && before.lang === after.lang && before.label === after.label;

/** The story body editor. */
export const BodyEditor = memo(function BodyEditor({ value, onChange, dir, lang, label }: BodyEditorProps) {
  const { t } = useTranslation();
  const languageRef = useRef({ dir, lang });
  languageRef.current = { dir, lang };
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const editor = useMemo<MihbaraEditor>(
    () =>
      withArabicMarks(
        withHeadingBreak(
          withStoryLanguage(withSchema(withHistory(withReact(createEditor()))), () => languageRef.current),
        ),
      ),
    [],
  );
  // Slate reads initialValue once; keep the first value so re-renders cannot disturb it.
  const [initialValue] = useMemo(() => [value as Descendant[]], []); // eslint-disable-line react-hooks/exhaustive-deps

  const handleValueChange = useCallback((next: Descendant[]) => {
    onChangeRef.current(next as StoryBody);
  }, []);

  const handleKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>): boolean | undefined => {
      if (isPlainHorizontalArrow(event)) {
        // true = "handled": Slate then leaves the key to the browser, which moves visually.
        return needsSlateArrowHandling(editor) ? undefined : true;
      }
      const history = historyShortcut(event);
      if (history) {
        event.preventDefault();
        if (history === 'undo') editor.undo();
        else editor.redo();
        return true;
      }
      const block = blockShortcut(event);
      if (block) {
        event.preventDefault();
        setTextBlockType(editor, block);
        return true;
      }
      return undefined;
    },
    [editor],
  );

  return (
    <Slate editor={editor} initialValue={initialValue} onValueChange={handleValueChange}>
      <div className="body-editor">
        <EditorToolbar />
        <Editable
          className="body-editor__content"
          dir={dir}
          lang={lang}
          aria-label={label ?? t('editor.body')}
          placeholder={t('editor.bodyPlaceholder')}
          renderElement={renderElement}
          renderLeaf={renderLeaf}
          renderPlaceholder={StoryPlaceholder}
          onKeyDown={handleKeyDown}
          spellCheck
        />
      </div>
    </Slate>
  );
}, propsAreEqual);
