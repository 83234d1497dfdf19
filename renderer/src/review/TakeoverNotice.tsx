/**
 * What the former holder of a story's lock is told when a desk chief took it over: who did, from
 * whom and when (in the house style), and that their unsaved text is kept for them as a recovery
 * draft, out of the story the desk chief now edits, with a way to read it and a button that
 * copies it to the clipboard.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keptText } from '../recovery/kept-text';
import { useDateFormat } from '../app/use-date-format';

export interface Takeover {
  storyId: string;
  byName: string;
  byRole: string;
  /** whose lock it was (this workstation's user) */
  fromName: string;
  /** when the lock was taken over (ISO) */
  at: string;
  /** their unsaved text is kept for them (false when nothing was unsaved) */
  kept: boolean;
}

export function TakeoverNotice({ takeover }: { takeover: Takeover }) {
  const { t } = useTranslation();
  const formatTime = useDateFormat();
  const [shown, setShown] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [copied, setCopied] = useState<'done' | 'failed' | null>(null);
  const who = {
    role: t(`reviewing.roleTitle.${takeover.byRole}`),
    name: takeover.byName,
    from: takeover.fromName,
    when: formatTime(takeover.at),
  };

  const toggle = async () => {
    if (shown !== null) return setShown(null);
    const text = await keptText(takeover.storyId);
    setFailed(text === null);
    setShown(text);
  };

  const copy = async () => {
    const text = await keptText(takeover.storyId);
    if (text === null) return setCopied('failed');
    try {
      await navigator.clipboard.writeText(text);
      setCopied('done');
    } catch (error) {
      console.error(`Mihbara: the kept text could not be copied: ${String(error)}`);
      setCopied('failed');
    }
  };

  return (
    <div className="takeover" data-testid="takeover-notice">
      <p>{takeover.kept ? t('reviewing.takenOverKept', who) : t('reviewing.takenOver', who)}</p>
      {takeover.kept ? (
        <div className="takeover__actions">
          <button
            type="button"
            className="button"
            aria-expanded={shown !== null}
            onClick={() => void toggle()}
          >
            {t('reviewing.showKept')}
          </button>
          <button type="button" className="button" onClick={() => void copy()}>
            {t('reviewing.copyRescued')}
          </button>
        </div>
      ) : null}
      {copied ? (
        <p role="status" data-testid="takeover-copied">
          {copied === 'done' ? t('reviewing.copiedRescued') : t('reviewing.copyFailed')}
        </p>
      ) : null}
      {failed ? <p role="alert">{t('errors.internal')}</p> : null}
      {shown !== null ? (
        // Scrolled when long: reachable by keyboard, and named for screen readers.
        <div
          className="takeover__text"
          dir="auto"
          role="region"
          tabIndex={0}
          aria-label={t('reviewing.keptText')}
          data-testid="takeover-text"
        >
          {shown}
        </div>
      ) : null}
    </div>
  );
}
