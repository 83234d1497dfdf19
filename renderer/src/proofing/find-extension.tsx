/**
 * Find and replace as an editor extension: Ctrl+F (or the bar's button) opens the find bar;
 * matches are decorations, the current one stronger; replace and replace-all are undoable.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Path, Text, type NodeEntry } from 'slate';
import { ReactEditor, useSlate } from 'slate-react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../i18n';
import { findMatches } from '../../../shared/text/normalize';
import type { DecoratedRange, EditorExtension } from '../editor/extensions';
import type { MihbaraEditor } from '../editor/slate-types';
import { findInDocument, replaceAll, replaceMatch, type StoryMatch } from './find-replace';

interface FindState {
  open: boolean;
  query: string;
  exact: boolean;
  /** index of the current match */
  current: number;
}

const openers = new WeakMap<MihbaraEditor, () => void>();

/** Opens the find bar of an editor (the proofing bar's button). */
export function openFind(editor: MihbaraEditor): void {
  openers.get(editor)?.();
}

const isFindShortcut = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.code === 'KeyF';

interface FindBarProps {
  state: FindState;
  matches: StoryMatch[];
  setState: (change: (state: FindState) => FindState) => void;
  onClose: () => void;
}

function FindBar({ state, matches, setState, onClose }: FindBarProps) {
  const { t } = useTranslation();
  const editor = useSlate() as MihbaraEditor;
  const id = useId();
  const [replacement, setReplacement] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const queryRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    queryRef.current?.focus();
    queryRef.current?.select();
  }, []);

  const count = matches.length;
  const current = count === 0 ? -1 : Math.min(state.current, count - 1);

  const show = (index: number) => {
    const match = matches[index];
    if (!match) return;
    setState((s) => ({ ...s, current: index }));
    try {
      const dom = ReactEditor.toDOMRange(editor, {
        anchor: { path: match.path, offset: match.start },
        focus: { path: match.path, offset: match.end },
      });
      dom.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    } catch {
      // Not rendered yet (a chunked long story): the decoration still marks it.
    }
  };
  // The first match of a new query comes into view without pressing "next".
  const first = matches[0];
  useEffect(() => {
    if (first && state.current === 0) show(0);
  }, [first]); // eslint-disable-line react-hooks/exhaustive-deps

  const step = (by: number) => count > 0 && show((current + by + count) % count);

  const replaceOne = () => {
    const match = matches[current];
    if (match && replaceMatch(editor, match, replacement)) setAnnouncement(t('proofing.replacedOne'));
  };
  const replaceEvery = () => {
    const replaced = replaceAll(editor, matches, replacement);
    setAnnouncement(t('proofing.replacedAll', { count: replaced, formatted: formatCount(replaced) }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter' && event.currentTarget === queryRef.current) {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    }
  };

  return (
    <search className="find-bar" aria-label={t('proofing.findBar')} onKeyDown={onKeyDown}>
      <label htmlFor={`${id}-query`}>{t('proofing.find')}</label>
      <input
        id={`${id}-query`}
        ref={queryRef}
        type="search"
        dir="auto"
        value={state.query}
        onChange={(event) => setState((s) => ({ ...s, query: event.target.value, current: 0 }))}
        onKeyDown={onKeyDown}
      />
      <label className="find-bar__exact">
        <input
          type="checkbox"
          checked={state.exact}
          onChange={(event) => setState((s) => ({ ...s, exact: event.target.checked, current: 0 }))}
        />
        {t('proofing.exactMatch')}
      </label>
      <span className="find-bar__count" aria-live="polite">
        {state.query === ''
          ? ''
          : count === 0
            ? t('proofing.noMatches')
            : t('proofing.matchOf', {
                current: formatCount(current + 1),
                count: formatCount(count),
              })}
      </span>
      <button type="button" onClick={() => step(-1)} disabled={count === 0}>
        {t('proofing.previous')}
      </button>
      <button type="button" onClick={() => step(1)} disabled={count === 0}>
        {t('proofing.next')}
      </button>
      <label htmlFor={`${id}-replacement`}>{t('proofing.replaceWith')}</label>
      <input
        id={`${id}-replacement`}
        type="text"
        dir="auto"
        value={replacement}
        onChange={(event) => setReplacement(event.target.value)}
      />
      <button type="button" onClick={replaceOne} disabled={count === 0}>
        {t('proofing.replace')}
      </button>
      <button type="button" onClick={replaceEvery} disabled={count === 0}>
        {t('proofing.replaceAll')}
      </button>
      <button type="button" onClick={onClose}>
        {t('proofing.closeFind')}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </search>
  );
}

/** Recomputes the matches after the document changes, at most every 150 ms. */
function useMatches(state: FindState): StoryMatch[] {
  const editor = useSlate();
  const [matches, setMatches] = useState<StoryMatch[]>([]);
  const children = editor.children;
  useEffect(() => {
    if (!state.open || state.query === '') {
      setMatches([]);
      return;
    }
    const timer = setTimeout(() => setMatches(findInDocument(children, state.query, state.exact)), 150);
    return () => clearTimeout(timer);
  }, [children, state.open, state.query, state.exact]);
  return matches;
}

function MatchesPanel({
  state,
  setState,
  onMatches,
  onClose,
}: {
  state: FindState;
  setState: (change: (state: FindState) => FindState) => void;
  onMatches: (matches: StoryMatch[]) => void;
  onClose: () => void;
}) {
  const matches = useMatches(state);
  useEffect(() => onMatches(matches), [matches, onMatches]);
  return <FindBar state={state} matches={matches} setState={setState} onClose={onClose} />;
}

function useFindContributions(editor: MihbaraEditor) {
  const [state, setState] = useState<FindState>({ open: false, query: '', exact: false, current: 0 });
  const [currentMatch, setCurrentMatch] = useState<StoryMatch | undefined>();
  const matchesRef = useRef<StoryMatch[]>([]);

  useEffect(() => {
    openers.set(editor, () => setState((s) => ({ ...s, open: true })));
  }, [editor]);

  const currentIndex = state.current;
  const onMatches = useCallback(
    (matches: StoryMatch[]) => {
      matchesRef.current = matches;
      setCurrentMatch(matches[Math.min(currentIndex, matches.length - 1)]);
    },
    [currentIndex],
  );
  useEffect(() => onMatches(matchesRef.current), [onMatches]);

  const close = useCallback(() => {
    setState((s) => ({ ...s, open: false }));
    ReactEditor.focus(editor);
  }, [editor]);

  const { open, query, exact } = state;
  const decorate = useMemo(
    () =>
      ([node, path]: NodeEntry): DecoratedRange[] => {
        if (!open || query === '' || !Text.isText(node)) return [];
        return findMatches(node.text, query, exact).map(({ start, end }) => ({
          anchor: { path, offset: start },
          focus: { path, offset: end },
          findMatch: true,
          findCurrent:
            currentMatch !== undefined &&
            Path.equals(currentMatch.path, path) &&
            currentMatch.start === start,
        }));
      },
    [open, query, exact, currentMatch],
  );

  return {
    decorate,
    leafClassName: (leaf: Record<string, unknown>) =>
      leaf['findCurrent'] ? 'find-current' : leaf['findMatch'] ? 'find-match' : undefined,
    onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => {
      if (!isFindShortcut(event)) return false;
      event.preventDefault();
      setState((s) => ({ ...s, open: true }));
      return true;
    },
    panel: open ? (
      <MatchesPanel state={state} setState={setState} onMatches={onMatches} onClose={close} />
    ) : null,
  };
}

/** The find-and-replace extension. */
export function findReplaceExtension(): EditorExtension {
  return { name: 'find-replace', useContributions: useFindContributions };
}
