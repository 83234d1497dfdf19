/**
 * The store's folder layout and its index: a snapshot of every story's summary
 * (`index.json`) plus an append-only journal (`index.journal`) of what changed since.
 * Rewriting a 50k-entry snapshot costs ~100 ms; appending one fsynced line costs ~0.4 ms, so
 * saves append and the snapshot is rewritten only now and then (compaction).
 *
 * Shared by the store (which replays and appends) and `verifyStore` (which only reads).
 */
import { z } from 'zod';
import { StoryId, StorySummary } from '../../../shared/story/schema';

export const MARKER_NAME = 'mihbara-store.json';
export const INDEX_NAME = 'index.json';
export const JOURNAL_NAME = 'index.journal';
export const STORIES_DIR = 'stories';
export const MEDIA_DIR = 'media';
/** `revisions/<id>/<version>.json`: every saved version of a story, never rewritten */
export const REVISIONS_DIR = 'revisions';
/** `recovery/<id>.json`: what the editor typed since the last save */
export const RECOVERY_DIR = 'recovery';
/** damaged files are moved here, never deleted; `report.ndjson` says why */
export const QUARANTINE_DIR = 'quarantine';
/** staging area of an interrupted or running schema migration */
export const MIGRATION_DIR = '.migration';
/** automatic backup settings of this store */
export const BACKUP_SETTINGS_NAME = 'backup-settings.json';
/** default folder of automatic backups (left out of backups themselves) */
export const BACKUPS_DIR = 'backups';

/**
 * Format of the store folder as a whole; bump with a migration when the layout changes.
 * 1: stories + index. 2: revisions, recovery drafts, quarantine, versioned index and journal.
 */
export const STORE_FORMAT_VERSION = 2;

export const StoreMarker = z.object({
  format: z.literal('mihbara-store'),
  version: z.number().int().min(1),
  createdAt: z.string(),
});
export type StoreMarker = z.infer<typeof StoreMarker>;

/**
 * The snapshot. `generation` counts compactions; the journal starts with the generation it
 * continues, so a journal left over from before the last snapshot is recognised and skipped.
 */
export interface IndexSnapshot {
  /** the store format that wrote it (every file carries its schema version) */
  format: typeof STORE_FORMAT_VERSION;
  generation: number;
  stories: StorySummary[];
}

export const IndexSnapshotHeader = z.object({
  // format 1 had the same shape; a read-only opener may still meet it before a writer migrates
  format: z.number().int().min(1).max(STORE_FORMAT_VERSION),
  generation: z.number().int().min(0),
  stories: z.array(z.unknown()),
});

export type JournalEntry =
  /** first line: this journal continues the snapshot of that generation, written by format `v` */
  | { op: 'gen'; gen: number; v?: number }
  /** a save of `id` started: its file may have changed without its summary being recorded */
  | { op: 'begin'; id: string }
  /** a save finished: this is the story's summary now */
  | { op: 'put'; summary: StorySummary }
  /** the story left the index (its file was damaged beyond rebuilding and quarantined) */
  | { op: 'drop'; id: string };

const JournalLine = z.discriminatedUnion('op', [
  z.object({ op: z.literal('gen'), gen: z.number().int().min(0), v: z.number().int().optional() }),
  z.object({ op: z.literal('begin'), id: z.string() }),
  z.object({ op: z.literal('put'), summary: StorySummary }),
  z.object({ op: z.literal('drop'), id: z.string() }),
]);

export interface ParsedJournal {
  /** the generation named by the first line, or null when there is none */
  generation: number | null;
  entries: JournalEntry[];
  /** the last line was cut short (a crash mid-append); it is ignored */
  tornTail: boolean;
  /** 1-based numbers of complete lines that did not parse; they are skipped */
  badLines: number[];
}

export function journalLine(entry: JournalEntry): string {
  return JSON.stringify(entry) + '\n';
}

export function parseJournal(text: string): ParsedJournal {
  const result: ParsedJournal = { generation: null, entries: [], tornTail: false, badLines: [] };
  const lines = text.split('\n');
  // Every complete line ends with '\n', so the last piece is '' unless an append was torn.
  const tail = lines.pop() ?? '';
  if (tail.trim() !== '') result.tornTail = true;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let entry: JournalEntry;
    try {
      const parsed = JournalLine.safeParse(JSON.parse(line));
      if (!parsed.success) throw parsed.error;
      entry = parsed.data;
    } catch {
      result.badLines.push(index + 1);
      return;
    }
    if (entry.op === 'gen') {
      if (result.generation === null && result.entries.length === 0) result.generation = entry.gen;
      return;
    }
    result.entries.push(entry);
  });
  return result;
}

/**
 * Applies the journal to an index built from the snapshot. Idempotent: applying the same
 * journal twice gives the same index, so a crash between writing a snapshot and resetting
 * the journal loses nothing and duplicates nothing. Returns the ids whose last save began
 * but never finished: their files must be re-read.
 */
export function replayJournal(
  index: Map<string, StorySummary>,
  journal: ParsedJournal,
  snapshotGeneration: number,
): Set<string> {
  const pending = new Set<string>();
  // A journal older than the snapshot is already contained in it.
  if (journal.generation !== null && journal.generation < snapshotGeneration) return pending;
  for (const entry of journal.entries) {
    if (entry.op === 'begin') pending.add(entry.id);
    else if (entry.op === 'put') {
      index.set(entry.summary.id, entry.summary);
      pending.delete(entry.summary.id);
    } else if (entry.op === 'drop') {
      index.delete(entry.id);
      pending.delete(entry.id);
    }
  }
  return pending;
}

const SUMMARY_STRINGS = ['id', 'headline', 'byline', 'status', 'language', 'createdAt', 'updatedAt'] as const;

/**
 * A cheap structural check of one snapshot entry. The snapshot is the store's own output,
 * written atomically, so full zod validation (1.5 s for 50k entries, measured) would buy
 * nothing at every start-up; this catches a hand-edited or foreign file.
 */
export function isSummaryShape(entry: unknown): entry is StorySummary {
  if (typeof entry !== 'object' || entry === null) return false;
  const record = entry as Record<string, unknown>;
  return (
    SUMMARY_STRINGS.every((key) => typeof record[key] === 'string') &&
    Number.isInteger(record.version) &&
    StoryId.safeParse(record.id).success
  );
}

/** `<id>.json` → id, for the names of story files; null for anything else (temp files…). */
export function storyIdOfFileName(name: string): string | null {
  if (name.startsWith('.') || !name.endsWith('.json')) return null;
  return name.slice(0, -'.json'.length);
}
