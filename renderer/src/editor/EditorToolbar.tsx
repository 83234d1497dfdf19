/**
 * The body editor's toolbar: block types and history. Buttons keep the editor's selection
 * (mousedown is prevented) and say which block type is active with aria-pressed.
 */
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ReactEditor, useSlate } from 'slate-react';
import type { BlockType } from '../../../shared/story/schema';
import { currentBlockType, setTextBlockType } from './plugins';

const BLOCK_KEYS: Record<string, BlockType> = {
  Digit1: 'heading-two',
  Digit2: 'heading-three',
  Digit0: 'paragraph',
};

/** Ctrl/Cmd+Alt+1, 2, 0 → sub-heading two, sub-heading three, paragraph (by physical key). */
export function blockShortcut(event: KeyboardEvent): BlockType | undefined {
  if (!(event.ctrlKey || event.metaKey) || !event.altKey || event.shiftKey) return undefined;
  return BLOCK_KEYS[event.code];
}

const keepSelection = (event: MouseEvent) => event.preventDefault();

function ToolbarButton(props: {
  label: string;
  shortcut: string;
  pressed?: boolean;
  disabled?: boolean;
  onPress: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="toolbar-button"
      aria-label={props.label}
      aria-keyshortcuts={props.shortcut}
      aria-pressed={props.pressed}
      title={`${props.label} (${props.shortcut.replace('Control', 'Ctrl')})`}
      disabled={props.disabled}
      onMouseDown={keepSelection}
      onClick={props.onPress}
    >
      {props.children}
    </button>
  );
}

/** Paragraph / H2 / H3 / undo / redo. */
export function EditorToolbar() {
  const { t } = useTranslation();
  const editor = useSlate();
  const active = currentBlockType(editor);

  const setBlock = (type: BlockType) => () => {
    ReactEditor.focus(editor);
    setTextBlockType(editor, type);
  };

  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <ToolbarButton
        label={t('editor.paragraphLabel')}
        shortcut="Control+Alt+0"
        pressed={active === 'paragraph'}
        onPress={setBlock('paragraph')}
      >
        {t('editor.paragraph')}
      </ToolbarButton>
      <ToolbarButton
        label={t('editor.headingTwoLabel')}
        shortcut="Control+Alt+1"
        pressed={active === 'heading-two'}
        onPress={setBlock('heading-two')}
      >
        {t('editor.headingTwo')}
      </ToolbarButton>
      <ToolbarButton
        label={t('editor.headingThreeLabel')}
        shortcut="Control+Alt+2"
        pressed={active === 'heading-three'}
        onPress={setBlock('heading-three')}
      >
        {t('editor.headingThree')}
      </ToolbarButton>
      <span className="editor-toolbar__gap" aria-hidden="true" />
      <ToolbarButton
        label={t('editor.undo')}
        shortcut="Control+Z"
        disabled={editor.history.undos.length === 0}
        onPress={() => {
          ReactEditor.focus(editor);
          editor.undo();
        }}
      >
        {t('editor.undo')}
      </ToolbarButton>
      <ToolbarButton
        label={t('editor.redo')}
        shortcut="Control+Shift+Z"
        disabled={editor.history.redos.length === 0}
        onPress={() => {
          ReactEditor.focus(editor);
          editor.redo();
        }}
      >
        {t('editor.redo')}
      </ToolbarButton>
    </div>
  );
}
