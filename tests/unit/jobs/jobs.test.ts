/**
 * Long work as jobs: progress read back while a job runs, a cancel that leaves everything whole
 * (export files complete, no half backup, the old search index still answering), one job of a
 * kind at a time, and wrong start requests refused by the dispatcher.
 */
import { MAX_IMPORT_FILE_BYTES } from '../../../electron/core/jobs/kinds';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobServices } from '../../../electron/core/jobs/kinds';
import { createJobRunner, type JobRunner } from '../../../electron/core/jobs/runner';
import { createFinding, type Finding } from '../../../electron/core/search/handlers';
import { createStoryService } from '../../../electron/core/stories/service';
import { openStore } from '../../../electron/core/store/story-store';
import type { LocalFolderStore as FolderStore } from '../../../electron/core/store/types';
import type { ApiResult } from '../../../shared/api/errors';
import { storyToNewsml } from '../../../shared/format/newsml';
import { storyToNinjs } from '../../../shared/format/ninjs';
import type { JobInfo } from '../../../shared/jobs/contract';
import { generateStories } from '../../bench/generate';
import { makeStory, tempFolder } from '../store/helpers/fixtures';
import { silentLogger } from '../../../electron/core/log';
import { exchangePlaces } from '../../../electron/core/places';
import { openWorkstation } from '../../../electron/core/workstation';

let folder: { path: string; remove: () => Promise<void> };
let root: string;
let store: FolderStore;
let finding: Finding;
let runner: JobRunner;

/** A gate an export or import waits at before item `at`, so a test can look at a job mid-way. */
function gate(at: number) {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  return {
    arrived,
    open,
    hook: async (_kind: string, index: number) => {
      if (index !== at) return;
      reached();
      await opened;
    },
  };
}

async function dispatcher(beforeItem?: JobServices['beforeItem']) {
  // The test's folder is the exchange folder a bridge would be started with.
  const workstation = await openWorkstation(
    { root: store.root, log: silentLogger, places: exchangePlaces(folder.path) },
    { store, search: finding.search, ...(beforeItem ? { beforeJobItem: beforeItem } : {}) },
  );
  runner = workstation.services.jobs;
  return workstation.dispatch;
}

function value<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.value as T;
}

async function seed(count: number) {
  for (const story of generateStories(count, 9)) await store.update(story.id, () => story);
}

beforeEach(async () => {
  folder = await tempFolder();
  root = join(folder.path, 'store');
  store = await openStore(root, { mode: 'write', create: true });
  finding = createFinding(store, createStoryService(store));
  await finding.search.ready();
  runner = createJobRunner();
});
afterEach(async () => {
  await runner.close();
  await finding.search.close();
  await store.close().catch(() => undefined);
  await folder.remove();
});

describe('jobs', () => {
  it('shows an export’s progress while it runs, and a cancel keeps the files written whole', async () => {
    await seed(12);
    const held = gate(5);
    const dispatch = await dispatcher(held.hook);
    const target = join(folder.path, 'out');
    const started = value<JobInfo>(
      await dispatch('startJob', {
        kind: 'export',
        stories: { which: 'all' },
        format: 'ninjs',
        folder: target,
      }),
    );
    expect(started).toMatchObject({ kind: 'export', state: 'running' });

    await held.arrived;
    const midway = value<JobInfo>(await dispatch('getJob', { id: started.id }));
    expect(midway.target).toBe(target);
    expect(midway.progress).toMatchObject({ phase: 'export', done: 5, total: 12 });
    expect(midway.progress.current).toMatch(/\p{Script=Arabic}/u);
    expect(midway.counts['exported']).toBe(5);

    // The list shows it too, and a second export is refused while this one runs.
    expect(value<JobInfo[]>(await dispatch('listJobs', {})).map((job) => job.id)).toEqual([started.id]);
    const second = await dispatch('startJob', { kind: 'export', stories: { which: 'all' }, format: 'html' });
    expect(second).toMatchObject({ ok: false, error: { code: 'job-running' } });

    const cancelling = value<JobInfo>(await dispatch('cancelJob', { id: started.id }));
    expect(cancelling.cancelRequested).toBe(true);
    held.open();
    const ended = await runner.settled(started.id);
    expect(ended).toMatchObject({ state: 'cancelled', counts: { exported: 5 } });
    expect(ended.finishedAt).toBeDefined();

    // Exactly the five finished files, each complete ninjs of a story of the store; no temp files.
    const names = await readdir(target);
    expect(names).toHaveLength(5);
    const ids = new Set(store.list().map((summary) => summary.id));
    for (const name of names) {
      expect(name).toMatch(/\.ninjs\.json$/);
      const item = JSON.parse(await readFile(join(target, name), 'utf8')) as { uri: string };
      expect([...ids].some((id) => item.uri.includes(id))).toBe(true);
    }

    // Once the first has ended, an export of the same kind may start again, and runs to the end.
    const again = value<JobInfo>(
      await dispatch('startJob', {
        kind: 'export',
        stories: { which: 'ids', ids: [...ids].slice(0, 3) },
        format: 'newsml',
        folder: join(folder.path, 'again'),
      }),
    );
    expect(await runner.settled(again.id)).toMatchObject({ state: 'ok', counts: { exported: 3, failed: 0 } });
    const xml = await readdir(join(folder.path, 'again'));
    expect(xml.filter((name) => name.endsWith('.newsml.xml'))).toHaveLength(3);
  });

  it('runs jobs of different kinds side by side', async () => {
    await seed(4);
    const held = gate(1);
    const dispatch = await dispatcher(held.hook);
    const exporting = value<JobInfo>(
      await dispatch('startJob', { kind: 'export', stories: { which: 'all' }, format: 'html' }),
    );
    await held.arrived;
    const verifying = value<JobInfo>(await dispatch('startJob', { kind: 'verify' }));
    expect(await runner.settled(verifying.id)).toMatchObject({
      state: 'ok',
      counts: { stories: 4, problems: 0 },
    });
    held.open();
    const exported = await runner.settled(exporting.id);
    expect(exported).toMatchObject({ state: 'ok', counts: { exported: 4 } });
    // The default folder is a new one under the store's exports folder.
    expect(exported.target).toContain(join(root, 'exports'));
    expect((await readdir(exported.target!)).filter((name) => name.endsWith('.html'))).toHaveLength(4);
  });

  it('exports the stories a search finds, every page of it', async () => {
    await seed(130);
    const match = makeStory({ headline: 'وزير الخارجية يستقبل السفير' });
    await store.update(match.id, () => match);
    const dispatch = await dispatcher();
    const all = value<JobInfo>(
      await dispatch('startJob', {
        kind: 'export',
        stories: { which: 'search', query: '', filters: { status: 'draft' } },
        format: 'ninjs',
        folder: join(folder.path, 'every'),
      }),
    );
    // No words and a filter: every draft, more than one page of the search (100 a page).
    expect(await runner.settled(all.id)).toMatchObject({ state: 'ok', counts: { exported: 131 } });
    const one = value<JobInfo>(
      await dispatch('startJob', {
        kind: 'export',
        stories: { which: 'search', query: 'السفير' },
        format: 'html',
        folder: join(folder.path, 'one'),
      }),
    );
    expect(await runner.settled(one.id)).toMatchObject({ state: 'ok', counts: { exported: 1 } });
    expect(await readdir(join(folder.path, 'one'))).toEqual([`${match.id}.html`]);
  });

  it('backs up to the store’s backups folder, and a cancelled backup leaves no file at all', async () => {
    await seed(30);
    const dispatch = await dispatcher();
    const done = value<JobInfo>(await dispatch('startJob', { kind: 'backup' }));
    const ended = await runner.settled(done.id);
    expect(ended).toMatchObject({ state: 'ok', counts: { stories: 30 } });
    expect(ended.target).toMatch(new RegExp(`^${join(root, 'backups')}/mihbara-backup-.*\\.tar\\.gz$`));
    expect(existsSync(ended.target!)).toBe(true);
    expect(ended.progress.done).toBe(ended.progress.total);

    const target = join(folder.path, 'chosen', 'backup.tar.gz');
    const cancelled = value<JobInfo>(await dispatch('startJob', { kind: 'backup', target }));
    await dispatch('cancelJob', { id: cancelled.id });
    expect(await runner.settled(cancelled.id)).toMatchObject({ state: 'cancelled' });
    const left = await readdir(join(folder.path, 'chosen')).catch(() => [] as string[]);
    expect(left).toEqual([]);
    expect((await readdir(root)).filter((name) => name.startsWith('.backup-'))).toEqual([]);
  });

  it('keeps the old search index answering when a rebuild is cancelled, and swaps in a finished one', async () => {
    await seed(250);
    const [first] = store.list();
    expect((await finding.search.search({ query: first!.headline.split(' ')[0]! })).total).toBeGreaterThan(0);
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      finding.search.rebuild({
        signal: controller.signal,
        onProgress: ({ done }) => {
          seen.push(done);
          if (done >= 200) controller.abort();
        },
      }),
    ).rejects.toThrow();
    expect(seen).toEqual([0, 200]);
    expect((await finding.search.stats()).stories).toBe(250);
    expect((await finding.search.search({ query: first!.headline.split(' ')[0]! })).total).toBeGreaterThan(0);

    const dispatch = await dispatcher();
    const job = value<JobInfo>(await dispatch('startJob', { kind: 'rebuild-search-index' }));
    expect(await runner.settled(job.id)).toMatchObject({
      state: 'ok',
      counts: { stories: 250, failed: 0 },
      progress: { phase: 'read', done: 250, total: 250 },
    });
    expect((await finding.search.stats()).stories).toBe(250);
  });

  it('verifies the store and names a damaged file', async () => {
    await seed(3);
    const [victim] = store.list();
    await writeFile(join(root, 'stories', `${victim!.id}.json`), '{"truncated":');
    const dispatch = await dispatcher();
    const job = value<JobInfo>(await dispatch('startJob', { kind: 'verify' }));
    const ended = await runner.settled(job.id);
    expect(ended.state).toBe('ok');
    expect(ended.counts['problems']).toBeGreaterThan(0);
    expect(ended.failures?.map((failure) => failure.item)).toContain(`stories/${victim!.id}.json`);
  });

  it('imports a folder of ninjs, NewsML and bad files, keeping the good ones and naming the bad', async () => {
    const incoming = join(folder.path, 'incoming');
    await mkdir(incoming);
    const one = makeStory({ headline: 'الرئاسة الليبية تتسلم دعوة رسمية' });
    const two = makeStory({ headline: 'وزير الخارجية يستقبل السفير' });
    await writeFile(join(incoming, 'a.json'), JSON.stringify(storyToNinjs(one)));
    await writeFile(join(incoming, 'b.xml'), storyToNewsml(two));
    await writeFile(join(incoming, 'c.json'), '{ not json');
    await writeFile(join(incoming, 'notes.txt'), 'not taken');
    const dispatch = await dispatcher();
    const job = value<JobInfo>(await dispatch('startJob', { kind: 'import', paths: [incoming] }));
    const ended = await runner.settled(job.id);
    expect(ended).toMatchObject({ state: 'ok', counts: { imported: 2, failed: 1 } });
    expect(ended.failures).toEqual([{ item: 'c.json', reason: expect.stringMatching(/not valid JSON/) }]);
    expect(
      store
        .list()
        .map((summary) => summary.headline)
        .sort(),
    ).toEqual([one.headline, two.headline].sort());
    // Imported stories are searchable at once.
    expect((await finding.search.search({ query: 'السفير' })).total).toBe(1);
  });

  it("an import's refusals never quote the file, and a file beyond the size limit is not read", async () => {
    const incoming = join(folder.path, 'incoming-hostile');
    await mkdir(incoming);
    await writeFile(join(incoming, 'passwd.json'), 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1\n');
    await writeFile(join(incoming, 'shadow.xml'), '<root:x:0:0 secret-line/>');
    await writeFile(join(incoming, 'huge.xml'), Buffer.alloc(MAX_IMPORT_FILE_BYTES + 1, 0x20));
    const dispatch = await dispatcher();
    const job = value<JobInfo>(await dispatch('startJob', { kind: 'import', paths: [incoming] }));
    const ended = await runner.settled(job.id);
    expect(ended.counts['failed']).toBe(3);
    const reasons = (ended.failures ?? []).map((failure) => failure.reason).join('\n');
    expect(reasons).not.toMatch(/root:x|daemon|secret-line/);
    expect(ended.failures?.find((failure) => failure.item === 'huge.xml')?.reason).toMatch(/at most/);
  });

  it('refuses wrong start requests at the dispatcher', async () => {
    const dispatch = await dispatcher();
    const refused = [
      { kind: 'format-disk' },
      { kind: 'export', stories: { which: 'all' }, format: 'pdf' },
      { kind: 'export', stories: { which: 'ids', ids: [] }, format: 'ninjs' },
      { kind: 'backup', target: 'backup.zip' },
      { kind: 'verify', extra: true },
      { kind: 'import', paths: [] },
    ];
    for (const payload of refused) {
      expect(await dispatch('startJob', payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
    expect(await dispatch('getJob', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(runner.list()).toEqual([]);
  });

  it('reports a failed job with an error code the interface translates', async () => {
    const dispatch = await dispatcher();
    // A file where the export folder should be: the folder cannot be made.
    const blocker = join(folder.path, 'blocker');
    await writeFile(blocker, 'x');
    await seed(1);
    const job = value<JobInfo>(
      await dispatch('startJob', {
        kind: 'export',
        stories: { which: 'all' },
        format: 'ninjs',
        folder: join(blocker, 'out'),
      }),
    );
    expect(await runner.settled(job.id)).toMatchObject({ state: 'failed', reason: 'io' });
  });
});
