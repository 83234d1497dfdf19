/**
 * What the store has to tell the user at start-up: that it was opened read-only (another
 * Mihbara holds it), that damaged files were moved to its quarantine, and, in a dialog, the
 * unsaved text a crash or a failed save left in the recovery journal, to restore or set aside,
 * and the text kept for the user when a desk chief took their lock over, to copy or set aside
 * (it is never restored into the story the desk chief took).
 */
import { useDateFormat } from '../app/use-date-format';
import { useCallback, useEffect, useId, useState } from 'react';
import { AppModal } from '../design/AppModal';
import { useTranslation } from 'react-i18next';
import type { RecoveryOffer } from '../../../shared/story/history';
import type { Story } from '../../../shared/story/schema';
import { getApi } from '../api/client';
import { keptText } from './kept-text';

export interface StoreNoticesProps {
  /** a draft was saved into its story: show it */
  onRestored: (story: Story) => void;
}

export function StoreNotices({ onRestored }: StoreNoticesProps) {
  const { t } = useTranslation();
  const [readOnly, setReadOnly] = useState(false);
  const [quarantined, setQuarantined] = useState(0);
  const [offers, setOffers] = useState<RecoveryOffer[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const api = getApi();
      const [info, drafts] = await Promise.all([api.getStoreInfo({}), api.listRecoveryDrafts({})]);
      if (cancelled) return;
      if (info.ok) {
        setReadOnly(info.value.readOnly === true);
        setQuarantined(info.value.quarantined ?? 0);
      }
      if (drafts.ok) setOffers(drafts.value);
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const act = useCallback(
    async (offer: RecoveryOffer, restore: boolean) => {
      setBusy(true);
      setFailure(null);
      try {
        const api = getApi();
        if (restore) {
          const result = await api.restoreRecoveryDraft({ id: offer.id });
          if (!result.ok) {
            setFailure(t('storeRecovery.failed', { reason: t(`errors.${result.error.code}`) }));
            return;
          }
          onRestored(result.value);
        } else {
          const result = offer.takenOver
            ? await api.discardTakenOverDraft({ id: offer.id })
            : await api.discardRecoveryDraft({ id: offer.id });
          if (!result.ok) {
            setFailure(t('storeRecovery.failed', { reason: t(`errors.${result.error.code}`) }));
            return;
          }
        }
        setOffers((current) => current.filter((entry) => entry !== offer));
      } finally {
        setBusy(false);
      }
    },
    [onRestored, t],
  );

  const copy = useCallback(
    async (offer: RecoveryOffer, headline: string) => {
      setFailure(null);
      setCopied(null);
      const text = await keptText(offer.id);
      try {
        if (text === null) throw new Error('no kept text');
        await navigator.clipboard.writeText(text);
        setCopied(t('storeRecovery.copied', { headline }));
      } catch (error) {
        console.error(`Mihbara: the kept text could not be copied: ${String(error)}`);
        setFailure(t('reviewing.copyFailed'));
      }
    },
    [t],
  );

  const time = useDateFormat();

  return (
    <>
      {readOnly ? (
        <p className="store-notice" role="status">
          {t('storeRecovery.readOnly')}
        </p>
      ) : null}
      {quarantined > 0 ? (
        <p className="store-notice" role="status">
          {t('storeRecovery.quarantined', { count: quarantined })}
        </p>
      ) : null}
      {offers.length > 0 ? (
        <AppModal
          className="recovery-dialog"
          labelledBy={titleId}
          // Escape closes it for now; the drafts stay and are offered at the next start.
          dismissable={false}
          onClose={() => setOffers([])}
        >
          <h2 id={titleId}>{t('storeRecovery.title')}</h2>
          <p>{t('storeRecovery.intro')}</p>
          {failure ? (
            <p className="problem" role="alert">
              {failure}
            </p>
          ) : null}
          {copied ? <p role="status">{copied}</p> : null}
          <ul className="recovery-dialog__list">
            {offers.map((offer) => {
              const headline = offer.headline || t('list.untitled');
              return (
                <li
                  key={`${offer.id}${offer.takenOver ? ':taken-over' : ''}`}
                  className="recovery-dialog__item"
                  data-taken-over={offer.takenOver ? 'true' : undefined}
                >
                  <bdi className="recovery-dialog__headline">{headline}</bdi>
                  <span className="recovery-dialog__time">
                    {offer.takenOver
                      ? t('storeRecovery.takenOver', {
                          name: offer.takenOver.byName,
                          time: time(offer.takenOver.at),
                        })
                      : t('storeRecovery.savedAt', { time: time(offer.savedAt) })}
                  </span>
                  <span className="recovery-dialog__actions">
                    {offer.takenOver ? (
                      <button
                        type="button"
                        className="button button--primary"
                        disabled={busy}
                        aria-label={t('storeRecovery.copyLabel', { headline })}
                        onClick={() => void copy(offer, headline)}
                      >
                        {t('storeRecovery.copy')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button--primary"
                        disabled={busy}
                        aria-label={t('storeRecovery.restoreLabel', { headline })}
                        onClick={() => void act(offer, true)}
                      >
                        {t('storeRecovery.restore')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button"
                      disabled={busy}
                      aria-label={t('storeRecovery.discardLabel', { headline })}
                      onClick={() => void act(offer, false)}
                    >
                      {t('storeRecovery.discard')}
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
          <p className="recovery-dialog__note">{t('storeRecovery.discardNote')}</p>
          <button type="button" className="button" onClick={() => setOffers([])}>
            {t('storeRecovery.later')}
          </button>
        </AppModal>
      ) : null}
    </>
  );
}
