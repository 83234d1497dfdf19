/**
 * Spell checking as an editor extension: misspelled words are decorations (a wavy underline that
 * keeps Arabic letters joined), and a right click on one opens the spelling menu.
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { Node, Text, Transforms, type NodeEntry, type Path, type Range } from 'slate';
import { ReactEditor } from 'slate-react';
import { useTranslation } from 'react-i18next';
import type { DecoratedRange, EditorExtension } from '../editor/extensions';
import type { MihbaraEditor } from '../editor/slate-types';
import { addNewsroomWord, currentSettings, newsroomWords, useNewsroomSettings } from './settings-store';
import { spellClient } from './spell-client';
import { SpellSession } from './spell-session';
import { spellingWords, wordAt } from '../../../shared/text/spelling';
import { SpellMenu, type SpellMenuState } from './SpellMenu';

const sessions = new WeakMap<MihbaraEditor, SpellSession>();

/** The spell session of an editor (the counts bar shows its state). */
export function spellSessionOf(editor: MihbaraEditor): SpellSession | undefined {
  return sessions.get(editor);
}

interface OpenMenu extends SpellMenuState {
  path: Path;
  start: number;
  end: number;
}

/** Where the word under a mouse event or at the caret is, if it is marked misspelled. */
function markedWordAt(editor: MihbaraEditor, session: SpellSession, range: Range | null) {
  if (!range) return undefined;
  const { path, offset } = range.anchor;
  if (!Node.has(editor, path)) return undefined;
  const node = Node.get(editor, path);
  if (!Text.isText(node)) return undefined;
  const span = wordAt(node.text, offset);
  if (!span || !session.misspelled.has(span.word) || session.ignored.has(span.word)) return undefined;
  return { ...span, path };
}

function useSpellContributions(editor: MihbaraEditor) {
  const { t } = useTranslation();
  const session = sessions.get(editor)!;
  const settings = useNewsroomSettings();
  const version = useSyncExternalStore(session.subscribe, () => session.version);
  const clientState = useSyncExternalStore(session.client.subscribe, () => session.client.state);
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const enabled = settings.spellCheck;

  // The browser's own checker would mark the same text by other rules (and has no Arabic on
  // Windows): switched off on the editable this checker runs in. BodyEditor renders
  // spellCheck={true} once and React does not set it again.
  useEffect(() => {
    try {
      ReactEditor.toDOMNode(editor, editor).spellcheck = false;
    } catch {
      // not mounted
    }
  }, [editor]);

  // A checker switched on, or dictionaries that just finished loading, means a fresh scan.
  useEffect(() => {
    if (enabled && clientState === 'ready') session.rescanAll();
  }, [enabled, clientState, session]);

  const decorate = useMemo(() => {
    // A snapshot: the function's results depend only on its node entry and this version.
    const misspelled = new Set([...session.misspelled].filter((word) => !session.ignored.has(word)));
    return ([node, path]: NodeEntry): DecoratedRange[] => {
      if (!enabled || misspelled.size === 0 || !Text.isText(node)) return [];
      const ranges: DecoratedRange[] = [];
      for (const span of spellingWords(node.text)) {
        if (misspelled.has(span.word)) {
          ranges.push({
            anchor: { path, offset: span.start },
            focus: { path, offset: span.end },
            misspelled: true,
          });
        }
      }
      return ranges;
    };
  }, [enabled, version, session]); // eslint-disable-line react-hooks/exhaustive-deps

  const open = useCallback(
    (word: NonNullable<ReturnType<typeof markedWordAt>>, x: number, y: number) => {
      setMenu({ word: word.word, path: word.path, start: word.start, end: word.end, x, y });
      void session.client
        .suggest(word.word)
        .then((suggestions) =>
          setMenu((current) =>
            current && current.word === word.word ? { ...current, suggestions } : current,
          ),
        );
    },
    [session],
  );

  const close = useCallback(() => {
    setMenu(null);
    ReactEditor.focus(editor);
  }, [editor]);

  const onContextMenu = (event: MouseEvent<HTMLDivElement>): boolean => {
    if (!enabled) return false;
    let range: Range | null;
    try {
      range = ReactEditor.findEventRange(editor, event);
    } catch {
      return false;
    }
    const word = markedWordAt(editor, session, range);
    if (!word) return false;
    event.preventDefault();
    open(word, event.clientX, event.clientY);
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): boolean => {
    if (!enabled || !(event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey))) return false;
    const word = markedWordAt(editor, session, editor.selection);
    if (!word) return false;
    event.preventDefault();
    const rect = ReactEditor.toDOMRange(editor, {
      anchor: { path: word.path, offset: word.start },
      focus: { path: word.path, offset: word.end },
    }).getBoundingClientRect();
    // The menu's start edge meets the word's start: its right edge in a right-to-left window.
    open(word, document.documentElement.dir === 'rtl' ? rect.right : rect.left, rect.bottom);
    return true;
  };

  const replace = (suggestion: string) => {
    if (!menu) return;
    const { path, start, end, word } = menu;
    // The text may have changed while the menu was open: replace only the same word, still there.
    const node = Node.has(editor, path) ? Node.get(editor, path) : undefined;
    if (node && Text.isText(node) && node.text.slice(start, end) === word) {
      const at = { anchor: { path, offset: start }, focus: { path, offset: end } };
      Transforms.select(editor, at);
      Transforms.insertText(editor, suggestion, { at });
      Transforms.select(editor, { path, offset: start + suggestion.length });
    }
    close();
  };

  const add = () => {
    if (!menu) return;
    const { word } = menu;
    void addNewsroomWord(word).then((error) => {
      if (error) {
        setMenu(
          (current) => current && { ...current, error: t('proofing.addFailed', { detail: error.detail }) },
        );
        return;
      }
      session.client.add(word);
      void session.recheckMisspelled();
      close();
    });
  };

  const ignore = () => {
    if (!menu) return;
    session.ignore(menu.word);
    close();
  };

  return {
    decorate,
    leafClassName: (leaf: Record<string, unknown>) => (leaf['misspelled'] ? 'proof-misspelled' : undefined),
    onContextMenu,
    onKeyDown,
    panel: menu ? (
      <SpellMenu menu={menu} onReplace={replace} onAdd={add} onIgnore={ignore} onClose={close} />
    ) : null,
  };
}

/** The spell-checking extension: give each editor a new one. */
export function spellCheckExtension(): EditorExtension {
  return {
    name: 'spell-check',
    plugin(editor) {
      const client = spellClient(newsroomWords);
      const session = new SpellSession(
        client,
        () => editor.children,
        () => currentSettings().spellCheck,
      );
      sessions.set(editor, session);
      const { onChange } = editor;
      editor.onChange = (options) => {
        // Only the blocks an operation touched are re-read; the first scan covers the rest.
        session.noteOperations(editor.operations);
        onChange(options);
      };
      return editor;
    },
    useContributions: useSpellContributions,
  };
}
