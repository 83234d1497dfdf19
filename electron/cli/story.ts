/**
 * The command line's `story set`: a story's desk, tags and lead image, changed through the app's
 * own operations (`addMedia`, `saveStory`) and their policy, as the user at this workstation's
 * keyboard. The desk is taken by its id or either of its names (the core's desk resolver, inside
 * `saveStory`); the picture goes into the media store under its content name with the app's limits.
 *
 *   story set --store DIR ID [--desk NAME] [--tag T]... [--lead-image FILE] [--caption …] [--credit …] [--alt …]
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { MAX_MEDIA_BYTES } from '../../shared/media/limits';
import type { LeadImage, Story, StoryEdit } from '../../shared/story/schema';
import type { WorkflowCliDeps } from './io';

/** The image types the app takes, by extension (the media store checks the bytes themselves). */
const MIME_BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

interface SetOptions {
  store: string;
  desk?: string;
  tag: string[];
  leadImage?: string;
  caption?: string;
  credit?: string;
  alt?: string;
}

export function addStoryCommands(
  program: Command,
  { io, storeOption, withWorkstation, fail }: Omit<WorkflowCliDeps, 'withStore'>,
): void {
  const story = program.command('story').description("change a story's fields as the app does");
  story
    .command('set')
    .description("set a story's desk, tags and lead image (with its caption, credit and alt text)")
    .addOption(storeOption())
    .argument('<id>', 'story id')
    .option('--desk <desk>', 'the desk: its id, or its name in Arabic or English')
    .option('--tag <tag>', 'a tag (repeat for several; replaces the story’s tags)', collect, [])
    .option('--lead-image <file>', 'a PNG, JPEG, GIF or WebP picture, at most 5 MiB')
    .option('--caption <text>', "the lead image's caption")
    .option('--credit <text>', "the lead image's credit")
    .option('--alt <text>', "the lead image's alt text")
    .action(async (id: string, options: SetOptions) => {
      const picture = options.leadImage ? await readPicture(options.leadImage, fail) : null;
      await withWorkstation(resolve(options.store), 'write', async ({ dispatch }) => {
        const current = await dispatch('getStory', { id });
        if (!current.ok) throw fail(current.error.detail ?? current.error.code);
        const before = current.value as Story;
        const edit: StoryEdit = {};
        if (options.desk !== undefined) edit.desk = options.desk;
        if (options.tag.length > 0) edit.tags = options.tag;
        let image: LeadImage | null = before.leadImage;
        if (picture) {
          const added = await dispatch('addMedia', picture);
          if (!added.ok) throw fail(added.error.detail ?? added.error.code);
          image = { file: (added.value as { file: string }).file, caption: '', credit: '', altText: '' };
        }
        const words = options.caption ?? options.credit ?? options.alt;
        if (words !== undefined && !image) {
          throw fail(
            `story ${id} has no lead image: give --lead-image FILE with --caption, --credit or --alt`,
          );
        }
        if (image && (picture || words !== undefined)) {
          edit.leadImage = {
            ...image,
            ...(options.caption !== undefined ? { caption: options.caption } : {}),
            ...(options.credit !== undefined ? { credit: options.credit } : {}),
            ...(options.alt !== undefined ? { altText: options.alt } : {}),
          };
        }
        if (Object.keys(edit).length === 0) throw fail('nothing to set: give --desk, --tag or --lead-image');
        const saved = await dispatch('saveStory', { id, baseVersion: before.version, edit });
        if (!saved.ok) throw fail(saved.error.detail ?? saved.error.code);
        const after = saved.value as Story;
        io.stdout.write(
          [
            `story ${after.id}: version ${after.version}`,
            `desk ${after.desk ?? '(none)'}`,
            `tags ${after.tags.join(', ') || '(none)'}`,
            `lead image ${after.leadImage?.file ?? '(none)'}`,
          ].join('   ') + '\n',
        );
      });
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The picture as `addMedia` takes it; refused here before reading when its size or type cannot be. */
async function readPicture(file: string, fail: (message: string) => Error) {
  const path = resolve(file);
  const mime = MIME_BY_EXTENSION[extname(path).toLowerCase()];
  if (!mime) throw fail(`${file}: a lead image is a PNG, JPEG, GIF or WebP picture`);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw fail(`${file}: no such file`);
  }
  if (size > MAX_MEDIA_BYTES) {
    throw fail(`${file} is ${size} bytes: a picture may be at most ${MAX_MEDIA_BYTES} bytes (5 MiB)`);
  }
  return { name: basename(path), mime, dataBase64: (await readFile(path)).toString('base64') };
}
