/** A store held for writing by another process refuses the CLI's import, then accepts it once free. */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cli,
  exited,
  fixtureNinjs,
  readFixture,
  spawnHelper,
  tempFolder,
  waitForLine,
  writeJson,
  type FixtureArticle,
} from './helpers/cli';

const [first, second] = readFixture<{ articles: FixtureArticle[] }>('articles-ar.json').articles;

let folder: Awaited<ReturnType<typeof tempFolder>>;
let store: string;
let holder: ChildProcess | undefined;

beforeEach(async () => {
  folder = await tempFolder();
  store = join(folder.path, 'store');
  expect((await cli('init', '--store', store)).code).toBe(0);
});
afterEach(async () => {
  // Only the helper this test started, and only if it is still running.
  if (holder && holder.exitCode === null && holder.signalCode === null) {
    holder.kill();
    await exited(holder);
  }
  holder = undefined;
  await folder.remove();
});

const headlines = async (): Promise<string[]> => {
  const listed = await cli('list', '--store', store, '--json');
  expect(listed.code).toBe(0);
  return (JSON.parse(listed.stdout) as { headline: string }[]).map((s) => s.headline).sort();
};

describe('a store held by another process', () => {
  it('refuses an import while held, keeps what is there, and takes the import once released', async () => {
    const earlier = await writeJson(join(folder.path, 'earlier.json'), fixtureNinjs(first!));
    expect((await cli('import', '--store', store, earlier)).code).toBe(0);

    holder = spawnHelper('hold-store.ts', [store]);
    await waitForLine(holder, (line) => line === 'ready');

    const file = await writeJson(join(folder.path, 'second.json'), fixtureNinjs(second!));
    const refused = await cli('import', '--store', store, file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use by another process/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    // reading needs no lock
    expect(await headlines()).toEqual([first!.headline]);

    holder.stdin!.write('release\n');
    expect(await exited(holder)).toBe(0);

    const accepted = await cli('import', '--store', store, file);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(await headlines()).toEqual([first!.headline, second!.headline].sort());
  });
});
