/**
 * Story revisions: every save that changes a story leaves an immutable file
 * `revisions/<id>/<version>.json` that is never rewritten.
 *
 * Most revisions are deltas against the previous one: the fields that changed, and the body as
 * a list whose items are either the index of an unchanged block of the previous version or a
 * new block. A one-word fix to a 50-paragraph story therefore stores one paragraph, not fifty.
 * Every `SNAPSHOT_EVERY` revisions (and whenever a delta would not be much smaller) a full
 * snapshot bounds the chain that must be read to rebuild a version. Each revision carries the
 * hash of the story it produces, so a broken chain is detected, never silently followed.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { diffWords } from 'diff';
import { z } from 'zod';
import { ChangeSummary, type RevisionInfo, type StoryComparison } from '../../../shared/story/history';
import {
  BlockElement,
  parseStoredStory,
  repairStoredStory,
  StoryAsRecorded,
  type Story,
  type BodyNode,
  type StoryBody,
} from '../../../shared/story/schema';
import { REVISIONS_DIR } from './journal';

/** Bumped whenever the shape of a revision file changes; migrations key off it. */
export const REVISION_SCHEMA_VERSION = 1 as const;
/** A full snapshot at least every this many revisions. */
export const SNAPSHOT_EVERY = 10;

const RevisionHeader = z.object({
  format: z.literal('mihbara-revision'),
  schemaVersion: z.literal(REVISION_SCHEMA_VERSION),
  storyId: z.string(),
  /** the story version this revision produces */
  version: z.number().int().min(1),
  at: z.string(),
  /** who saved it: a user name (the OS user or "editor" until the app has users) */
  actor: z.string(),
  change: ChangeSummary,
  /** set when this revision restored an older one */
  restoredFrom: z.number().int().min(1).optional(),
  /** sha256 of the canonical JSON of the story this revision produces */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** revisions since the last snapshot (0 for a snapshot) */
  depth: z.number().int().min(0),
});

// A snapshot holds the story as it was recorded (an old one may hold list items outside a list):
// its hash was taken on that shape; the story handed out is repaired (`storyOfRevisions`).
const SnapshotRevision = RevisionHeader.extend({ kind: z.literal('snapshot'), story: StoryAsRecorded });
const DeltaRevision = RevisionHeader.extend({
  kind: z.literal('delta'),
  /** fields (other than body) set to a new value */
  set: z.record(z.string(), z.unknown()),
  /** optional fields that were removed */
  unset: z.array(z.string()),
  /** the new body: an index into the previous version's body, or a new block; absent if unchanged */
  body: z.array(z.union([z.number().int().min(0), BlockElement])).optional(),
});

export const Revision = z.discriminatedUnion('kind', [SnapshotRevision, DeltaRevision]);
export type Revision = z.infer<typeof Revision>;

export type { ChangeSummary, RevisionInfo, StoryComparison };

export interface RevisionMeta {
  actor: string;
  at: string;
  restoredFrom?: number;
}

/** JSON with object keys sorted, so equal stories hash equally however they were built. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function storyHash(story: Story): string {
  return createHash('sha256').update(canonicalJson(story)).digest('hex');
}

/** `revisions/<id>/00000042.json`, relative to the store root; zero-padded so names sort by version. */
export function revisionRelative(id: string, version: number): string {
  return `${REVISIONS_DIR}/${id}/${String(version).padStart(8, '0')}.json`;
}

export function revisionFolder(root: string, id: string): string {
  return join(root, REVISIONS_DIR, id);
}

/** Version numbers of the revision files in a story's folder, ascending; [] when there are none. */
export async function revisionVersions(root: string, id: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(revisionFolder(root, id));
  } catch {
    return [];
  }
  return names
    .filter((name) => /^\d{8}\.json$/.test(name))
    .map((name) => Number(name.slice(0, 8)))
    .sort((a, b) => a - b);
}

function textLength(nodes: readonly BodyNode[]): number {
  let length = 0;
  for (const node of nodes) {
    if ('text' in node) length += node.text.length;
    else length += textLength(node.children);
  }
  return length;
}

const NON_BODY_FIELDS = (a: Story, b: Story): string[] =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => key !== 'body' && key !== 'version');

/** Changes every save; recorded in the delta but not worth naming in a summary. */
const BOOKKEEPING = new Set(['updatedAt']);

/**
 * The revision that turns `previous` (the version on disk, or undefined for a new story) into
 * `next`. `previousHeader` is the revision of `previous`, when the store has it: without it
 * (first save, a quarantined chain) the revision is a snapshot.
 */
export function makeRevision(
  previous: Story | undefined,
  next: Story,
  previousHeader: Pick<Revision, 'version' | 'depth'> | undefined,
  meta: RevisionMeta,
): Revision {
  const header = {
    format: 'mihbara-revision' as const,
    schemaVersion: REVISION_SCHEMA_VERSION,
    storyId: next.id,
    version: next.version,
    at: meta.at,
    actor: meta.actor,
    ...(meta.restoredFrom !== undefined ? { restoredFrom: meta.restoredFrom } : {}),
    hash: storyHash(next),
  };
  if (!previous) {
    const change: ChangeSummary = {
      created: true,
      fields: [],
      blocksAdded: next.body.length,
      blocksRemoved: 0,
      textDelta: textLength(next.body),
    };
    return { ...header, change, depth: 0, kind: 'snapshot', story: next };
  }

  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  const fields: string[] = [];
  for (const key of NON_BODY_FIELDS(previous, next)) {
    const before = (previous as Record<string, unknown>)[key];
    const after = (next as Record<string, unknown>)[key];
    if (canonicalJson(before) === canonicalJson(after)) continue;
    if (!BOOKKEEPING.has(key)) fields.push(key);
    if (after === undefined) unset.push(key);
    else set[key] = after;
  }
  // Blocks are addressed by content: an unchanged paragraph is stored as the index it had.
  // Equal paragraphs (a repeated line, an empty one) each pair with a different old one.
  const previousBlocks = new Map<string, number[]>();
  previous.body.forEach((block, index) => {
    const key = canonicalJson(block);
    const slots = previousBlocks.get(key);
    if (slots) slots.push(index);
    else previousBlocks.set(key, [index]);
  });
  const used = new Set<number>();
  let blocksAdded = 0;
  const body: (number | StoryBody[number])[] = next.body.map((block) => {
    const index = previousBlocks.get(canonicalJson(block))?.shift();
    if (index === undefined) {
      blocksAdded += 1;
      return block;
    }
    used.add(index);
    return index;
  });
  const bodyChanged = body.length !== previous.body.length || body.some((item, index) => item !== index);
  if (bodyChanged) fields.push('body');
  const change: ChangeSummary = {
    fields,
    blocksAdded,
    blocksRemoved: previous.body.length - used.size,
    textDelta: textLength(next.body) - textLength(previous.body),
  };

  const depth = previousHeader && previousHeader.version === previous.version ? previousHeader.depth + 1 : 0;
  const delta: Revision = {
    ...header,
    change,
    depth,
    kind: 'delta',
    set,
    unset,
    ...(bodyChanged ? { body } : {}),
  };
  // A snapshot when the chain is long, when there is no chain to extend, or when the delta
  // would save little (a rewritten story): reading it back then costs one file, not ten.
  if (
    depth === 0 ||
    depth >= SNAPSHOT_EVERY ||
    JSON.stringify(delta).length > JSON.stringify(next).length * 0.6
  ) {
    return { ...header, change, depth: 0, kind: 'snapshot', story: next };
  }
  return delta;
}

/**
 * Applies `revision` to the story of the version before it (ignored for a snapshot) and checks
 * the result against the revision's hash; throws when the chain does not add up. Works on stories
 * as recorded: a delta written before list items were kept inside lists counts blocks of the
 * body as it was then, a delta written since counts them in the repaired body, so both are tried
 * and the hash says which one the revision was made on.
 */
export function applyRevision(previous: Story | undefined, revision: Revision): Story {
  if (revision.kind === 'snapshot') {
    if (storyHash(revision.story) !== revision.hash) throw mismatch(revision.version);
    return revision.story;
  }
  if (!previous) throw new Error(`revision ${revision.version} is a delta with no version before it`);
  const repaired = repairStoredStory(previous) as Story;
  let failure: Error | null = null;
  for (const base of repaired === previous ? [previous] : [previous, repaired]) {
    try {
      const story = applyDelta(base, revision);
      if (storyHash(story) === revision.hash) return story;
      failure = mismatch(revision.version);
    } catch (error) {
      failure = error as Error;
    }
  }
  throw failure ?? mismatch(revision.version);
}

const mismatch = (version: number) =>
  new Error(`revision ${version} does not produce the story it recorded (hash mismatch)`);

function applyDelta(previous: Story, revision: Extract<Revision, { kind: 'delta' }>): Story {
  const next: Record<string, unknown> = { ...previous, ...revision.set };
  for (const key of revision.unset) delete next[key];
  if (revision.body) {
    next['body'] = revision.body.map((item) => {
      if (typeof item !== 'number') return item;
      const block = previous.body[item];
      if (!block) throw new Error(`revision ${revision.version} refers to a block that does not exist`);
      return block;
    });
  }
  next['version'] = revision.version;
  const parsed = StoryAsRecorded.safeParse(next);
  if (!parsed.success) throw new Error(`revision ${revision.version} does not produce a valid story`);
  return parsed.data;
}

/**
 * The story a rebuilt revision chain hands out: the one repair of stored stories applied to the
 * story as recorded (every rebuild, restore, comparison and `verify` goes through here).
 */
export function storyOfRevisions(recorded: Story): Story {
  const parsed = parseStoredStory(recorded);
  if (!parsed.success) throw new Error(`revision ${recorded.version} does not hold a valid story`);
  return parsed.data;
}

export function revisionInfo(revision: Revision): RevisionInfo {
  return {
    version: revision.version,
    at: revision.at,
    actor: revision.actor,
    change: revision.change,
    ...(revision.restoredFrom !== undefined ? { restoredFrom: revision.restoredFrom } : {}),
    kind: revision.kind,
  };
}

function plainText(body: StoryBody): string {
  const lines: string[] = [];
  const walk = (nodes: readonly BodyNode[], into: string[]) => {
    for (const node of nodes) {
      if ('text' in node) into.push(node.text);
      else if ('type' in node && node.type !== 'link' && node.children.some((child) => 'type' in child)) {
        walk(node.children, into);
      } else {
        const parts: string[] = [];
        walk(node.children, parts);
        into.push(parts.join(''));
      }
    }
  };
  for (const block of body) {
    const parts: string[] = [];
    walk([block], parts);
    lines.push(parts.join('\n'));
  }
  return lines.join('\n\n');
}

export function compareStories(a: Story, b: Story): StoryComparison {
  const fields = NON_BODY_FIELDS(a, b)
    .filter(
      (key) =>
        !BOOKKEEPING.has(key) &&
        canonicalJson((a as Record<string, unknown>)[key]) !==
          canonicalJson((b as Record<string, unknown>)[key]),
    )
    .map((field) => ({
      field,
      before: (a as Record<string, unknown>)[field],
      after: (b as Record<string, unknown>)[field],
    }));
  const body = diffWords(plainText(a.body), plainText(b.body)).map((part) => ({
    value: part.value,
    ...(part.added ? { added: true } : {}),
    ...(part.removed ? { removed: true } : {}),
  }));
  return { from: a.version, to: b.version, fields, body };
}
