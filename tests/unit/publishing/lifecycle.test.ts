/**
 * Publishing through the workflow: the publisher hooks into every transition, so publishing an
 * approved story writes the folder channel, a correction redelivers with its note and sequence,
 * a kill withdraws, every delivery is in the story's history, and a folder that is missing
 * refuses the publication so the story stays approved.
 */
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPublishing } from '../../../electron/core/publishing';
import type { Publisher } from '../../../electron/core/publishing/publisher';
import { createStoryService } from '../../../electron/core/stories/service';
import { openStore } from '../../../electron/core/store/story-store';
import type { StoryStore } from '../../../electron/core/store/types';
import { createWorkflow, type Workflow } from '../../../electron/core/workflow';
import { sampleStory, tempDir } from './helpers';
import { silentLogger } from '../../../electron/core/log';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: StoryStore;
let workflow: Workflow;
let publisher: Publisher;
let site: string;

beforeEach(async () => {
  dir = await tempDir('mihbara-lifecycle-');
  store = await openStore(join(dir.path, 'store'), { mode: 'write', create: true });
  workflow = createWorkflow(store, { log: silentLogger });
  publisher = openPublishing(store, workflow, { log: silentLogger });
  site = join(dir.path, 'site');
  await mkdir(site);
  await publisher.channels.save({
    id: 'website',
    name: 'الموقع',
    kind: 'folder',
    enabled: true,
    internal: false,
    folder: { path: site, baseUrl: 'https://news.example/', siteTitle: 'اتحاد العالم الإسلامي' },
  });
});
afterEach(async () => {
  await publisher.outbox.stop();
  await store.close();
  await dir.remove();
});

async function approvedStory(): Promise<string> {
  const {
    id: _id,
    version: _v,
    schemaVersion: _s,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = sampleStory({
    leadImage: { file: `${'d'.repeat(64)}.jpg`, caption: 'المجلس', credit: 'رويترز', altText: 'صورة المجلس' },
  });
  const story = await createStoryService(store).adopt({ ...rest, status: 'draft' });
  await workflow.service.transition(story.id, 'submit', 'admin');
  await workflow.service.transition(story.id, 'approve', 'admin');
  return story.id;
}

describe('publishing through the workflow', () => {
  it('publishes, corrects and kills, with every delivery in the story history', async () => {
    const id = await approvedStory();
    const published = await workflow.service.transition(id, 'publish', 'admin');
    expect(published.status).toBe('published');
    expect(await readFile(join(site, `stories/${id}.html`), 'utf8')).toContain('<h1>');

    await workflow.service.transition(id, 'correct', 'admin', { note: 'صُحح التاريخ' });
    const corrected = await workflow.service.transition(id, 'publish', 'admin');
    expect(corrected.status).toBe('corrected');
    const ninjs = JSON.parse(await readFile(join(site, `stories/${id}.ninjs.json`), 'utf8'));
    expect(ninjs.descriptions).toEqual([
      { role: 'correction-1', contentType: 'text/plain', value: 'صُحح التاريخ' },
    ]);
    expect(ninjs.version).toBe(String(corrected.version));

    await workflow.service.transition(id, 'kill', 'admin', { note: 'سُحب لخطأ' });
    await expect(stat(join(site, `stories/${id}.html`))).rejects.toThrow();
    expect(await readFile(join(site, 'feed.xml'), 'utf8')).toContain('<at:deleted-entry');

    const { entries, intact } = await workflow.service.readHistory(id);
    expect(intact).toBe(true);
    const deliveries = entries.filter((e) => e.kind === 'delivery');
    expect(deliveries.map((e) => [e.detail?.event, e.detail?.status, e.detail?.channel])).toEqual([
      ['publish', 'delivered', 'website'],
      ['correct', 'delivered', 'website'],
      ['withdraw', 'delivered', 'website'],
    ]);
    expect(deliveries[1]?.detail?.sequence).toBe(1);
  });

  it('refuses to publish into a missing folder: the story stays approved and nothing is written', async () => {
    const id = await approvedStory();
    await rm(site, { recursive: true });
    await expect(workflow.service.transition(id, 'publish', 'admin')).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining('does not exist'),
    });
    expect((await store.get(id)).status).toBe('approved');
    expect(await workflow.service.live(id)).toBeNull();
    expect(await publisher.outbox.log()).toEqual([]);
    expect((await workflow.service.readHistory(id)).entries.some((e) => e.kind === 'delivery')).toBe(false);
  });
});
