/**
 * The media library: the pictures stories use (lead images and images in the body), with the
 * caption, credit and alt text of the most recently saved story that uses each, searchable by
 * caption and credit with the same Arabic-aware normalisation as search.
 */
import type { MediaUse } from '../../../shared/media/contract';
import type { BlockElement, Story } from '../../../shared/story/schema';
import { normalizeArabic } from '../../../shared/text/normalize';
import type { StoryStore } from '../store/types';

/** Stories read per query: the library shows what the newsroom used lately, not its whole past. */
export const LIBRARY_STORIES = 400;
export const LIBRARY_RESULTS = 200;

function imagesOf(story: Story): Array<Omit<MediaUse, 'stories'>> {
  const found: Array<Omit<MediaUse, 'stories'>> = [];
  if (story.leadImage) {
    const { file, caption, credit, altText } = story.leadImage;
    found.push({ file, caption, credit, alt: altText });
  }
  const walk = (blocks: readonly BlockElement[]) => {
    for (const block of blocks) {
      if (block.type === 'image' && block.file) {
        found.push({
          file: block.file,
          caption: block.caption ?? '',
          credit: block.credit ?? '',
          alt: block.alt ?? '',
        });
      }
      const children = block.children.filter(
        (child): child is BlockElement => 'type' in child && child.type !== 'link',
      );
      if (children.length) walk(children);
    }
  };
  walk(story.body);
  return found;
}

const MEDIA_NAME = /^[0-9a-f]{64}\.(png|jpg|gif|webp)$/;

export async function listMedia(store: StoryStore, query: string): Promise<MediaUse[]> {
  const wanted = normalizeArabic(query.trim().toLowerCase()).split(/\s+/).filter(Boolean);
  const recent = (await store.listPage({ limit: LIBRARY_STORIES })).items;
  const byFile = new Map<string, MediaUse>();
  for (const summary of recent) {
    let story: Story;
    try {
      story = await store.get(summary.id);
    } catch {
      continue; // a story that cannot be read has no pictures to offer
    }
    for (const image of imagesOf(story)) {
      if (!MEDIA_NAME.test(image.file)) continue;
      const known = byFile.get(image.file);
      if (known) {
        known.stories += 1;
        // The words of an earlier story fill in what the latest left empty.
        known.caption ||= image.caption;
        known.credit ||= image.credit;
        known.alt ||= image.alt;
      } else byFile.set(image.file, { ...image, stories: 1 });
    }
  }
  const matches = [...byFile.values()].filter((use) => {
    if (wanted.length === 0) return true;
    const words = normalizeArabic(`${use.caption} ${use.credit}`.toLowerCase());
    return wanted.every((word) => words.includes(word));
  });
  return matches.slice(0, LIBRARY_RESULTS);
}
