/**
 * What the former holder of a story's lock is told when a desk chief took it over: who did, from
 * whom and when (in the house style), and the revision their unsaved text was saved as, with a
 * way to see what that revision holds and a button that copies that text to the clipboard.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bodyToText } from '../../../shared/format/body-to-html';
import type { Story } from '../../../shared/story/schema';
import { getApi } from '../api/client';
import { useDateFormat } from '../app/use-date-format';
import { formatCount } from '../i18n';
import { DiffView } from './DiffView';

export interface Takeover {
  storyId: string;
  byName: string;
  byRole: string;
  /** whose lock it was (this workstation's user) */
  fromName: string;
  /** when the lock was taken over (ISO) */
  at: string;
  /** the revision the holder's unsaved text was saved as; absent when nothing was unsaved */
  rescuedVersion?: number;
}

/** The text of a story as a person would paste it elsewhere: headline, sub-headline, body. */
function plainText(story: Story): string {
  return [story.headline, story.subheadline, bodyToText(story.body)]
    .filter((part) => part.trim())
    .join('\n\n');
}

export function TakeoverNotice({ takeover }: { takeover: Takeover }) {
  const { t } = useTranslation();
  const formatTime = useDateFormat();
  const [shown, setShown] = useState<{ before: Story; after: Story } | null>(null);
  const [failed, setFailed] = useState(false);
  const [copied, setCopied] = useState<'done' | 'failed' | null>(null);
  const version = takeover.rescuedVersion;
  const who = {
    role: t(`reviewing.roleTitle.${takeover.byRole}`),
    name: takeover.byName,
    from: takeover.fromName,
    when: formatTime(takeover.at),
  };

  const toggle = async () => {
    if (shown || version === undefined) return setShown(null);
    const api = getApi();
    const [before, after] = await Promise.all([
      api.getRevision({ id: takeover.storyId, version: Math.max(1, version - 1) }),
      api.getRevision({ id: takeover.storyId, version }),
    ]);
    if (!before.ok || !after.ok) return setFailed(true);
    setFailed(false);
    setShown({ before: before.value, after: after.value });
  };

  const copy = async () => {
    if (version === undefined) return;
    const rescued = await getApi().getRevision({ id: takeover.storyId, version });
    if (!rescued.ok) return setCopied('failed');
    try {
      await navigator.clipboard.writeText(plainText(rescued.value));
      setCopied('done');
    } catch (error) {
      console.error(`Mihbara: the rescued text could not be copied: ${String(error)}`);
      setCopied('failed');
    }
  };

  return (
    <div className="takeover" data-testid="takeover-notice">
      <p>
        {version === undefined
          ? t('reviewing.takenOver', who)
          : t('reviewing.takenOverRescued', { ...who, version: formatCount(version) })}
      </p>
      {version !== undefined ? (
        <div className="takeover__actions">
          <button
            type="button"
            className="button"
            aria-expanded={shown !== null}
            onClick={() => void toggle()}
          >
            {t('reviewing.showRescued', { version: formatCount(version) })}
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
      {shown ? <DiffView before={shown.before} after={shown.after} /> : null}
    </div>
  );
}
