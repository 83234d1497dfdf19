/**
 * The folder channel's site list: a publication appends one line instead of rewriting the list,
 * the log folds into the snapshot once long, a torn last line or a crash while compacting loses
 * nothing, and a delivery stopped half-way (as by a crash) is repaired by the next run's outbox.
 */
import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SiteEntry } from '../../../shared/format/atom';
import { openPublishing } from '../../../electron/core/publishing';
import { deliverToFolder } from '../../../electron/core/publishing/folder-channel';
import { forgetSiteLists, openSiteList, siteLogFile } from '../../../electron/core/publishing/site-list';
import { openStore } from '../../../electron/core/store/story-store';
import type { StoryStore } from '../../../electron/core/store/types';
import { MEDIA_DIR } from '../../../electron/core/store/journal';
import { sampleStory, tempDir } from './helpers';
import { silentLogger } from '../../../electron/core/log';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('mihbara-site-list-');
  forgetSiteLists();
});
afterEach(async () => {
  forgetSiteLists();
  await dir.remove();
});

const entry = (n: number, extra: Partial<SiteEntry> = {}): SiteEntry => ({
  id: `urn:mihbara:story:s${n}`,
  path: `stories/s${n}.html`,
  headline: `خبر ${n}`,
  language: 'ar',
  updated: new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString(),
  ...extra,
});

describe('site list', () => {
  it('appends one line per publication and leaves the snapshot untouched', async () => {
    const file = join(dir.path, 'site.json');
    const snapshot = Array.from({ length: 500 }, (_, n) => entry(n));
    await writeFile(file, JSON.stringify(snapshot));
    const before = await stat(file);

    const list = await openSiteList(file);
    expect(list.size).toBe(500);
    await list.put(entry(500));
    await list.put(entry(3, { headline: 'خبر مصحح' }));

    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify(snapshot));
    const lines = (await readFile(siteLogFile(file), 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as SiteEntry).id)).toEqual([
      'urn:mihbara:story:s500',
      'urn:mihbara:story:s3',
    ]);

    forgetSiteLists(); // as a new process would read it
    const again = await openSiteList(file);
    expect(again.size).toBe(501);
    expect(again.get('urn:mihbara:story:s3')?.headline).toBe('خبر مصحح');
  });

  it('folds the log into the snapshot once it is long, with nothing lost', async () => {
    const file = join(dir.path, 'site.json');
    const list = await openSiteList(file, { compactAfter: 5 });
    for (let n = 0; n < 12; n += 1) await list.put(entry(n));
    expect(list.logLines).toBe(2);
    expect((JSON.parse(await readFile(file, 'utf8')) as SiteEntry[]).length).toBe(10);
    forgetSiteLists();
    expect((await openSiteList(file)).size).toBe(12);
  });

  it('replays a log a crash left behind after compaction without doubling anything', async () => {
    const file = join(dir.path, 'site.json');
    const all = [entry(1), entry(2, { headline: 'ثانية' })];
    // The snapshot was written, the log not yet emptied.
    await writeFile(file, JSON.stringify(all));
    await writeFile(siteLogFile(file), all.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const list = await openSiteList(file);
    expect([...list.entries()]).toEqual(all);
  });

  it('skips a torn last line and starts the next one on a line of its own', async () => {
    const file = join(dir.path, 'site.json');
    await writeFile(siteLogFile(file), `${JSON.stringify(entry(1))}\n{"id":"urn:mihbara:story:s2","pa`);
    const list = await openSiteList(file);
    expect([...list.entries()].map((e) => e.id)).toEqual(['urn:mihbara:story:s1']);
    await list.put(entry(3));
    forgetSiteLists();
    expect([...(await openSiteList(file)).entries()].map((e) => e.id)).toEqual([
      'urn:mihbara:story:s1',
      'urn:mihbara:story:s3',
    ]);
  });

  it('reads a list another process changed (the files are newer than the memory)', async () => {
    const file = join(dir.path, 'site.json');
    await (await openSiteList(file)).put(entry(1));
    await appendFile(siteLogFile(file), `${JSON.stringify(entry(2))}\n`);
    expect((await openSiteList(file)).size).toBe(2);
  });
});

describe('a publication stopped half-way', () => {
  let store: StoryStore;
  beforeEach(async () => {
    store = await openStore(join(dir.path, 'store'), { mode: 'write', create: true });
  });
  afterEach(async () => {
    await store.close();
  });

  for (const step of ['story-written', 'listed'] as const) {
    it(`is repaired by the next run when it stopped at "${step}"`, async () => {
      const site = join(dir.path, 'site');
      await mkdir(site);
      const first = openPublishing(store, undefined, { log: silentLogger });
      const channel = await first.channels.save({
        id: 'website',
        name: 'الموقع',
        kind: 'folder',
        enabled: true,
        internal: false,
        folder: { path: site, baseUrl: 'https://news.example/', siteTitle: 'محبرة' },
      });
      // One story already on the site, so the index exists before the crash.
      await first.onTransition(sampleStory({ id: 'story-before-crash' }), 'publish');
      const story = sampleStory({ id: 'story-in-the-crash', headline: 'خبر الأزمة' });
      const at = new Date().toISOString();
      await first.outbox.enqueue({
        story,
        delivery: {
          id: '6f1d8a52-8f44-4bd3-9b55-0d6c0f3a1a11',
          channelId: 'website',
          channelName: 'الموقع',
          storyId: story.id,
          version: story.version,
          event: 'publish',
          pubStatus: 'usable',
          idempotencyKey: `${story.id}:${story.version}:publish:website`,
          status: 'pending',
          attempts: 0,
          createdAt: at,
          updatedAt: at,
        },
      });
      // The attempt dies at `step`: it never returns, as if the process had stopped there.
      void deliverToFolder(story, channel, {
        mediaRoot: join(store.root, MEDIA_DIR),
        entriesFile: first.entriesFile('website'),
        now: () => new Date(),
        checkpoint: async (reached) => {
          if (reached === step) await new Promise(() => undefined);
        },
      });
      await expect
        .poll(async () =>
          stat(join(site, `stories/${story.id}.html`)).then(
            () => true,
            () => false,
          ),
        )
        .toBe(true);
      if (step === 'listed')
        await expect
          .poll(async () =>
            (await readFile(siteLogFile(first.entriesFile('website')), 'utf8')).includes(story.id),
          )
          .toBe(true);
      expect(await readFile(join(site, 'index.html'), 'utf8')).not.toContain('خبر الأزمة');
      await first.outbox.stop();

      // The next run: a new publisher on the same store finds the delivery and finishes it.
      forgetSiteLists();
      const next = openPublishing(store, undefined, { log: silentLogger });
      const done = await next.outbox.drain();
      expect(done.map((d) => [d.storyId, d.status])).toEqual([[story.id, 'delivered']]);
      expect(await readFile(join(site, 'index.html'), 'utf8')).toContain('خبر الأزمة');
      const feed = await readFile(join(site, 'feed.xml'), 'utf8');
      expect(feed.split(`urn:mihbara:story:${story.id}<`).length - 1).toBe(1);
      expect(feed).toContain('urn:mihbara:story:story-before-crash<');
      const list = await openSiteList(next.entriesFile('website'));
      expect(list.size).toBe(2);
      await next.outbox.stop();
    });
  }

  it('takes the story back off the list when the index cannot be written', async () => {
    const site = join(dir.path, 'site');
    await mkdir(site);
    const publisher = openPublishing(store, undefined, { log: silentLogger });
    const channel = await publisher.channels.save({
      id: 'website',
      name: 'الموقع',
      kind: 'folder',
      enabled: true,
      internal: false,
      folder: { path: site, baseUrl: 'https://news.example/', siteTitle: 'محبرة' },
    });
    await mkdir(join(site, 'feed.xml')); // a folder where the feed goes: the site files fail
    const context = {
      mediaRoot: join(store.root, MEDIA_DIR),
      entriesFile: publisher.entriesFile('website'),
      now: () => new Date(),
    };
    await expect(deliverToFolder(sampleStory(), channel, context)).rejects.toThrow();
    await expect(stat(join(site, `stories/${sampleStory().id}.html`))).rejects.toThrow();
    forgetSiteLists();
    expect((await openSiteList(context.entriesFile)).size).toBe(0);
    await publisher.outbox.stop();
  });
});
