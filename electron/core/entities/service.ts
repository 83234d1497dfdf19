/**
 * The newsroom's gazetteer (people, places, organisations, with aliases) and the suggestions
 * it gives for a story's text: the names it knows, then new names found by their cues
 * (detector.ts). It starts from GAZETTEER_SEED and grows as editors accept names it did not know.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { GazetteerEntry, type EntityKind, type EntitySuggestion } from '../../../shared/search/api';
import type { StoryEntity } from '../../../shared/story/schema';
import { nameKey } from '../search/analyze';
import type { StoryStore } from '../store/types';
import { newsroomFile } from '../tags/newsroom-file';
import { detectNewNames } from './detector';
import { compileMatcher, type EntityMatcher } from './matcher';
import { GAZETTEER_SEED } from './seed';

const GazetteerFile = z.object({ entities: z.array(GazetteerEntry) });
type GazetteerFile = z.infer<typeof GazetteerFile>;

/** Longest story text looked at for suggestions; longer text is cut, not refused. */
const MAX_TEXT = 200_000;

export interface EntityService {
  /** names of the gazetteer the text mentions, most mentioned first, minus those already accepted */
  suggest(text: string, accepted: StoryEntity[]): Promise<EntitySuggestion[]>;
  /** adds a name to the gazetteer (or returns the entry that has it already, aliases merged) */
  add(kind: EntityKind, name: string, aliases?: string[]): Promise<GazetteerEntry>;
  list(query: string, kind?: EntityKind, limit?: number): Promise<GazetteerEntry[]>;
}

export function seedEntries(): GazetteerEntry[] {
  return GAZETTEER_SEED.map(([kind, name, aliases]) => ({
    id: randomUUID(),
    kind,
    name,
    aliases: aliases ?? [],
  }));
}

function cleanName(name: string): string {
  const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (nameKey(clean) === '') throw new ApiError('invalid-request', 'a name needs at least one letter');
  return clean;
}

export function createEntityService(store: StoryStore): EntityService {
  const file = newsroomFile<GazetteerFile>(
    store,
    'gazetteer.json',
    () => ({ entities: seedEntries() }),
    (v) => GazetteerFile.parse(v),
  );
  let compiled: { source: GazetteerEntry[]; matcher: EntityMatcher } | null = null;

  const matcher = async () => {
    const { entities } = await file.read();
    const fingerprint = entities.length + entities.reduce((n, e) => n + e.aliases.length, 0);
    if (
      !compiled ||
      compiled.source.length + compiled.source.reduce((n, e) => n + e.aliases.length, 0) !== fingerprint
    ) {
      compiled = { source: entities, matcher: compileMatcher(entities) };
    }
    return compiled.matcher;
  };

  return {
    async suggest(text, accepted) {
      const taken = new Set(accepted.map((entity) => `${entity.kind}:${nameKey(entity.name)}`));
      const known = await matcher();
      const cut = text.slice(0, MAX_TEXT);
      const found: EntitySuggestion[] = known
        .find(cut)
        .filter(({ entry }) => !taken.has(`${entry.kind}:${nameKey(entry.name)}`))
        .map(({ entry, mentions }) => ({ kind: entry.kind, name: entry.name, mentions, isNew: false }));
      // Then the names the gazetteer does not know, found by their cues; less certain, so listed after.
      for (const name of detectNewNames(cut, known)) {
        if (!taken.has(`${name.kind}:${nameKey(name.name)}`)) found.push({ ...name, isNew: true });
      }
      return found;
    },

    async add(kind, rawName, rawAliases = []) {
      const name = cleanName(rawName);
      const aliases = rawAliases.map(cleanName);
      const key = nameKey(name);
      return file.update(({ entities }) => {
        const existing = entities.find(
          (entry) => entry.kind === kind && [entry.name, ...entry.aliases].some((n) => nameKey(n) === key),
        );
        if (existing) {
          const added = aliases.filter(
            (alias) => ![existing.name, ...existing.aliases].some((n) => nameKey(n) === nameKey(alias)),
          );
          const merged = { ...existing, aliases: [...existing.aliases, ...added] };
          return {
            next: { entities: entities.map((entry) => (entry === existing ? merged : entry)) },
            result: merged,
          };
        }
        const entry: GazetteerEntry = { id: randomUUID(), kind, name, aliases };
        return { next: { entities: [...entities, entry] }, result: entry };
      });
    },

    async list(query, kind, limit = 20) {
      const key = nameKey(query);
      const { entities } = await file.read();
      return entities
        .filter((entry) => !kind || entry.kind === kind)
        .map((entry) => {
          const keys = [entry.name, ...entry.aliases].map(nameKey);
          const rank =
            key === ''
              ? 1
              : keys.some((k) => k.startsWith(key))
                ? 2
                : keys.some((k) => k.includes(key))
                  ? 1
                  : 0;
          return { entry, rank };
        })
        .filter(({ rank }) => rank > 0)
        .sort((a, b) => b.rank - a.rank || a.entry.name.localeCompare(b.entry.name, 'ar'))
        .slice(0, Math.max(1, Math.min(limit, 100)))
        .map(({ entry }) => entry);
    },
  };
}
