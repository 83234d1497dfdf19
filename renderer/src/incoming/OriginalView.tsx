/**
 * An Incoming item's original file beside the story it makes, so the editor can check what the
 * intake kept: the story's main fields and paragraphs on one side, the file as received on the
 * other (left to right, as XML and JSON are written).
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomingOriginal } from '../../../shared/publishing/contract';
import { getApi } from '../api/client';
import { errorMessage } from '../publishing/messages';

export function OriginalView({ itemId, onClose }: { itemId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [original, setOriginal] = useState<IncomingOriginal | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void getApi()
      .getIncomingOriginal({ id: itemId })
      .then((result) => {
        if (!live) return;
        if (result.ok) setOriginal(result.value);
        else setProblem(errorMessage(t, result.error));
      });
    return () => {
      live = false;
    };
  }, [itemId, t]);

  if (problem)
    return (
      <p className="problem" role="alert">
        {problem}
      </p>
    );
  if (!original) return <p role="status">{t('incoming.original.loading')}</p>;
  const { story } = original;
  return (
    <div className="incoming__compare" role="group" aria-labelledby={`${id}-story ${id}-file`}>
      <section className="incoming__compare-story" aria-labelledby={`${id}-story`}>
        <h4 id={`${id}-story`}>{t('incoming.original.story')}</h4>
        <div lang={story.language} dir="auto">
          <p className="incoming__compare-headline">{story.headline}</p>
          {story.subheadline ? <p className="incoming__compare-sub">{story.subheadline}</p> : null}
          <dl className="incoming__compare-fields">
            {story.byline ? (
              <>
                <dt>{t('incoming.original.byline')}</dt>
                <dd dir="auto">{story.byline}</dd>
              </>
            ) : null}
            {story.dateline ? (
              <>
                <dt>{t('incoming.original.dateline')}</dt>
                <dd dir="auto">{story.dateline}</dd>
              </>
            ) : null}
            {story.slugline ? (
              <>
                <dt>{t('incoming.original.slugline')}</dt>
                <dd dir="auto">{story.slugline}</dd>
              </>
            ) : null}
          </dl>
          {story.paragraphs.map((paragraph, index) => (
            <p key={index} dir="auto">
              {paragraph}
            </p>
          ))}
        </div>
      </section>
      <section className="incoming__compare-file" aria-labelledby={`${id}-file`}>
        <h4 id={`${id}-file`}>
          {t('incoming.original.file')}{' '}
          <bdi dir="ltr" className="publishing__technical">
            {original.fileName}
          </bdi>
        </h4>
        {original.text === null ? (
          <p>{t('incoming.original.notKept')}</p>
        ) : (
          <pre
            dir="ltr"
            tabIndex={0}
            aria-label={t('incoming.original.fileLabel', { name: original.fileName })}
          >
            {original.text}
          </pre>
        )}
        {original.truncated ? <p>{t('incoming.original.truncated')}</p> : null}
      </section>
      <div className="publishing__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('incoming.original.close')}
        </button>
      </div>
    </div>
  );
}
