/**
 * The story and revision files of one folder store, read and checked: a story file must hold a
 * valid story with its own id, a revision file a revision of that story at that version. A
 * damaged revision is moved aside (write mode) as soon as it is found; what happens to a
 * damaged story file is repair.ts's.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { ApiError } from '../../../shared/api/errors';
import { parseStoredStory, type Story } from '../../../shared/story/schema';
import { type DurableFs, DurableJsonFile, errorCode, parseJsonBytes, writeFileDurably } from './durable-file';
import { STORIES_DIR } from './journal';
import { inside } from './paths';
import { type QuarantineEntry, quarantineFile } from './quarantine';
import type { RecoveryJournal } from './recovery';
import { Revision, applyRevision, revisionRelative, revisionVersions, storyOfRevisions } from './revisions';
import type { StoryIndex } from './story-index';
import { fileError } from '../errors';
import type { Logger } from '../log';

/** The parts of one open folder store that its modules (reconcile, save, repair) share. */
export interface StoreParts {
  readonly root: string;
  readonly mode: 'write' | 'read';
  readonly fs: Partial<DurableFs> | undefined;
  /** who saves when the caller names nobody */
  readonly actor: string;
  readonly log: Logger;
  readonly index: StoryIndex;
  readonly files: StoryFiles;
  readonly recovery: RecoveryJournal;
  /** depth of each story's latest revision since its last snapshot, so a save need not read it */
  readonly depths: Map<string, { version: number; depth: number }>;
}

export class StoryFiles {
  readonly root: string;
  readonly mode: 'write' | 'read';
  readonly #fs: Partial<DurableFs> | undefined;
  readonly #quarantined: QuarantineEntry[] = [];
  readonly log: Logger;

  constructor(root: string, mode: 'write' | 'read', fs: Partial<DurableFs> | undefined, log: Logger) {
    this.root = root;
    this.mode = mode;
    this.#fs = fs;
    this.log = log;
  }

  // ---------------------------------------------------------------- paths

  storyFile(id: string): string {
    return inside(join(this.root, STORIES_DIR), `${id}.json`);
  }

  relative(id: string): string {
    return `${STORIES_DIR}/${id}.json`;
  }

  // ---------------------------------------------------------------- quarantine

  /** Moves a damaged file aside (write mode only: a reader never changes the store). */
  async quarantine(relative: string, kind: string, detail: string, action?: string): Promise<void> {
    if (this.mode !== 'write') return;
    const entry = await quarantineFile(this.root, relative, kind, detail, { action, log: this.log }).catch(
      (error: unknown) => {
        this.log.error(`[store] could not quarantine ${relative}: ${String(error)}`);
        return null;
      },
    );
    if (entry) this.#quarantined.push(entry);
  }

  /** Records a quarantine made elsewhere (the damaged journal's copy). */
  noteQuarantined(entry: QuarantineEntry): void {
    this.#quarantined.push(entry);
  }

  quarantined(): QuarantineEntry[] {
    return [...this.#quarantined];
  }

  /** how many files were moved aside since the store opened */
  get quarantinedCount(): number {
    return this.#quarantined.length;
  }

  // ---------------------------------------------------------------- stories

  /** Reads and validates one story file through lowdb; null when there is no file. */
  async readStory(id: string): Promise<Story | null> {
    const db = new Low<unknown>(new DurableJsonFile<unknown>(this.storyFile(id)), null);
    try {
      await db.read();
    } catch (error) {
      throw fileError(error, `story file ${this.relative(id)}`);
    }
    if (db.data === null) return null;
    let parsed: ReturnType<typeof parseStoredStory>;
    try {
      parsed = parseStoredStory(db.data);
    } catch (error) {
      // Whatever the validation itself throws, the file is what is wrong.
      throw new ApiError('store-damaged', `story file ${this.relative(id)} cannot be read: ${String(error)}`);
    }
    if (!parsed.success) {
      throw new ApiError(
        'store-damaged',
        `story file ${this.relative(id)} does not hold a valid story`,
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    if (parsed.data.id !== id) {
      throw new ApiError(
        'store-damaged',
        `story file ${this.relative(id)} holds the story ${parsed.data.id}, not ${id}`,
      );
    }
    return parsed.data;
  }

  /** Writes a story file that repair rebuilt (a save goes through save.ts). */
  async writeStory(id: string, story: Story): Promise<void> {
    await writeFileDurably(this.storyFile(id), JSON.stringify(story, null, 2) + '\n', {
      fs: this.#fs,
    });
  }

  /** Which kind of damage a file shows, for the quarantine report. */
  async damageKind(relative: string): Promise<string> {
    try {
      const parsed = parseJsonBytes(await readFile(join(this.root, relative)));
      if (!parsed.ok) return parsed.kind;
      const story = parseStoredStory(parsed.value);
      return story.success ? 'id-mismatch' : 'schema';
    } catch {
      return 'unreadable';
    }
  }

  // ---------------------------------------------------------------- revisions

  async readRevision(id: string, version: number): Promise<Revision> {
    const relative = revisionRelative(id, version);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(this.root, relative));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        throw new ApiError('not-found', `story ${id} has no revision ${version}`);
      }
      throw fileError(error, relative);
    }
    const parsed = parseJsonBytes(bytes);
    const revision = parsed.ok ? Revision.safeParse(parsed.value) : null;
    if (revision?.success && revision.data.storyId === id && revision.data.version === version) {
      return revision.data;
    }
    const kind = parsed.ok ? 'schema' : parsed.kind;
    const detail = parsed.ok ? 'not a revision of this story' : parsed.detail;
    await this.quarantine(relative, kind, detail, 'revision moved aside; the story file is untouched');
    throw new ApiError('store-damaged', `revision file ${relative} is damaged (${kind}): ${detail}`);
  }

  /** Rebuilds version `version` from the nearest snapshot at or before it. */
  async reconstruct(id: string, version: number, known?: number[]): Promise<Story> {
    const versions = new Set(known ?? (await revisionVersions(this.root, id)));
    if (!versions.has(version)) throw new ApiError('not-found', `story ${id} has no revision ${version}`);
    const chain: Revision[] = [];
    for (let at = version; ; at -= 1) {
      if (!versions.has(at)) {
        throw new ApiError(
          'store-damaged',
          `the revision chain of ${id} is broken: revision ${at} is missing`,
        );
      }
      const revision = await this.readRevision(id, at);
      chain.push(revision);
      if (revision.kind === 'snapshot') break;
    }
    let story: Story | undefined;
    for (const revision of chain.reverse()) {
      try {
        story = applyRevision(story, revision);
      } catch (error) {
        throw new ApiError(
          'store-damaged',
          `the revision chain of ${id} is broken: ${(error as Error).message}`,
        );
      }
    }
    try {
      return storyOfRevisions(story as Story);
    } catch (error) {
      throw new ApiError('store-damaged', `the revision chain of ${id}: ${(error as Error).message}`);
    }
  }
}
