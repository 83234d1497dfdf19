/** What the index keeps of a story, and a story's searchable text for snippets. */
import { bodyToText } from '../../../shared/format/body-to-html';
import type { Story } from '../../../shared/story/schema';
import { mediaTopics } from '../vocab/mediatopics';
import type { IndexDoc } from './engine';

export function indexDocOf(story: Story): IndexDoc {
  const vocab = mediaTopics();
  const subjects = new Set<string>();
  for (const code of story.subjects ?? []) for (const c of vocab.withAncestors(code)) subjects.add(c);
  return {
    id: story.id,
    version: story.version,
    headline: story.headline,
    subheadline: story.subheadline,
    byline: story.byline,
    body: bodyToText(story.body),
    tags: story.tags,
    entities: (story.entities ?? []).map((entity) => entity.name),
    status: story.status,
    desk: story.desk,
    authors: story.authors ?? [],
    subjects: [...subjects],
    date: Date.parse(story.updatedAt),
  };
}
