/**
 * The story list: newest change first, each entry with headline, status and last change. It
 * shows the page the backend gave (of the whole list or a queue), how many stories there are,
 * and a control that asks for more; while the newsroom server is away, it says that only the
 * stories kept on this workstation are listed.
 */
import { useDateFormat } from '../app/use-date-format';
import { useMemo, type ReactNode } from 'react';
import { formatCount } from '../i18n';
import { useTranslation } from 'react-i18next';
import type { StorySummary } from '../../../shared/story/schema';

export interface StoryListProps {
  stories: StorySummary[] | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onCreate: () => void;
  /** story id → name of the user editing it (locks held by others) */
  lockNames?: Record<string, string>;
  /** shown above the list (the search panel) */
  top?: ReactNode;
  /** how many stories the page is of, as the backend counted them */
  shown?: { total: number; totalAtLeast?: boolean; offline?: boolean } | null;
  /** asks for the next page; absent when there is none */
  onMore?: () => void;
  /** the list shows as many stories as it ever does: older ones are found by search */
  limitReached?: boolean;
}

export function StoryList({
  stories,
  selectedId,
  onSelect,
  onCreate,
  top,
  lockNames,
  shown,
  onMore,
  limitReached,
}: StoryListProps) {
  const { t } = useTranslation();
  const formatTime = useDateFormat();
  const sorted = useMemo(
    () => (stories ? [...stories].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) : null),
    [stories],
  );

  return (
    <nav className="story-list" aria-labelledby="story-list-heading">
      <div className="story-list__inner">
        {top}
        <div className="story-list__head">
          <h2 id="story-list-heading">{t('list.heading')}</h2>
          <button
            type="button"
            className="button button--primary"
            onClick={onCreate}
            aria-keyshortcuts="Control+Alt+N Meta+Alt+N"
            title={t('list.newStoryHint')}
          >
            {t('list.newStory')}
          </button>
        </div>
        {sorted === null ? (
          <p className="story-list__note">{t('list.loading')}</p>
        ) : sorted.length === 0 ? (
          <p className="story-list__note">{t('list.empty')}</p>
        ) : (
          <ul className="story-list__items">
            {sorted.map((story) => (
              <li key={story.id}>
                <button
                  type="button"
                  className="story-list__item"
                  aria-current={story.id === selectedId ? 'true' : undefined}
                  onClick={() => onSelect(story.id)}
                >
                  <span className="story-list__headline" dir="auto" lang={story.language}>
                    {story.headline || t('list.untitled')}
                  </span>
                  <span className="story-list__meta">
                    <span className={`status-badge status-badge--${story.status}`}>
                      {t(`status.${story.status}`)}
                    </span>
                    <time dateTime={story.updatedAt}>{formatTime(story.updatedAt)}</time>
                    {story.embargo ? (
                      <span className="embargo-badge" title={formatTime(story.embargo)}>
                        {t('reviewing.embargoBadgeShort')}
                      </span>
                    ) : null}
                    {lockNames?.[story.id] ? (
                      <span className="lock-badge">
                        {t('workflow.lockedByShort', { name: lockNames[story.id] })}
                      </span>
                    ) : null}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {sorted && shown && sorted.length > 0 ? (
          <p className="story-list__note story-list__count">
            {t(shown.totalAtLeast ? 'list.shownAtLeast' : 'list.shown', {
              count: shown.total,
              shown: formatCount(sorted.length),
              total: formatCount(shown.total),
            })}
          </p>
        ) : null}
        {onMore ? (
          <button type="button" className="button story-list__more" onClick={onMore}>
            {t('list.more')}
          </button>
        ) : null}
        {limitReached ? <p className="story-list__note">{t('list.limitReached')}</p> : null}
        {shown?.offline ? <p className="story-list__note story-list__offline">{t('list.offline')}</p> : null}
      </div>
    </nav>
  );
}
