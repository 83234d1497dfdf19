/**
 * Per-desk channels: a publication goes only to the enabled channels that serve the story's
 * desk; a story without a desk only to the channels that serve all desks; corrections and
 * withdrawals also follow the story to every channel that already carries it; a channel saved
 * before desks existed serves all desks.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPublishing } from '../../../electron/core/publishing';
import { CHANNELS_FILE } from '../../../electron/core/publishing/channels';
import type { Publisher } from '../../../electron/core/publishing/publisher';
import { createStoryService } from '../../../electron/core/stories/service';
import { openStore } from '../../../electron/core/store/story-store';
import type { StoryStore } from '../../../electron/core/store/types';
import { createWorkflow, type Workflow } from '../../../electron/core/workflow';
import { channelServesDesk, type ChannelInput, type PublicChannel } from '../../../shared/publishing/model';
import { sampleStory, tempDir } from './helpers';
import { workstationOn } from '../helpers/workstation';
import { argumentPlaces } from '../../../electron/core/places';
import { silentLogger } from '../../../electron/core/log';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: StoryStore;
let workflow: Workflow;
let publisher: Publisher;

const site = (name: string) => join(dir.path, 'sites', name);
const channel = (id: string, desks: ChannelInput['desks']): ChannelInput => ({
  id,
  name: id,
  kind: 'folder',
  enabled: true,
  internal: false,
  ...(desks === undefined ? {} : { desks }),
  folder: { path: site(id), baseUrl: 'https://news.example/', siteTitle: 'محبرة' },
});
const onSite = (name: string, id: string) =>
  stat(join(site(name), `stories/${id}.html`)).then(
    () => true,
    () => false,
  );

beforeEach(async () => {
  dir = await tempDir('mihbara-desks-');
  store = await openStore(join(dir.path, 'store'), { mode: 'write', create: true });
  workflow = createWorkflow(store, { log: silentLogger });
  publisher = openPublishing(store, workflow, { log: silentLogger });
  for (const name of ['everyone', 'sport', 'politics']) await mkdir(site(name), { recursive: true });
  await publisher.channels.save(channel('everyone', 'all'));
  await publisher.channels.save(channel('sport', ['sports']));
  await publisher.channels.save(channel('politics', ['politics', 'economy']));
});
afterEach(async () => {
  await publisher.outbox.stop();
  await store.close();
  await dir.remove();
});

async function approved(desk: string | undefined): Promise<string> {
  const {
    id: _i,
    version: _v,
    schemaVersion: _s,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = sampleStory({
    leadImage: { file: `${'d'.repeat(64)}.jpg`, caption: 'المجلس', credit: 'رويترز', altText: 'صورة المجلس' },
  });
  const story = await createStoryService(store).adopt({
    ...rest,
    status: 'draft',
    ...(desk ? { desk } : {}),
  });
  await workflow.service.transition(story.id, 'submit', 'admin');
  await workflow.service.transition(story.id, 'approve', 'admin');
  return story.id;
}

const deliveredTo = async (id: string) =>
  (await publisher.outbox.log())
    .filter((d) => d.storyId === id)
    .map((d) => `${d.event}:${d.channelId}`)
    .sort();

describe('channels per desk', () => {
  it('the rule: all desks, a list of desks, and a story without a desk', () => {
    expect(channelServesDesk({ desks: 'all' }, 'sports')).toBe(true);
    expect(channelServesDesk({ desks: 'all' }, undefined)).toBe(true);
    expect(channelServesDesk({}, undefined)).toBe(true);
    expect(channelServesDesk({ desks: ['sports'] }, 'sports')).toBe(true);
    expect(channelServesDesk({ desks: ['sports'] }, 'politics')).toBe(false);
    expect(channelServesDesk({ desks: ['sports'] }, undefined)).toBe(false);
    expect(channelServesDesk({ desks: ['sports'] }, '')).toBe(false);
  });

  it('publishes a sports story to the channels of all desks and of sports only', async () => {
    const id = await approved('sports');
    await workflow.service.transition(id, 'publish', 'admin');
    expect(await deliveredTo(id)).toEqual(['publish:everyone', 'publish:sport']);
    expect(await onSite('everyone', id)).toBe(true);
    expect(await onSite('sport', id)).toBe(true);
    expect(await onSite('politics', id)).toBe(false);
    const history = (await workflow.service.readHistory(id)).entries.filter((e) => e.kind === 'delivery');
    expect(history.map((e) => e.detail?.channel).sort()).toEqual(['everyone', 'sport']);
  });

  it('publishes a story without a desk only to the channels that serve all desks', async () => {
    const id = await approved(undefined);
    await workflow.service.transition(id, 'publish', 'admin');
    expect(await deliveredTo(id)).toEqual(['publish:everyone']);
  });

  it('a correction and a kill follow the story to the channels that carry it, and go nowhere else', async () => {
    const id = await approved('economy');
    await workflow.service.transition(id, 'publish', 'admin');
    expect(await deliveredTo(id)).toEqual(['publish:everyone', 'publish:politics']);
    // The politics channel stops serving economy after the publication: the story is still on it.
    await publisher.channels.save(channel('politics', ['politics']));
    await workflow.service.transition(id, 'correct', 'admin', { note: 'صُحح الرقم' });
    await workflow.service.transition(id, 'publish', 'admin');
    await workflow.service.transition(id, 'kill', 'admin', { note: 'سُحب' });
    expect(await deliveredTo(id)).toEqual([
      'correct:everyone',
      'correct:politics',
      'publish:everyone',
      'publish:politics',
      'withdraw:everyone',
      'withdraw:politics',
    ]);
    expect(await onSite('politics', id)).toBe(false);
    expect(await onSite('sport', id)).toBe(false);
  });

  it('a folder missing on another desk’s channel does not hold up this desk’s publication', async () => {
    await publisher.channels.save(channel('politics', ['politics']));
    await rm(site('politics'), { recursive: true });
    const id = await approved('sports');
    const published = await workflow.service.transition(id, 'publish', 'admin');
    expect(published.status).toBe('published');
    expect(await deliveredTo(id)).toEqual(['publish:everyone', 'publish:sport']);
  });

  it('reads a channel saved before desks existed as serving all desks', async () => {
    const old = channel('legacy', undefined);
    await mkdir(site('legacy'), { recursive: true });
    await writeFile(join(store.root, CHANNELS_FILE), JSON.stringify([old]));
    const [legacy] = await publisher.channels.list();
    expect(legacy?.desks).toBe('all');
    const id = await approved(undefined);
    await workflow.service.transition(id, 'publish', 'admin');
    expect(await deliveredTo(id)).toEqual(['publish:legacy']);
  });

  it('through the API: desks are saved and shown, and an empty list of desks is refused', async () => {
    const { dispatch } = await workstationOn(store, { workflow }, silentLogger, argumentPlaces);
    const created = await dispatch('createChannel', {
      channel: { ...channel('wire', ['sports', 'economy']) },
    });
    expect(created).toMatchObject({ ok: true, value: { desks: ['sports', 'economy'] } });
    const empty = await dispatch('updateChannel', { channel: { ...channel('wire', []) } });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const listed = (await dispatch('listChannels', {})) as { ok: true; value: PublicChannel[] };
    expect(listed.value.find((c) => c.id === 'wire')?.desks).toEqual(['sports', 'economy']);
  });
});
