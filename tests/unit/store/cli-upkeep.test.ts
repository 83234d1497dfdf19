/** The store's upkeep commands through the real command line: migrate, revisions, rebuild-index, repair. */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { openStore } from '../../../electron/core/store/story-store';
import { bump, makeStory, tempFolder } from './helpers/fixtures';
import { writeFormat1Store } from './helpers/format1';

let folder: { path: string; remove: () => Promise<void> };
let root: string;
beforeEach(async () => {
  folder = await tempFolder();
  root = join(folder.path, 'store');
});
afterEach(() => folder.remove());

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe('upkeep commands', () => {
  it('migrate upgrades a format 1 store once, then says it is up to date', async () => {
    const story = makeStory();
    await writeFormat1Store(root, [story]);
    expect(await cli('migrate', '--store', root)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('format 2'),
    });
    expect(await cli('migrate', '--store', root)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('up to date'),
    });
    expect((await cli('verify', '--store', root)).code).toBe(0);
  });

  it('lists, shows, compares and restores revisions', async () => {
    const store = await openStore(root, { mode: 'write', create: true, actor: 'ياسين' });
    const story = makeStory({ headline: 'الأول' });
    await store.update(story.id, () => story);
    await store.update(story.id, (current) => bump(current!, 'الثاني'));
    await store.close();
    const list = await cli('revisions', '--store', root, story.id);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/1 .* ياسين {2}created\n.*2 .* ياسين {2}headline\n/);
    expect((await cli('revisions', '--store', root, story.id, '--show', '1')).stdout).toContain('الأول');
    expect((await cli('revisions', '--store', root, story.id, '--compare', '1..2')).stdout).toContain(
      'headline: "الأول" → "الثاني"',
    );
    expect(await cli('revisions', '--store', root, story.id, '--restore', '1')).toMatchObject({
      code: 0,
      stdout: `restored revision 1 of ${story.id} as version 3\n`,
    });
    expect((await cli('revisions', '--store', root, story.id, '--compare', '1-2')).code).toBe(1);
    expect((await cli('revisions', '--store', root, story.id, '--show')).code).toBe(2);
  });

  it('rebuild-index and repair bring back what can be derived', async () => {
    const store = await openStore(root, { mode: 'write', create: true });
    const a = makeStory();
    const b = makeStory();
    await store.update(a.id, () => a);
    await store.update(b.id, () => b);
    await store.close();
    await writeFile(join(root, 'index.json'), '{"format":2,"generation":9,"stories":[');
    expect(await cli('rebuild-index', '--store', root)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('2 stories'),
    });
    await rm(join(root, 'stories', `${a.id}.json`));
    expect((await cli('verify', '--store', root)).code).toBe(1);
    const repaired = await cli('repair', '--store', root);
    expect(repaired).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('1 stories rebuilt from revisions'),
    });
    expect((await cli('verify', '--store', root)).code).toBe(0);
  });
});
