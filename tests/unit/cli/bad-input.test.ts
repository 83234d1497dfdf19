/** Bad files in an import are named with a plain reason; good ones and earlier imports are kept. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, fixtureNinjs, readFixture, tempFolder, writeJson, type FixtureArticle } from './helpers/cli';

const [first, second, third] = readFixture<{ articles: FixtureArticle[] }>('articles-ar.json').articles;

let folder: Awaited<ReturnType<typeof tempFolder>>;
let store: string;

beforeEach(async () => {
  folder = await tempFolder();
  store = join(folder.path, 'store');
  expect((await cli('init', '--store', store)).code).toBe(0);
});
afterEach(() => folder.remove());

const headlines = async (): Promise<string[]> => {
  const listed = await cli('list', '--store', store, '--json');
  expect(listed.code).toBe(0);
  return (JSON.parse(listed.stdout) as { headline: string }[]).map((s) => s.headline).sort();
};

describe('import with bad files', () => {
  it('imports the good file, names both bad ones, exits 1, and keeps earlier imports', async () => {
    const earlier = await writeJson(join(folder.path, 'earlier.json'), fixtureNinjs(first!));
    expect((await cli('import', '--store', store, earlier)).code).toBe(0);

    const malformed = join(folder.path, 'malformed.json');
    await writeFile(malformed, '{"uri": "urn:x:1", "headlines": [', 'utf8');
    const notNinjs = await writeJson(join(folder.path, 'not-ninjs.json'), { title: 'hello', items: [1, 2] });
    const good = await writeJson(join(folder.path, 'good.json'), fixtureNinjs(second!));

    const run = await cli('import', '--store', store, malformed, notNinjs, good);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(malformed);
    expect(run.stderr).toMatch(/malformed\.json: it is not valid JSON/);
    expect(run.stderr).toContain(notNinjs);
    expect(run.stderr).toMatch(/not-ninjs\.json: it is not a ninjs object/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stdout).toContain(good);
    expect(run.stderr).toContain('1 imported, 2 failed');

    expect(await headlines()).toEqual([first!.headline, second!.headline].sort());
  });

  it('takes what has the essentials and explains the files that have not, in plain words', async () => {
    const files = {
      array: await writeJson(join(folder.path, 'array.json'), [fixtureNinjs(third!)]),
      noHeadline: await writeJson(join(folder.path, 'no-headline.json'), {
        ...fixtureNinjs(third!),
        headlines: [],
      }),
      plainBody: await writeJson(join(folder.path, 'plain-body.json'), {
        ...fixtureNinjs(third!),
        bodies: [{ role: 'main', contentType: 'text/plain', value: 'نص عادي' }],
      }),
      missing: join(folder.path, 'missing.json'),
      empty: join(folder.path, 'empty.json'),
      latin1: join(folder.path, 'latin1.json'),
    };
    await writeFile(files.empty, '');
    await writeFile(files.latin1, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));

    const run = await cli('import', '--store', store, ...Object.values(files));
    expect(run.code).toBe(1);
    const reasons = Object.fromEntries(
      run.stderr
        .split('\n')
        .filter((line) => line.startsWith('error: '))
        .map((line) => [line.slice('error: '.length).split(': ')[0], line]),
    );
    // A feed (array) of items, an item without a headline and a plain-text body are taken.
    expect(Object.keys(reasons).sort()).toEqual([files.empty, files.latin1, files.missing].sort());
    expect(run.stdout).toMatch(/no-headline\.json as .*\n\s+warning: no headline: the first words/);
    expect(reasons[files.missing]).toMatch(/does not exist/);
    expect(reasons[files.empty]).toMatch(/is empty/);
    expect(reasons[files.latin1]).toMatch(/not valid utf-8 text/);
    expect(await headlines()).toHaveLength(3);
  });
});
