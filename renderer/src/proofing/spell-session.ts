/**
 * The spell-checking state of one editor: which words were checked, which are misspelled,
 * which the editor chose to ignore. Words are collected from the blocks that changed and sent
 * to the worker in batches; the editor re-decorates when the worker's answer changes anything.
 */
import { Node, type Descendant, type Operation } from 'slate';
import { spellingWords } from '../../../shared/text/spelling';
import type { SpellClient } from './spell-client';

/** Blocks scanned per slice of the first scan, so a 10,000-paragraph story never blocks input. */
const SCAN_SLICE = 250;
/** Words per request to the worker. */
const BATCH = 2000;

export class SpellSession {
  readonly checked = new Set<string>();
  readonly misspelled = new Set<string>();
  readonly ignored = new Set<string>();
  #version = 0;
  readonly #listeners = new Set<() => void>();
  readonly #pending = new Set<string>();
  #dirty = new Set<number>();
  #scanAll = true;
  #scheduled = false;
  #sending = false;

  constructor(
    readonly client: SpellClient,
    readonly document: () => Descendant[],
    readonly enabled: () => boolean,
  ) {}

  get version(): number {
    return this.#version;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #changed(): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener();
  }

  /** Notes the blocks an editor change touched; they are scanned on the next idle slice. */
  noteOperations(operations: readonly Operation[]): void {
    for (const operation of operations) {
      if (operation.type === 'set_selection') continue;
      const top = operation.path[0];
      if (top === undefined) {
        this.#scanAll = true;
        continue;
      }
      this.#dirty.add(top);
      // A merge folds the block into the one before; a split or move lands next to it.
      if (top > 0) this.#dirty.add(top - 1);
      this.#dirty.add(top + 1);
      if (operation.type === 'move_node' && operation.newPath[0] !== undefined)
        this.#dirty.add(operation.newPath[0]);
    }
    this.schedule();
  }

  /** Rescans the whole document (at mount, after the checker is switched on). */
  rescanAll(): void {
    this.#scanAll = true;
    this.schedule();
  }

  schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => {
      this.#scheduled = false;
      void this.#scan();
    }, 0);
  }

  async #scan(): Promise<void> {
    if (!this.enabled()) return;
    const blocks = this.document();
    let indices: number[];
    if (this.#scanAll) {
      this.#scanAll = false;
      this.#dirty.clear();
      indices = blocks.map((_, index) => index);
    } else {
      indices = [...this.#dirty].filter((index) => index < blocks.length);
      this.#dirty.clear();
    }
    for (let from = 0; from < indices.length; from += SCAN_SLICE) {
      if (from > 0) await new Promise((resolve) => setTimeout(resolve, 0));
      for (const index of indices.slice(from, from + SCAN_SLICE)) {
        const block = blocks[index];
        if (!block) continue;
        for (const { word } of spellingWords(Node.string(block))) {
          if (!this.checked.has(word)) this.#pending.add(word);
        }
      }
    }
    await this.#send();
  }

  async #send(): Promise<void> {
    if (this.#sending) return;
    this.#sending = true;
    try {
      while (this.#pending.size > 0) {
        const batch = [...this.#pending].slice(0, BATCH);
        for (const word of batch) this.#pending.delete(word);
        const misspelled = new Set(await this.client.check(batch));
        let changed = false;
        for (const word of batch) {
          this.checked.add(word);
          if (misspelled.has(word) !== this.misspelled.has(word)) {
            changed = true;
            if (misspelled.has(word)) this.misspelled.add(word);
            else this.misspelled.delete(word);
          }
        }
        if (changed) this.#changed();
      }
    } finally {
      this.#sending = false;
    }
  }

  /** Stops marking `word` in this editor. */
  ignore(word: string): void {
    this.ignored.add(word);
    this.#changed();
  }

  /** After a word joined the newsroom's list: check every marked word again. */
  async recheckMisspelled(): Promise<void> {
    for (const word of this.misspelled) {
      this.checked.delete(word);
      this.#pending.add(word);
    }
    await this.#send();
  }

  /** A settings switch or a load finished: let the editor re-decorate. */
  touch(): void {
    this.#changed();
  }
}
