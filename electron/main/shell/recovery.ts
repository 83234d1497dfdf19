/**
 * The page's unsaved text, relayed into the store's recovery journal.
 *
 * The page sends the open story's draft over a one-way channel shortly after each change (it
 * arrives even while the page is about to crash or hang). The main process writes it into the
 * store's own recovery journal (`recovery/` in the store, with its disk-full reserve), the same
 * journal the page fills through the API. One journal, one offer: after a crash or a restart the
 * page lists the drafts and the user restores or discards them (StoreNotices).
 *
 * Earlier versions kept a second journal in userData/recovery; its drafts are moved into the
 * store's journal once, at start (`moveLegacyDrafts`).
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SentStoryEdit } from '../../../shared/api/shell';
import { StoryId, type StoryEdit } from '../../../shared/story/schema';
import { DurableJsonFile } from '../../core/store/durable-file';

/** The part of the store's archive a relayed draft needs. */
export interface DraftSink {
  putRecoveryDraft(id: string, baseVersion: number, draft: StoryEdit): Promise<unknown>;
}

/** A draft as the page sends it. */
export interface PageDraft {
  storyId: string;
  baseVersion: number;
  edit: StoryEdit;
}

/**
 * Writes the page's drafts into the store's journal, in order per story (a late write never
 * lands after a newer one). With no store open (a start that failed) the draft is logged as
 * lost to the journal — the page still holds it and keeps saving.
 */
export class DraftRelay {
  readonly #chains = new Map<string, Promise<void>>();

  constructor(
    private readonly sink: () => DraftSink | undefined,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  keep(draft: PageDraft): Promise<void> {
    const step = async () => {
      const target = this.sink();
      if (!target) {
        this.log(`recovery: no store is open; the draft of ${draft.storyId} stays only in the page`);
        return;
      }
      await target.putRecoveryDraft(draft.storyId, draft.baseVersion, draft.edit);
    };
    const previous = this.#chains.get(draft.storyId) ?? Promise.resolve();
    const next = previous.then(step).catch((error: unknown) => {
      this.log(`recovery journal for ${draft.storyId}: ${(error as Error).message}`);
    });
    this.#chains.set(draft.storyId, next);
    void next.then(() => {
      if (this.#chains.get(draft.storyId) === next) this.#chains.delete(draft.storyId);
    });
    return next;
  }

  /** Waits until every relayed draft is written (before the store closes). */
  async settled(): Promise<void> {
    await Promise.all([...this.#chains.values()]);
  }
}

const LegacyDraft = z.object({
  storyId: StoryId,
  baseVersion: z.number().int().min(1),
  edit: SentStoryEdit,
  keptAt: z.string(),
});

const LEGACY_FILE = /^([a-z0-9][a-z0-9-]{7,63})\.json$/;

/**
 * Moves drafts kept by earlier versions in `folder` (userData/recovery) into the store's
 * journal, removing each file only once its draft is written there. Unreadable files are
 * logged and left in place, never deleted. Returns how many drafts were moved.
 */
export async function moveLegacyDrafts(
  folder: string,
  sink: DraftSink,
  log: (message: string) => void = () => undefined,
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  let moved = 0;
  for (const name of names.sort()) {
    const match = LEGACY_FILE.exec(name);
    if (!match) continue;
    const file = join(folder, name);
    try {
      const parsed = LegacyDraft.safeParse(await new DurableJsonFile(file).read());
      if (!parsed.success || parsed.data.storyId !== match[1]) {
        log(`recovery: ${name} is not a draft, left in place`);
        continue;
      }
      await sink.putRecoveryDraft(parsed.data.storyId, parsed.data.baseVersion, parsed.data.edit);
      await rm(file, { force: true });
      moved += 1;
    } catch (error) {
      log(`recovery: ${name} could not be moved: ${(error as Error).message}`);
    }
  }
  return moved;
}
