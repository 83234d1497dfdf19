import { appendFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORE_FORMAT_VERSION } from '../../../electron/core/store/journal';
import { makeRevision, revisionRelative } from '../../../electron/core/store/revisions';
import { initStore, openStore } from '../../../electron/core/store/story-store';
import type { StoryStore } from '../../../electron/core/store/types';
import { verifyStore } from '../../../electron/core/store/verify';
import { summarize, type Story } from '../../../shared/story/schema';
import { bump, makeStory, tempFolder } from './helpers/fixtures';

let folder: { path: string; remove: () => Promise<void> };
let root: string;
const open: StoryStore[] = [];

async function openFor(mode: 'write' | 'read', extra: { compactAfterLines?: number } = {}) {
  const store = await openStore(root, { mode, create: mode === 'write', ...extra });
  open.push(store);
  return store;
}

const save = (store: StoryStore, story: Story) => store.update(story.id, () => story);

beforeEach(async () => {
  folder = await tempFolder();
  root = join(folder.path, 'store');
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  await folder.remove();
});

describe('openStore layout', () => {
  it('creates the layout with create: true', async () => {
    await openFor('write');
    const names = await readdir(root);
    expect(names).toEqual(
      expect.arrayContaining(['mihbara-store.json', 'stories', 'media', 'index.json', 'index.journal']),
    );
    const marker = JSON.parse(await readFile(join(root, 'mihbara-store.json'), 'utf8'));
    expect(marker).toMatchObject({ format: 'mihbara-store', version: STORE_FORMAT_VERSION });
  });

  it('refuses a missing store without create, and in read mode', async () => {
    await expect(openStore(root, { mode: 'write' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(openStore(root, { mode: 'read', create: true })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('refuses a folder that is not empty and not a store, even with create', async () => {
    await writeFile(join(folder.path, 'notes.txt'), 'not a store');
    await expect(openStore(folder.path, { mode: 'write', create: true })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('not a Mihbara store'),
    });
    expect(await readdir(folder.path)).toEqual(['notes.txt']);
  });

  it('refuses a store made by a newer format', async () => {
    await initStore(root);
    await writeFile(
      join(root, 'mihbara-store.json'),
      JSON.stringify({ format: 'mihbara-store', version: 99, createdAt: new Date().toISOString() }),
    );
    await expect(openStore(root, { mode: 'read' })).rejects.toMatchObject({
      message: expect.stringContaining('newer'),
    });
  });
});

describe('StoryStore', () => {
  it('creates, updates, gets and lists newest change first', async () => {
    const store = await openFor('write');
    const old = makeStory({ headline: 'قديم' }, new Date('2026-01-01T08:00:00Z'));
    const middle = makeStory({ headline: 'أوسط' }, new Date('2026-01-02T08:00:00Z'));
    const recent = makeStory({ headline: 'حديث' }, new Date('2026-01-03T08:00:00Z'));
    for (const story of [middle, recent, old]) await save(store, story);

    expect(await store.count()).toBe(3);
    expect(await store.has(old.id)).toBe(true);
    expect(store.list().map((s) => s.headline)).toEqual(['حديث', 'أوسط', 'قديم']);

    // Updating the oldest story moves it to the top.
    const updated = await store.update(old.id, (current) => ({
      ...bump(current!, 'قديم محدث'),
      updatedAt: '2026-01-04T08:00:00Z',
    }));
    expect(updated.version).toBe(2);
    expect(store.list().map((s) => s.headline)).toEqual(['قديم محدث', 'حديث', 'أوسط']);
    expect(await store.get(old.id)).toEqual(updated);

    // The story file is plain JSON named after the id.
    const onDisk = JSON.parse(await readFile(join(root, 'stories', `${old.id}.json`), 'utf8'));
    expect(onDisk).toEqual(updated);
  });

  it('passes the current story to change, and undefined for a new id', async () => {
    const store = await openFor('write');
    const story = makeStory();
    const seen: (Story | undefined)[] = [];
    await store.update(story.id, (current) => (seen.push(current), story));
    await store.update(story.id, (current) => (seen.push(current), bump(current!)));
    expect(seen).toEqual([undefined, story]);
  });

  it('serializes concurrent updates of one story so none is lost', async () => {
    const store = await openFor('write');
    const story = makeStory();
    await save(store, story);
    await Promise.all(Array.from({ length: 25 }, () => store.update(story.id, (current) => bump(current!))));
    expect((await store.get(story.id)).version).toBe(26);
  });

  it('rejects an invalid story without writing anything', async () => {
    const store = await openFor('write');
    const story = makeStory();
    await expect(
      store.update(story.id, () => ({ ...story, body: [] }) as unknown as Story),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(store.update(story.id, () => ({ ...story, id: 'another-story-id' }))).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect(await store.count()).toBe(0);
    expect(await readdir(join(root, 'stories'))).toEqual([]);
  });

  it('says not-found for an unknown id and store-damaged for a damaged file', async () => {
    const writer = await openFor('write');
    const story = makeStory();
    await save(writer, story);
    await writer.close();
    // Read-only: nothing is moved, the damage is reported (the writer's rescue is tested elsewhere).
    const store = await openFor('read');
    await expect(store.get('0000000000-unknown')).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.get('../mihbara-store')).rejects.toMatchObject({ code: 'not-found' });
    await writeFile(join(root, 'stories', `${story.id}.json`), '{"id": "');
    await expect(store.get(story.id)).rejects.toMatchObject({
      code: 'store-damaged',
      message: expect.stringContaining(`stories/${story.id}.json`),
    });
    // A save must not overwrite the damaged file either.
    const again = await openFor('write');
    await expect(again.update(story.id, () => bump(story))).rejects.toMatchObject({ code: 'store-damaged' });
    await again.close();
    expect(await readFile(join(root, 'stories', `${story.id}.json`), 'utf8')).toBe('{"id": "');
  });

  it('shows everything again after close and reopen', async () => {
    const first = await openFor('write');
    const stories = Array.from({ length: 12 }, (_, i) => makeStory({ headline: `خبر ${i}` }));
    for (const story of stories) await save(first, story);
    await first.update(stories[3]!.id, (current) => bump(current!, 'محدث'));
    const listed = first.list();
    await first.close();

    const again = await openFor('read');
    expect(again.list()).toEqual(listed);
    expect((await again.get(stories[3]!.id)).headline).toBe('محدث');
    // A clean close leaves a compacted index and an empty journal.
    const snapshot = JSON.parse(await readFile(join(root, 'index.json'), 'utf8'));
    expect(snapshot.stories).toHaveLength(12);
    expect((await readFile(join(root, 'index.journal'), 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('appends to the journal on save instead of rewriting the index', async () => {
    const store = await openFor('write');
    const before = await readFile(join(root, 'index.json'), 'utf8');
    const story = makeStory();
    await save(store, story);
    expect(await readFile(join(root, 'index.json'), 'utf8')).toBe(before);
    const lines = (await readFile(join(root, 'index.journal'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.slice(1)).toEqual([
      { op: 'begin', id: story.id },
      { op: 'put', summary: summarize(story) },
    ]);
  });

  it('compacts the journal into the snapshot past the threshold', async () => {
    const store = await openFor('write', { compactAfterLines: 10 });
    const stories = Array.from({ length: 7 }, () => makeStory());
    for (const story of stories) await save(store, story);
    // 7 saves = 14 lines: one compaction happened after the fifth save (10 lines).
    const snapshot = JSON.parse(await readFile(join(root, 'index.json'), 'utf8'));
    expect(snapshot.generation).toBe(1); // created at 0
    expect(snapshot.stories).toHaveLength(5);
    const journal = (await readFile(join(root, 'index.journal'), 'utf8')).trim().split('\n');
    expect(JSON.parse(journal[0]!)).toEqual({ op: 'gen', gen: snapshot.generation, v: STORE_FORMAT_VERSION });
    expect(journal).toHaveLength(1 + 4);

    // The index survives: a reader sees all seven.
    const reader = await openFor('read');
    expect(await reader.count()).toBe(7);
    expect(new Set(reader.list().map((s) => s.id))).toEqual(new Set(stories.map((s) => s.id)));
  });

  it('read mode takes no lock and cannot write', async () => {
    const writer = await openFor('write');
    const story = makeStory();
    await save(writer, story);
    const reader = await openFor('read');
    expect(reader.mode).toBe('read');
    expect(reader.list().map((s) => s.id)).toEqual([story.id]);
    await expect(reader.update(story.id, (current) => bump(current!))).rejects.toMatchObject({
      code: 'store-locked',
      message: expect.stringContaining('read-only'),
    });
    expect((await writer.get(story.id)).version).toBe(1);
  });

  it('refuses saves after close', async () => {
    const store = await openFor('write');
    await store.close();
    await expect(save(store, makeStory())).rejects.toMatchObject({
      message: expect.stringContaining('closed'),
    });
  });
});

describe('crash recovery on open', () => {
  /**
   * A store whose last session was killed: the index files are put back as the session left
   * them (close would have compacted them). Returns the journal text.
   */
  async function crashedStore(stories: Story[]) {
    const store = await openFor('write');
    for (const story of stories) await save(store, story);
    const journal = await readFile(join(root, 'index.journal'), 'utf8');
    const snapshot = await readFile(join(root, 'index.json'), 'utf8');
    open.splice(open.indexOf(store), 1);
    await store.close(); // releases the lock so the test can reopen
    await writeFile(join(root, 'index.journal'), journal);
    await writeFile(join(root, 'index.json'), snapshot);
    return journal;
  }

  it('replays the journal over the snapshot', async () => {
    const stories = [makeStory(), makeStory()];
    await crashedStore(stories);
    // The snapshot is still the empty one the store was created with.
    expect(JSON.parse(await readFile(join(root, 'index.json'), 'utf8')).stories).toEqual([]);
    const reader = await openFor('read');
    expect(await reader.count()).toBe(2);
  });

  it('re-reads a story whose save began but did not finish', async () => {
    const story = makeStory();
    await crashedStore([story]);
    // The process wrote `begin`, then the new file, then died before `put`.
    const newer = bump(story, 'نسخة لم تسجل في الفهرس');
    await appendFile(join(root, 'index.journal'), JSON.stringify({ op: 'begin', id: story.id }) + '\n');
    const revision = makeRevision(
      story,
      newer,
      { version: 1, depth: 0 },
      { actor: 'test', at: newer.updatedAt },
    );
    await writeFile(join(root, revisionRelative(story.id, newer.version)), JSON.stringify(revision));
    await writeFile(join(root, 'stories', `${story.id}.json`), JSON.stringify(newer));

    const reader = await openFor('read');
    expect(reader.list()).toEqual([summarize(newer)]);
    await reader.close();
    const writer = await openFor('write');
    expect(writer.list()).toEqual([summarize(newer)]);
    expect((await verifyStore(root)).problems).toEqual([]);
  });

  it('a story unreadable after a crash keeps every revision (a folder where its file was)', async () => {
    const story = makeStory();
    await crashedStore([story, bump(story, 'الثانية'), bump(bump(story, 'الثانية'), 'الثالثة')]);
    const revisions = await readdir(join(root, 'revisions', story.id));
    expect(revisions).toHaveLength(3);
    await appendFile(join(root, 'index.journal'), JSON.stringify({ op: 'begin', id: story.id }) + '\n');
    await rm(join(root, 'stories', `${story.id}.json`));
    await mkdir(join(root, 'stories', `${story.id}.json`));
    const writer = await openFor('write');
    expect(await writer.has(story.id)).toBe(false);
    expect(await readdir(join(root, 'revisions', story.id))).toEqual(revisions);
  });

  it('a story nested past the depth limit is quarantined and rebuilt from its revisions, none lost', async () => {
    const story = makeStory();
    const second = bump(story, 'الثانية');
    await crashedStore([story, second]);
    await appendFile(join(root, 'index.journal'), JSON.stringify({ op: 'begin', id: story.id }) + '\n');
    let deep: Record<string, unknown> = { text: 'عميق' };
    for (let i = 0; i < 996; i += 1) deep = { type: 'block-quote', children: [deep] };
    await writeFile(
      join(root, 'stories', `${story.id}.json`),
      JSON.stringify({ ...second, version: 3, body: [deep] }),
    );
    const writer = await openFor('write');
    expect(writer.list().find((s) => s.id === story.id)?.version).toBe(2);
    expect((await writer.get(story.id)).headline).toBe(second.headline);
    expect(await readdir(join(root, 'revisions', story.id))).toHaveLength(2);
    expect(await readdir(join(root, 'quarantine'))).toEqual(
      expect.arrayContaining([expect.stringContaining(story.id)]),
    );
  });

  it('the next open removes the temp files an interrupted write left in every folder, and nothing else', async () => {
    const story = makeStory();
    await crashedStore([story]);
    await appendFile(join(root, 'index.journal'), JSON.stringify({ op: 'begin', id: story.id }) + '\n');
    const leftovers = [
      join('revisions', story.id, `.00000002.json.4242.0123456789ab.tmp`),
      join('workflow', `.users.json.4242.0123456789ab.tmp`),
      join('media', `${'a'.repeat(64)}.png.4242.0123456789ab.tmp`),
      join('search', 'index.bin.4242.tmp'),
    ];
    for (const file of leftovers) {
      await mkdir(join(root, file, '..'), { recursive: true });
      await writeFile(join(root, file), 'half');
    }
    await mkdir(join(root, 'quarantine'), { recursive: true });
    await writeFile(join(root, 'quarantine', 'kept.4242.tmp'), 'evidence');
    await openFor('write');
    for (const file of leftovers) {
      await expect(readFile(join(root, file)), file).rejects.toMatchObject({ code: 'ENOENT' });
    }
    expect(await readFile(join(root, 'quarantine', 'kept.4242.tmp'), 'utf8')).toBe('evidence');
  });

  it('drops a story whose unfinished first save left no file', async () => {
    const story = makeStory();
    const gone = makeStory();
    await crashedStore([story, gone]);
    await appendFile(join(root, 'index.journal'), JSON.stringify({ op: 'begin', id: gone.id }) + '\n');
    await rm(join(root, 'stories', `${gone.id}.json`));
    const writer = await openFor('write');
    expect(writer.list().map((s) => s.id)).toEqual([story.id]);
  });

  it('ignores a torn last journal line and keeps appending cleanly', async () => {
    const story = makeStory();
    const torn = makeStory();
    await crashedStore([story]);
    await appendFile(join(root, 'index.journal'), `{"op":"put","summary":{"id":"${torn.id}","vers`);
    const writer = await openFor('write');
    expect(writer.list().map((s) => s.id)).toEqual([story.id]);
    const next = makeStory();
    await save(writer, next);
    // Crash again: the new lines must not have been glued to the torn one.
    const journal = await readFile(join(root, 'index.journal'), 'utf8');
    const snapshot = await readFile(join(root, 'index.json'), 'utf8');
    open.splice(open.indexOf(writer), 1);
    await writer.close();
    await writeFile(join(root, 'index.journal'), journal);
    await writeFile(join(root, 'index.json'), snapshot);
    expect(journal).not.toContain(`"vers{`);
    const reader = await openFor('read');
    expect(await reader.count()).toBe(2);
    expect(await reader.has(next.id)).toBe(true);
  });

  it('replays idempotently over a snapshot that already holds the journal', async () => {
    const stories = [makeStory(), makeStory(), makeStory()];
    const journal = await crashedStore(stories);
    const generation = JSON.parse(journal.split('\n')[0]!).gen;
    // A compaction wrote the snapshot (here: under the same generation, the worst case), then
    // the process died before resetting the journal; the journal is even doubled.
    await writeFile(
      join(root, 'index.json'),
      JSON.stringify({ format: 1, generation, stories: stories.map(summarize) }),
    );
    await writeFile(join(root, 'index.journal'), journal + journal.split('\n').slice(1).join('\n'));
    const reader = await openFor('read');
    expect(await reader.count()).toBe(3);
    expect(new Set(reader.list())).toEqual(new Set(stories.map(summarize)));
  });

  it('skips a journal older than the snapshot', async () => {
    const stories = [makeStory(), makeStory()];
    const journal = await crashedStore(stories);
    const generation = JSON.parse(journal.split('\n')[0]!).gen;
    // The snapshot of the next generation holds only the first story (say it was deleted
    // later): the stale journal must not bring the second back... except through its file.
    await writeFile(
      join(root, 'index.json'),
      JSON.stringify({ format: 1, generation: generation + 1, stories: [summarize(stories[0]!)] }),
    );
    await rm(join(root, 'stories', `${stories[1]!.id}.json`));
    const reader = await openFor('read');
    expect(reader.list().map((s) => s.id)).toEqual([stories[0]!.id]);
  });

  it('adds story files the index does not know (readdir reconcile)', async () => {
    const store = await openFor('write');
    await save(store, makeStory());
    await store.close();
    open.splice(0);
    const stray = makeStory({ headline: 'ملف بلا فهرس' });
    await writeFile(join(root, 'stories', `${stray.id}.json`), JSON.stringify(stray));
    const reader = await openFor('read');
    expect(await reader.has(stray.id)).toBe(true);
    expect(await reader.count()).toBe(2);
  });

  it('rebuilds a damaged index snapshot from the story files', async () => {
    const stories = [makeStory(), makeStory()];
    const store = await openFor('write');
    for (const story of stories) await save(store, story);
    await store.close();
    open.splice(0);
    await writeFile(join(root, 'index.json'), Buffer.alloc(300));
    const writer = await openFor('write');
    expect(await writer.count()).toBe(2);
    expect((await verifyStore(root)).problems).toEqual([]);
  });

  it('removes temp files a crash left, in write mode only', async () => {
    const store = await openFor('write');
    await store.close();
    open.splice(0);
    const temp = '.abc.json.4242.0123456789ab.tmp';
    await writeFile(join(root, 'stories', temp), '{"partial":');
    await openFor('read');
    expect(await readdir(join(root, 'stories'))).toContain(temp);
    await openFor('write');
    expect(await readdir(join(root, 'stories'))).not.toContain(temp);
  });
});
