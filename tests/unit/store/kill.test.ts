import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/main/store/story-store';
import type { VerifyProblem } from '../../../electron/main/store/types';
import { verifyStore } from '../../../electron/main/store/verify';
import { spawnHelper, tempFolder, watchLines } from './helpers/fixtures';

const DAMAGE: VerifyProblem['kind'][] = [
  'unreadable',
  'empty',
  'truncated',
  'not-utf8',
  'nul-filled',
  'invalid-json',
  'schema',
  'id-mismatch',
  'missing',
];

let folder: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.remove());

describe('kill -9 while saving', () => {
  // Several rounds in one test: each kill lands at a different point of a save (or of a
  // compaction, which the helper triggers every 20 saves).
  it.each([1, 2, 3])('round %i: loses no reported save and damages no file', async () => {
    const root = join(folder.path, 'store');
    const child = spawnHelper('save-loop.ts', [root]);
    const output = watchLines(child);
    const saves = () => output.lines.filter((line) => line.startsWith('saved '));
    try {
      await output.waitFor((line) => line.startsWith('saved ') && saves().length >= 150);
    } finally {
      child.kill('SIGKILL');
    }
    const { signal } = await output.exited;
    expect(signal).toBe('SIGKILL');

    // Every line printed before the kill is a save that resolved.
    const reported = new Map<string, number>();
    for (const line of saves()) {
      const [, id, version] = line.split(' ');
      reported.set(id!, Math.max(reported.get(id!) ?? 0, Number(version)));
    }
    expect(saves().length).toBeGreaterThanOrEqual(150);

    const report = await verifyStore(root);
    expect(report.problems.filter((problem) => DAMAGE.includes(problem.kind))).toEqual([]);
    expect(report.storiesChecked).toBeGreaterThanOrEqual(reported.size);

    // The dead process's lock goes stale after 2 s; wait for that rather than removing it.
    const store = await openStore(root, { mode: 'write', lockStaleMs: 2000, lockWaitMs: 20_000 });
    try {
      const listed = new Map(store.list().map((summary) => [summary.id, summary.version]));
      for (const [id, version] of reported) {
        expect(listed.get(id), `index entry of ${id}`).toBeGreaterThanOrEqual(version);
        expect((await store.get(id)).version, `file of ${id}`).toBeGreaterThanOrEqual(version);
      }
      // After the reopen repaired the index, nothing at all is left to report.
      expect((await verifyStore(root)).problems).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
