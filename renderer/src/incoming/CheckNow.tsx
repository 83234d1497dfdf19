/**
 * "Check now" for the watched wire folder: looks at it at once instead of waiting for the next
 * poll, shows how far the look has gone (a progress bar and a count), lets it be stopped, and
 * ends with how many files were taken, skipped as duplicates and refused.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomingScan } from '../../../shared/publishing/contract';
import { getApi } from '../api/client';
import { errorMessage } from '../publishing/messages';

/** How often a running look is asked for its progress. */
const POLL_MS = 300;

export function CheckNow({ onFinished }: { onFinished: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [scan, setScan] = useState<IncomingScan | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [folder, setFolder] = useState<string | null | undefined>(undefined);
  const timer = useRef<number | undefined>(undefined);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const follow = useCallback(async () => {
    const result = await getApi().getIncomingScan({});
    if (!result.ok) return setProblem(errorMessage(t, result.error));
    setScan(result.value);
    if (result.value?.state === 'running') {
      timer.current = window.setTimeout(() => void follow(), POLL_MS);
    } else {
      finished.current();
    }
  }, [t]);

  useEffect(() => {
    void getApi()
      .getIncomingWatch({})
      .then((result) => setFolder(result.ok ? result.value.folder : null));
    // A look started before this screen opened (or before a reload) is shown as it goes.
    void getApi()
      .getIncomingScan({})
      .then((result) => {
        if (result.ok && result.value?.state === 'running') void follow();
      });
    return () => window.clearTimeout(timer.current);
  }, [follow]);

  const start = async () => {
    setProblem(null);
    const result = await getApi().checkIncomingWatch({});
    if (!result.ok) return setProblem(errorMessage(t, result.error));
    setScan(result.value);
    window.clearTimeout(timer.current);
    void follow();
  };

  const cancel = async () => {
    const result = await getApi().cancelIncomingScan({});
    if (!result.ok) setProblem(errorMessage(t, result.error));
  };

  if (!folder) return null;
  const running = scan?.state === 'running';
  return (
    <div className="incoming__check" aria-labelledby={`${id}-title`} role="group">
      <p id={`${id}-title`} className="incoming__check-title">
        {t('incoming.check.watched')}{' '}
        <bdi dir="ltr" className="publishing__technical">
          {folder}
        </bdi>
      </p>
      <div className="publishing__actions">
        <button type="button" className="button" disabled={running} onClick={() => void start()}>
          {running ? t('incoming.check.checking') : t('incoming.check.now')}
        </button>
        {running ? (
          <button type="button" className="button" onClick={() => void cancel()}>
            {t('incoming.check.cancel')}
          </button>
        ) : null}
      </div>
      {running ? (
        <progress
          className="incoming__progress"
          aria-label={t('incoming.check.progressLabel')}
          max={Math.max(scan.total, 1)}
          value={scan.done}
        />
      ) : null}
      <p role="status" data-scan-state={scan?.state}>
        {scan
          ? running
            ? t('incoming.check.progress', { done: scan.done, total: scan.total })
            : t(`incoming.check.result.${scan.state}`, {
                taken: scan.taken,
                duplicates: scan.duplicates,
                refused: scan.refused,
                done: scan.done,
                total: scan.total,
              })
          : ''}
      </p>
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
