/**
 * A story shown without editing: when someone else holds its lock, or its state or the user's
 * role does not allow changes.
 */
import { useTranslation } from 'react-i18next';
import type { Story } from '../../../shared/story/schema';
import { blockTexts } from '../../../shared/workflow/anchors';
import './review.css';

export function ReadOnlyStory({ story, notice }: { story: Story; notice: string }) {
  const { t } = useTranslation();
  return (
    <article className="read-only" aria-label={story.headline || t('list.untitled')}>
      <p className="read-only__notice" role="status">
        {notice}
      </p>
      <h2 className="read-only__headline" dir={story.direction} lang={story.language}>
        {story.headline || t('list.untitled')}
      </h2>
      {story.subheadline ? (
        <p className="read-only__deck" dir={story.direction} lang={story.language}>
          {story.subheadline}
        </p>
      ) : null}
      {story.byline ? (
        <p className="read-only__byline" dir={story.direction} lang={story.language}>
          {story.byline}
        </p>
      ) : null}
      <div className="read-only__body" data-testid="read-only-body">
        {blockTexts(story.body).map((text, index) => (
          <p
            key={index}
            dir={story.body[index]?.dir ?? story.direction}
            lang={story.body[index]?.lang ?? story.language}
          >
            {text}
          </p>
        ))}
      </div>
    </article>
  );
}
