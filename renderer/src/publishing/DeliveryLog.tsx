/**
 * The delivery log: each delivery's latest state (channel, why, status, attempts, the last
 * failure), newest first. For the whole newsroom on the channels screen, or for one story under
 * it. Administrators may retry a delivery that is waiting or has failed.
 */
import { formatCount } from '../i18n';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delivery } from '../../../shared/publishing/model';
import { getApi } from '../api/client';
import { errorMessage } from './messages';
import { useDateFormat } from '../app/use-date-format';
import './publishing.css';

export interface DeliveryLogProps {
  /** one story's deliveries; absent: every delivery */
  storyId?: string;
  /** changes when the log may have changed (a story's version, a test) */
  refreshKey?: unknown;
  canRetry?: boolean;
  headingLevel?: 2 | 3;
}

/** How often an open log asks again while something is still on its way. */
const POLL_MS = 3000;

export function DeliveryLog({ storyId, refreshKey, canRetry = false, headingLevel = 2 }: DeliveryLogProps) {
  const { t } = useTranslation();
  const formatTime = useDateFormat();
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await getApi().listDeliveries(storyId ? { storyId } : {});
    if (!result.ok) return setProblem(errorMessage(t, result.error));
    setProblem(null);
    setDeliveries(result.value);
  }, [storyId, t]);

  useEffect(() => void load(), [load, refreshKey]);
  const waiting = deliveries?.some((d) => d.status === 'pending' || d.status === 'retrying') ?? false;
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [waiting, load]);

  const retry = async (delivery: Delivery) => {
    const result = await getApi().retryDelivery({ id: delivery.id });
    if (!result.ok) setProblem(errorMessage(t, result.error));
    await load();
  };

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const title = storyId ? t('publishing.log.storyTitle') : t('publishing.log.title');
  return (
    <section className="delivery-log" aria-label={title}>
      <div className="publishing__head">
        <Heading>{title}</Heading>
        <button type="button" className="button" onClick={() => void load()}>
          {t('publishing.log.refresh')}
        </button>
      </div>
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      {deliveries && deliveries.length === 0 ? <p>{t('publishing.log.empty')}</p> : null}
      {deliveries && deliveries.length > 0 ? (
        <table className="publishing-table">
          <thead>
            <tr>
              <th scope="col">{t('publishing.log.col.time')}</th>
              <th scope="col">{t('publishing.log.col.channel')}</th>
              <th scope="col">{t('publishing.log.col.event')}</th>
              <th scope="col">{t('publishing.log.col.status')}</th>
              <th scope="col">{t('publishing.log.col.attempts')}</th>
              <th scope="col">{t('publishing.log.col.detail')}</th>
              {canRetry ? <th scope="col">{t('publishing.col.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} data-delivery={d.id} data-status={d.status}>
                <td>{formatTime(d.updatedAt)}</td>
                <td>
                  <bdi>{d.channelName}</bdi>
                </td>
                <td>
                  {t(`publishing.log.event.${d.event}`)}
                  {d.sequence !== undefined
                    ? ` (${t('publishing.log.sequence', { sequence: d.sequence })})`
                    : ''}
                </td>
                <td>
                  <span className={`delivery-status delivery-status--${d.status}`}>
                    {t(`publishing.log.status.${d.status}`)}
                  </span>
                </td>
                <td>{formatCount(d.attempts)}</td>
                <td>
                  {d.status === 'retrying' && d.nextAttemptAt
                    ? `${t('publishing.log.nextAttempt', { time: formatTime(d.nextAttemptAt) })} `
                    : ''}
                  {d.httpStatus !== undefined ? `HTTP ${d.httpStatus} ` : ''}
                  {d.lastError ? (
                    <bdi dir="ltr" lang="en" className="publishing__technical">
                      {d.lastError}
                    </bdi>
                  ) : null}
                </td>
                {canRetry ? (
                  <td>
                    {d.status === 'retrying' || d.status === 'failed' || d.status === 'pending' ? (
                      <button
                        type="button"
                        className="button"
                        aria-label={t('publishing.log.retryLabel', { channel: d.channelName })}
                        onClick={() => void retry(d)}
                      >
                        {t('publishing.log.retry')}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
