/**
 * The recovery journal: what the editor typed since the last save, one file per story
 * (`recovery/<id>.json`), written by the renderer on a short debounce independently of the save.
 * After a crash, or after a save that failed because the disk was full, the next start offers it.
 *
 * The text of someone whose lock a desk chief took over is kept for them, out of the story the
 * desk chief now edits: `recovery/taken-over/<story id>/<user id>.json` holds their whole text
 * as they had it, offered to them (to copy) until they set it aside.
 *
 * A small reserve file is kept beside the drafts: when the disk fills up, it is given back so
 * that the draft that matters most (the one typed while saving fails) can still be written.
 */
import { open, readFile, readdir, rename, mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { RecoveryOffer } from '../../../shared/story/history';
import { UserId } from '../../../shared/workflow/model';
import { StoryEdit, StoryId, applyStoryEdit, type Story } from '../../../shared/story/schema';
import { type DurableFs, errorCode, parseJsonBytes, writeFileDurably } from './durable-file';
import { assertMayWrite } from './writer-gate';
import { inside } from './paths';
import { RECOVERY_DIR } from './journal';
import { quarantineFile } from './quarantine';
import { canonicalJson } from './revisions';
import { bestEffort, consoleLogger, type Logger } from '../log';

export const RECOVERY_SCHEMA_VERSION = 1;
/** Space held back for drafts on a full disk. */
export const RESERVE_BYTES = 512 * 1024;
const RESERVE_NAME = '.reserve';
const DISCARDED_DIR = 'discarded';
const TAKEN_OVER_DIR = 'taken-over';

export const RecoveryDraft = z.object({
  format: z.literal('mihbara-recovery'),
  schemaVersion: z.literal(RECOVERY_SCHEMA_VERSION),
  storyId: StoryId,
  /** the version the editor's copy was based on when it was opened */
  baseVersion: z.number().int().min(1),
  savedAt: z.string(),
  draft: StoryEdit,
  /** who typed it, when known (a take-over keeps only the former holder's text for them) */
  author: UserId.optional(),
});
export type RecoveryDraft = z.infer<typeof RecoveryDraft>;

/** Who took the lock over, and when: what the former holder is told. */
export const TakeOver = z.object({ by: z.string().max(64), byName: z.string().max(200), at: z.string() });
export type TakeOver = z.infer<typeof TakeOver>;

/** The text of a former lock holder, kept for them after a take-over. */
export const TakenOverDraft = z.object({
  format: z.literal('mihbara-taken-over'),
  schemaVersion: z.literal(RECOVERY_SCHEMA_VERSION),
  storyId: StoryId,
  holder: UserId,
  /** the version their text was based on */
  baseVersion: z.number().int().min(1),
  savedAt: z.string(),
  /** their whole text: every field an editor edits, as they had it */
  draft: StoryEdit,
  takenOver: TakeOver,
});
export type TakenOverDraft = z.infer<typeof TakenOverDraft>;

export type { RecoveryOffer };

export function recoveryRelative(id: string): string {
  return `${RECOVERY_DIR}/${id}.json`;
}

/** True when saving `draft` onto `story` would change nothing the editor edits. */
export function draftMatches(draft: StoryEdit, story: Story): boolean {
  const applied = applyStoryEdit(story as Record<string, unknown>, draft);
  return Object.keys(draft).every(
    (key) => canonicalJson(applied[key]) === canonicalJson((story as Record<string, unknown>)[key]),
  );
}

/** The fields an editor edits, taken from the schema: what a restore or a kept draft carries (status, ids… stay). */
export const EDITABLE = Object.keys(StoryEdit.shape) as (keyof StoryEdit)[];

/** The editable part of a story, as an edit. */
export function editOf(story: Story): StoryEdit {
  const edit: Record<string, unknown> = {};
  for (const key of EDITABLE) if (story[key] !== undefined) edit[key] = story[key];
  return edit as StoryEdit;
}

/**
 * The drafts to offer the user, newest first: each draft that holds text its story does not.
 * A draft the story already holds is saved: `forget` removes it (both backends share this rule).
 */
export async function recoveryOffers(
  journal: Pick<RecoveryJournal, 'ids' | 'get'>,
  readStory: (id: string) => Promise<Story | null>,
  forget: (id: string) => Promise<void>,
): Promise<RecoveryOffer[]> {
  const offers: RecoveryOffer[] = [];
  for (const id of await journal.ids()) {
    const draft = await journal.get(id);
    if (!draft) continue;
    const current = await readStory(id);
    if (current && draftMatches(draft.draft, current)) {
      await forget(id);
      continue;
    }
    offers.push({
      id,
      headline: draft.draft.headline ?? current?.headline ?? '',
      baseVersion: draft.baseVersion,
      ...(current ? { currentVersion: current.version } : {}),
      savedAt: draft.savedAt,
    });
  }
  return offers.sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
}

export class RecoveryJournal {
  readonly #root: string;
  readonly #fs: Partial<DurableFs> | undefined;

  readonly #log: Logger;

  constructor(root: string, fs?: Partial<DurableFs>, log: Logger = consoleLogger) {
    this.#root = root;
    this.#fs = fs;
    this.#log = log;
  }

  #file(id: string): string {
    return inside(join(this.#root, RECOVERY_DIR), `${id}.json`);
  }

  /** Creates the folder and the space reserve (best effort: a full disk must not stop the store opening). */
  async prepare(): Promise<void> {
    await mkdir(join(this.#root, RECOVERY_DIR), { recursive: true });
    await this.#ensureReserve().catch(
      bestEffort(this.#log, '[store] could not keep the space reserve for drafts'),
    );
  }

  async #ensureReserve(): Promise<void> {
    const file = join(this.#root, RECOVERY_DIR, RESERVE_NAME);
    await assertMayWrite(file);
    let handle;
    try {
      handle = await open(file, 'wx');
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return;
      throw error;
    }
    try {
      await handle.writeFile(Buffer.alloc(RESERVE_BYTES));
      await handle.sync();
    } catch (error) {
      // The reserve could not be written: the error below says why; what is left of it goes.
      // eslint-disable-next-line no-restricted-syntax -- closing a handle whose write already failed
      await handle.close().catch(() => undefined);
      // eslint-disable-next-line no-restricted-syntax -- a partial reserve is only space; the write error is thrown
      await unlink(file).catch(() => undefined);
      throw error;
    }
    await handle.close();
  }

  /** Durably records the editor's unsaved text for story `id`, replacing the previous draft. */
  async put(id: string, baseVersion: number, draft: StoryEdit, author?: string): Promise<RecoveryDraft> {
    const record: RecoveryDraft = {
      format: 'mihbara-recovery',
      schemaVersion: RECOVERY_SCHEMA_VERSION,
      storyId: id,
      baseVersion,
      savedAt: new Date().toISOString(),
      draft,
      ...(author ? { author } : {}),
    };
    const text = JSON.stringify(record) + '\n';
    await mkdir(join(this.#root, RECOVERY_DIR), { recursive: true });
    try {
      await writeFileDurably(this.#file(id), text, { fs: this.#fs });
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOSPC' && code !== 'EDQUOT') throw error;
      // Give back the reserve and try once more: this draft is what the full disk puts at risk.
      const freed = await unlink(join(this.#root, RECOVERY_DIR, RESERVE_NAME)).then(
        () => true,
        () => false,
      );
      if (!freed) throw error;
      await writeFileDurably(this.#file(id), text, { fs: this.#fs });
    }
    return record;
  }

  /** The draft of story `id`, or null; a damaged draft file is quarantined, never thrown away. */
  async get(id: string): Promise<RecoveryDraft | null> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.#file(id));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    const parsed = parseJsonBytes(bytes);
    const draft = parsed.ok ? RecoveryDraft.safeParse(parsed.value) : null;
    if (draft?.success && draft.data.storyId === id) return draft.data;
    await quarantineFile(
      this.#root,
      recoveryRelative(id),
      parsed.ok ? 'schema' : parsed.kind,
      parsed.ok ? 'not a recovery draft' : parsed.detail,
      { log: this.#log },
    );
    return null;
  }

  /** Ids of stories that have a draft. */
  async ids(): Promise<string[]> {
    const names = await readdir(join(this.#root, RECOVERY_DIR)).catch(() => [] as string[]);
    return names
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => StoryId.safeParse(id).success);
  }

  /** Removes the draft of `id` (it was saved). */
  async remove(id: string): Promise<void> {
    await assertMayWrite(this.#file(id));
    await unlink(this.#file(id)).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }

  #takenOverFile(id: string, holder: string): string {
    const folder = inside(join(this.#root, RECOVERY_DIR, TAKEN_OVER_DIR), StoryId.parse(id));
    return inside(folder, `${UserId.parse(holder)}.json`);
  }

  /** Keeps `holder`'s text of story `id`, replacing what was kept for them before. */
  async keepTakenOver(
    id: string,
    holder: string,
    baseVersion: number,
    draft: StoryEdit,
    takenOver: TakeOver,
  ): Promise<TakenOverDraft> {
    const record: TakenOverDraft = {
      format: 'mihbara-taken-over',
      schemaVersion: RECOVERY_SCHEMA_VERSION,
      storyId: id,
      holder,
      baseVersion,
      savedAt: new Date().toISOString(),
      draft,
      takenOver,
    };
    const file = this.#takenOverFile(id, holder);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFileDurably(file, JSON.stringify(record) + '\n', { fs: this.#fs });
    return record;
  }

  /** What was kept for `holder` of story `id`, or null; a damaged file is quarantined. */
  async getTakenOver(id: string, holder: string): Promise<TakenOverDraft | null> {
    const file = this.#takenOverFile(id, holder);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    const parsed = parseJsonBytes(bytes);
    const kept = parsed.ok ? TakenOverDraft.safeParse(parsed.value) : null;
    if (kept?.success && kept.data.storyId === id && kept.data.holder === holder) return kept.data;
    await quarantineFile(
      this.#root,
      `${RECOVERY_DIR}/${TAKEN_OVER_DIR}/${id}/${holder}.json`,
      parsed.ok ? 'schema' : parsed.kind,
      parsed.ok ? 'not a kept draft' : parsed.detail,
      { log: this.#log },
    );
    return null;
  }

  /** Everything kept for `holder`, newest first. */
  async takenOverOf(holder: string): Promise<TakenOverDraft[]> {
    const folder = join(this.#root, RECOVERY_DIR, TAKEN_OVER_DIR);
    const ids = (await readdir(folder).catch(() => [] as string[])).filter(
      (name) => StoryId.safeParse(name).success,
    );
    const kept: TakenOverDraft[] = [];
    for (const id of ids) {
      const draft = await this.getTakenOver(id, holder);
      if (draft) kept.push(draft);
    }
    return kept.sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
  }

  /** `holder` set their kept text aside: it moves into `recovery/discarded/`, never deleted. */
  async discardTakenOver(id: string, holder: string): Promise<void> {
    const folder = join(this.#root, RECOVERY_DIR, DISCARDED_DIR);
    await assertMayWrite(folder);
    await mkdir(folder, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await rename(
      this.#takenOverFile(id, holder),
      join(folder, `${id}--${holder}--taken-over--${stamp}.json`),
    ).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }

  /**
   * The user chose not to restore: the draft is moved aside into `recovery/discarded/`, so even
   * a wrong click loses nothing.
   */
  async discard(id: string): Promise<void> {
    const folder = join(this.#root, RECOVERY_DIR, DISCARDED_DIR);
    await assertMayWrite(folder);
    await mkdir(folder, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await rename(this.#file(id), join(folder, `${id}--${stamp}.json`)).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }
}
