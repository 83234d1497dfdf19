/**
 * The newsroom's tags. Autocomplete matches through the shared Arabic normalizer (احمد finds
 * أحمد); a tag comes into being only by an explicit "create" (a typo never becomes a tag); an
 * administrator renames, merges or deletes a tag across every story in one step, recorded so
 * the step can be undone.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { TagChange, type TagInfo } from '../../../shared/search/api';
import { nameKey } from '../search/analyze';
import type { SearchService } from '../search/service';
import type { StoryService } from '../stories/service';
import type { StoryStore } from '../store/types';
import { newsroomFile } from './newsroom-file';

const TagsFile = z.object({ tags: z.array(z.object({ name: z.string(), createdAt: z.string() })) });
type TagsFile = z.infer<typeof TagsFile>;

/** A change with what it did to each story, so undo can reverse exactly that. */
const ChangeRecord = TagChange.extend({
  stories: z.array(z.object({ id: z.string(), removed: z.array(z.string()), added: z.array(z.string()) })),
  registryBefore: z.array(z.object({ name: z.string(), createdAt: z.string() })),
});
type ChangeRecord = z.infer<typeof ChangeRecord>;
const ChangesFile = z.object({ changes: z.array(ChangeRecord) });
type ChangesFile = z.infer<typeof ChangesFile>;

/** Changes kept for undo; older ones are history nobody will undo. */
const KEPT_CHANGES = 50;

export interface TagService {
  /** tags matching what was typed (normalized; prefix matches first, then by use) */
  suggest(query: string, limit?: number): Promise<TagInfo[]>;
  /** every tag with how many stories carry it */
  list(): Promise<{ tags: TagInfo[]; lastChange: TagChange | null }>;
  create(name: string): Promise<TagInfo>;
  rename(from: string, to: string): Promise<TagChange>;
  merge(from: string[], into: string): Promise<TagChange>;
  remove(name: string): Promise<TagChange>;
  undo(changeId: string): Promise<TagChange>;
}

/** Whether a tag has something to find it by: a letter or digit besides tatweel and harakat. */
export function tagHasLetters(name: string): boolean {
  return nameKey(name) !== '' && /[\p{L}\p{N}]/u.test(name.replace(/\u0640/g, ''));
}

/**
 * Refuses a save whose tags include one of only spaces, tatweel, harakat or punctuation, with
 * the reason the editor is shown (`empty-tag`) and the tag's place in the list. The tag picker
 * never sends one; this is the rule for every other way in (the bridge, scripts, the CLI).
 */
export function checkStoryTags(tags: readonly string[] | undefined): void {
  const bad = (tags ?? []).findIndex((tag) => !tagHasLetters(tag));
  if (bad < 0) return;
  throw new ApiError(
    'invalid-request',
    `tag ${bad + 1} has no letter or digit (only spaces, tatweel or marks)`,
    [
      { path: 'reason', message: 'empty-tag' },
      { path: `edit.tags.${bad}`, message: 'empty-tag' },
    ],
  );
}

/**
 * A tag as stored: NFC, single spaces, trimmed. Refuses one with no letter or digit (only
 * spaces, tatweel, harakat or punctuation).
 */
export function cleanTag(name: string): string {
  const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!tagHasLetters(clean)) {
    throw new ApiError('invalid-request', 'a tag needs at least one letter or digit', [
      { path: 'name', message: 'empty-tag' },
    ]);
  }
  if (clean.length > 100) throw new ApiError('invalid-request', 'a tag is at most 100 characters');
  return clean;
}

const publicChange = (record: ChangeRecord): TagChange => {
  const { stories: _stories, registryBefore: _registry, ...change } = record;
  return change;
};

export function createTagService(
  store: StoryStore,
  stories: StoryService,
  search: SearchService,
): TagService {
  const registry = newsroomFile<TagsFile>(
    store,
    'tags.json',
    () => ({ tags: [] }),
    (v) => TagsFile.parse(v),
  );
  const changes = newsroomFile<ChangesFile>(
    store,
    'tag-changes.json',
    () => ({ changes: [] }),
    (v) => ChangesFile.parse(v),
  );

  /** registry tags and tags in use, by normalized key */
  const allTags = async (): Promise<Map<string, TagInfo>> => {
    const out = new Map<string, TagInfo>();
    for (const tag of (await registry.read()).tags) out.set(nameKey(tag.name), { name: tag.name, count: 0 });
    for (const used of await search.tagCounts()) {
      const key = nameKey(used.name);
      const entry = out.get(key);
      if (entry) entry.count += used.count;
      else out.set(key, { name: used.name, count: used.count });
    }
    return out;
  };

  /** Rewrites the tags of every story carrying any of `keys`; returns what changed per story. */
  const rewrite = async (keys: string[], replacement: string | null): Promise<ChangeRecord['stories']> => {
    const ids = new Set<string>();
    for (const key of keys) for (const id of await search.idsWithTag(key)) ids.add(id);
    const done: ChangeRecord['stories'] = [];
    for (const id of ids) {
      const change = await retagStory(id, (tags) => {
        const next: string[] = [];
        for (const tag of tags) {
          const target = keys.includes(nameKey(tag)) ? replacement : tag;
          if (target !== null && !next.some((t) => nameKey(t) === nameKey(target))) next.push(target);
        }
        return next;
      });
      if (change) done.push(change);
    }
    return done;
  };

  /** Applies `change` to one story's tags (retrying when a save lands in between). */
  const retagStory = async (id: string, change: (tags: string[]) => string[]) => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const story = await stories.get(id).catch(() => null);
      if (!story) return null;
      const next = change(story.tags);
      const removed = story.tags.filter((tag) => !next.includes(tag));
      const added = next.filter((tag) => !story.tags.includes(tag));
      if (removed.length === 0 && added.length === 0) return null;
      try {
        await stories.save(id, story.version, { tags: next });
        return { id, removed, added };
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'conflict') throw error;
      }
    }
    throw new ApiError('conflict', `story ${id} kept changing; its tags were not changed`);
  };

  const record = async (
    kind: ChangeRecord['kind'],
    from: string[],
    to: string | null,
    run: () => Promise<ChangeRecord['stories']>,
    registryNext: (tags: TagsFile['tags']) => TagsFile['tags'],
  ): Promise<TagChange> => {
    const before = (await registry.read()).tags;
    const storiesChanged = await run();
    await registry.update((current) => ({ next: { tags: registryNext(current.tags) }, result: null }));
    const entry: ChangeRecord = {
      id: randomUUID(),
      kind,
      from,
      to,
      at: new Date().toISOString(),
      storiesChanged: storiesChanged.length,
      undone: false,
      stories: storiesChanged,
      registryBefore: before,
    };
    await changes.update((current) => ({
      next: { changes: [...current.changes, entry].slice(-KEPT_CHANGES) },
      result: null,
    }));
    return publicChange(entry);
  };

  const requireExisting = async (name: string): Promise<TagInfo> => {
    const found = (await allTags()).get(nameKey(name));
    if (!found) throw new ApiError('not-found', `there is no tag ${name}`);
    return found;
  };

  return {
    async suggest(query, limit = 10) {
      const key = nameKey(query);
      const tags = [...(await allTags()).entries()];
      const ranked = tags
        .map(([tagKey, info]) => ({
          info,
          rank:
            key === ''
              ? 1
              : tagKey.startsWith(key)
                ? 3
                : tagKey.split(' ').some((w) => w.startsWith(key))
                  ? 2
                  : tagKey.includes(key)
                    ? 1
                    : 0,
        }))
        .filter((entry) => entry.rank > 0)
        .sort(
          (a, b) =>
            b.rank - a.rank || b.info.count - a.info.count || a.info.name.localeCompare(b.info.name, 'ar'),
        );
      return ranked.slice(0, Math.max(1, Math.min(limit, 50))).map((entry) => entry.info);
    },

    async list() {
      const tags = [...(await allTags()).values()].sort((a, b) => a.name.localeCompare(b.name, 'ar'));
      const last = (await changes.read()).changes.at(-1);
      return { tags, lastChange: last ? publicChange(last) : null };
    },

    async create(raw) {
      const name = cleanTag(raw);
      const existing = (await allTags()).get(nameKey(name));
      if (existing) return existing;
      return registry.update((current) => {
        const again = current.tags.find((tag) => nameKey(tag.name) === nameKey(name));
        if (again) return { next: current, result: { name: again.name, count: 0 } };
        return {
          next: { tags: [...current.tags, { name, createdAt: new Date().toISOString() }] },
          result: { name, count: 0 },
        };
      });
    },

    async rename(fromRaw, toRaw) {
      const from = await requireExisting(fromRaw);
      const to = cleanTag(toRaw);
      if (nameKey(from.name) === nameKey(to) && from.name === to) {
        throw new ApiError('invalid-request', 'the new name is the same as the old one');
      }
      const fromKey = nameKey(from.name);
      return record(
        'rename',
        [from.name],
        to,
        () => rewrite([fromKey], to),
        (tags) => [
          ...tags.filter((tag) => nameKey(tag.name) !== fromKey && nameKey(tag.name) !== nameKey(to)),
          { name: to, createdAt: new Date().toISOString() },
        ],
      );
    },

    async merge(fromRaw, intoRaw) {
      const into = cleanTag(intoRaw);
      const sources: string[] = [];
      for (const name of fromRaw) {
        const found = await requireExisting(name);
        if (nameKey(found.name) !== nameKey(into)) sources.push(found.name);
      }
      if (sources.length === 0) throw new ApiError('invalid-request', 'nothing to merge');
      const keys = sources.map(nameKey);
      return record(
        'merge',
        sources,
        into,
        () => rewrite(keys, into),
        (tags) => {
          const kept = tags.filter((tag) => !keys.includes(nameKey(tag.name)));
          return kept.some((tag) => nameKey(tag.name) === nameKey(into))
            ? kept
            : [...kept, { name: into, createdAt: new Date().toISOString() }];
        },
      );
    },

    async remove(raw) {
      const found = await requireExisting(raw);
      const key = nameKey(found.name);
      return record(
        'delete',
        [found.name],
        null,
        () => rewrite([key], null),
        (tags) => tags.filter((tag) => nameKey(tag.name) !== key),
      );
    },

    async undo(changeId) {
      const entry = (await changes.read()).changes.find((change) => change.id === changeId);
      if (!entry) throw new ApiError('not-found', 'that tag change is no longer kept');
      if (entry.undone) throw new ApiError('conflict', 'that tag change was undone already');
      for (const done of entry.stories) {
        await retagStory(done.id, (tags) => {
          // Take back exactly what the change added, give back what it removed.
          const next = tags.filter((tag) => !done.added.includes(tag));
          for (const tag of done.removed) if (!next.includes(tag)) next.push(tag);
          return next;
        });
      }
      await registry.update(() => ({ next: { tags: entry.registryBefore }, result: null }));
      return changes.update((current) => {
        const next = current.changes.map((change) =>
          change.id === changeId ? { ...change, undone: true } : change,
        );
        return { next: { changes: next }, result: publicChange({ ...entry, undone: true }) };
      });
    },
  };
}
