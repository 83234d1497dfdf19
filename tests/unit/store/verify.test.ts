import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/story-store';
import { verifyStore } from '../../../electron/core/store/verify';
import { bump, makeStory, tempFolder } from './helpers/fixtures';

let folder: { path: string; remove: () => Promise<void> };
let root: string;
beforeEach(async () => {
  folder = await tempFolder();
  root = join(folder.path, 'store');
});
afterEach(() => folder.remove());

async function buildStore(count: number) {
  const store = await openStore(root, { mode: 'write', create: true });
  const stories = [];
  for (let i = 0; i < count; i++) {
    const story = makeStory({ headline: `خبر ${i}` });
    stories.push(await store.update(story.id, () => story));
  }
  await store.close();
  return stories;
}

const fileOf = (id: string) => join(root, 'stories', `${id}.json`);

describe('verifyStore', () => {
  it('reports a healthy store as clean', async () => {
    await buildStore(4);
    expect(await verifyStore(root)).toEqual({ storiesChecked: 4, problems: [] });
  });

  it('names each damaged file with the right kind and nothing else', async () => {
    const stories = await buildStore(10);
    const [truncated, empty, nul, latin1, schema, deleted, mismatch, tempOwner] = stories.map(
      (s) => s.id,
    ) as string[];

    const size = (await readFile(fileOf(truncated!))).length;
    await truncate(fileOf(truncated!), Math.floor(size / 2));
    await writeFile(fileOf(empty!), '');
    await writeFile(fileOf(nul!), Buffer.alloc(size));
    // "عنوان" in Windows-1256 is not valid UTF-8
    const text = await readFile(fileOf(latin1!), 'utf8');
    await writeFile(
      fileOf(latin1!),
      Buffer.concat([
        Buffer.from(text.slice(0, 20)),
        Buffer.from([0xda, 0xe4, 0xe6, 0xc7, 0xe4]),
        Buffer.from(text.slice(20)),
      ]),
    );
    const broken = JSON.parse(await readFile(fileOf(schema!), 'utf8'));
    await writeFile(fileOf(schema!), JSON.stringify({ ...broken, version: 0 }));
    await rm(fileOf(deleted!));
    const other = JSON.parse(await readFile(fileOf(mismatch!), 'utf8'));
    await writeFile(fileOf(mismatch!), JSON.stringify({ ...other, id: 'someone-elses-story' }));
    // A file put in by hand (unindexed) and one newer than the index (stale-index).
    const stray = makeStory();
    await writeFile(fileOf(stray.id), JSON.stringify(stray));
    const lagging = stories[8]!;
    await writeFile(fileOf(lagging.id), JSON.stringify(bump(lagging)));
    // A crash's temp file is not damage: it is named as a crash leftover.
    await writeFile(join(root, 'stories', `.${tempOwner}.json.99.abcdef012345.tmp`), '{"half":');

    const report = await verifyStore(root);
    expect(report.storiesChecked).toBe(10); // 10 written + 1 stray - 1 deleted
    expect(report.problems.map(({ file, kind }) => ({ file, kind }))).toEqual(
      [
        { file: `stories/${truncated}.json`, kind: 'truncated' },
        { file: `stories/${empty}.json`, kind: 'empty' },
        { file: `stories/${nul}.json`, kind: 'nul-filled' },
        { file: `stories/${latin1}.json`, kind: 'not-utf8' },
        { file: `stories/${schema}.json`, kind: 'schema' },
        { file: `stories/${deleted}.json`, kind: 'missing' },
        { file: `stories/${mismatch}.json`, kind: 'id-mismatch' },
        { file: `stories/${stray.id}.json`, kind: 'unindexed' },
        { file: `stories/${lagging.id}.json`, kind: 'stale-index' },
        { file: `stories/.${tempOwner}.json.99.abcdef012345.tmp`, kind: 'crash-leftover' },
        // written by hand, so neither has the revision a save would have made
        { file: `revisions/${stray.id}`, kind: 'revision-chain' },
        { file: `revisions/${lagging.id}`, kind: 'revision-chain' },
      ].sort((a, b) => (a.file < b.file ? -1 : 1)),
    );
    for (const problem of report.problems) expect(problem.detail).not.toBe('');
  });

  it('reports invalid JSON that is not a truncation as invalid-json', async () => {
    const [story] = await buildStore(1);
    await writeFile(fileOf(story!.id), '{"id": tru}');
    expect((await verifyStore(root)).problems).toEqual([
      expect.objectContaining({ file: `stories/${story!.id}.json`, kind: 'invalid-json' }),
    ]);
  });

  it('never changes the store', async () => {
    const [story] = await buildStore(2);
    await writeFile(fileOf(story!.id), Buffer.alloc(50));
    await verifyStore(root);
    expect(await readFile(fileOf(story!.id))).toEqual(Buffer.alloc(50));
  });

  it('reports a folder that is not a store', async () => {
    const report = await verifyStore(folder.path);
    expect(report.problems.map((p) => p.file)).toContain('mihbara-store.json');
  });

  it('reports damaged lines inside the journal but not a torn last line', async () => {
    await buildStore(1);
    const journal = join(root, 'index.journal');
    await writeFile(journal, (await readFile(journal, 'utf8')) + '{"op":"put"\n' + '{"op":"beg');
    expect((await verifyStore(root)).problems).toEqual([
      expect.objectContaining({
        file: 'index.journal',
        kind: 'invalid-json',
        detail: expect.stringContaining('2'),
      }),
    ]);
  });
});
