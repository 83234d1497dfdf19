/**
 * The story body editor: Slate with paragraphs, two sub-heading levels, quotes and lists,
 * a small toolbar and keyboard shortcuts. It owns its document after mounting: `value` is read
 * once, so give the component a `key` per story to load another one.
 *
 * Kept lean for long stories: render functions are stable, `onChange` fires only when the
 * document changes (not on selection moves) and hands over Slate's own array without copying
 * or walking it.
 */
import { Fragment, memo, useCallback, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { createEditor, type Descendant, type NodeEntry } from 'slate';
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
import type { DecoratedRange, EditorContributions, EditorExtension } from './extensions';
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
  /** features plugged into the editor (proofing, find…); read once, at mount */
  extensions?: readonly EditorExtension[];
}

const NO_EXTENSIONS: readonly EditorExtension[] = [];

const renderElement = (props: RenderElementProps) => <StoryElement {...props} />;
const renderLeaf = (props: RenderLeafProps) => <StoryLeaf {...props} />;

/** Runs every extension's hook, in the fixed order the extensions were given at mount. */
function useExtensionContributions(
  extensions: readonly EditorExtension[],
  editor: MihbaraEditor,
): EditorContributions[] {
  return extensions.map((extension) => extension.useContributions?.(editor) ?? {});
}

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
export const BodyEditor = memo(function BodyEditor({
  value,
  onChange,
  dir,
  lang,
  label,
  extensions: givenExtensions,
}: BodyEditorProps) {
  const { t } = useTranslation();
  const languageRef = useRef({ dir, lang });
  languageRef.current = { dir, lang };
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // Extensions are fixed at mount: their hooks must run in the same order on every render.
  const [extensions] = useMemo(() => [givenExtensions ?? NO_EXTENSIONS], []); // eslint-disable-line react-hooks/exhaustive-deps
  const editor = useMemo<MihbaraEditor>(
    () =>
      extensions.reduce(
        (wrapped, extension) => extension.plugin?.(wrapped) ?? wrapped,
        withArabicMarks(
          withHeadingBreak(
            withStoryLanguage(withSchema(withHistory(withReact(createEditor()))), () => languageRef.current),
          ),
        ),
      ),
    [extensions],
  );
  const contributions = useExtensionContributions(extensions, editor);
  const decorators = contributions.flatMap((c) => (c.decorate ? [c.decorate] : []));
  const leafClassNames = contributions.flatMap((c) => (c.leafClassName ? [c.leafClassName] : []));
  // A new identity only when an extension's decorate changed, so Slate re-decorates only then.
  const decorate = useMemo(
    () =>
      decorators.length === 0
        ? undefined
        : (entry: NodeEntry): DecoratedRange[] => decorators.flatMap((decorateOne) => decorateOne(entry)),
    decorators, // eslint-disable-line react-hooks/exhaustive-deps
  );
  const renderExtendedLeaf = useMemo(
    () =>
      leafClassNames.length === 0
        ? renderLeaf
        : (props: RenderLeafProps) => {
            const leaf = props.leaf as unknown as Record<string, unknown>;
            const className = leafClassNames
              .map((classOf) => classOf(leaf))
              .filter(Boolean)
              .join(' ');
            return <StoryLeaf {...props} className={className || undefined} />;
          },
    leafClassNames, // eslint-disable-line react-hooks/exhaustive-deps
  );
  const contributionsRef = useRef(contributions);
  contributionsRef.current = contributions;
  const handleContextMenu = useCallback((event: MouseEvent<HTMLDivElement>) => {
    for (const contribution of contributionsRef.current) {
      if (contribution.onContextMenu?.(event)) return;
    }
  }, []);
  // Slate reads initialValue once; keep the first value so re-renders cannot disturb it.
  const [initialValue] = useMemo(() => [value as Descendant[]], []); // eslint-disable-line react-hooks/exhaustive-deps

  const handleValueChange = useCallback((next: Descendant[]) => {
    onChangeRef.current(next as StoryBody);
  }, []);

  const handleKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>): boolean | undefined => {
      for (const contribution of contributionsRef.current) {
        if (contribution.onKeyDown?.(event)) return true;
      }
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
          renderLeaf={renderExtendedLeaf}
          renderPlaceholder={StoryPlaceholder}
          decorate={decorate}
          onKeyDown={handleKeyDown}
          onContextMenu={handleContextMenu}
          spellCheck
        />
        {contributions.map((contribution, index) =>
          contribution.panel ? <Fragment key={extensions[index]!.name}>{contribution.panel}</Fragment> : null,
        )}
      </div>
    </Slate>
  );
}, propsAreEqual);
