/**
 * The outputs of one story for one channel, from the one mapping of the story model in
 * shared/format: the standalone page, ninjs 3.1 and the NewsML-G2 newsItem. The editorial note
 * goes only to internal channels; a withdrawal changes pubStatus and nothing else.
 */
import type { Channel } from '../../../shared/publishing/model';
import { storyToNewsml } from '../../../shared/format/newsml';
import { storyToNinjs, type NinjsDocument, type NinjsPubStatus } from '../../../shared/format/ninjs';
import { storyToPage, tagSlug, type StoryPageOptions } from '../../../shared/format/story-page';
import type { Story } from '../../../shared/story/schema';
import type { HouseStyle } from '../../../shared/text/house-style';

/** Where a channel's files live relative to its site root. */
export const storyPath = (id: string, ext: 'html' | 'ninjs.json' | 'newsml.xml') => `stories/${id}.${ext}`;
export const mediaPath = (file: string) => `media/${file}`;
export const FONTS_DIR = 'fonts';

export interface RenderOptions {
  channel: Channel;
  pubStatus?: NinjsPubStatus;
  houseStyle?: HouseStyle;
  /** the story's section on the site, and its page (relative to the story's page) */
  section?: { name: string; href: string };
  /** other stories of the section, newest first (links relative to the story's page) */
  more?: StoryPageOptions['more'];
}

/** Absolute media address on a folder channel's site, else our URN. */
function mediaHref(channel: Channel): ((file: string) => string) | undefined {
  const base = channel.folder?.baseUrl;
  return base ? (file) => new URL(mediaPath(file), base).href : undefined;
}

export function renderNinjs(story: Story, options: RenderOptions): NinjsDocument {
  const href = mediaHref(options.channel);
  return storyToNinjs(story, {
    includeEdNote: options.channel.internal,
    ...(options.pubStatus ? { pubStatus: options.pubStatus } : {}),
    ...(href ? { mediaHref: href } : {}),
  });
}

export function renderNewsml(story: Story, options: RenderOptions): string {
  const href = mediaHref(options.channel);
  return storyToNewsml(story, {
    includeEdNote: options.channel.internal,
    ...(options.pubStatus ? { pubStatus: options.pubStatus } : {}),
    ...(href ? { mediaHref: href } : {}),
    ...(options.channel.folder ? { provider: options.channel.folder.siteTitle } : {}),
  });
}

/** The page as the folder channel serves it: media and fonts one folder up from `stories/`. */
export function renderPage(story: Story, options: RenderOptions): string {
  const folder = options.channel.folder;
  const base = folder?.baseUrl;
  return storyToPage(story, {
    imageSrc: (file) => `../${mediaPath(encodeURIComponent(file))}`,
    fontsHref: `../${FONTS_DIR}`,
    ...(options.houseStyle ? { houseStyle: options.houseStyle } : {}),
    ...(base ? { url: new URL(storyPath(story.id, 'html'), base).href } : {}),
    ...(base && story.leadImage ? { imageUrl: new URL(mediaPath(story.leadImage.file), base).href } : {}),
    ...(folder ? { siteName: folder.siteTitle } : {}),
    ...(folder?.logo ? { logoHref: `../${mediaPath(encodeURIComponent(folder.logo))}` } : {}),
    homeHref: '../index.html',
    feedHref: '../feed.xml',
    tagHref: (tag) => `../tags/${encodeURIComponent(tagSlug(tag))}.html`,
    ...(options.section ? { section: options.section } : {}),
    ...(options.more ? { more: options.more } : {}),
  });
}
