/**
 * The story list: newest change first, each entry with headline, status and last change.
 */
import { useDateFormat } from '../app/use-date-format';
import { useMemo, type ReactNode } from 'react';
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
}

export function StoryList({ stories, selectedId, onSelect, onCreate, top, lockNames }: StoryListProps) {
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
      </div>
    </nav>
  );
}
