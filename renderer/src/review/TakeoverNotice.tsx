/**
 * What the former holder of a story's lock is told when a desk chief took it over: who did, and
 * the revision their unsaved text was saved as, with a way to see what that revision holds.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Story } from '../../../shared/story/schema';
import { getApi } from '../api/client';
import { formatCount } from '../i18n';
import { DiffView } from './DiffView';

export interface Takeover {
  storyId: string;
  byName: string;
  byRole: string;
  /** the revision the holder's unsaved text was saved as; absent when nothing was unsaved */
  rescuedVersion?: number;
}

export function TakeoverNotice({ takeover }: { takeover: Takeover }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ before: Story; after: Story } | null>(null);
  const [failed, setFailed] = useState(false);
  const version = takeover.rescuedVersion;
  const who = { role: t(`reviewing.roleTitle.${takeover.byRole}`), name: takeover.byName };

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

  return (
    <div className="takeover" data-testid="takeover-notice">
      <p>
        {version === undefined
          ? t('reviewing.takenOver', who)
          : t('reviewing.takenOverRescued', { ...who, version: formatCount(version) })}
      </p>
      {version !== undefined ? (
        <button type="button" className="button" aria-expanded={shown !== null} onClick={() => void toggle()}>
          {t('reviewing.showRescued', { version: formatCount(version) })}
        </button>
      ) : null}
      {failed ? <p role="alert">{t('errors.internal')}</p> : null}
      {shown ? <DiffView before={shown.before} after={shown.after} /> : null}
    </div>
  );
}
