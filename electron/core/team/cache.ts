/**
 * What a workstation keeps of the newsroom's stories: full copies of those read or saved most
 * recently in memory, and in its folder (`team/cache/`) the newest page of the list and every
 * story it has seen, so it can start, search and go on editing while the server is unreachable.
 *
 * The folder is best effort (a failed write costs only an offline start) and written in order.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseStoredStory, type Story, type StorySummary } from '../../../shared/story/schema';
import { writeFileDurably } from '../store/durable-file';
import { bestEffort, type Logger } from '../log';

/** the list and the stories last seen on the server, for a start while it is unreachable */
const CACHE = 'team/cache';
/** how many stories' full copies a workstation keeps in memory */
const COPIES_KEPT = 500;
const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/;

export class TeamCache {
  readonly #folder: string;
  readonly #list: () => Iterable<StorySummary>;
  readonly #closed: () => boolean;
  /**
   * Full copies of the stories read or saved most recently: what a reopened story or a search
   * page shown again is answered from, and what offline editing continues from. Bounded (least
   * recently used leaves first): every copy is also in the cache folder (`keepCopy`), and a
   * queued save keeps its own story in the outbox.
   */
  readonly #copies = new Map<string, Story>();
  /** versions of the stories whose copy is in the cache folder */
  readonly #cachedVersions = new Map<string, number>();
  #caching: Promise<unknown> = Promise.resolve();
  /** the list's cache follows changes a little later (one write for a burst), and at close */
  #listTimer: NodeJS.Timeout | null = null;

  readonly #log: Logger;

  /** `list`: the summaries to keep (a bounded page); `closed`: no more delayed writes once true */
  constructor(localRoot: string, log: Logger, list: () => Iterable<StorySummary>, closed: () => boolean) {
    this.#folder = join(localRoot, CACHE);
    this.#log = log;
    this.#list = list;
    this.#closed = closed;
  }

  async prepare(): Promise<void> {
    await mkdir(join(this.#folder, 'stories'), { recursive: true });
  }

  // ---------------------------------------------------------------- in memory

  copy(id: string): Story | undefined {
    return this.#copies.get(id);
  }

  hasCopy(id: string): boolean {
    return this.#copies.has(id);
  }

  forget(id: string): void {
    this.#copies.delete(id);
  }

  /** Drops every copy in memory (they may have moved on while no notice could arrive). */
  forgetCopies(): void {
    this.#copies.clear();
  }

  /** The copies in memory, least recently used first. */
  copies(): IterableIterator<Story> {
    return this.#copies.values();
  }

  keepInMemory(story: Story): void {
    this.#copies.delete(story.id);
    this.#copies.set(story.id, story);
    if (this.#copies.size > COPIES_KEPT) this.#copies.delete(this.#copies.keys().next().value!);
  }

  // ---------------------------------------------------------------- in the folder

  #write(task: () => Promise<unknown>): void {
    this.#caching = this.#caching
      .then(task)
      .catch(bestEffort(this.#log, '[team] could not update the local cache'));
  }

  #copyFile(id: string): string {
    return join(this.#folder, 'stories', `${id}.json`);
  }

  /** resolves once every write asked for so far is done */
  async settled(): Promise<void> {
    await this.#caching;
  }

  keepCopy(story: Story): void {
    if (!SAFE_ID.test(story.id) || this.#cachedVersions.get(story.id) === story.version) return;
    this.#cachedVersions.set(story.id, story.version);
    this.#write(() => writeFileDurably(this.#copyFile(story.id), JSON.stringify(story)));
  }

  /** Writes the list now. */
  saveList(): void {
    if (this.#listTimer) clearTimeout(this.#listTimer);
    this.#listTimer = null;
    const snapshot = [...this.#list()];
    this.#write(() => writeFileDurably(join(this.#folder, 'list.json'), JSON.stringify(snapshot)));
  }

  /** Writes the list a little later (one write for a burst of changes). */
  saveListSoon(): void {
    if (this.#listTimer || this.#closed()) return;
    this.#listTimer = setTimeout(() => this.saveList(), 2000);
    this.#listTimer.unref?.();
  }

  /** The list as last seen on the server; throws when there is none. */
  async readList(): Promise<StorySummary[]> {
    return JSON.parse(await readFile(join(this.#folder, 'list.json'), 'utf8')) as StorySummary[];
  }

  async cachedCopy(id: string): Promise<Story | null> {
    if (!SAFE_ID.test(id)) return null;
    await this.#caching;
    try {
      const parsed = parseStoredStory(JSON.parse(await readFile(this.#copyFile(id), 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** The ids of the stories whose copy is in the folder. */
  async storedIds(): Promise<string[]> {
    await this.#caching;
    // No folder yet: nothing kept.
    const names = await readdir(join(this.#folder, 'stories')).catch(() => [] as string[]);
    return names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5));
  }
}
