/**
 * Two workstations as two processes save the same story on the same version at once: the server
 * lets exactly one win; the other is told (`conflict`) and keeps its text (a recovery draft in
 * its own folder, offered to the user), while the server holds the winner's text.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamStore } from '../../../electron/core/team/pg-store';
import { newsroom, plant, story, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';

const reason = skipReason();
const repo = resolve(import.meta.dirname, '..', '..', '..');

function workstation(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/unit/team/save-child.ts', ...args], {
    cwd: repo,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const queue: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => (waiting.length ? waiting.shift()!(line) : queue.push(line)));
  const next = () =>
    new Promise<string>((done) => (queue.length ? done(queue.shift()!) : waiting.push(done)));
  // Listen for the exit from the start: a child that has already exited fires no second event.
  const exited = new Promise((done) => child.once('exit', done));
  return { child, next, exited };
}

describe.skipIf(reason !== null)(`two workstation processes${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let room: Newsroom;
  const folders: string[] = [];
  beforeAll(async () => {
    room = await newsroom();
  }, 60_000);
  afterAll(async () => {
    await room?.close();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('one wins, the other is told and keeps its text', { timeout: 180_000 }, async () => {
    await plant(room.owner, story('two-process-story', 'draft', ['yasin']));
    const roots = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'mihbara-proc-')));
    folders.push(...roots);
    const texts = ['نص المحطة الأولى', 'نص المحطة الثانية'];
    const stations = roots.map((root, i) =>
      workstation([room.urlAs('yasin'), root, 'two-process-story', '1', texts[i]!]),
    );
    for (const station of stations) expect(await station.next()).toBe('ready');
    for (const station of stations) station.child.stdin!.write('go\n');
    const outcomes = (await Promise.all(stations.map((s) => s.next()))).map(
      (line) => JSON.parse(line) as { ok: boolean; code?: string },
    );
    await Promise.all(stations.map((s) => s.exited));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, code: 'conflict' }]);
    const winner = outcomes.findIndex((o) => o.ok);
    const loser = 1 - winner;
    const server = await room.owner.query<{ headline: string; version: number }>(
      "SELECT headline, version FROM mihbara.stories WHERE id = 'two-process-story'",
    );
    expect(server.rows[0]).toEqual({ headline: texts[winner], version: 2 });
    // The loser's text waits in its own folder, offered against the server's newer version.
    const reopened = await openTeamStore({ url: room.urlAs('yasin') }, { localRoot: roots[loser]! });
    try {
      expect(await reopened.listRecoveryDrafts()).toEqual([
        expect.objectContaining({ id: 'two-process-story', headline: texts[loser], currentVersion: 2 }),
      ]);
    } finally {
      await reopened.close();
    }
  });
});
