/** importStoryFiles on its own: progress, and a store failure that stops the run without losing work. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importStoryFiles } from '../../../electron/core/stories/exchange';
import { createStoryService, type StoryService } from '../../../electron/core/stories/service';
import { ApiError } from '../../../shared/api/errors';
import { memoryStore } from '../helpers/memory-store';
import { fixtureNinjs, readFixture, tempFolder, writeJson, type FixtureArticle } from './helpers/cli';

const articles = readFixture<{ articles: FixtureArticle[] }>('articles-ar.json').articles;

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.remove());

const files = (count: number): Promise<string[]> =>
  Promise.all(
    articles
      .slice(0, count)
      .map((article) => writeJson(join(folder.path, `${article.key}.json`), fixtureNinjs(article))),
  );

describe('importStoryFiles', () => {
  it('reports progress for every file and imports them as drafts', async () => {
    const store = memoryStore();
    const paths = await files(3);
    const events: string[] = [];
    const report = await importStoryFiles(createStoryService(store), paths, {
      onProgress: (event) => events.push(`${event.done}/${event.total} ${event.ok}`),
    });
    expect(events).toEqual(['1/3 true', '2/3 true', '3/3 true']);
    expect(report.failed).toEqual([]);
    expect(report.imported.map((item) => item.story.status)).toEqual(['draft', 'draft', 'draft']);
    expect(await store.count()).toBe(3);
  });

  it('stops at a full disk, keeps what was imported and names the files not tried', async () => {
    const store = memoryStore();
    const real = createStoryService(store);
    let calls = 0;
    const service: StoryService = {
      ...real,
      adopt: (story) => {
        calls += 1;
        if (calls === 2) return Promise.reject(new ApiError('disk-full', 'no space left on device'));
        return real.adopt(story);
      },
    };
    const paths = await files(3);
    const report = await importStoryFiles(service, paths);
    expect(report.imported.map((item) => item.path)).toEqual([paths[0]]);
    expect(report.failed.map((item) => item.path)).toEqual([paths[1], paths[2]]);
    expect(report.failed[0]!.reason).toMatch(/no space left/);
    expect(report.failed[1]!.reason).toMatch(/not imported: the import stopped earlier/);
    expect(calls).toBe(2);
    expect(await store.count()).toBe(1);
  });
});
