/**
 * The sidebar's views: all stories, and the queues of the current user, each with its count.
 */
import { formatCount } from '../i18n';
import { useTranslation } from 'react-i18next';
import { QUEUES, type QueueId } from '../../../shared/workflow/model';
import type { StorySummary } from '../../../shared/story/schema';
import '../review/review.css';

export interface QueueNavProps {
  queues: Record<QueueId, StorySummary[]> | null;
  selected: QueueId | null;
  onSelect: (queue: QueueId | null) => void;
}

export function QueueNav({ queues, selected, onSelect }: QueueNavProps) {
  const { t } = useTranslation();
  if (!queues) return null;
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
              aria-label={t('workflow.queueCount', { count: queues[queue].length })}
            >
              {formatCount(queues[queue].length)}
            </span>
          </button>
        ))}
      </div>
    </nav>
  );
}
