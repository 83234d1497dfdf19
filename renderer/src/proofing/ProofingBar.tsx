/**
 * The bar under the story body: live counts (of the selection when there is one), the spell
 * checker's state, and the proofing commands (find, digit conversion, settings).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Editor, Node, Range, type Descendant } from 'slate';
import { useSlate, useSlateSelection } from 'slate-react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../i18n';
import { countText, readingMinutes, type TextCounts } from '../../../shared/text/count';
import type { EditorExtension } from '../editor/extensions';
import type { MihbaraEditor } from '../editor/slate-types';
import { openFind } from './find-extension';
import { useNewsroomSettings } from './settings-store';
import { spellSessionOf } from './spell-extension';
import { SettingsDialog } from './SettingsDialog';
import { convertSelectionDigits } from './typing-aids';

// Blocks are immutable in Slate: an unchanged block keeps its identity and its cached counts,
// so a keystroke in a 10,000-paragraph story recounts one block.
const blockCounts = new WeakMap<Descendant, TextCounts>();

function countsOfBlock(block: Descendant): TextCounts {
  let counts = blockCounts.get(block);
  if (!counts) {
    counts = countText(Node.string(block));
    blockCounts.set(block, counts);
  }
  return counts;
}

/** Counts of the whole body, summed from cached block counts. */
export function countBody(children: readonly Descendant[]): TextCounts {
  let words = 0;
  let characters = 0;
  let charactersWithSpaces = 0;
  for (const block of children) {
    const counts = countsOfBlock(block);
    words += counts.words;
    characters += counts.characters;
    charactersWithSpaces += counts.charactersWithSpaces;
  }
  return { words, characters, charactersWithSpaces, readingMinutes: readingMinutes(words) };
}

/** Recounts at most every 200 ms while typing. */
function useBodyCounts(): TextCounts {
  const editor = useSlate();
  const children = editor.children;
  const [counts, setCounts] = useState(() => countBody(children));
  useEffect(() => {
    const timer = setTimeout(() => setCounts(countBody(children)), 200);
    return () => clearTimeout(timer);
  }, [children]);
  return counts;
}

function SpellStatus({ editor }: { editor: MihbaraEditor }) {
  const { t } = useTranslation();
  const session = spellSessionOf(editor);
  const noop = () => () => undefined;
  const state = useSyncExternalStore(
    session?.client.subscribe ?? noop,
    () => session?.client.state ?? 'failed',
  );
  const settings = useNewsroomSettings();
  if (!session || !settings.spellCheck)
    return <span className="proofing-bar__spell">{t('proofing.spellOff')}</span>;
  return (
    <span className="proofing-bar__spell" data-state={state}>
      {state === 'loading'
        ? t('proofing.spellLoading')
        : state === 'failed'
          ? t('proofing.spellFailed')
          : t('proofing.spellReady')}
    </span>
  );
}

function ProofingBar() {
  const { t } = useTranslation();
  const editor = useSlate() as MihbaraEditor;
  const selection = useSlateSelection();
  const body = useBodyCounts();
  const [settingsOpen, setSettingsOpen] = useState(false);
  // The count picks the plural form (six in Arabic); the figure is shown grouped, in the house digits.
  const counted = (key: 'words' | 'characters' | 'minutes', value: number) =>
    t(`proofing.${key}`, { count: value, n: formatCount(value) });

  const selected =
    selection && Range.isExpanded(selection)
      ? countText(Editor.string(editor, selection, { voids: false }))
      : undefined;

  return (
    <div className="proofing-bar" role="group" aria-label={t('proofing.bar')}>
      <span className="proofing-bar__counts" role="group" aria-label={t('proofing.counts')}>
        {selected ? (
          <span data-counts="selection">
            {t('proofing.selectionCounts', {
              words: counted('words', selected.words),
              characters: counted('characters', selected.characters),
            })}
          </span>
        ) : null}
        <span data-counts="body">
          {t('proofing.bodyCounts', {
            words: counted('words', body.words),
            characters: counted('characters', body.characters),
            minutes: counted('minutes', body.readingMinutes),
          })}
        </span>
      </span>
      <SpellStatus editor={editor} />
      <span className="proofing-bar__commands">
        <button
          type="button"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => openFind(editor)}
        >
          {t('proofing.openFind')}
        </button>
        <button
          type="button"
          // Keep the focus (and the selection) in the text.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => convertSelectionDigits(editor)}
          disabled={!selected}
        >
          {t('proofing.convertDigits')}
        </button>
        <button type="button" onClick={() => setSettingsOpen(true)}>
          {t('proofing.settings')}
        </button>
      </span>
      {settingsOpen ? <SettingsDialog onClose={() => setSettingsOpen(false)} /> : null}
    </div>
  );
}

/** The counts-and-commands bar as an editor extension. */
export function proofingBarExtension(): EditorExtension {
  return { name: 'proofing-bar', useContributions: () => ({ panel: <ProofingBar /> }) };
}
