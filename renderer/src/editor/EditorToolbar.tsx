/**
 * The body editor's toolbar: block types, lists, marks, links, direction, images, separators
 * and history, as icons (lucide) with a tooltip in the UI's language that names the shortcut.
 * One tab stop: the ARIA toolbar pattern (React Aria's Toolbar) moves between buttons with the
 * arrow keys, mirrored in RTL. Buttons keep the editor's selection (mousedown is prevented) and
 * say what is active with aria-pressed. Icons that point somewhere turn with the UI direction.
 */
import {
  forwardRef,
  useImperativeHandle,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Focusable, Toolbar, Tooltip, TooltipTrigger } from 'react-aria-components';
import {
  Bold,
  Heading2,
  Heading3,
  ImagePlus,
  Italic,
  Languages,
  Link,
  List,
  ListOrdered,
  MessageSquareQuote,
  Pilcrow,
  PilcrowLeft,
  PilcrowRight,
  Quote,
  Redo2,
  SeparatorHorizontal,
  Underline,
  Undo2,
  type LucideIcon,
} from 'lucide-react';
import { Transforms, type Range } from 'slate';
import { ReactEditor, useSlate } from 'slate-react';
import { MEDIA_MIME_TYPES } from '../../../shared/media/limits';
import {
  activeLink,
  currentBlockType,
  currentDirection,
  currentListType,
  isMarkActive,
  isOtherLanguageActive,
  removeLink,
  setLink,
} from './commands';
import { ariaShortcut, shortcutLabel, type EditorAction } from './shortcuts';

const keepSelection = (event: MouseEvent) => event.preventDefault();

/** An icon for the toolbar; `directional` icons are mirrored in RTL (they point along the line). */
function icon(Icon: LucideIcon, directional = false): ReactNode {
  return (
    <Icon
      aria-hidden="true"
      size={18}
      strokeWidth={2}
      className={directional ? 'icon--directional' : undefined}
    />
  );
}

function ToolbarButton(props: {
  label: string;
  action?: EditorAction;
  pressed?: boolean;
  disabled?: boolean;
  onPress: () => void;
  children: ReactNode;
  className?: string;
}) {
  const shortcut = props.action ? shortcutLabel(props.action) : undefined;
  return (
    <TooltipTrigger delay={500} closeDelay={100}>
      <Focusable>
        <button
          type="button"
          className={`toolbar-button ${props.className ?? ''}`}
          aria-label={props.label}
          aria-keyshortcuts={props.action ? ariaShortcut(props.action) : undefined}
          aria-pressed={props.pressed}
          disabled={props.disabled}
          onMouseDown={keepSelection}
          onClick={props.onPress}
        >
          {props.children}
        </button>
      </Focusable>
      <Tooltip className="tooltip" offset={6}>
        {props.label}
        {shortcut ? (
          <>
            {' '}
            <kbd dir="ltr">{shortcut}</kbd>
          </>
        ) : null}
      </Tooltip>
    </TooltipTrigger>
  );
}

export interface EditorToolbarHandle {
  /** opens the link form (Ctrl+K) */
  openLink(): void;
  /** opens the file dialog for an image */
  pickImage(): void;
}

export interface EditorToolbarProps {
  /** runs an action exactly as its shortcut does */
  run: (action: EditorAction) => void;
  /** image files chosen in the file dialog */
  onImageFiles: (files: File[]) => void;
}

/** The toolbar above the editing area. */
export const EditorToolbar = forwardRef<EditorToolbarHandle, EditorToolbarProps>(function EditorToolbar(
  { run, onImageFiles },
  ref,
) {
  const { t } = useTranslation();
  const editor = useSlate();
  const block = currentBlockType(editor);
  const list = currentListType(editor);
  const dir = currentDirection(editor);
  const fileInput = useRef<HTMLInputElement>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const [linkForm, setLinkForm] = useState<{ at: Range | null; url: string; invalid: boolean } | null>(null);

  const openLink = () => {
    const existing = activeLink(editor);
    setLinkForm({ at: editor.selection, url: existing?.[0].url ?? '', invalid: false });
    requestAnimationFrame(() => linkInput.current?.focus());
  };
  const closeLink = () => {
    const at = linkForm?.at;
    setLinkForm(null);
    ReactEditor.focus(editor);
    if (at) Transforms.select(editor, at);
  };
  useImperativeHandle(ref, () => ({
    openLink,
    pickImage: () => fileInput.current?.click(),
  }));

  const applyLink = (event: FormEvent) => {
    event.preventDefault();
    if (!linkForm) return;
    if (!setLink(editor, linkForm.url, linkForm.at)) {
      setLinkForm({ ...linkForm, invalid: true });
      linkInput.current?.focus();
      return;
    }
    setLinkForm(null);
    ReactEditor.focus(editor);
  };
  const onLinkKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeLink();
    }
  };
  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (files.length) onImageFiles(files);
  };

  const button = (action: EditorAction, label: string, text: ReactNode, pressed?: boolean) => (
    <ToolbarButton label={label} action={action} pressed={pressed} onPress={() => run(action)}>
      {text}
    </ToolbarButton>
  );

  return (
    <div className="editor-toolbar-area">
      <Toolbar className="editor-toolbar" aria-label={t('editor.toolbar')}>
        <div className="editor-toolbar__group">
          {button('paragraph', t('editor.paragraphLabel'), icon(Pilcrow), block === 'paragraph')}
          {button('heading-two', t('editor.headingTwoLabel'), icon(Heading2), block === 'heading-two')}
          {button('heading-three', t('editor.headingThreeLabel'), icon(Heading3), block === 'heading-three')}
          {button('block-quote', t('editing.blockQuoteLabel'), icon(Quote), block === 'block-quote')}
          {button(
            'pull-quote',
            t('editing.pullQuoteLabel'),
            icon(MessageSquareQuote),
            block === 'pull-quote',
          )}
        </div>
        <div className="editor-toolbar__group">
          {button(
            'bulleted-list',
            t('editing.bulletedListLabel'),
            icon(List, true),
            list === 'bulleted-list',
          )}
          {button(
            'numbered-list',
            t('editing.numberedListLabel'),
            icon(ListOrdered),
            list === 'numbered-list',
          )}
        </div>
        <div className="editor-toolbar__group">
          {button('bold', t('editing.boldLabel'), icon(Bold), isMarkActive(editor, 'bold'))}
          {button('italic', t('editing.italicLabel'), icon(Italic), isMarkActive(editor, 'italic'))}
          {button(
            'underline',
            t('editing.underlineLabel'),
            icon(Underline),
            isMarkActive(editor, 'underline'),
          )}
          <ToolbarButton
            label={t('editing.linkLabel')}
            action="link"
            pressed={!!activeLink(editor)}
            onPress={openLink}
          >
            {icon(Link)}
          </ToolbarButton>
          {button(
            'other-language',
            t('editing.otherLanguageLabel'),
            icon(Languages),
            isOtherLanguageActive(editor),
          )}
        </div>
        <div className="editor-toolbar__group">
          {button('dir-rtl', t('editing.rtlLabel'), icon(PilcrowLeft), dir === 'rtl')}
          {button('dir-ltr', t('editing.ltrLabel'), icon(PilcrowRight), dir === 'ltr')}
        </div>
        <div className="editor-toolbar__group">
          <ToolbarButton
            label={t('editing.imageLabel')}
            action="image"
            onPress={() => fileInput.current?.click()}
          >
            {icon(ImagePlus)}
          </ToolbarButton>
          {button('separator', t('editing.separatorLabel'), icon(SeparatorHorizontal))}
        </div>
        <span className="editor-toolbar__gap" aria-hidden="true" />
        <div className="editor-toolbar__group">
          <ToolbarButton
            label={t('editor.undo')}
            action="undo"
            disabled={editor.history.undos.length === 0}
            onPress={() => run('undo')}
          >
            {icon(Undo2, true)}
          </ToolbarButton>
          <ToolbarButton
            label={t('editor.redo')}
            action="redo"
            disabled={editor.history.redos.length === 0}
            onPress={() => run('redo')}
          >
            {icon(Redo2, true)}
          </ToolbarButton>
        </div>
        <input
          ref={fileInput}
          type="file"
          accept={MEDIA_MIME_TYPES.join(',')}
          multiple
          hidden
          aria-label={t('editing.imageLabel')}
          onChange={onFiles}
        />
      </Toolbar>
      {linkForm ? (
        <form
          className="link-form"
          onSubmit={applyLink}
          onKeyDown={onLinkKey}
          aria-label={t('editing.linkForm')}
        >
          <label htmlFor="mihbara-link-url">{t('editing.linkAddress')}</label>
          <input
            id="mihbara-link-url"
            ref={linkInput}
            type="text"
            dir="ltr"
            inputMode="url"
            value={linkForm.url}
            aria-invalid={linkForm.invalid}
            aria-describedby={linkForm.invalid ? 'mihbara-link-error' : undefined}
            onChange={(event) => setLinkForm({ ...linkForm, url: event.target.value, invalid: false })}
            autoComplete="off"
          />
          <button type="submit" className="button">
            {t('editing.linkApply')}
          </button>
          {activeLink(editor) ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                removeLink(editor, linkForm.at);
                setLinkForm(null);
                ReactEditor.focus(editor);
              }}
            >
              {t('editing.linkRemove')}
            </button>
          ) : null}
          <button type="button" className="button" onClick={closeLink}>
            {t('editing.cancel')}
          </button>
          {linkForm.invalid ? (
            <p id="mihbara-link-error" className="link-form__error" role="alert">
              {t('editing.linkInvalid')}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
});
