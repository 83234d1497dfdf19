/**
 * `story set` and desks by name: the command line sets a story's desk (by id, Arabic or English
 * name), tags and lead image through the app's own operations; the picture lands in the media
 * store under its content name, within the app's limits; search takes a desk by name too.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/story-store';
import { MAX_MEDIA_BYTES } from '../../../shared/media/limits';
import { findDesk } from '../../../shared/workflow/desks';
import { readyStory } from '../workflow/helpers';
import { cli, tempFolder } from './helpers/cli';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const ID = 'summit-invitation-1';
let folder: { path: string; remove: () => Promise<void> };
let dir: string;

beforeEach(async () => {
  folder = await tempFolder();
  dir = join(folder.path, 'store');
  expect((await cli('init', '--store', dir)).code).toBe(0);
  const store = await openStore(dir, { mode: 'write' });
  await store.update(ID, () => ({ ...readyStory(ID, 'draft', []), leadImage: null, tags: [] }));
  await store.close();
});
afterEach(() => folder.remove());

const show = async () => JSON.parse((await cli('show', '--store', dir, ID, '--json')).stdout);

describe('story set', () => {
  it('sets the desk by its Arabic or English name, the tags and a lead image with its words', async () => {
    const picture = join(folder.path, 'قمة.png');
    await writeFile(picture, PNG);
    const set = await cli(
      'story',
      'set',
      '--store',
      dir,
      ID,
      '--desk',
      'سياسة',
      '--tag',
      'ليبيا',
      '--tag',
      'القمة العربية',
      '--lead-image',
      picture,
      '--caption',
      'المجلس الرئاسي',
      '--credit',
      'وكالة الأنباء',
      '--alt',
      'أعضاء المجلس',
    );
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const name = `${createHash('sha256').update(PNG).digest('hex')}.png`;
    expect(set.stdout).toContain(`lead image ${name}`);
    const story = await show();
    expect(story).toMatchObject({
      desk: 'politics',
      tags: ['ليبيا', 'القمة العربية'],
      leadImage: { file: name, caption: 'المجلس الرئاسي', credit: 'وكالة الأنباء', altText: 'أعضاء المجلس' },
    });
    // The picture is in the media store under its content name, byte for byte.
    expect(await readFile(join(dir, 'media', name))).toEqual(PNG);

    // The English name, and the Arabic name without its exact spelling (ه for ة), name the same desk;
    // the words of the picture change without a new file.
    expect((await cli('story', 'set', '--store', dir, ID, '--desk', 'Economy')).code).toBe(0);
    expect((await show()).desk).toBe('economy');
    expect((await cli('story', 'set', '--store', dir, ID, '--desk', 'سياسه', '--credit', 'أ ف ب')).code).toBe(
      0,
    );
    expect(await show()).toMatchObject({ desk: 'politics', leadImage: { file: name, credit: 'أ ف ب' } });

    // Search takes the desk by name as well as by id.
    for (const desk of ['politics', 'سياسة', 'Politics']) {
      const found = JSON.parse(
        (await cli('search', '--store', dir, 'الليبي', '--desk', desk, '--json')).stdout,
      );
      expect(
        found.hits.map((hit: { id: string }) => hit.id),
        desk,
      ).toEqual([ID]);
    }
    const other = JSON.parse(
      (await cli('search', '--store', dir, 'الليبي', '--desk', 'رياضة', '--json')).stdout,
    );
    expect(other.hits).toEqual([]);
  });

  it('refuses an unknown desk, a picture too large or of another kind, and words with no picture', async () => {
    const unknown = await cli('story', 'set', '--store', dir, ID, '--desk', 'فنون');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/there is no desk "فنون" \(the desks are: politics \/ سياسة \/ Politics/);

    const big = join(folder.path, 'big.png');
    await writeFile(big, Buffer.concat([PNG, Buffer.alloc(MAX_MEDIA_BYTES)]));
    expect((await stat(big)).size).toBeGreaterThan(MAX_MEDIA_BYTES);
    const tooBig = await cli('story', 'set', '--store', dir, ID, '--lead-image', big);
    expect(tooBig).toMatchObject({ code: 1, stderr: expect.stringMatching(/at most 5242880 bytes/) });

    const text = join(folder.path, 'notes.txt');
    await writeFile(text, 'not a picture');
    expect((await cli('story', 'set', '--store', dir, ID, '--lead-image', text)).stderr).toMatch(
      /PNG, JPEG, GIF or WebP/,
    );
    // A file named .png that is not one: the media store checks the bytes, as for the app.
    const fake = join(folder.path, 'fake.png');
    await writeFile(fake, 'not a picture at all');
    expect((await cli('story', 'set', '--store', dir, ID, '--lead-image', fake)).code).toBe(1);

    const words = await cli('story', 'set', '--store', dir, ID, '--caption', 'بلا صورة');
    expect(words.stderr).toMatch(/has no lead image/);
    expect(await show()).toMatchObject({ leadImage: null, tags: [] });
  });
});

describe('findDesk', () => {
  it('takes the id, the Arabic name (hamza, taa marbuta and harakat folded) or the English name', () => {
    const desks = [
      { id: 'politics', name: 'سياسة', latinName: 'Politics' },
      { id: 'economy', name: 'اقتصاد', latinName: 'Economy' },
    ];
    for (const key of ['politics', ' Politics ', 'POLITICS', 'سياسة', 'سِيَاسَة', 'سياسه'])
      expect(findDesk(desks, key)?.id, key).toBe('politics');
    expect(findDesk(desks, 'إقتصاد')?.id).toBe('economy');
    expect(findDesk(desks, 'رياضة')).toBeUndefined();
    expect(findDesk(desks, '')).toBeUndefined();
  });
});
