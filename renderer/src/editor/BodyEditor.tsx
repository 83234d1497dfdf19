/**
 * The story body editor: Slate with paragraphs, two sub-heading levels, quotes, nested lists,
 * images, separators, marks, links and "other language" runs; a toolbar and a shortcut for
 * every action; paste and drop from Word, Google Docs, the web and image files. It owns its
 * document after mounting: `value` is read once, so give the component a `key` per story to
 * load another one.
 *
 * Kept lean for long stories: render functions are stable, `onChange` fires only when the
 * document changes (not on selection moves) and hands over Slate's own array without copying
 * or walking it, and long documents are rendered in chunks the browser may skip painting.
 */
import {
  Fragment,
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { createEditor, Editor, Range, Transforms, type Descendant, type NodeEntry } from 'slate';
import { withHistory } from 'slate-history';
import {
  Editable,
  ReactEditor,
  Slate,
  withReact,
  type RenderChunkProps,
  type RenderElementProps,
  type RenderLeafProps,
} from 'slate-react';
import { useTranslation } from 'react-i18next';
import type { Direction, StoryBody } from '../../../shared/story/schema';
import {
  indentListItem,
  insertSeparator,
  setBlockDirection,
  setTextBlockType,
  toggleList,
  toggleMark,
  toggleOtherLanguage,
} from './commands';
import { EditorToolbar, type EditorToolbarHandle } from './EditorToolbar';
import { StoryElement, StoryLeaf, StoryPlaceholder } from './elements';
import { storeImage } from './media';
import { addImageFile, withPaste, type ImageProblem, type PasteHooks } from './paste';
import type { PasteChange } from './paste-html';
import { needsSlateArrowHandling } from './plugins';
import { withStoryBehaviour } from './compose';
import { actionOf, type EditorAction } from './shortcuts';
import './editor.css';
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

/** Brings Slate's selection in line with the page's, when the page's maps onto the document. */
function syncSelectionFromPage(editor: MihbaraEditor): void {
  const domSelection = window.getSelection();
  if (!domSelection || domSelection.rangeCount === 0) return;
  const range = ReactEditor.toSlateRange(editor, domSelection, { exactMatch: false, suppressThrow: true });
  if (range && !(editor.selection && Range.equals(range, editor.selection))) Transforms.select(editor, range);
}

const NO_EXTENSIONS: readonly EditorExtension[] = [];

const renderElement = (props: RenderElementProps) => <StoryElement {...props} />;
const renderLeaf = (props: RenderLeafProps) => <StoryLeaf {...props} />;

/**
 * Long documents render in chunks of CHUNK_SIZE top-level blocks; `content-visibility: auto`
 * (editor.css) lets the browser skip layout and paint of chunks off screen. Short documents are
 * not chunked at all, so their DOM stays flat.
 */
const CHUNK_SIZE = 100;
const CHUNK_FROM = 300;
const renderChunk = ({ attributes, children, lowest }: RenderChunkProps) => (
  <div {...attributes} className={lowest ? 'body-chunk' : undefined}>
    {children}
  </div>
);

/** What the notice under the toolbar says; null when there is nothing to say. */
type Notice =
  { kind: 'pasted'; changes: PasteChange[] } | { kind: 'image-refused'; name: string; problem: ImageProblem };

/** Runs every extension's hook, in the fixed order the extensions were given at mount. */
function useExtensionContributions(
  extensions: readonly EditorExtension[],
  editor: MihbaraEditor,
): EditorContributions[] {
  return extensions.map((extension) => extension.useContributions?.(editor) ?? {});
}

/**
 * Left/Right, with or without Shift (extend) and Ctrl/Alt (by word): the browser moves
 * visually, Slate would move logically and guess the direction from the block's text.
 */
function isHorizontalArrow(event: KeyboardEvent): boolean {
  return (event.key === 'ArrowLeft' || event.key === 'ArrowRight') && !event.metaKey;
}

/** The paste notice in the user's language: one clause per kind of change. */
function noticeText(notice: Notice, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (notice.kind === 'image-refused') {
    return t(`editing.imageRefused.${notice.problem}`, { name: notice.name });
  }
  if (notice.changes.length === 0) return t('editing.pastedClean');
  const parts = notice.changes.map((change) =>
    t(`editing.pasteChange.${change.kind}`, { count: change.count, detail: change.detail }),
  );
  return t('editing.pastedChanged', { list: parts.join(t('editing.listSeparator')) });
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
  const [notice, setNotice] = useState<Notice | null>(null);
  const hooks = useMemo<PasteHooks>(
    () => ({
      language: () => languageRef.current.lang,
      storeImage,
      pasted: (changes) => setNotice({ kind: 'pasted', changes }),
      imageRefused: (name, problem) => setNotice({ kind: 'image-refused', name, problem }),
    }),
    [],
  );
  const editor = useMemo<MihbaraEditor>(() => {
    const base = withPaste(
      withStoryBehaviour(withHistory(withReact(createEditor())), () => languageRef.current),
      hooks,
    );
    base.getChunkSize = (node) =>
      Editor.isEditor(node) && node.children.length >= CHUNK_FROM ? CHUNK_SIZE : null;
    return extensions.reduce((wrapped, extension) => extension.plugin?.(wrapped) ?? wrapped, base);
  }, [extensions, hooks]);
  const toolbar = useRef<EditorToolbarHandle>(null);

  // A notice stays long enough to read, then goes; it never takes focus or blocks typing.
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), 12_000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const onImageFiles = useCallback(
    (files: File[]) => {
      void (async () => {
        for (const file of files) await addImageFile(editor, file, hooks);
      })();
    },
    [editor, hooks],
  );

  const run = useCallback(
    (action: EditorAction) => {
      if (action !== 'link' && action !== 'image') ReactEditor.focus(editor);
      switch (action) {
        case 'paragraph':
        case 'heading-two':
        case 'heading-three':
        case 'block-quote':
        case 'pull-quote':
          return setTextBlockType(editor, action);
        case 'bulleted-list':
        case 'numbered-list':
          return toggleList(editor, action);
        case 'bold':
        case 'italic':
        case 'underline':
          return toggleMark(editor, action);
        case 'other-language':
          return toggleOtherLanguage(editor);
        case 'dir-rtl':
          return setBlockDirection(editor, 'rtl');
        case 'dir-ltr':
          return setBlockDirection(editor, 'ltr');
        case 'separator':
          return insertSeparator(editor);
        case 'link':
          return toolbar.current?.openLink();
        case 'image':
          return toolbar.current?.pickImage();
        case 'undo':
          return editor.undo();
        case 'redo':
          return editor.redo();
      }
    },
    [editor],
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
      // Slate learns of caret moves from throttled selectionchange events; a shortcut pressed right
      // after Home or Shift+Ctrl+Arrow would act on the old selection. Read the page's selection first.
      if (event.ctrlKey || event.metaKey) syncSelectionFromPage(editor);
      for (const contribution of contributionsRef.current) {
        if (contribution.onKeyDown?.(event)) return true;
      }
      if (isHorizontalArrow(event)) {
        // true = "handled": Slate then leaves the key to the browser, which moves visually.
        return needsSlateArrowHandling(editor) ? undefined : true;
      }
      if (event.key === 'Tab' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        if (indentListItem(editor, event.shiftKey)) {
          event.preventDefault();
          return true;
        }
        return undefined;
      }
      const action = actionOf(event);
      if (action) {
        event.preventDefault();
        run(action);
        return true;
      }
      return undefined;
    },
    [editor, run],
  );

  /**
   * Every paste goes through the editor's insertData (sanitize, convert, report). Chromium would
   * otherwise hand rich pastes to Slate through `beforeinput`: one path is easier to keep safe.
   */
  const handlePaste = useCallback(
    (event: ClipboardEvent<HTMLDivElement>) => {
      if (!event.clipboardData) return;
      event.preventDefault();
      ReactEditor.insertData(editor, event.clipboardData);
    },
    [editor],
  );

  return (
    <Slate editor={editor} initialValue={initialValue} onValueChange={handleValueChange}>
      <div className="body-editor">
        <EditorToolbar ref={toolbar} run={run} onImageFiles={onImageFiles} />
        {notice ? (
          <div className="editor-notice" role="status">
            <span>{noticeText(notice, t)}</span>
            <button
              type="button"
              className="editor-notice__close"
              aria-label={t('editing.dismiss')}
              onClick={() => setNotice(null)}
            >
              ×
            </button>
          </div>
        ) : null}
        <Editable
          className="body-editor__content"
          dir={dir}
          lang={lang}
          aria-label={label ?? t('editor.body')}
          placeholder={t('editor.bodyPlaceholder')}
          renderElement={renderElement}
          renderLeaf={renderExtendedLeaf}
          renderPlaceholder={StoryPlaceholder}
          renderChunk={renderChunk}
          decorate={decorate}
          onKeyDown={handleKeyDown}
          onContextMenu={handleContextMenu}
          onPaste={handlePaste}
          spellCheck
        />
        {contributions.map((contribution, index) =>
          contribution.panel ? <Fragment key={extensions[index]!.name}>{contribution.panel}</Fragment> : null,
        )}
      </div>
    </Slate>
  );
}, propsAreEqual);
