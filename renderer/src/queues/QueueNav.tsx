/**
 * The sidebar's views: all stories, and the queues of the current user, each with its count.
 */
import { formatCount } from '../i18n';
import { useTranslation } from 'react-i18next';
import { QUEUES, type QueueId } from '../../../shared/workflow/model';
import '../review/review.css';

export interface QueueNavProps {
  /** each queue's count, as the backend counted it (`totalAtLeast`: more than that) */
  counts: Record<QueueId, { total: number; totalAtLeast?: boolean }> | null;
  selected: QueueId | null;
  onSelect: (queue: QueueId | null) => void;
}

export function QueueNav({ counts, selected, onSelect }: QueueNavProps) {
  const { t } = useTranslation();
  if (!counts) return null;
  return (
    <nav className="queues" aria-label={t('workflow.queues')}>
      <div className="queues__list">
        <button
          type="button"
          className="queues__item"
          aria-pressed={selected === null}
          onClick={() => onSelect(null)}
        >
          {t('workflow.allStories')}
        </button>

        {QUEUES.map((queue) => (
          <button
            key={queue}
            type="button"
            className="queues__item"
            aria-pressed={selected === queue}
            data-queue={queue}
            onClick={() => onSelect(queue)}
          >
            <span>{t(`workflow.queue.${queue}`)}</span>
            <span
              className="queues__count"
              aria-label={t(
                counts[queue].totalAtLeast ? 'workflow.queueCountAtLeast' : 'workflow.queueCount',
                {
                  count: counts[queue].total,
                },
              )}
            >
              {formatCount(counts[queue].total)}
              {counts[queue].totalAtLeast ? '+' : ''}
            </span>
          </button>
        ))}
      </div>
    </nav>
  );
}
