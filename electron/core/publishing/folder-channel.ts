/**
 * The folder channel: for each story a standalone RTL page with its images and fonts, its ninjs
 * and its NewsML-G2, and for the site an index page and an Atom feed of the latest stories. Every
 * file is written durably (temp file, fsync, rename), so a reader of the folder never sees half a
 * file; a failed delivery removes what it had written of a story that was not there before.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, copyFile, mkdir, stat, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { latestEntries, siteFeed, siteIndexPage, type SiteEntry } from '../../../shared/format/atom';
import { bodyImages } from '../../../shared/format/ninjs';
import { PAGE_FONT_FILES, tagSlug } from '../../../shared/format/story-page';
import type { Channel } from '../../../shared/publishing/model';
import { MediaFileName, directionOf, type Story } from '../../../shared/story/schema';
import { formatDate, type HouseStyle } from '../../../shared/text/house-style';
import { errorCode, writeFileDurably } from '../store/durable-file';
import { inside, mediaFileIn } from '../store/paths';
import { FONTS_DIR, mediaPath, renderNewsml, renderNinjs, renderPage, storyPath } from './render';
import { openSiteList, SiteListDamaged, type SiteList } from './site-list';

/** A channel that cannot take a delivery; `kind` lets the renderer say it in the user's language. */
export class ChannelError extends Error {
  constructor(
    readonly kind: 'folder-missing' | 'folder-not-folder' | 'folder-read-only' | 'http-failed' | 'io',
    message: string,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/** How many entries the index page and the feed list. */
export const SITE_LIMITS = { index: 100, feed: 50 };

const fontsFolder = (): string =>
  join(
    dirname(createRequire(import.meta.url).resolve('@fontsource/noto-naskh-arabic/package.json')),
    'files',
  );

function settings(channel: Channel) {
  if (channel.kind !== 'folder' || !channel.folder)
    throw new ChannelError('io', `${channel.name} is not a folder channel`);
  return channel.folder;
}

/**
 * Checks that the channel's folder exists and takes files, by writing and removing a probe. Run
 * before a publication is committed, so a missing or read-only folder refuses the publication
 * instead of leaving it half done.
 */
export async function preflightFolder(channel: Channel): Promise<void> {
  const { path } = settings(channel);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new ChannelError(
        'folder-missing',
        `the folder of channel "${channel.name}" does not exist: ${path}`,
      );
    }
    throw new ChannelError(
      'io',
      `the folder of channel "${channel.name}" cannot be read: ${(error as Error).message}`,
    );
  }
  if (!info.isDirectory()) {
    throw new ChannelError(
      'folder-not-folder',
      `the folder of channel "${channel.name}" is a file, not a folder: ${path}`,
    );
  }
  const probe = join(path, `.mihbara-probe-${randomBytes(6).toString('hex')}`);
  try {
    await access(path, constants.W_OK);
    await writeFileDurably(probe, 'probe');
    await unlink(probe);
  } catch (error) {
    // The probe may never have been written; the access error below is what the user needs.
    // eslint-disable-next-line no-restricted-syntax -- see above
    await unlink(probe).catch(() => undefined);
    const code = errorCode(error);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new ChannelError(
        'folder-read-only',
        `the folder of channel "${channel.name}" is read-only: ${path}`,
      );
    }
    throw new ChannelError(
      'io',
      `the folder of channel "${channel.name}" does not take files: ${(error as Error).message}`,
    );
  }
}

export interface FolderContext {
  /** the store's media folder, where image files come from */
  mediaRoot: string;
  /** the site list's snapshot file, kept outside the served folder (its log lies beside it) */
  entriesFile: string;
  houseStyle?: HouseStyle;
  /** desk id → the desk's name, for the section of a page */
  desks?: Readonly<Record<string, string>>;
  now: () => Date;
  /**
   * Called between the steps of a publication (the story's files written; its line in the site
   * list written). Tests stop a delivery there, as a crash would, and check the next run repairs it.
   */
  checkpoint?: (step: 'story-written' | 'listed') => Promise<void>;
}

/** The site list, with a damaged snapshot reported as a channel error. */
async function siteList(file: string): Promise<SiteList> {
  try {
    return await openSiteList(file);
  } catch (error) {
    if (error instanceof SiteListDamaged) throw new ChannelError('io', error.message);
    throw error;
  }
}

// Formatting a date in the house style builds two Intl formatters; the index shows the same
// hundred dates publication after publication, so they are remembered (a bounded memo).
const formattedDates = new Map<string, string>();
function houseDate(iso: string, style: HouseStyle): string {
  const key = `${style.digits}|${style.calendar}|${style.months}|${iso}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    text = formatDate(new Date(iso), style);
    if (formattedDates.size >= 2000) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

/** Where a tag's and a section's pages live on the site. */
export const tagPath = (tag: string) => `tags/${tagSlug(tag)}.html`;
export const sectionPath = (id: string) => `sections/${tagSlug(id)}.html`;

/** Pages of one tag or section to write again: they list the story that just changed. */
export interface ListingPages {
  tags: readonly string[];
  section?: { id: string; name: string };
  /** a fresh pass over the site's entries (each page reads the list once) */
  entries: () => Iterable<SiteEntry>;
}

/** Writes the index page and the feed from the site's entries, and the tag and section pages asked for. */
export async function writeSiteFiles(
  channel: Channel,
  entries: Iterable<SiteEntry>,
  context: Pick<FolderContext, 'houseStyle' | 'now'>,
  pages?: ListingPages,
) {
  const folder = settings(channel);
  let language = 'ar';
  const all = (function* () {
    let first = true;
    for (const entry of entries) {
      if (first) language = entry.language;
      first = false;
      yield entry;
    }
  })();
  // One pass over the whole list: the feed's window is the start of the index's (same order).
  const list = latestEntries(all, Math.max(SITE_LIMITS.index, SITE_LIMITS.feed));
  const style = context.houseStyle ?? { digits: 'latn', calendar: 'gregorian', months: 'egyptian-gulf' };
  const rtl = directionOf(language) === 'rtl';
  const index = siteIndexPage(list, {
    title: folder.siteTitle,
    language,
    dir: rtl ? 'rtl' : 'ltr',
    limit: SITE_LIMITS.index,
    formatDate: (iso) => (rtl ? houseDate(iso, style) : iso.slice(0, 10)),
    withdrawnLabel: rtl ? 'سُحب' : 'withdrawn',
    ...(folder.logo ? { logoHref: mediaPath(folder.logo) } : {}),
  });
  const feed = siteFeed(list, {
    title: folder.siteTitle,
    baseUrl: folder.baseUrl,
    language,
    limit: SITE_LIMITS.feed,
    now: context.now().toISOString(),
  });
  await writeFileDurably(join(folder.path, 'index.html'), index);
  await writeFileDurably(join(folder.path, 'feed.xml'), feed);
  if (!pages) return;
  const listing = (heading: string, filter: (entry: SiteEntry) => boolean) =>
    siteIndexPage(pages.entries(), {
      title: folder.siteTitle,
      language,
      dir: rtl ? 'rtl' : 'ltr',
      limit: SITE_LIMITS.index,
      formatDate: (iso) => (rtl ? houseDate(iso, style) : iso.slice(0, 10)),
      withdrawnLabel: rtl ? 'سُحب' : 'withdrawn',
      ...(folder.logo ? { logoHref: mediaPath(folder.logo) } : {}),
      heading,
      root: '../',
      filter,
    });
  for (const tag of new Set(pages.tags)) {
    await mkdir(join(folder.path, 'tags'), { recursive: true });
    const slug = tagSlug(tag);
    await writeFileDurably(
      join(folder.path, tagPath(tag)),
      listing(tag, (entry) => (entry.tags ?? []).some((other) => tagSlug(other) === slug)),
    );
  }
  if (pages.section) {
    const { id, name } = pages.section;
    await mkdir(join(folder.path, 'sections'), { recursive: true });
    await writeFileDurably(
      join(folder.path, sectionPath(id)),
      listing(name, (entry) => entry.section?.id === id),
    );
  }
}

async function copyIfMissing(from: string, to: string): Promise<boolean> {
  try {
    await stat(to);
    return false;
  } catch {
    await copyFile(from, to);
    return true;
  }
}

/** Publishes (or republishes, after a correction) one story into the folder. */
export async function deliverToFolder(
  story: Story,
  channel: Channel,
  context: FolderContext,
): Promise<string[]> {
  const folder = settings(channel);
  const root = folder.path;
  const written: string[] = [];
  const existedBefore = await stat(join(root, storyPath(story.id, 'html'))).then(
    () => true,
    () => false,
  );
  const guid = `urn:mihbara:story:${story.id}`;
  let list: SiteList | undefined;
  let previous: SiteEntry | undefined;
  let listed = false;
  try {
    for (const dir of ['stories', 'media', FONTS_DIR]) await mkdir(join(root, dir), { recursive: true });
    for (const font of PAGE_FONT_FILES)
      await copyIfMissing(join(fontsFolder(), font), join(root, FONTS_DIR, font));
    // A reference that is not a content name is no image of ours: shown as missing, never copied.
    const images = [
      story.leadImage?.file,
      ...bodyImages(story.body).map((image) => image.file),
      folder.logo,
    ].filter((file): file is string => MediaFileName.safeParse(file).success);
    for (const file of images) {
      // Only content names of the media folder are copied, and only from inside it.
      const target = inside(root, mediaPath(file));
      try {
        if (await copyIfMissing(mediaFileIn(context.mediaRoot, file), target)) written.push(target);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
        // An image missing from the store: the page keeps its alt text and caption.
      }
    }
    list = await siteList(context.entriesFile);
    const section = story.desk
      ? { id: story.desk, name: context.desks?.[story.desk] ?? story.desk }
      : undefined;
    const guidOf = guid;
    const more = section
      ? latestEntries(
          (function* () {
            for (const entry of list.entries()) {
              if (entry.id !== guidOf && !entry.withdrawn && entry.section?.id === section.id) yield entry;
            }
          })(),
          5,
        ).map((entry) => ({
          headline: entry.headline,
          href: `../${entry.path}`,
          date: entry.published ?? entry.updated,
          language: entry.language,
        }))
      : [];
    const render = {
      channel,
      ...(context.houseStyle ? { houseStyle: context.houseStyle } : {}),
      ...(section ? { section: { name: section.name, href: `../${sectionPath(section.id)}` } } : {}),
      more,
    };
    const outputs: Array<[string, string]> = [
      [storyPath(story.id, 'ninjs.json'), JSON.stringify(renderNinjs(story, render), null, 2) + '\n'],
      [storyPath(story.id, 'newsml.xml'), renderNewsml(story, render)],
      // The page last: a reader following the index finds the other files already there.
      [storyPath(story.id, 'html'), renderPage(story, render)],
    ];
    for (const [relative, text] of outputs) {
      await writeFileDurably(inside(root, relative), text);
      written.push(inside(root, relative));
    }
    await context.checkpoint?.('story-written');
    previous = list.get(guid);
    await list.put({
      id: guid,
      path: storyPath(story.id, 'html'),
      headline: story.headline,
      ...(story.subheadline ? { summary: story.subheadline } : {}),
      ...(story.byline ? { byline: story.byline } : {}),
      language: story.language,
      updated: story.updatedAt,
      ...(story.publishedAt ? { published: story.publishedAt } : {}),
      ...(section ? { section } : {}),
      ...(story.tags.length ? { tags: story.tags } : {}),
    });
    listed = true;
    await context.checkpoint?.('listed');
    const site = list;
    await writeSiteFiles(channel, site.entries(), context, {
      tags: story.tags,
      ...(section ? { section } : {}),
      entries: () => site.entries(),
    });
    return written;
  } catch (error) {
    // Not half-published: a story that was not on the site before leaves no file behind, and
    // the site list (and, if they can be written, the index and feed) go back to what they were.
    if (!existedBefore) {
      // The publication's own error is thrown below and the delivery retried, which rewrites
      // these files; undoing them is as far as a failed publication can go.
      // eslint-disable-next-line no-restricted-syntax -- see above
      for (const file of written) await unlink(file).catch(() => undefined);
      if (list && listed) {
        const site = list;
        await (previous ? site.put(previous) : site.remove(guid))
          .then(() => writeSiteFiles(channel, site.entries(), context))
          // eslint-disable-next-line no-restricted-syntax -- see above
          .catch(() => undefined);
      }
    }
    if (error instanceof ChannelError) throw error;
    const code = errorCode(error);
    if (code === 'ENOENT')
      throw new ChannelError('folder-missing', `the folder of channel "${channel.name}" is gone: ${root}`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new ChannelError(
        'folder-read-only',
        `the folder of channel "${channel.name}" is read-only: ${root}`,
      );
    }
    throw new ChannelError('io', `writing to channel "${channel.name}" failed: ${(error as Error).message}`);
  }
}

/** Takes a story off the site: its files go, the index lists it as withdrawn, the feed has a tombstone. */
export async function withdrawFromFolder(
  story: Story,
  channel: Channel,
  reason: 'unpublished' | 'killed',
  note: string | undefined,
  context: FolderContext,
): Promise<void> {
  const root = settings(channel).path;
  try {
    for (const ext of ['html', 'ninjs.json', 'newsml.xml'] as const) {
      await unlink(join(root, storyPath(story.id, ext))).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    }
    const entries = await siteList(context.entriesFile);
    const entry = entries.get(`urn:mihbara:story:${story.id}`);
    await entries.put({
      id: `urn:mihbara:story:${story.id}`,
      path: storyPath(story.id, 'html'),
      headline: entry?.headline ?? story.headline,
      language: story.language,
      updated: entry?.updated ?? story.updatedAt,
      ...(entry?.section ? { section: entry.section } : {}),
      ...(entry?.tags ? { tags: entry.tags } : {}),
      withdrawn: { at: context.now().toISOString(), reason, ...(note ? { note } : {}) },
    });
    // The story leaves its tag and section pages too.
    await writeSiteFiles(channel, entries.entries(), context, {
      tags: entry?.tags ?? [],
      ...(entry?.section ? { section: entry.section } : {}),
      entries: () => entries.entries(),
    });
  } catch (error) {
    if (error instanceof ChannelError) throw error;
    throw new ChannelError(
      'io',
      `withdrawing from channel "${channel.name}" failed: ${(error as Error).message}`,
    );
  }
}
