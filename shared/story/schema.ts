/**
 * The single definition of a story. Every TypeScript type of a story is derived from
 * these zod schemas, and the same schemas validate stories at every boundary (IPC, HTTP
 * bridge, files on disk, imports), so the type and the check can never drift.
 */
import { z } from 'zod';
import { SubjectCode } from '../vocab/mediatopics';

/** Bumped whenever the stored shape of a story changes; migrations key off it. */
export const STORY_SCHEMA_VERSION = 1;

export const Direction = z.enum(['rtl', 'ltr']);
export type Direction = z.infer<typeof Direction>;

/** BCP 47 language tag, kept short: `ar`, `en`, `fr`, `ar-EG`… */
export const LanguageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'not a language tag');
export type LanguageTag = z.infer<typeof LanguageTag>;

export const StoryStatus = z.enum([
  'draft',
  'submitted',
  'returned',
  'approved',
  'scheduled',
  'published',
  'correction',
  'corrected',
  'unpublished',
  'killed',
  'spiked',
]);
export type StoryStatus = z.infer<typeof StoryStatus>;

// ---------------------------------------------------------------- body (Slate JSON)

/** A run of text with its marks. `lang` marks an inline run in another language. */
export const BodyText = z.object({
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  underline: z.boolean().optional(),
  lang: LanguageTag.optional(),
});
export type BodyText = z.infer<typeof BodyText>;

export const BLOCK_TYPES = [
  'paragraph',
  'heading-two',
  'heading-three',
  'block-quote',
  'pull-quote',
  'bulleted-list',
  'numbered-list',
  'list-item',
  'image',
  'separator',
] as const;
export const BlockType = z.enum(BLOCK_TYPES);
export type BlockType = z.infer<typeof BlockType>;

/** Only these URL schemes may appear in a link. */
export const SafeUrl = z
  .string()
  .max(2048)
  .refine((value) => /^(https?:|mailto:|tel:)/i.test(value.trim()), 'unsafe or unsupported link');

/** A file in the store's media folder, named by its content: `<sha256>.<ext>`, never a path. */
export const MediaFileName = z.string().regex(/^[0-9a-f]{64}\.(png|jpg|gif|webp)$/, 'not a media file name');

export interface LinkElement {
  type: 'link';
  url: string;
  children: BodyText[];
}

export interface BlockElement {
  type: BlockType;
  dir?: Direction;
  /** the editor set `dir` by hand: detection from new text leaves it alone */
  dirManual?: boolean;
  lang?: LanguageTag;
  /** image blocks: a file inside the store's media folder */
  file?: string;
  caption?: string;
  credit?: string;
  alt?: string;
  children: BodyNode[];
}

export type BodyNode = BlockElement | LinkElement | BodyText;

export const LinkElement: z.ZodType<LinkElement> = z.object({
  type: z.literal('link'),
  url: SafeUrl,
  children: z.array(BodyText).min(1),
});

export const BlockElement: z.ZodType<BlockElement> = z.lazy(() =>
  z.object({
    type: BlockType,
    dir: Direction.optional(),
    dirManual: z.boolean().optional(),
    lang: LanguageTag.optional(),
    file: MediaFileName.optional(),
    caption: z.string().optional(),
    credit: z.string().optional(),
    alt: z.string().optional(),
    children: z.array(BodyNode).min(1),
  }),
);

export const BodyNode: z.ZodType<BodyNode> = z.lazy(() => z.union([BlockElement, LinkElement, BodyText]));

const LIST_BLOCKS: ReadonlySet<string> = new Set(['bulleted-list', 'numbered-list']);

type RawElement = { type: string; children?: unknown };
const isRawElement = (node: unknown): node is RawElement =>
  typeof node === 'object' &&
  node !== null &&
  typeof (node as { type?: unknown }).type === 'string' &&
  (node as { type: string }).type !== 'link';

/**
 * Repairs the list shape of a stored body, at any depth: each run of `list-item`s whose parent is
 * not a list is put inside a bulleted list, and a block sitting directly in a list becomes an
 * item holding the same children. Nothing is dropped. Returns the same array when nothing was
 * wrong (no copy).
 */
function repairListNodes(nodes: unknown[], parent: string | null): unknown[] {
  const inList = parent !== null && LIST_BLOCKS.has(parent);
  let changed = false;
  const out: unknown[] = [];
  let run: RawElement | null = null;
  for (const node of nodes) {
    if (!isRawElement(node)) {
      run = null;
      out.push(node);
      continue;
    }
    let fixed: RawElement = node;
    if (Array.isArray(node.children)) {
      const children = repairListNodes(node.children, node.type);
      if (children !== node.children) fixed = { ...node, children };
    }
    if (fixed !== node) changed = true;
    if (!inList && fixed.type === 'list-item') {
      changed = true;
      if (run) (run.children as unknown[]).push(fixed);
      else {
        run = { type: 'bulleted-list', children: [fixed] };
        out.push(run);
      }
      continue;
    }
    run = null;
    if (inList && fixed.type !== 'list-item' && !LIST_BLOCKS.has(fixed.type)) {
      changed = true;
      out.push({ ...fixed, type: 'list-item' });
      continue;
    }
    out.push(fixed);
  }
  return changed ? out : nodes;
}

/**
 * The one repair of a story as stored: a story saved before list items were kept inside lists
 * may hold `list-item` blocks outside a list (the old "leave a list" bug), at the top of its
 * body or deeper. Every read of a stored story goes through here — the story file, the team
 * server's rows and cached copies, every revision rebuilt, a restore, the index rebuild and
 * `verify` — so an old store opens, rebuilds and restores; the next save writes it well-formed.
 * Applied to stored stories only (a save through the editor is refused instead). Returns `raw`
 * itself when nothing needed repair.
 */
export function repairStoredStory(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { body?: unknown }).body)) return raw;
  const body = (raw as { body: unknown[] }).body;
  // Only within the limits: a body past them is refused by the schema, not walked here.
  if (bodyShapeProblem(body)) return raw;
  const repaired = repairListNodes(body, null);
  return repaired === body ? raw : { ...(raw as object), body: repaired };
}

/** Reads a stored story: the one repair, then the schema. */
export function parseStoredStory(raw: unknown): ReturnType<typeof Story.safeParse> {
  return Story.safeParse(repairStoredStory(raw));
}

/**
 * Where a list item or a list sits wrongly: a `list-item` whose parent is not a list (it would be
 * exported as a bare `<li>`), or a list holding anything but items and nested lists. Paths count
 * blocks from the top of the body.
 */
export function misplacedListNodes(body: readonly BlockElement[]): number[][] {
  const found: number[][] = [];
  const walk = (nodes: readonly BodyNode[], parent: string | null, path: number[]) => {
    nodes.forEach((node, index) => {
      if (!('type' in node) || node.type === 'link') return;
      const here = [...path, index];
      const inList = parent !== null && LIST_BLOCKS.has(parent);
      if (node.type === 'list-item' ? !inList : inList && !LIST_BLOCKS.has(node.type)) found.push(here);
      walk(node.children, node.type, here);
    });
  };
  walk(body, null, []);
  return found;
}

/** Deepest nesting of a body: a quote in a list in a list… Real stories stay under ten. */
export const MAX_BODY_DEPTH = 32;
/** Most nodes (blocks, links and text runs) in one body: far beyond 10,000 paragraphs. */
export const MAX_BODY_NODES = 250_000;

/**
 * Whether a body, as untrusted JSON, stays within the depth and node limits. It walks with its
 * own stack, so a body nested thousands deep is refused here instead of overflowing the
 * recursive validation below (which a warm process may survive and a fresh one not).
 */
export function bodyShapeProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  const pending: Array<[unknown, number]> = value.map((node) => [node, 1]);
  let nodes = 0;
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    nodes += 1;
    if (nodes > MAX_BODY_NODES) return `the body has more than ${MAX_BODY_NODES} nodes`;
    if (depth > MAX_BODY_DEPTH) return `the body is nested more than ${MAX_BODY_DEPTH} levels deep`;
    const children =
      typeof node === 'object' && node !== null ? (node as { children?: unknown }).children : null;
    if (Array.isArray(children)) for (const child of children) pending.push([child, depth + 1]);
  }
  return null;
}

/**
 * A story body is a non-empty list of top-level blocks, within the depth and node limits; list
 * items live only inside lists.
 */
export const StoryBody = z
  .unknown()
  .superRefine((value, context) => {
    const problem = bodyShapeProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem, fatal: true });
  })
  .pipe(
    z
      .array(BlockElement)
      .min(1)
      .superRefine((body, context) => {
        for (const path of misplacedListNodes(body)) {
          context.addIssue({
            code: 'custom',
            path,
            message: 'a list item outside a list (or a list holding other blocks)',
          });
        }
      }),
  );
export type StoryBody = z.infer<typeof StoryBody>;

/**
 * A body as it was recorded, list shape unchecked: what a revision written before list items
 * were kept inside lists holds. Its hash was taken on this shape, so a revision chain is rebuilt
 * and checked on it, and only the story it yields is repaired (`repairStoredStory`).
 */
const RecordedBody = z
  .unknown()
  .superRefine((value, context) => {
    const problem = bodyShapeProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem, fatal: true });
  })
  .pipe(z.array(BlockElement).min(1));

// ---------------------------------------------------------------- story

export const LeadImage = z.object({
  file: MediaFileName,
  caption: z.string().default(''),
  credit: z.string().default(''),
  altText: z.string().default(''),
});
export type LeadImage = z.infer<typeof LeadImage>;

export const Dateline = z.object({
  place: z.string().default(''),
  /** ISO date-time of the dateline, when one is given */
  date: z.iso.datetime({ offset: true }).optional(),
});
export type Dateline = z.infer<typeof Dateline>;

/** A person, place or organisation a story is about (electron/core/entities keeps the gazetteer). */
export const StoryEntity = z.object({
  kind: z.enum(['person', 'place', 'organisation']),
  name: z.string().trim().min(1).max(200),
});
export type StoryEntity = z.infer<typeof StoryEntity>;

export const StoryId = z.string().regex(/^[a-z0-9][a-z0-9-]{7,63}$/, 'not a story id');
export type StoryId = z.infer<typeof StoryId>;

const Timestamp = z.iso.datetime({ offset: true });

export const Story = z.object({
  id: StoryId,
  schemaVersion: z.literal(STORY_SCHEMA_VERSION),
  /** increments on every save; a save names the version it was based on */
  version: z.number().int().min(1),
  language: LanguageTag,
  direction: Direction,
  headline: z.string().max(1000),
  subheadline: z.string().max(2000).default(''),
  slugline: z.string().max(200).default(''),
  byline: z.string().max(500).default(''),
  dateline: Dateline.default({ place: '' }),
  leadImage: LeadImage.nullable().default(null),
  body: StoryBody,
  tags: z.array(z.string().min(1).max(100)).max(200).default([]),
  status: StoryStatus.default('draft'),
  desk: z.string().max(100).optional(),
  urgency: z.number().int().min(1).max(9).optional(),
  edNote: z.string().max(4000).optional(),
  /** IPTC Media Topics (qcodes such as medtop:20000639), chosen from the shipped vocabulary */
  subjects: z.array(SubjectCode).max(50).optional(),
  /** people, places and organisations the story is about */
  entities: z.array(StoryEntity).max(200).optional(),
  // Workflow fields (electron/core/workflow): set only by the transition service, never by a save.
  /** ids of the newsroom users credited as authors; the byline stays free text for outside contributors */
  authors: z.array(z.string().min(1).max(64)).max(20).optional(),
  /** not to be published before this time (a flag with a time, not a state) */
  embargo: Timestamp.optional(),
  /** when a scheduled story is published */
  publishAt: Timestamp.optional(),
  /** first publication */
  publishedAt: Timestamp.optional(),
  /** the public correction note of the latest correction and its sequence number (1, 2, …) */
  correction: z.object({ note: z.string().max(2000), sequence: z.number().int().min(1) }).optional(),
  /** wire copy (publishing/ingest): the agency item this draft was opened from, kept for reference */
  source: z
    .object({
      guid: z.string().min(1).max(1000),
      version: z.string().max(50).optional(),
      provider: z.string().max(500).optional(),
      format: z.enum(['ninjs', 'newsml', 'nitf']),
      // What the wire file carried that a story has no field of its own for (electron/core/ingest/intake).
      versionCreated: Timestamp.optional(),
      contentCreated: Timestamp.optional(),
      genre: z.string().max(200).optional(),
      description: z.string().max(4000).optional(),
      /** the dateline as the agency wrote it */
      dateline: z.string().max(500).optional(),
      header: z.string().max(4000).optional(),
      footer: z.string().max(4000).optional(),
      /** every editorial note, with its role (`public`, `private` or the file's own) */
      edNotes: z
        .array(z.object({ role: z.string().max(50), text: z.string().max(4000) }))
        .max(50)
        .optional(),
      /** subjects and keywords of schemes other than Media Topics, with their scheme */
      keywords: z
        .array(z.object({ value: z.string().max(100), scheme: z.string().max(200) }))
        .max(200)
        .optional(),
      /** pictures the item referred to */
      pictures: z.array(z.string().max(2000)).max(50).optional(),
    })
    .optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Story = z.infer<typeof Story>;

/** A story as a revision recorded it (list shape unchecked; see `RecordedBody`). */
export const StoryAsRecorded = Story.extend({ body: RecordedBody });

/**
 * A schema's fields without their defaults. With them, zod fills in every field a save leaves
 * out (`tags: []`, `leadImage: null`…), so saving the headline alone would wipe the image and tags.
 */
function withoutDefaults<S extends z.ZodRawShape>(
  schema: z.ZodObject<S>,
): z.ZodObject<{ [K in keyof S]: S[K] extends z.ZodDefault<infer Inner extends z.ZodType> ? Inner : S[K] }> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    shape[key] = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
  }
  return z.object(shape) as never;
}

/** The fields an editor may change by saving. Identity, version and times belong to the store. */
export const StoryEdit = withoutDefaults(
  Story.pick({
    language: true,
    direction: true,
    headline: true,
    subheadline: true,
    slugline: true,
    byline: true,
    dateline: true,
    leadImage: true,
    body: true,
    tags: true,
    subjects: true,
    entities: true,
    desk: true,
    urgency: true,
    edNote: true,
  }),
)
  .extend({
    // An empty desk or note, or a null urgency, clears the field (JSON has no `undefined`).
    desk: z.string().max(100).optional(),
    urgency: z.number().int().min(1).max(9).nullable().optional(),
    edNote: z.string().max(4000).optional(),
  })
  .partial();
export type StoryEdit = z.infer<typeof StoryEdit>;

/** Fields an edit clears by sending `''` or `null` (JSON has no `undefined`). */
const CLEARABLE = ['desk', 'urgency', 'edNote'] as const;

/**
 * A story with an edit applied: the edit's fields replace the story's, and a cleared desk,
 * urgency or note leaves the story without the field. Every path that applies an edit (save,
 * recovery, take-over) goes through here. The result still needs its version, time and check.
 */
export function applyStoryEdit<T extends Record<string, unknown>>(story: T, edit: StoryEdit): T {
  const next: Record<string, unknown> = { ...story, ...edit };
  for (const field of CLEARABLE) {
    if (next[field] === '' || next[field] === null) delete next[field];
  }
  return next as T;
}

/** What the story list shows; kept in the store's index so the list opens without reading stories. */
export const StorySummary = Story.pick({
  id: true,
  version: true,
  headline: true,
  byline: true,
  status: true,
  language: true,
  createdAt: true,
  updatedAt: true,
  authors: true,
  desk: true,
  publishAt: true,
  publishedAt: true,
  embargo: true,
});
export type StorySummary = z.infer<typeof StorySummary>;

export function summarize(story: Story): StorySummary {
  const { id, version, headline, byline, status, language, createdAt, updatedAt } = story;
  const summary: StorySummary = { id, version, headline, byline, status, language, createdAt, updatedAt };
  // The workflow's fields only when set, so summaries of stories outside the workflow stay as they were.
  if (story.authors) summary.authors = story.authors;
  if (story.desk) summary.desk = story.desk;
  if (story.publishAt) summary.publishAt = story.publishAt;
  if (story.publishedAt) summary.publishedAt = story.publishedAt;
  if (story.embargo) summary.embargo = story.embargo;
  return summary;
}

/** Direction follows language unless a story says otherwise. */
export function directionOf(language: string): Direction {
  const primary = language.split('-')[0];
  return ['ar', 'fa', 'he', 'ur', 'ps', 'ku', 'yi', 'dv', 'sd', 'ug'].includes(primary ?? '') ? 'rtl' : 'ltr';
}

export function emptyBody(language: string): StoryBody {
  return [{ type: 'paragraph', dir: directionOf(language), lang: language, children: [{ text: '' }] }];
}
