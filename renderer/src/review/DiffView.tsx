/**
 * The word diff of the review screen. Each block keeps the story's direction and language, and
 * insertions and deletions are marked with colour and underline/strike only: padding, borders or
 * a font change on an inline span would break the joining of Arabic letters across it.
 *
 * Words can be selected here to comment on them; `selectionRange` maps a selection back to the
 * current text (deleted words are not part of it).
 */
import { useTranslation } from 'react-i18next';
import type { Story } from '../../../shared/story/schema';
import { nodeText } from '../../../shared/workflow/anchors';
import { bodyDiff, metadataChanges, type DiffPart } from '../../../shared/workflow/word-diff';
import { renderBlock, type BlockDecoration, type Insertion, type Overlay } from '../story-body/StoryBodyView';
import './review.css';

function Parts({ parts }: { parts: DiffPart[] }) {
  const { t } = useTranslation();
  return (
    <>
      {parts.map((part, index) =>
        part.kind === 'added' ? (
          <ins key={index} className="diff-ins" title={t('workflow.added')}>
            {part.text}
          </ins>
        ) : part.kind === 'removed' ? (
          <del key={index} className="diff-del" title={t('workflow.removed')}>
            {part.text}
          </del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

export function DiffView({ before, after }: { before: Story; after: Story }) {
  const { t } = useTranslation();
  const blocks = bodyDiff(before.body, after.body, after.language);
  const fields = metadataChanges(before, after);
  const changed = fields.length > 0 || blocks.some((block) => block.some((part) => part.kind !== 'same'));
  // Blocks that hold any current text are the current body's blocks, in order.
  let current = -1;
  const story = { dir: after.direction, lang: after.language };
  /** The current body's blocks without text that come next (or all that are left, at the end). */
  function* textless(toEnd = false) {
    while (current + 1 < after.body.length) {
      const next = after.body[current + 1]!;
      if (!toEnd && nodeText(next) !== '') return;
      current += 1;
      yield renderBlock(next, current, story);
    }
  }
  return (
    <div className="diff" data-testid="diff">
      {!changed ? <p className="diff__none">{t('workflow.noChanges')}</p> : null}
      {fields.length > 0 ? (
        <dl className="diff__fields" aria-label={t('workflow.changedFields')}>
          {fields.map((field) => (
            <div key={field.field} className="diff__field">
              <dt>{t(`workflow.field.${field.field}`)}</dt>
              <dd dir={after.direction} lang={after.language}>
                {field.parts ? (
                  <Parts parts={field.parts} />
                ) : (
                  <>
                    {field.before ? <del className="diff-del">{field.before}</del> : null}{' '}
                    {field.after ? <ins className="diff-ins">{field.after}</ins> : null}
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <div className="diff__body story-body">
        {blocks.map((parts, index) => {
          const live = parts.some((part) => part.kind !== 'removed');
          if (!live) {
            return (
              <p key={`gone${index}`} dir={after.direction} lang={after.language} className="diff__gone">
                <Parts parts={parts} />
              </p>
            );
          }
          // Blocks without text (pictures, separators, empty paragraphs) have no words to compare.
          const shown = [...textless()];
          current += 1;
          const block = after.body[current];
          if (block) shown.push(renderBlock(block, current, story, changesOf(parts, current, t)));
          return shown;
        })}
        {[...textless(true)]}
      </div>
    </div>
  );
}

/**
 * A block's word changes as marks over its formatted text: insertions wrap the added words
 * (inside bold, italic and links alike), deletions are shown where the words were.
 */
function changesOf(parts: DiffPart[], block: number, t: (key: string) => string): BlockDecoration {
  const overlays: Overlay[] = [];
  const insertions: Insertion[] = [];
  let at = 0;
  parts.forEach((part, index) => {
    if (part.kind === 'removed') {
      insertions.push({
        at,
        node: (
          <del key={`del${index}`} className="diff-del" title={t('workflow.removed')}>
            {part.text}
          </del>
        ),
      });
      return;
    }
    const start = at;
    at += part.text.length;
    if (part.kind === 'added') {
      overlays.push({
        start,
        end: at,
        wrap: (content, key) => (
          <ins key={key} className="diff-ins" title={t('workflow.added')}>
            {content}
          </ins>
        ),
      });
    }
  });
  return { overlays, insertions, attributes: { 'data-block': block } };
}

/** The current-text range of the page selection inside a diff block, or null. */
export function selectionRange(
  root: HTMLElement | null,
): { block: number; start: number; end: number } | null {
  const selection = window.getSelection();
  if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const blockOf = (node: Node) =>
    (node instanceof Element ? node : node.parentElement)?.closest('[data-block]');
  const block = blockOf(range.startContainer);
  if (!block || block !== blockOf(range.endContainer) || !root.contains(block)) return null;
  // Offsets count the text of everything but deletions, which are not in the current text.
  let offset = 0;
  let start = -1;
  let end = -1;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('del')) continue;
    const length = node.textContent?.length ?? 0;
    if (node === range.startContainer) start = offset + range.startOffset;
    if (node === range.endContainer) end = offset + range.endOffset;
    offset += length;
  }
  if (start < 0 || end <= start) return null;
  return { block: Number(block.getAttribute('data-block')), start, end };
}
