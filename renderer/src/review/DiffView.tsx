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
import { bodyDiff, metadataChanges, type DiffPart } from '../../../shared/workflow/word-diff';
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
      <div className="diff__body">
        {blocks.map((parts, index) => {
          const live = parts.some((part) => part.kind !== 'removed');
          if (live) current += 1;
          return (
            <p
              key={index}
              dir={after.direction}
              lang={after.language}
              data-block={live ? current : undefined}
              className={live ? undefined : 'diff__gone'}
            >
              <Parts parts={parts} />
            </p>
          );
        })}
      </div>
    </div>
  );
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
