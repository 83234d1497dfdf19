/**
 * The top of a story shown without editing (read-only view, review): slug and desk, headline,
 * sub-headline, byline and dateline, the lead image with its caption and credit, and the
 * editor's note to the desk, which is never published.
 */
import { useTranslation } from 'react-i18next';
import type { Story } from '../../../shared/story/schema';
import { formatDate } from '../../../shared/text/house-style';
import { useNewsroomSettings } from '../proofing/settings-store';
import { StoredFigure } from './StoryBodyView';
import { useDesks } from './use-desks';
import { deskLabel } from '../../../shared/workflow/desks';

export function StoryHeader({ story }: { story: Story }) {
  const { t, i18n } = useTranslation();
  const { houseStyle } = useNewsroomSettings();
  const desks = useDesks();
  const content = { dir: story.direction, lang: story.language };
  const known = story.desk ? desks.find((d) => d.id === story.desk) : undefined;
  const desk = known ? deskLabel(known, i18n.language) : (story.desk ?? null);
  const date = story.dateline.date
    ? i18n.language === 'ar'
      ? formatDate(new Date(story.dateline.date), houseStyle, { timeZone: 'UTC' })
      : new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(story.dateline.date),
        )
    : '';
  const dateline = [story.dateline.place, date].filter(Boolean).join(' — ');
  return (
    <header className="story-header">
      {story.slugline || desk ? (
        <p className="story-header__meta">
          {story.slugline ? (
            <span className="story-header__slug" data-testid="story-slug" {...content}>
              {story.slugline}
            </span>
          ) : null}
          {desk ? <span className="story-header__desk">{t('storyForm.deskIs', { desk })}</span> : null}
        </p>
      ) : null}
      <h2 className="read-only__headline" {...content}>
        {story.headline || t('list.untitled')}
      </h2>
      {story.subheadline ? (
        <p className="read-only__deck" {...content}>
          {story.subheadline}
        </p>
      ) : null}
      {story.byline || dateline ? (
        <p className="read-only__byline" {...content}>
          {story.byline}
          {story.byline && dateline ? ' · ' : ''}
          {dateline ? <span className="story-header__dateline">{dateline}</span> : null}
        </p>
      ) : null}
      {story.leadImage ? (
        <StoredFigure
          className="story-header__lead"
          file={story.leadImage.file}
          alt={story.leadImage.altText}
          caption={story.leadImage.caption}
          credit={story.leadImage.credit}
          {...content}
        />
      ) : null}
      {story.edNote ? (
        <aside className="story-header__note" aria-label={t('storyForm.edNote')}>
          <strong>{t('storyForm.edNote')}:</strong> <span {...content}>{story.edNote}</span>
        </aside>
      ) : null}
    </header>
  );
}
