/**
 * The story store at 100, 10,000 and 50,000 stories, each figure beside a single-file lowdb
 * store holding the same stories (lowdb's stock JSONFile: rewrites the whole file on every save,
 * no fsync), measured in the same run:
 * - saving one story (fsync included, a revision written with each save);
 * - opening the store to the first page of the story list, and the peak memory of doing so
 *   (each in a fresh child process);
 * - verify and a full index rebuild (in a worker thread), and how long the main thread was
 *   blocked meanwhile.
 *
 * The stores are seeded once and cached under .bench/ (`v2-store-<n>`): seeding writes the
 * files directly rather than through 50,000 fsynced saves.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { STORE_FORMAT_VERSION } from '../../electron/core/store/journal';
import { makeRevision, revisionRelative } from '../../electron/core/store/revisions';
import { openStore } from '../../electron/core/store/story-store';
import type { VerifyReport } from '../../electron/core/store/types';
import { runStoreTask } from '../../electron/core/store/worker-client';
import { summarize, type Story } from '../../shared/story/schema';
import { generateStories } from './generate';
import { percentile, report } from './stats';

const SAVES = 60;
/** Saves of the 228 MB single file at 50k take seconds each: fewer of them. */
const baselineSaves = (size: number) => (size >= 50_000 ? 5 : size >= 10_000 ? 15 : SAVES);

/** Writes a format-2 store of `stories` (each with its first revision) straight to disk. */
async function seedStore(dir: string, stories: Story[]): Promise<void> {
  const marker = join(dir, 'mihbara-store.json');
  if (existsSync(marker)) return;
  rmSync(dir, { recursive: true, force: true });
  for (const folder of ['stories', 'media', 'revisions', 'recovery']) {
    mkdirSync(join(dir, folder), { recursive: true });
  }
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < stories.length) {
      const story = stories[next++]!;
      await writeFile(join(dir, 'stories', `${story.id}.json`), JSON.stringify(story, null, 2) + '\n');
      await mkdir(join(dir, 'revisions', story.id), { recursive: true });
      const revision = makeRevision(undefined, story, undefined, { actor: 'bench', at: story.updatedAt });
      await writeFile(join(dir, revisionRelative(story.id, story.version)), JSON.stringify(revision) + '\n');
      if (++done % 5000 === 0) process.stdout.write(`  seeding ${done}/${stories.length}\r`);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({ format: STORE_FORMAT_VERSION, generation: 1, stories: stories.map(summarize) }) + '\n',
  );
  await writeFile(
    join(dir, 'index.journal'),
    JSON.stringify({ op: 'gen', gen: 1, v: STORE_FORMAT_VERSION }) + '\n',
  );
  // The marker last: a seeding cut short is redone next time.
  await writeFile(
    marker,
    JSON.stringify({
      format: 'mihbara-store',
      version: STORE_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
    }),
  );
  process.stdout.write('\n');
}

/** One save as the editor makes it: one paragraph rewritten, the headline touched. */
function edit(current: Story, i: number): Story {
  const body = [...current.body];
  const at = i % body.length;
  body[at] = { ...body[at]!, children: [{ text: `فقرة عدلت في الحفظ رقم ${i}` }] };
  return {
    ...current,
    body,
    headline: `${current.headline} ·`,
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
  };
}

/** Runs tests/bench/store-open.ts in a fresh process: { ms, peakMb }. */
function openInChild(kind: 'store' | 'single', path: string): Promise<{ ms: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'store-open.ts'), kind, path],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`store-open exited ${code}`);
        resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; peakMb: number });
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Runs `task` and reports the longest the event loop was blocked meanwhile. */
async function blocked<T>(task: () => Promise<T>): Promise<{ value: T; ms: number; maxBlockMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = performance.now();
  const value = await task();
  const ms = performance.now() - started;
  // A block that ends with the task is only recorded when the next timer fires: let it.
  await new Promise((resolve) => setTimeout(resolve, 50));
  histogram.disable();
  return { value, ms, maxBlockMs: histogram.max / 1e6 };
}

const line = (label: string, ours: string, baseline: string) =>
  console.log(`${label.padEnd(44)} ${ours.padEnd(34)} | ${baseline}`);

export async function benchStoreSave(workdir: string, sizes: number[]): Promise<void> {
  const data = new Map<number, Story[]>();
  for (const size of sizes) {
    data.set(size, generateStories(size));
    await seedStore(join(workdir, `v2-store-${size}`), data.get(size)!);
  }

  // Our saves at every size are interleaved (one at 100, one at 10k, one at 50k, …): this
  // machine is shared, and interleaving spreads its load over every size alike, so the ratio
  // between sizes measures the store, not the neighbours.
  const stores = await Promise.all(
    sizes.map((size) => openStore(join(workdir, `v2-store-${size}`), { mode: 'write', actor: 'bench' })),
  );
  const ids = stores.map((store) => store.list().map((summary) => summary.id));
  const ours = sizes.map(() => [] as number[]);
  for (let i = 0; i < SAVES; i++) {
    for (let s = 0; s < sizes.length; s++) {
      const id = ids[s]![(i * 7919) % ids[s]!.length]!;
      const started = performance.now();
      await stores[s]!.update(id, (current) => edit(current!, i));
      ours[s]!.push(performance.now() - started);
    }
  }
  await Promise.all(stores.map((store) => store.close()));

  for (const [s, size] of sizes.entries()) {
    const stories = data.get(size)!;
    const singleDir = join(workdir, `single-${size}`);
    rmSync(singleDir, { recursive: true, force: true });
    mkdirSync(singleDir, { recursive: true });
    const db = new Low<{ stories: Story[] }>(new JSONFile(join(singleDir, 'db.json')), { stories: [] });
    db.data.stories = stories;
    await db.write();
    const baseline: number[] = [];
    for (let i = 0; i < baselineSaves(size); i++) {
      const index = (i * 7919) % stories.length;
      const started = performance.now();
      db.data.stories[index] = edit(db.data.stories[index]!, i);
      await db.write();
      baseline.push(performance.now() - started);
    }
    report(`save one story, ${size.toLocaleString('en')} stories`, ours[s]!, baseline, 'single-file lowdb');
    if (size === Math.max(...sizes)) {
      await benchOpenAndUpkeep(join(workdir, `v2-store-${size}`), join(singleDir, 'db.json'), size);
    }
    if (size >= 50_000) rmSync(singleDir, { recursive: true, force: true });
  }
  const first = percentile(ours[0]!, 95);
  const last = percentile(ours.at(-1)!, 95);
  console.log(
    `save p95 at ${sizes.at(-1)!.toLocaleString('en')} / p95 at ${sizes[0]!.toLocaleString('en')}: ${(last / first).toFixed(2)}× (flat means ≤ 1.5×)`,
  );
}

async function benchOpenAndUpkeep(storeDir: string, singleFile: string, size: number): Promise<void> {
  const n = size.toLocaleString('en');
  const ours: { ms: number; peakMb: number }[] = [];
  const theirs: { ms: number; peakMb: number }[] = [];
  for (let run = 0; run < 3; run++) {
    ours.push(await openInChild('store', storeDir));
    theirs.push(await openInChild('single', singleFile));
  }
  const median = (values: number[]) => percentile(values, 50);
  line(
    `open to first list page, ${n} stories`,
    `${median(ours.map((r) => r.ms)).toFixed(0)} ms, peak ${median(ours.map((r) => r.peakMb)).toFixed(0)} MB`,
    `single-file lowdb: ${median(theirs.map((r) => r.ms)).toFixed(0)} ms, peak ${median(theirs.map((r) => r.peakMb)).toFixed(0)} MB (median of 3)`,
  );

  // The baseline for "look at every story": reading and parsing the single file, in this thread.
  const parse = await blocked(async () => {
    const db = new Low<{ stories: Story[] }>(new JSONFile(singleFile), { stories: [] });
    await db.read();
    return db.data.stories.length;
  });
  const verify = await blocked(() => runStoreTask<VerifyReport>({ kind: 'verify', root: storeDir }));
  line(
    `verify (worker), ${n} stories`,
    `${(verify.ms / 1000).toFixed(1)} s, main thread max block ${verify.maxBlockMs.toFixed(0)} ms`,
    `single-file read+parse: ${(parse.ms / 1000).toFixed(1)} s, blocked ${parse.maxBlockMs.toFixed(0)} ms`,
  );
  if (verify.value.problems.length > 0)
    console.log(`  verify found ${verify.value.problems.length} problems`);
  const store = await openStore(storeDir, { mode: 'write' });
  const rebuild = await blocked(() => store.rebuildIndex());
  await store.close();
  line(
    `index rebuild (worker), ${n} stories`,
    `${(rebuild.ms / 1000).toFixed(1)} s, main thread max block ${rebuild.maxBlockMs.toFixed(0)} ms`,
    `single-file read+parse: ${(parse.ms / 1000).toFixed(1)} s, blocked ${parse.maxBlockMs.toFixed(0)} ms`,
  );
}
