/**
 * Each story's history: `history/<id>.ndjson`, one JSON line per event, appended and fsynced,
 * never rewritten. Every line carries the sha256 of the line before it, so a line edited or
 * removed by hand shows up as a broken chain when the history is read.
 */
import { createHash } from 'node:crypto';
import { HistoryEntry } from '../../../shared/workflow/model';
import { oneAtATimePer } from '../one-at-a-time';
import type { WorkflowFiles } from './files';

export const historyFile = (id: string) => `history/${id}.ndjson`;
/** The `prev` of a story's first line. */
export const GENESIS = '0'.repeat(64);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** The hash of an entry: over its JSON without the `hash` field, keys in the order written. */
const entryHash = (entry: Omit<HistoryEntry, 'hash'>) => sha256(JSON.stringify(entry));

export interface StoryHistory {
  entries: HistoryEntry[];
  /** false when a line was changed, removed or damaged after it was written */
  intact: boolean;
  problems: string[];
}

export interface HistoryLog {
  append(id: string, entry: Omit<HistoryEntry, 'prev' | 'hash'>): Promise<HistoryEntry>;
  read(id: string): Promise<StoryHistory>;
}

export function createHistoryLog(files: WorkflowFiles): HistoryLog {
  // The hash of each story's last line, so an append does not reread the file.
  const lastHash = new Map<string, string>();
  const oneAtATime = oneAtATimePer();

  const read = async (id: string): Promise<StoryHistory> => {
    const text = (await files.readText(historyFile(id))) ?? '';
    const entries: HistoryEntry[] = [];
    const problems: string[] = [];
    let prev = GENESIS;
    text.split('\n').forEach((line, index) => {
      if (!line.trim()) return;
      let parsed: HistoryEntry | null = null;
      try {
        const result = HistoryEntry.safeParse(JSON.parse(line));
        if (result.success) parsed = result.data;
      } catch {
        // reported below
      }
      if (!parsed) {
        problems.push(`line ${index + 1} is not a history entry`);
        prev = '';
        return;
      }
      const { hash, ...rest } = parsed;
      if (entryHash(rest) !== hash) problems.push(`line ${index + 1} was changed after it was written`);
      if (parsed.prev !== prev) problems.push(`line ${index + 1} does not follow the line before it`);
      entries.push(parsed);
      prev = hash;
    });
    return { entries, intact: problems.length === 0, problems };
  };

  return {
    read,
    append(id, entry) {
      return oneAtATime(id, async () => {
        try {
          let prev = lastHash.get(id);
          if (prev === undefined) {
            const text = (await files.readText(historyFile(id))) ?? '';
            const lines = text.split('\n').filter((line) => line.trim());
            prev = lines.length
              ? String((JSON.parse(lines[lines.length - 1]!) as { hash?: unknown }).hash)
              : GENESIS;
          }
          const { hash: _unused, ...body } = HistoryEntry.parse({ ...entry, prev, hash: '' });
          const full: HistoryEntry = { ...body, hash: entryHash(body) };
          await files.appendLine(historyFile(id), JSON.stringify(full));
          lastHash.set(id, full.hash);
          return full;
        } catch (error) {
          // The file may hold a half line or none: the next append reads its last hash again.
          lastHash.delete(id);
          throw error;
        }
      });
    },
  };
}
