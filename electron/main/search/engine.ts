/**
 * The search index: an inverted index from term to postings, kept in typed arrays so 50,000
 * stories fit in tens of megabytes and a query over a word found in every story stays in the
 * low milliseconds (tests/bench/search-bench.ts measures it against a linear scan and
 * MiniSearch). Scoring is BM25 with field weights folded into the term frequency.
 *
 * A re-saved story takes a fresh slot and its old slot is marked dead (postings are append
 * only); dead slots are dropped when the index is compacted for persisting.
 */
import { nameKey, queryWords, variants, words } from './analyze';

/** What the index keeps of a story. */
export interface IndexDoc {
  id: string;
  version: number;
  headline: string;
  subheadline: string;
  byline: string;
  body: string;
  tags: string[];
  /** names of the people, places and organisations of the story */
  entities: string[];
  status: string;
  desk?: string;
  authors: string[];
  /** Media Topic qcodes with their broader concepts, so a filter on سياسة finds دبلوماسية */
  subjects: string[];
  /** last change, ms since the epoch */
  date: number;
}

export interface SearchFilters {
  status?: string;
  /** a newsroom user id (authors) or a name found in the byline */
  author?: string;
  desk?: string;
  tag?: string;
  subject?: string;
  /** inclusive bounds on the last change, ms since the epoch */
  from?: number;
  to?: number;
}

export interface EngineQuery {
  text: string;
  filters?: SearchFilters;
  sort?: 'relevance' | 'date';
  /** `all`: every word must match (a search); `any`: some word (similar-story candidates) */
  mode?: 'all' | 'any';
  offset?: number;
  limit?: number;
}

export interface EngineHit {
  id: string;
  score: number;
}

export interface EngineResult {
  total: number;
  hits: EngineHit[];
}

const FIELD_WEIGHTS = { headline: 5, subheadline: 3, tags: 4, entities: 4, byline: 2, body: 1 } as const;
const MAX_TF = 255;
const K1 = 1.2;
const B = 0.75;

/** A growable Int32Array of packed postings: slot << 8 | weighted term frequency. */
class Postings {
  data: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
}

interface SlotMeta {
  id: string;
  version: number;
  status: string;
  desk: string;
  authors: string[];
  bylineKey: string;
  tagKeys: string[];
  /** tags as written, for listing the newsroom's tags */
  tags: string[];
  subjects: string[];
  date: number;
  length: number;
}

/** Header of the persisted form; postings follow it as raw Int32 bytes. */
interface PersistedHeader {
  format: 1;
  docs: SlotMeta[];
  terms: string[];
  counts: number[];
}

export const PERSIST_FORMAT = 1;

export class SearchEngine {
  #slots: (SlotMeta | null)[] = [];
  #byId = new Map<string, number>();
  #terms = new Map<string, Postings>();
  #totalLength = 0;
  #dead = 0;
  /** word count per slot, 0 for a dead slot: the scoring loop reads this, not the slot's object */
  #lengths = new Int32Array(1024);
  // Per-query scratch space, grown with the slot count and reused between queries.
  #score = new Float64Array(0);
  #hits = new Uint16Array(0);
  #stamp = new Int32Array(0);
  #stampValue = 0;

  get size(): number {
    return this.#byId.size;
  }

  /** every indexed story's id and version (what a catch-up compares with the store) */
  versions(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [id, slot] of this.#byId) out.set(id, this.#slots[slot]!.version);
    return out;
  }

  /** adds a story or replaces its earlier version */
  put(doc: IndexDoc): void {
    this.remove(doc.id);
    const slot = this.#slots.length;
    const frequencies = new Map<string, number>();
    let length = 0;
    const addText = (text: string, weight: number) => {
      for (const word of words(text)) {
        length += 1;
        for (const form of variants(word.norm)) {
          frequencies.set(form, (frequencies.get(form) ?? 0) + weight);
        }
      }
    };
    addText(doc.headline, FIELD_WEIGHTS.headline);
    addText(doc.subheadline, FIELD_WEIGHTS.subheadline);
    addText(doc.byline, FIELD_WEIGHTS.byline);
    addText(doc.body, FIELD_WEIGHTS.body);
    for (const tag of doc.tags) addText(tag, FIELD_WEIGHTS.tags);
    for (const entity of doc.entities) addText(entity, FIELD_WEIGHTS.entities);
    for (const [term, tf] of frequencies) {
      let postings = this.#terms.get(term);
      if (!postings) {
        postings = new Postings();
        this.#terms.set(term, postings);
      }
      postings.push((slot << 8) | Math.min(tf, MAX_TF));
    }
    this.#slots.push({
      id: doc.id,
      version: doc.version,
      status: doc.status,
      desk: doc.desk ?? '',
      authors: doc.authors,
      bylineKey: nameKey(doc.byline),
      tagKeys: doc.tags.map(nameKey),
      tags: doc.tags,
      subjects: doc.subjects,
      date: doc.date,
      length,
    });
    this.#byId.set(doc.id, slot);
    this.#totalLength += length;
    this.#setLength(slot, Math.max(1, length));
  }

  #setLength(slot: number, length: number): void {
    if (slot >= this.#lengths.length) {
      const next = new Int32Array(Math.max(slot + 1, this.#lengths.length * 2));
      next.set(this.#lengths);
      this.#lengths = next;
    }
    this.#lengths[slot] = length;
  }

  remove(id: string): void {
    const slot = this.#byId.get(id);
    if (slot === undefined) return;
    this.#totalLength -= this.#slots[slot]!.length;
    this.#slots[slot] = null;
    this.#lengths[slot] = 0;
    this.#byId.delete(id);
    this.#dead += 1;
  }

  /** ids of the stories carrying a tag (compared by normalized key) */
  idsWithTag(tag: string): string[] {
    const key = nameKey(tag);
    const out: string[] = [];
    for (const meta of this.#slots) if (meta && meta.tagKeys.includes(key)) out.push(meta.id);
    return out;
  }

  /** every tag in use, as first written, with how many stories carry it */
  tagCounts(): Map<string, { name: string; count: number }> {
    const out = new Map<string, { name: string; count: number }>();
    for (const meta of this.#slots) {
      if (!meta) continue;
      meta.tags.forEach((tag, index) => {
        const key = meta.tagKeys[index]!;
        const entry = out.get(key);
        if (entry) entry.count += 1;
        else out.set(key, { name: tag, count: 1 });
      });
    }
    return out;
  }

  #ensureScratch(): void {
    const n = this.#slots.length;
    if (this.#score.length >= n) return;
    const size = Math.max(1024, n * 2);
    this.#score = new Float64Array(size);
    this.#hits = new Uint16Array(size);
    this.#stamp = new Int32Array(size);
  }

  #matches(meta: SlotMeta, filters: SearchFilters | undefined, authorKey: string, tagKey: string): boolean {
    if (!filters) return true;
    if (filters.status && meta.status !== filters.status) return false;
    if (filters.desk && meta.desk !== filters.desk) return false;
    if (filters.author && !meta.authors.includes(filters.author) && !meta.bylineKey.includes(authorKey))
      return false;
    if (filters.tag && !meta.tagKeys.includes(tagKey)) return false;
    if (filters.subject && !meta.subjects.includes(filters.subject)) return false;
    if (filters.from !== undefined && meta.date < filters.from) return false;
    if (filters.to !== undefined && meta.date > filters.to) return false;
    return true;
  }

  search(query: EngineQuery): EngineResult {
    const limit = Math.max(0, Math.min(query.limit ?? 20, 200));
    const offset = Math.max(0, Math.min(query.offset ?? 0, 10_000));
    const filters = query.filters;
    const authorKey = filters?.author ? nameKey(filters.author) : '';
    const tagKey = filters?.tag ? nameKey(filters.tag) : '';
    const hasFilter =
      !!filters && Object.values(filters).some((value) => value !== undefined && value !== '');
    const wordsOfQuery = queryWords(query.text);
    const byDate = query.sort === 'date';
    const top = new TopK(offset + limit);
    let total = 0;

    if (wordsOfQuery.length === 0) {
      // No words: a filter alone lists its stories, newest first; nothing at all finds nothing.
      if (!hasFilter) return { total: 0, hits: [] };
      for (const meta of this.#slots) {
        if (!meta || !this.#matches(meta, filters, authorKey, tagKey)) continue;
        total += 1;
        top.offer(this.#byId.get(meta.id)!, meta.date);
      }
      const listed = top.sorted().slice(offset);
      return { total, hits: listed.map(({ slot, key }) => ({ id: this.#slots[slot]!.id, score: key })) };
    }

    this.#ensureScratch();
    // A filter is applied before scoring: postings of stories it excludes are skipped unread.
    const lengths = hasFilter ? this.#filteredLengths(filters, authorKey, tagKey) : this.#lengths;
    const score = this.#score;
    const hits = this.#hits;
    const stamp = this.#stamp;
    const live = this.#byId.size || 1;
    const averageLength = this.#totalLength / live || 1;
    const touched: number[] = [];
    // Rarest word first: in `all` mode later words only visit slots every earlier word matched.
    const ordered = wordsOfQuery
      .map((forms) => ({
        forms,
        df: forms.reduce((sum, form) => sum + (this.#terms.get(form)?.length ?? 0), 0),
      }))
      .sort((a, b) => a.df - b.df);
    const all = query.mode !== 'any';
    if (all && ordered[0]!.df === 0) return { total: 0, hits: [] };

    ordered.forEach(({ forms }, wordIndex) => {
      this.#stampValue += 1;
      const current = this.#stampValue;
      for (const form of forms) {
        const postings = this.#terms.get(form);
        if (!postings) continue;
        const idf = Math.log(1 + (live - postings.length + 0.5) / (postings.length + 0.5));
        const data = postings.data;
        for (let i = 0; i < postings.length; i += 1) {
          const packed = data[i]!;
          const slot = packed >>> 8;
          // Another form of this word counted the slot already.
          if (stamp[slot] === current) continue;
          // All mode: a slot an earlier word missed can no longer qualify.
          if (all && hits[slot] !== wordIndex) continue;
          const length = lengths[slot]!;
          if (length === 0) continue;
          if (hits[slot] === 0) touched.push(slot);
          const tf = packed & 0xff;
          const norm = tf + K1 * (1 - B + (B * length) / averageLength);
          score[slot] = score[slot]! + (idf * tf * (K1 + 1)) / norm;
          hits[slot] = hits[slot]! + 1;
          stamp[slot] = current;
        }
      }
    });

    const needed = all ? ordered.length : 1;
    for (const slot of touched) {
      const meta = this.#slots[slot]!;
      if (hits[slot]! >= needed) {
        total += 1;
        top.offer(slot, byDate ? meta.date : score[slot]!);
      }
      score[slot] = 0;
      hits[slot] = 0;
    }
    return {
      total,
      hits: top
        .sorted()
        .slice(offset)
        .map(({ slot, key }) => ({ id: this.#slots[slot]!.id, score: key })),
    };
  }

  /** slot lengths with 0 for every slot the filters exclude */
  #filteredLengths(filters: SearchFilters | undefined, authorKey: string, tagKey: string): Int32Array {
    const out = new Int32Array(this.#lengths.length);
    this.#slots.forEach((meta, slot) => {
      if (meta && this.#matches(meta, filters, authorKey, tagKey)) out[slot] = this.#lengths[slot]!;
    });
    return out;
  }

  /** the index without dead slots, as bytes (header JSON, then the postings) */
  serialize(): Uint8Array {
    this.compact();
    const terms: string[] = [];
    const counts: number[] = [];
    let totalPostings = 0;
    for (const [term, postings] of this.#terms) {
      terms.push(term);
      counts.push(postings.length);
      totalPostings += postings.length;
    }
    const header: PersistedHeader = {
      format: PERSIST_FORMAT,
      docs: this.#slots as SlotMeta[],
      terms,
      counts,
    };
    const headerBytes = new TextEncoder().encode(JSON.stringify(header));
    const padded = Math.ceil((headerBytes.length + 8) / 4) * 4;
    const out = new Uint8Array(padded + totalPostings * 4);
    const view = new DataView(out.buffer);
    view.setUint32(0, 0x4d534958); // "MSIX"
    view.setUint32(4, headerBytes.length);
    out.set(headerBytes, 8);
    const postingsView = new Int32Array(out.buffer, padded, totalPostings);
    let at = 0;
    for (const postings of this.#terms.values()) {
      postingsView.set(postings.data.subarray(0, postings.length), at);
      at += postings.length;
    }
    return out;
  }

  /** reads what `serialize` wrote; throws on anything else */
  static deserialize(bytes: Uint8Array): SearchEngine {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < 8 || view.getUint32(0) !== 0x4d534958) throw new Error('not a search index file');
    const headerLength = view.getUint32(4);
    const header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)),
    ) as PersistedHeader;
    if (header.format !== PERSIST_FORMAT) throw new Error(`search index format ${String(header.format)}`);
    const padded = Math.ceil((headerLength + 8) / 4) * 4;
    const total = header.counts.reduce((sum, count) => sum + count, 0);
    if (bytes.byteLength !== padded + total * 4) throw new Error('search index file is truncated');
    // Copy: the source buffer may not be 4-byte aligned.
    const all = new Int32Array(bytes.slice(padded).buffer);
    const engine = new SearchEngine();
    engine.#slots = header.docs;
    header.docs.forEach((meta, slot) => {
      engine.#byId.set(meta.id, slot);
      engine.#totalLength += meta.length;
      engine.#setLength(slot, Math.max(1, meta.length));
    });
    let at = 0;
    header.terms.forEach((term, index) => {
      const count = header.counts[index]!;
      const postings = new Postings(Math.max(4, count));
      postings.data.set(all.subarray(at, at + count));
      postings.length = count;
      at += count;
      engine.#terms.set(term, postings);
    });
    return engine;
  }

  /** drops dead slots and renumbers the live ones */
  compact(): void {
    if (this.#dead === 0) return;
    const renumber = new Int32Array(this.#slots.length).fill(-1);
    const slots: SlotMeta[] = [];
    this.#slots.forEach((meta, slot) => {
      if (meta) {
        renumber[slot] = slots.length;
        slots.push(meta);
      }
    });
    for (const [term, postings] of this.#terms) {
      let kept = 0;
      for (let i = 0; i < postings.length; i += 1) {
        const packed = postings.data[i]!;
        const to = renumber[packed >>> 8]!;
        if (to >= 0) postings.data[kept++] = (to << 8) | (packed & 0xff);
      }
      postings.length = kept;
      if (kept === 0) this.#terms.delete(term);
    }
    this.#slots = slots;
    this.#byId = new Map(slots.map((meta, slot) => [meta.id, slot]));
    this.#lengths = new Int32Array(Math.max(1024, slots.length * 2));
    slots.forEach((meta, slot) => (this.#lengths[slot] = Math.max(1, meta.length)));
    this.#dead = 0;
  }

  /** dead slots waiting for compaction */
  get deadSlots(): number {
    return this.#dead;
  }
}

/** Keeps the `k` entries with the largest keys (newest date or best score). */
class TopK {
  #entries: { slot: number; key: number }[] = [];
  constructor(readonly k: number) {}
  offer(slot: number, key: number): void {
    const entries = this.#entries;
    if (this.k === 0) return;
    if (entries.length === this.k && key <= entries[entries.length - 1]!.key) return;
    let at = entries.length;
    while (at > 0 && entries[at - 1]!.key < key) at -= 1;
    entries.splice(at, 0, { slot, key });
    if (entries.length > this.k) entries.pop();
  }
  sorted(): { slot: number; key: number }[] {
    return this.#entries;
  }
}
