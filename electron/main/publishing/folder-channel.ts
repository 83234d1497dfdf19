/**
 * The folder channel: for each story a standalone RTL page with its images and fonts, its ninjs
 * and its NewsML-G2, and for the site an index page and an Atom feed of the latest stories. Every
 * file is written durably (temp file, fsync, rename), so a reader of the folder never sees half a
 * file; a failed delivery removes what it had written of a story that was not there before.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, copyFile, mkdir, readFile, stat, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { siteFeed, siteIndexPage, type SiteEntry } from '../../../shared/format/atom';
import { bodyImages } from '../../../shared/format/ninjs';
import { PAGE_FONT_FILES } from '../../../shared/format/story-page';
import type { Channel } from '../../../shared/publishing/model';
import { directionOf, type Story } from '../../../shared/story/schema';
import { formatDate, type HouseStyle } from '../../../shared/text/house-style';
import { errorCode, parseJsonBytes, writeFileDurably } from '../store/durable-file';
import { FONTS_DIR, mediaPath, renderNewsml, renderNinjs, renderPage, storyPath } from './render';

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
  /** the site's entries, kept outside the served folder */
  entriesFile: string;
  houseStyle?: HouseStyle;
  now: () => Date;
}

async function readEntries(file: string): Promise<Map<string, SiteEntry>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return new Map();
    throw error;
  }
  const parsed = parseJsonBytes(bytes);
  if (!parsed.ok)
    throw new ChannelError('io', `${file} is damaged (${parsed.kind}); remove it to rebuild the site list`);
  return new Map((parsed.value as SiteEntry[]).map((entry) => [entry.id, entry]));
}

/** Writes the index page and the feed from the site's entries. */
export async function writeSiteFiles(
  channel: Channel,
  entries: Iterable<SiteEntry>,
  context: Pick<FolderContext, 'houseStyle' | 'now'>,
) {
  const folder = settings(channel);
  const list = [...entries];
  const language = list[0]?.language ?? 'ar';
  const style = context.houseStyle ?? { digits: 'latn', calendar: 'gregorian', months: 'egyptian-gulf' };
  const rtl = directionOf(language) === 'rtl';
  const index = siteIndexPage(list, {
    title: folder.siteTitle,
    language,
    dir: rtl ? 'rtl' : 'ltr',
    limit: SITE_LIMITS.index,
    formatDate: (iso) => (rtl ? formatDate(new Date(iso), style) : iso.slice(0, 10)),
    withdrawnLabel: rtl ? 'سُحب' : 'withdrawn',
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
  try {
    for (const dir of ['stories', 'media', FONTS_DIR]) await mkdir(join(root, dir), { recursive: true });
    for (const font of PAGE_FONT_FILES)
      await copyIfMissing(join(fontsFolder(), font), join(root, FONTS_DIR, font));
    const images = [story.leadImage?.file, ...bodyImages(story.body).map((image) => image.file)].filter(
      (file): file is string => Boolean(file),
    );
    for (const file of images) {
      const target = join(root, mediaPath(file));
      try {
        if (await copyIfMissing(join(context.mediaRoot, file), target)) written.push(target);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
        // An image missing from the store: the page keeps its alt text and caption.
      }
    }
    const render = { channel, ...(context.houseStyle ? { houseStyle: context.houseStyle } : {}) };
    const outputs: Array<[string, string]> = [
      [storyPath(story.id, 'ninjs.json'), JSON.stringify(renderNinjs(story, render), null, 2) + '\n'],
      [storyPath(story.id, 'newsml.xml'), renderNewsml(story, render)],
      // The page last: a reader following the index finds the other files already there.
      [storyPath(story.id, 'html'), renderPage(story, render)],
    ];
    for (const [relative, text] of outputs) {
      await writeFileDurably(join(root, relative), text);
      written.push(join(root, relative));
    }
    const entries = await readEntries(context.entriesFile);
    entries.set(`urn:mihbara:story:${story.id}`, {
      id: `urn:mihbara:story:${story.id}`,
      path: storyPath(story.id, 'html'),
      headline: story.headline,
      ...(story.subheadline ? { summary: story.subheadline } : {}),
      ...(story.byline ? { byline: story.byline } : {}),
      language: story.language,
      updated: story.updatedAt,
      ...(story.publishedAt ? { published: story.publishedAt } : {}),
    });
    await mkdir(dirname(context.entriesFile), { recursive: true });
    await writeFileDurably(context.entriesFile, JSON.stringify([...entries.values()]));
    await writeSiteFiles(channel, entries.values(), context);
    return written;
  } catch (error) {
    // Not half-published: a story that was not on the site before leaves no file behind.
    if (!existedBefore) for (const file of written) await unlink(file).catch(() => undefined);
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
    const entries = await readEntries(context.entriesFile);
    const entry = entries.get(`urn:mihbara:story:${story.id}`);
    entries.set(`urn:mihbara:story:${story.id}`, {
      id: `urn:mihbara:story:${story.id}`,
      path: storyPath(story.id, 'html'),
      headline: entry?.headline ?? story.headline,
      language: story.language,
      updated: entry?.updated ?? story.updatedAt,
      withdrawn: { at: context.now().toISOString(), reason, ...(note ? { note } : {}) },
    });
    await mkdir(dirname(context.entriesFile), { recursive: true });
    await writeFileDurably(context.entriesFile, JSON.stringify([...entries.values()]));
    await writeSiteFiles(channel, entries.values(), context);
  } catch (error) {
    if (error instanceof ChannelError) throw error;
    throw new ChannelError(
      'io',
      `withdrawing from channel "${channel.name}" failed: ${(error as Error).message}`,
    );
  }
}
