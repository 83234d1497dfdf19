/**
 * Publishing benchmarks, each beside a baseline from the same run:
 * - publish one story to the folder channel (page, ninjs, NewsML-G2, index, feed) vs one durable
 *   write of the story's JSON;
 * - regenerate the index page and the Atom feed from 50,000 site entries vs sorting the entries;
 * - ingest throughput (files per second) vs JSON parsing plus schema validation alone.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { siteFeed, siteIndexPage, type SiteEntry } from '../../shared/format/atom';
import { storyToNinjs } from '../../shared/format/ninjs';
import type { Channel } from '../../shared/publishing/model';
import { createIncomingQueue } from '../../electron/core/ingest/queue';
import { deliverToFolder, writeSiteFiles } from '../../electron/core/publishing/folder-channel';
import { createStoryService } from '../../electron/core/stories/service';
import { validateNinjs } from '../../electron/core/stories/ninjs-validate';
import { writeFileDurably } from '../../electron/core/store/durable-file';
import { diskFiles } from '../../electron/core/workflow/files';
import { generateStories } from './generate';
import { report } from './stats';

function memoryStories() {
  const map = new Map<string, unknown>();
  return {
    root: '/memory',
    mode: 'write' as const,
    listPage: async () => ({ total: 0, items: [] }),
    count: async () => map.size,
    has: async (id: string) => map.has(id),
    get: async (id: string) => map.get(id) as never,
    update: async (id: string, change: (current: never) => never) => {
      const next = change(map.get(id) as never);
      map.set(id, next);
      return next;
    },
    close: async () => undefined,
  };
}

export async function benchPublishing(workdir: string): Promise<void> {
  const root = join(workdir, 'publishing');
  rmSync(root, { recursive: true, force: true });
  const site = join(root, 'site');
  mkdirSync(site, { recursive: true });
  const channel: Channel = {
    id: 'bench',
    name: 'bench',
    kind: 'folder',
    enabled: true,
    desks: 'all',
    internal: false,
    folder: { path: site, baseUrl: 'https://news.example/', siteTitle: 'محبرة' },
  };
  const stories = generateStories(120).map((story) => ({ ...story, status: 'published' as const }));

  // 1. Publish one story to the folder channel.
  const context = {
    mediaRoot: join(root, 'media'),
    entriesFile: join(root, 'entries.json'),
    now: () => new Date(),
  };
  const ours: number[] = [];
  const baseline: number[] = [];
  for (const story of stories.slice(0, 100)) {
    let t = performance.now();
    await deliverToFolder(story, channel, context);
    ours.push(performance.now() - t);
    t = performance.now();
    await writeFileDurably(join(root, `${story.id}.json`), JSON.stringify(story));
    baseline.push(performance.now() - t);
  }
  report('publish 1 story to a folder channel (ms)', ours, baseline, 'one durable JSON write');

  // 2. Index and feed at 50,000 stories.
  const entries: SiteEntry[] = [];
  const start = Date.parse('2020-01-01T00:00:00Z');
  for (let i = 0; i < 50_000; i += 1) {
    const story = stories[i % stories.length]!;
    const at = new Date(start + ((i * 7919) % 50_000) * 60_000).toISOString();
    entries.push({
      id: `urn:mihbara:story:s${i}`,
      path: `stories/s${i}.html`,
      headline: story.headline,
      language: 'ar',
      updated: at,
      published: at,
    });
  }
  const regen: number[] = [];
  const sorting: number[] = [];
  for (let round = 0; round < 10; round += 1) {
    let t = performance.now();
    siteIndexPage(entries, { title: 'محبرة', language: 'ar', dir: 'rtl' });
    siteFeed(entries, { title: 'محبرة', baseUrl: 'https://news.example/' });
    regen.push(performance.now() - t);
    t = performance.now();
    [...entries].sort((a, b) => b.updated.localeCompare(a.updated)).slice(0, 100);
    sorting.push(performance.now() - t);
  }
  report('index + feed from 50,000 stories (ms)', regen, sorting, 'sorting the 50,000 entries');
  // The same, as a publication does it: dates in the house style, both files written durably.
  const written: number[] = [];
  const houseStyle = { digits: 'arab', calendar: 'both', months: 'levantine' } as const;
  for (let round = 0; round < 10; round += 1) {
    const t = performance.now();
    await writeSiteFiles(channel, entries, { now: () => new Date(), houseStyle });
    written.push(performance.now() - t);
  }
  report('index + feed written, 50,000 stories (ms)', written, sorting, 'sorting the 50,000 entries');

  // 2b. Publish one story to a site that already lists 50,000 stories: the site list's
  // bookkeeping (and the index and feed written from it) is what grows with the site.
  const bigSite = join(root, 'big-site');
  mkdirSync(bigSite, { recursive: true });
  const bigChannel: Channel = { ...channel, id: 'bench-big', folder: { ...channel.folder!, path: bigSite } };
  const bigContext = { ...context, entriesFile: join(root, 'big-entries.json') };
  await writeFile(bigContext.entriesFile, JSON.stringify(entries));
  const bigOurs: number[] = [];
  const bigBaseline: number[] = [];
  for (const [i, story] of stories.slice(0, 60).entries()) {
    const next = {
      ...story,
      updatedAt: new Date(Date.parse('2030-01-01T00:00:00Z') + i * 1000).toISOString(),
    };
    let t = performance.now();
    await deliverToFolder(next, bigChannel, bigContext);
    bigOurs.push(performance.now() - t);
    t = performance.now();
    await writeFileDurably(join(root, `${story.id}.json`), JSON.stringify(story));
    bigBaseline.push(performance.now() - t);
  }
  report('publish 1 story, site of 50,000 (ms)', bigOurs, bigBaseline, 'one durable JSON write');

  // 3. Ingest throughput.
  const inbox = join(root, 'inbox');
  mkdirSync(inbox, { recursive: true });
  const texts = stories.map((story) => JSON.stringify(storyToNinjs(story)));
  const files = await Promise.all(
    texts.map(async (text, i) => {
      const file = join(inbox, `${i}.json`);
      await writeFile(file, text);
      return file;
    }),
  );
  const queue = createIncomingQueue({
    root,
    files: diskFiles(root, true),
    stories: createStoryService(memoryStories()),
  });
  const ingest: number[] = [];
  const parse: number[] = [];
  const t0 = performance.now();
  for (const file of files) {
    const t = performance.now();
    await queue.ingestFile(file);
    ingest.push(performance.now() - t);
  }
  const ingestSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  for (const text of texts) {
    const t = performance.now();
    validateNinjs(JSON.parse(text));
    parse.push(performance.now() - t);
  }
  const parseSeconds = (performance.now() - t1) / 1000;
  report('ingest 1 ninjs file (ms)', ingest, parse, 'parse + schema check only');
  console.log(
    `  ingest throughput: ${(files.length / ingestSeconds).toFixed(0)} files/s | baseline ${(texts.length / parseSeconds).toFixed(0)} files/s (parse + schema check)`,
  );
}
