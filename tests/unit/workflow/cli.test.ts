/** The workflow's commands: user add, transition, history — through the real store on disk. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/story-store';
import { cli, tempFolder } from '../cli/helpers/cli';
import { readyStory } from './helpers';

let folder: { path: string; remove: () => Promise<void> };
let dir: string;
const ID = 'summit-invitation-1';

beforeEach(async () => {
  folder = await tempFolder();
  dir = join(folder.path, 'store');
  expect((await cli('init', '--store', dir)).code).toBe(0);
  const store = await openStore(dir, { mode: 'write' });
  await store.update(ID, () => readyStory(ID, 'draft', []));
  await store.close();
});
afterEach(() => folder.remove());

describe('workflow commands', () => {
  it('adds users, moves a story through its states and prints who did what', async () => {
    expect(
      await cli('user', 'add', '--store', dir, 'ياسين أحمد', '--role', 'editor', '--latin', 'Yasin Ahmed'),
    ).toMatchObject({
      code: 0,
      stdout: 'added editor ياسين أحمد as yasin-ahmed\n',
    });
    expect(
      (await cli('user', 'add', '--store', dir, 'سلمى', '--role', 'desk-chief', '--latin', 'Salma')).code,
    ).toBe(0);
    expect((await cli('transition', '--store', dir, ID, 'submit', '--as', 'yasin-ahmed')).stdout).toMatch(
      /is now submitted/,
    );

    const refused = await cli('transition', '--store', dir, ID, 'approve', '--as', 'ياسين أحمد');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/approve refused: an editor may not approve a submitted story/);

    const noNote = await cli('transition', '--store', dir, ID, 'return', '--as', 'salma');
    expect(noNote).toMatchObject({ code: 1, stderr: expect.stringMatching(/return needs a note/) });

    expect(
      (await cli('transition', '--store', dir, ID, 'return', '--as', 'salma', '--note', 'أضف المصدر')).code,
    ).toBe(0);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    await cli('transition', '--store', dir, ID, 'submit', '--as', 'yasin-ahmed');
    await cli('transition', '--store', dir, ID, 'approve', '--as', 'salma');
    const scheduled = await cli('transition', '--store', dir, ID, 'schedule', '--as', 'salma', '--at', at);
    expect(scheduled.stdout).toContain(`to be published at ${at}`);

    const history = await cli('history', '--store', dir, ID);
    expect(history.code).toBe(0);
    const lines = history.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/سلمى \(salma\) {2}return: submitted → returned {2}v\d+ {2}“أضف المصدر”/);
    const json = JSON.parse((await cli('history', '--store', dir, ID, '--json')).stdout);
    expect(json.intact).toBe(true);
    expect(json.entries.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'return',
      'submit',
      'approve',
      'schedule',
    ]);
  });

  it('refuses usage errors and unknown users plainly, and reports an altered history', async () => {
    expect((await cli('user', 'add', '--store', dir, 'x', '--role', 'king')).code).toBe(2);
    expect((await cli('transition', '--store', dir, ID, 'publish-now', '--as', 'admin')).code).toBe(2);
    expect(await cli('transition', '--store', dir, ID, 'submit', '--as', 'nobody')).toMatchObject({
      code: 1,
      stderr: 'error: there is no user "nobody"\n',
    });
    expect((await cli('transition', '--store', dir, ID, 'submit', '--as', 'admin')).code).toBe(0);
    const file = join(dir, 'history', `${ID}.ndjson`);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"admin"', '"someone-else"'));
    const altered = await cli('history', '--store', dir, ID);
    expect(altered).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/was altered: line 1 was changed/),
    });
  });
});
