/**
 * `verify` sees everything: every link of a revision chain (a revision lost before a snapshot
 * too), the workflow's files (people, history chains, live copies, checkpoints), the media (bytes
 * against content names), and, right after a crash, the temp files of interrupted writes named as
 * crash leftovers, never as damage; the next open for writing removes them in every folder.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/story-store';
import { revisionRelative } from '../../../electron/core/store/revisions';
import { verifyStore } from '../../../electron/core/store/verify';
import { diskFiles } from '../../../electron/core/workflow/files';
import { createHistoryLog } from '../../../electron/core/workflow/history';
import { bump, makeStory, tempFolder } from './helpers/fixtures';

let folder: { path: string; remove: () => Promise<void> };
let root: string;
beforeEach(async () => {
  folder = await tempFolder();
  root = join(folder.path, 'store');
});
afterEach(() => folder.remove());

const kinds = async () => (await verifyStore(root)).problems.map(({ file, kind }) => ({ file, kind }));

/** A store with one story saved `saves` times. */
async function storyWithSaves(saves: number) {
  const store = await openStore(root, { mode: 'write', create: true });
  let story = makeStory({ headline: 'خبر أول' });
  story = await store.update(story.id, () => story);
  for (let i = 1; i < saves; i++)
    story = await store.update(story.id, (current) => bump(current!, `نسخة ${i}`));
  await store.close();
  return story;
}

describe('verify sees everything', () => {
  it('names a revision missing just before a snapshot, which the chain alone would not notice', async () => {
    const story = await storyWithSaves(14);
    const snapshots: number[] = [];
    for (let version = 2; version <= story.version; version++) {
      const revision = JSON.parse(await readFile(join(root, revisionRelative(story.id, version)), 'utf8'));
      if (revision.kind === 'snapshot') snapshots.push(version);
    }
    // A snapshot with two revisions before it: the one just before it is lost.
    const snapshot = snapshots.find((version) => version >= 3);
    expect(snapshot).toBeDefined();
    const lost = snapshot! - 1;
    await rm(join(root, revisionRelative(story.id, lost)));
    const report = await verifyStore(root);
    expect(report.problems).toEqual([
      expect.objectContaining({
        file: `revisions/${story.id}`,
        kind: 'revision-chain',
        detail: `revision ${lost} is missing`,
      }),
    ]);
  });

  it('checks the workflow files: people, history chains, live copies, checkpoints', async () => {
    const story = await storyWithSaves(1);
    const files = diskFiles(root, true);
    const history = createHistoryLog(files);
    for (const note of ['أولى', 'ثانية', 'ثالثة'])
      await history.append(story.id, {
        at: new Date().toISOString(),
        actor: 'admin',
        actorName: 'المدير',
        kind: 'comment',
        note,
      });
    expect(await kinds()).toEqual([]);

    const historyPath = join(root, 'history', `${story.id}.ndjson`);
    const lines = (await readFile(historyPath, 'utf8')).trim().split('\n');
    await writeFile(historyPath, [lines[0], lines[2]].join('\n') + '\n'); // a line removed
    await mkdir(join(root, 'workflow'), { recursive: true });
    await writeFile(join(root, 'workflow', 'users.json'), JSON.stringify({ users: 'nobody' }));
    await mkdir(join(root, 'published'), { recursive: true });
    await writeFile(join(root, 'published', `${story.id}.json`), JSON.stringify({ id: story.id }));
    await mkdir(join(root, 'workflow', 'checkpoints', story.id), { recursive: true });
    await writeFile(join(root, 'workflow', 'checkpoints', story.id, '1.json'), '{"version": 1, "sto');
    expect(await kinds()).toEqual(
      [
        { file: `history/${story.id}.ndjson`, kind: 'history-chain' },
        { file: 'workflow/users.json', kind: 'schema' },
        { file: `published/${story.id}.json`, kind: 'schema' },
        { file: `workflow/checkpoints/${story.id}/1.json`, kind: 'truncated' },
      ].sort((a, b) => (a.file < b.file ? -1 : 1)),
    );
  });

  it('checks each media file against its content name', async () => {
    await storyWithSaves(1);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const good = `${createHash('sha256').update(png).digest('hex')}.png`;
    const forged = `${'0'.repeat(64)}.png`;
    await writeFile(join(root, 'media', good), png);
    await writeFile(join(root, 'media', forged), png);
    await writeFile(join(root, 'media', 'photo.png'), png);
    expect(await kinds()).toEqual([
      { file: `media/${forged}`, kind: 'media-hash' },
      { file: 'media/photo.png', kind: 'media-hash' },
    ]);
  });

  it('right after a crash names temp files as crash leftovers, and the next open removes them in every folder', async () => {
    const story = await storyWithSaves(3);
    const leftovers = [
      `revisions/${story.id}/.00000004.json.812.0a1b2c3d4e5f.tmp`,
      `workflow/checkpoints/${story.id}/.3.json.812.0a1b2c3d4e5f.tmp`,
      'media/.abc.png.812.0a1b2c3d4e5f.tmp',
      `history/.${story.id}.ndjson.812.0a1b2c3d4e5f.tmp`,
    ];
    for (const relative of leftovers) {
      await mkdir(join(root, relative, '..'), { recursive: true });
      await writeFile(join(root, relative), '{"half":');
    }
    const report = await verifyStore(root);
    expect(report.problems.map(({ file, kind }) => ({ file, kind }))).toEqual(
      leftovers.map((file) => ({ file, kind: 'crash-leftover' })).sort((a, b) => (a.file < b.file ? -1 : 1)),
    );
    for (const problem of report.problems) expect(problem.detail).toMatch(/crash/);

    const store = await openStore(root, { mode: 'write' });
    await store.close();
    for (const relative of leftovers) {
      const [name, ...up] = relative.split('/').reverse();
      expect(await readdir(join(root, ...up.reverse())), relative).not.toContain(name);
    }
    expect(await kinds()).toEqual([]);
  });
});
