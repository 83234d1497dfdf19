/**
 * The story's details in the side panel: what it is (status, version, byline, language, length)
 * and when it changed, in the house style.
 */
import { useTranslation } from 'react-i18next';
import type { Story } from '../../../shared/story/schema';
import { bodyToText } from '../../../shared/format/body-to-html';
import { countWords } from '../../../shared/text/count';
import { useDateFormat } from '../app/use-date-format';
import { formatCount } from '../i18n';

export function StoryDetails({ story }: { story: Story }) {
  const { t } = useTranslation();
  const formatTime = useDateFormat();
  const words = countWords(bodyToText(story.body));
  const rows: [string, React.ReactNode][] = [
    [t('layout.details.status'), t(`status.${story.status}`)],
    [t('layout.details.version'), formatCount(story.version)],
    [t('layout.details.byline'), story.byline ? <bdi>{story.byline}</bdi> : '—'],
    [t('layout.details.language'), story.language === 'ar' ? 'العربية' : <span lang="en">English</span>],
    [t('layout.details.words'), t('proofing.words', { count: words, n: formatCount(words) })],
    [t('layout.details.created'), <time dateTime={story.createdAt}>{formatTime(story.createdAt)}</time>],
    [t('layout.details.updated'), <time dateTime={story.updatedAt}>{formatTime(story.updatedAt)}</time>],
  ];
  return (
    <dl className="details-list" data-testid="story-details">
      {rows.map(([term, value]) => (
        <div key={term} className="details-list__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
