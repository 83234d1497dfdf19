/** Usage errors exit 2; failures exit 1 with a plain message; verify names damaged files. */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, fixtureNinjs, readFixture, tempFolder, writeJson, type FixtureArticle } from './helpers/cli';

const [first, second] = readFixture<{ articles: FixtureArticle[] }>('articles-ar.json').articles;

let folder: Awaited<ReturnType<typeof tempFolder>>;
let store: string;

beforeEach(async () => {
  folder = await tempFolder();
  store = join(folder.path, 'store');
  expect((await cli('init', '--store', store)).code).toBe(0);
});
afterEach(() => folder.remove());

async function importArticle(article: FixtureArticle): Promise<string> {
  const file = await writeJson(join(folder.path, `${article.key}.json`), fixtureNinjs(article));
  const run = await cli('import', '--store', store, file);
  expect(run.code).toBe(0);
  return /as ([a-z0-9-]+):/.exec(run.stdout)![1]!;
}

/** The store file that holds a story: found by name, whatever the store's layout. */
async function storyFile(id: string): Promise<string> {
  const files = (await readdir(store, { recursive: true })).map(String);
  const match = files.find((file) => file.endsWith(`${id}.json`));
  expect(match).toBeDefined();
  return join(store, match!);
}

describe('usage errors', () => {
  it.each([
    ['no command', []],
    ['an unknown command', ['publish', '--store', '/tmp/x']],
    ['a missing --store', ['list']],
    ['an unknown option', ['list', '--store', '/tmp/x', '--colour']],
    ['an unknown export format', ['export', '--store', '/tmp/x', 'some-story-id', '--format', 'docx']],
    ['a missing --format', ['export', '--store', '/tmp/x', 'some-story-id']],
    ['import without files', ['import', '--store', '/tmp/x']],
    ['show without an id', ['show', '--store', '/tmp/x']],
  ])('exit 2 for %s', async (_name, argv) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toBe('');
  });

  it('--help exits 0', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/import/);
  });
});

describe('failures in plain words', () => {
  it('a missing store folder', async () => {
    const missing = join(folder.path, 'nowhere');
    const run = await cli('list', '--store', missing);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/store folder .*nowhere does not exist/);
  });

  it('a folder that is not a store', async () => {
    const run = await cli('list', '--store', folder.path);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not a Mihbara store/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a story that does not exist', async () => {
    const run = await cli('show', '--store', store, 'no-such-story-1');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no story with id no-such-story-1/);
  });
});

describe('verify', () => {
  it('exits 0 on a sound store', async () => {
    await importArticle(first!);
    const run = await cli('verify', '--store', store);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('exits 1 and names the damaged and the missing story file', async () => {
    const damagedId = await importArticle(first!);
    const missingId = await importArticle(second!);
    const damaged = await storyFile(damagedId);
    const missing = await storyFile(missingId);
    const bytes = await readFile(damaged);
    await writeFile(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await rm(missing);

    const run = await cli('verify', '--store', store);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(damaged);
    expect(run.stderr).toContain(missing);
  });
});
