/**
 * The recovery journal: a copy, outside the story store, of text the page has not saved yet.
 * The page sends the open story's draft shortly after each change and says when it is on disk;
 * if the page crashes, hangs at close or its save fails, the draft stays here and is offered
 * back at the next start (or after the page reloads). One small JSON file per story in
 * userData/recovery, written durably.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { SentStoryEdit } from '../../../shared/api/shell';
import { StoryId, type Story, type StoryEdit } from '../../../shared/story/schema';
import { DurableJsonFile } from '../store/durable-file';
import type { StoryService } from '../stories/service';

export const RecoveredDraft = z.object({
  storyId: StoryId,
  baseVersion: z.number().int().min(1),
  edit: SentStoryEdit,
  keptAt: z.string(),
});
export type RecoveredDraft = z.infer<typeof RecoveredDraft>;

const FILE = /^([a-z0-9][a-z0-9-]{7,63})\.json$/;

export class RecoveryJournal {
  readonly #chains = new Map<string, Promise<unknown>>();

  constructor(
    readonly folder: string,
    private readonly log: (message: string) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  #file(storyId: string): string {
    return join(this.folder, `${storyId}.json`);
  }

  /** Runs journal operations on one story in order, so a late write never revives a cleared draft. */
  #chain(storyId: string, step: () => Promise<void>): Promise<void> {
    const previous = this.#chains.get(storyId) ?? Promise.resolve();
    const next = previous.then(step, step);
    const quiet = next.catch((error: unknown) =>
      this.log(`recovery journal for ${storyId}: ${(error as Error).message}`),
    );
    this.#chains.set(storyId, quiet);
    void quiet.then(() => {
      if (this.#chains.get(storyId) === quiet) this.#chains.delete(storyId);
    });
    return quiet;
  }

  /** Keeps (replaces) the unsaved draft of a story. */
  keep(draft: Omit<RecoveredDraft, 'keptAt'>): Promise<void> {
    const entry: RecoveredDraft = { ...draft, keptAt: this.now().toISOString() };
    return this.#chain(draft.storyId, async () => {
      await mkdir(this.folder, { recursive: true });
      await new DurableJsonFile<RecoveredDraft>(this.#file(draft.storyId)).write(entry);
    });
  }

  /** The story's text is on disk: its draft is no longer needed. */
  clear(storyId: string): Promise<void> {
    return this.#chain(storyId, () => rm(this.#file(storyId), { force: true }));
  }

  /** Waits until every pending write or removal is done. */
  async settled(): Promise<void> {
    await Promise.all([...this.#chains.values()]);
  }

  /** Every draft in the journal; unreadable files are logged and skipped (and left in place). */
  async list(): Promise<RecoveredDraft[]> {
    await this.settled();
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch {
      return [];
    }
    const drafts: RecoveredDraft[] = [];
    for (const name of names.sort()) {
      const match = FILE.exec(name);
      if (!match) continue;
      try {
        const parsed = RecoveredDraft.safeParse(await new DurableJsonFile(join(this.folder, name)).read());
        if (parsed.success && parsed.data.storyId === match[1]) drafts.push(parsed.data);
        else this.log(`recovery journal: ${name} is not a draft, skipped`);
      } catch (error) {
        this.log(`recovery journal: ${name} could not be read: ${(error as Error).message}`);
      }
    }
    return drafts;
  }
}

/** Whether every field of the draft already has that value in the story. */
function alreadySaved(story: Story, edit: StoryEdit): boolean {
  return Object.entries(edit).every(
    ([field, value]) => JSON.stringify(story[field as keyof Story]) === JSON.stringify(value),
  );
}

export interface RestoreResult {
  /** stories the draft was saved into */
  restored: Story[];
  /** drafts whose text was on disk already */
  unchanged: string[];
  /** drafts that could not be restored (they stay in the journal) */
  failed: { storyId: string; reason: string }[];
}

/**
 * Saves each kept draft into its story. When the story changed since (or is gone), the draft
 * becomes a new story instead, its headline marked with `markHeadline`, so nothing is
 * overwritten and nothing is lost. Restored drafts leave the journal.
 */
export async function restoreDrafts(
  journal: RecoveryJournal,
  stories: StoryService,
  markHeadline: (headline: string) => string,
): Promise<RestoreResult> {
  const result: RestoreResult = { restored: [], unchanged: [], failed: [] };
  for (const draft of await journal.list()) {
    try {
      const current = await stories.get(draft.storyId).catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'not-found') return null;
        throw error;
      });
      if (current && alreadySaved(current, draft.edit)) {
        result.unchanged.push(draft.storyId);
      } else if (current && current.version === draft.baseVersion) {
        result.restored.push(await stories.save(draft.storyId, draft.baseVersion, draft.edit));
      } else {
        const copy = await stories.create(draft.edit.language ?? current?.language ?? 'ar');
        const headline = markHeadline(draft.edit.headline ?? current?.headline ?? '');
        result.restored.push(await stories.save(copy.id, copy.version, { ...draft.edit, headline }));
      }
      await journal.clear(draft.storyId);
    } catch (error) {
      result.failed.push({ storyId: draft.storyId, reason: (error as Error).message });
    }
  }
  return result;
}
