/**
 * The search index: an inverted index from term to postings, kept in typed arrays so 50,000
 * stories fit in tens of megabytes and a query over a word found in every story stays in the
 * low milliseconds (tests/bench/search-bench.ts measures it against a linear scan and
 * MiniSearch). Scoring is BM25 with field weights folded into the term frequency; a word's light
 * stem (stem.ts) is a second field, found when the word's own forms are not and ranked below them.
 *
 * A re-saved story takes a fresh slot and its old slot is marked dead (postings are append
 * only); dead slots are dropped when the index is compacted for persisting.
 *
 * Filters have postings of their own (slot lists per status, desk, tag, subject, author and
 * byline) and the slots are kept in date order, so a filtered query starts from the smallest of
 * its filters (or its date range) instead of testing every story, and a date sort never sorts
 * the corpus. The filter postings are derived from the stories' metadata: they are rebuilt on
 * load, not persisted.
 */
import { isStemTerm, nameKey, queryWords, stemTerm, variants, words } from './analyze';

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
/** A match through the stem field only counts this much of a match of the word's own forms. */
export const STEM_FACTOR = 0.25;
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

/** Which filter a facet list belongs to: status, desk, tag, subject, author id, byline. */
type FacetKind = 's' | 'd' | 't' | 'j' | 'a' | 'b';
const facetKey = (kind: FacetKind, value: string) => `${kind}\u0000${value}`;

/** First index in `order[0..length)` whose date is >= `date` (or > `date` when `after`). */
function dateBound(
  order: Int32Array,
  length: number,
  dates: Float64Array,
  date: number,
  after: boolean,
): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = dates[order[mid]!]!;
    if (at < date || (after && at === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Smallest index `i >= from` with `(data[i] >>> 8) >= slot`, found by galloping: used when a
 * short candidate list is intersected with a long posting list.
 */
function gallop(data: Int32Array, length: number, from: number, slot: number): number {
  let step = 1;
  let lo = from;
  let hi = from;
  while (hi < length && data[hi]! >>> 8 < slot) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > length) hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (data[mid]! >>> 8 < slot) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The slots of ascending `slots` that the ascending slot list `list` also holds (in place). */
function intersect(slots: Int32Array, list: { data: Int32Array; length: number }): Int32Array {
  let kept = 0;
  let at = 0;
  const data = list.data;
  for (let i = 0; i < slots.length && at < list.length; i += 1) {
    const slot = slots[i]!;
    // Step through a list of similar size, gallop through a much longer one.
    if (list.length > GALLOP_RATIO * slots.length) {
      let step = 1;
      let hi = at;
      while (hi < list.length && data[hi]! < slot) {
        at = hi + 1;
        hi += step;
        step *= 2;
      }
      hi = Math.min(hi, list.length);
      while (at < hi) {
        const mid = (at + hi) >>> 1;
        if (data[mid]! < slot) at = mid + 1;
        else hi = mid;
      }
    } else while (at < list.length && data[at]! < slot) at += 1;
    if (at < list.length && data[at] === slot) slots[kept++] = slot;
  }
  return slots.subarray(0, kept);
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
  format: typeof PERSIST_FORMAT;
  docs: SlotMeta[];
  terms: string[];
  counts: number[];
}

/** 2: words' light stems are indexed (an index of format 1 is rebuilt from the stories). */
export const PERSIST_FORMAT = 2;

/** A posting list this many times longer than the candidates is galloped through, not read whole. */
const GALLOP_RATIO = 8;

export class SearchEngine {
  #slots: (SlotMeta | null)[] = [];
  #byId = new Map<string, number>();
  #terms = new Map<string, Postings>();
  #totalLength = 0;
  #dead = 0;
  /** word count per slot, 0 for a dead slot: the scoring loop reads this, not the slot's object */
  #lengths = new Int32Array(1024);
  /** last change per slot, ms since the epoch (a date sort reads this, not the slot's object) */
  #dates = new Float64Array(1024);
  /** slots of each status, desk, tag, subject and author id, ascending (dead ones skipped on read) */
  #facets = new Map<string, Postings>();
  /** slots per normalized byline: an author filter matches any byline containing the name */
  #bylines = new Map<string, Postings>();
  /**
   * Merged slot lists of author filters, with the slot count they were merged at: a new put adds
   * a slot and so makes them stale; removed slots need nothing (dead slots are skipped on read).
   */
  #authorLists = new Map<string, { slots: number; list: Postings }>();
  /** every slot ever put since the last compaction, by date then slot */
  #byDate = new Postings(1024);
  /** live tags by normalized key, kept up to date on put and remove (autocomplete reads it) */
  #tagCounts = new Map<string, { name: string; count: number }>();
  // Per-query scratch space, grown with the slot count and reused between queries.
  #score = new Float64Array(0);
  #hits = new Uint16Array(0);
  #stamp = new Int32Array(0);
  /** slots the current query's filters admit, marked with that query's stamp */
  #mark = new Int32Array(0);
  /** the filters' candidate slots of the current query (a prefix of it is used) */
  #found = new Int32Array(0);
  /** slots the current query's words touched, in the order first touched (a prefix is used) */
  #touched = new Int32Array(0);
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
        const stemmed = stemTerm(word.norm);
        frequencies.set(stemmed, (frequencies.get(stemmed) ?? 0) + weight);
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
    const meta: SlotMeta = {
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
    };
    this.#slots.push(meta);
    this.#byId.set(doc.id, slot);
    this.#totalLength += length;
    this.#setSlot(slot, Math.max(1, length), doc.date);
    this.#addFacets(slot, meta);
    this.#countTags(meta, 1);
    // New and re-saved stories are usually the newest: the insertion point is then the end.
    const order = this.#byDate;
    const at = dateBound(order.data, order.length, this.#dates, doc.date, true);
    order.push(slot);
    order.data.copyWithin(at + 1, at, order.length - 1);
    order.data[at] = slot;
  }

  #setSlot(slot: number, length: number, date: number): void {
    if (slot >= this.#lengths.length) {
      const size = Math.max(slot + 1, this.#lengths.length * 2);
      const lengths = new Int32Array(size);
      lengths.set(this.#lengths);
      this.#lengths = lengths;
      const dates = new Float64Array(size);
      dates.set(this.#dates);
      this.#dates = dates;
    }
    this.#lengths[slot] = length;
    this.#dates[slot] = date;
  }

  #addFacets(slot: number, meta: SlotMeta): void {
    const add = (map: Map<string, Postings>, key: string) => {
      let list = map.get(key);
      if (!list) {
        list = new Postings();
        map.set(key, list);
      }
      list.push(slot);
    };
    // Each list holds a slot once, even when a story names a tag twice.
    const keys = new Set<string>([facetKey('s', meta.status)]);
    if (meta.desk) keys.add(facetKey('d', meta.desk));
    for (const tag of meta.tagKeys) keys.add(facetKey('t', tag));
    for (const subject of meta.subjects) keys.add(facetKey('j', subject));
    for (const author of meta.authors) keys.add(facetKey('a', author));
    for (const key of keys) add(this.#facets, key);
    add(this.#bylines, meta.bylineKey);
  }

  #countTags(meta: SlotMeta, delta: 1 | -1): void {
    const seen = new Set<string>();
    meta.tags.forEach((tag, index) => {
      const key = meta.tagKeys[index]!;
      if (seen.has(key)) return;
      seen.add(key);
      const entry = this.#tagCounts.get(key);
      if (entry) {
        entry.count += delta;
        if (entry.count <= 0) this.#tagCounts.delete(key);
      } else if (delta > 0) this.#tagCounts.set(key, { name: tag, count: 1 });
    });
  }

  remove(id: string): void {
    const slot = this.#byId.get(id);
    if (slot === undefined) return;
    const meta = this.#slots[slot]!;
    this.#totalLength -= meta.length;
    this.#countTags(meta, -1);
    this.#slots[slot] = null;
    this.#lengths[slot] = 0;
    this.#byId.delete(id);
    this.#dead += 1;
  }

  /** ids of the stories carrying a tag (compared by normalized key) */
  idsWithTag(tag: string): string[] {
    const list = this.#facets.get(facetKey('t', nameKey(tag)));
    const out: string[] = [];
    if (!list) return out;
    for (let i = 0; i < list.length; i += 1) {
      const meta = this.#slots[list.data[i]!];
      if (meta) out.push(meta.id);
    }
    return out;
  }

  /** every tag in use, as first written, with how many stories carry it */
  tagCounts(): Map<string, { name: string; count: number }> {
    return new Map([...this.#tagCounts].map(([key, entry]) => [key, { ...entry }]));
  }

  #ensureScratch(): void {
    const n = this.#slots.length;
    if (this.#score.length >= n) return;
    const size = Math.max(1024, n * 2);
    this.#score = new Float64Array(size);
    this.#hits = new Uint16Array(size);
    this.#stamp = new Int32Array(size);
    this.#mark = new Int32Array(size);
    this.#found = new Int32Array(size);
    this.#touched = new Int32Array(size);
  }

  /**
   * The live slots the filters admit, ascending; null when no filter is set. Starts from the
   * smallest source (a filter's slot list or the date range) and tests only its slots.
   */
  #candidates(filters: SearchFilters | undefined): Int32Array | null {
    if (!filters) return null;
    const authorKey = filters.author ? nameKey(filters.author) : '';
    const tagKey = filters.tag ? nameKey(filters.tag) : '';
    const empty = new Postings(1);
    const lists: Postings[] = [];
    const facet = (kind: FacetKind, value: string) =>
      lists.push(this.#facets.get(facetKey(kind, value)) ?? empty);
    if (filters.status) facet('s', filters.status);
    if (filters.desk) facet('d', filters.desk);
    if (filters.tag) facet('t', tagKey);
    if (filters.subject) facet('j', filters.subject);
    if (filters.author) lists.push(this.#authorSlots(filters.author, authorKey));
    const ranged = filters.from !== undefined || filters.to !== undefined;
    if (lists.length === 0 && !ranged) return null;

    const order = this.#byDate;
    const lo =
      filters.from === undefined ? 0 : dateBound(order.data, order.length, this.#dates, filters.from, false);
    const hi =
      filters.to === undefined
        ? order.length
        : dateBound(order.data, order.length, this.#dates, filters.to, true);
    let driver: Postings | null = null;
    for (const list of lists) if (!driver || list.length < driver.length) driver = list;

    // The driver's slots, live and (for a date range) sorted; then each other filter by merging
    // with its sorted slot list and the range by the dates: typed arrays only, no story objects.
    const lengths = this.#lengths;
    const fromRange = !driver || (ranged && hi - lo < driver.length);
    const source = fromRange ? order.data : driver!.data;
    const start = fromRange ? lo : 0;
    // A range whose end is before its start (from > to) is empty.
    const end = Math.max(start, fromRange ? hi : driver!.length);
    // Into reused scratch space: a query allocates no list of its own, so a burst of queries
    // leaves the garbage collector nothing to pause for.
    this.#ensureScratch();
    let found: Int32Array = this.#found.subarray(0, end - start);
    let kept = 0;
    for (let i = start; i < end; i += 1) {
      const slot = source[i]!;
      if (lengths[slot] !== 0) found[kept++] = slot;
    }
    found = found.subarray(0, kept);
    if (fromRange) found.sort();
    else if (ranged) {
      const from = filters.from ?? -Infinity;
      const to = filters.to ?? Infinity;
      const dates = this.#dates;
      kept = 0;
      for (let i = 0; i < found.length; i += 1) {
        const date = dates[found[i]!]!;
        if (date >= from && date <= to) found[kept++] = found[i]!;
      }
      found = found.subarray(0, kept);
    }
    for (const list of lists) {
      if (list === driver && !fromRange) continue;
      found = intersect(found, list);
      if (found.length === 0) break;
    }
    return found;
  }

  /** slots credited to an author id or whose byline contains the name, ascending */
  #authorSlots(author: string, authorKey: string): Postings {
    const parts: Postings[] = [];
    const byId = this.#facets.get(facetKey('a', author));
    if (byId) parts.push(byId);
    // A newsroom has hundreds of bylines, not thousands: testing each one is cheap.
    if (authorKey)
      for (const [byline, list] of this.#bylines) if (byline.includes(authorKey)) parts.push(list);
    if (parts.length === 1) return parts[0]!;
    // Merging many bylines' lists is the one costly step of an author filter: keep the result
    // until a story is added, so repeated queries (paging, refreshes) allocate nothing.
    const cacheKey = `${author}\u0000${authorKey}`;
    const cached = this.#authorLists.get(cacheKey);
    if (cached && cached.slots === this.#slots.length) return cached.list;
    const merged: number[] = [];
    for (const part of parts) for (let i = 0; i < part.length; i += 1) merged.push(part.data[i]!);
    const sorted = Int32Array.from(merged).sort();
    const out = new Postings(Math.max(1, sorted.length));
    for (let i = 0; i < sorted.length; i += 1)
      if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]!);
    if (this.#authorLists.size >= 64) this.#authorLists.clear();
    this.#authorLists.set(cacheKey, { slots: this.#slots.length, list: out });
    return out;
  }

  search(query: EngineQuery): EngineResult {
    const limit = Math.max(0, Math.min(query.limit ?? 20, 200));
    const offset = Math.max(0, Math.min(query.offset ?? 0, 10_000));
    const candidates = this.#candidates(query.filters);
    const wordsOfQuery = queryWords(query.text);
    const byDate = query.sort === 'date';
    // Filter-only lists are by date too (newest first).
    const top = new TopK(offset + limit, byDate || wordsOfQuery.length === 0);
    const dates = this.#dates;
    const result = (total: number): EngineResult => ({
      total,
      hits: top
        .sorted()
        .slice(offset)
        .map(({ slot, key }) => ({ id: this.#slots[slot]!.id, score: key })),
    });

    if (wordsOfQuery.length === 0) {
      // No words: a filter alone lists its stories, newest first; nothing at all finds nothing.
      if (!candidates) return { total: 0, hits: [] };
      const wanted = offset + limit;
      const order = this.#byDate;
      if (candidates.length * candidates.length > order.length * wanted) {
        // Many candidates: walking the date order back from the newest meets `wanted` of them soon.
        this.#ensureScratch();
        const mark = this.#mark;
        const stamp = ++this.#stampValue;
        for (let i = 0; i < candidates.length; i += 1) mark[candidates[i]!] = stamp;
        const listed: EngineHit[] = [];
        for (let i = order.length - 1; i >= 0 && listed.length < wanted; i -= 1) {
          const slot = order.data[i]!;
          if (mark[slot] === stamp) listed.push({ id: this.#slots[slot]!.id, score: dates[slot]! });
        }
        return { total: candidates.length, hits: listed.slice(offset) };
      }
      for (let i = 0; i < candidates.length; i += 1) top.offer(candidates[i]!, dates[candidates[i]!]!);
      return result(candidates.length);
    }
    if (candidates && candidates.length === 0) return { total: 0, hits: [] };

    this.#ensureScratch();
    const score = this.#score;
    const hits = this.#hits;
    const stamp = this.#stamp;
    const lengths = this.#lengths;
    const mark = this.#mark;
    let admitted = 0;
    if (candidates) {
      this.#stampValue += 1;
      admitted = this.#stampValue;
      for (let i = 0; i < candidates.length; i += 1) mark[candidates[i]!] = admitted;
    }
    const live = this.#byId.size || 1;
    const averageLength = this.#totalLength / live || 1;
    const touched = this.#touched;
    let touchedCount = 0;
    // Rarest word first: in `all` mode later words only visit slots every earlier word matched.
    const ordered = wordsOfQuery
      .map((forms) => ({
        forms,
        df: forms.reduce((sum, form) => sum + (this.#terms.get(form)?.length ?? 0), 0),
      }))
      .sort((a, b) => a.df - b.df);
    const all = query.mode !== 'any';
    if (all && ordered[0]!.df === 0) return { total: 0, hits: [] };

    const filtered = candidates !== null;
    // One call per word: a small function of its own, which V8 optimizes better than one long loop.
    ordered.forEach(({ forms }, wordIndex) => {
      this.#stampValue += 1;
      const current = this.#stampValue;
      // The slots this word can still count for, ascending, when they are known: the filters'
      // candidates, or in `all` mode the slots every earlier word matched.
      let driver: Int32Array | null = candidates;
      if (all && wordIndex > 0) {
        let alive = 0;
        for (let t = 0; t < touchedCount; t += 1) if (hits[touched[t]!] === wordIndex) alive += 1;
        let longest = 0;
        for (const form of forms) longest = Math.max(longest, this.#terms.get(form)?.length ?? 0);
        // Sorting the survivors pays only when a list is much longer than they are.
        if (longest > GALLOP_RATIO * alive) {
          const survivors = new Int32Array(alive);
          let kept = 0;
          for (let t = 0; t < touchedCount; t += 1)
            if (hits[touched[t]!] === wordIndex) survivors[kept++] = touched[t]!;
          driver = survivors.sort();
        }
      }
      for (const form of forms) {
        const postings = this.#terms.get(form);
        if (!postings) continue;
        // Forms come before the stem: a story the word itself matched is counted at full weight.
        const idf =
          Math.log(1 + (live - postings.length + 0.5) / (postings.length + 0.5)) *
          (isStemTerm(form) ? STEM_FACTOR : 1);
        const data = postings.data;
        const count = postings.length;
        // The same scoring in both loops below, written out: this is the hot path of every query.
        if (driver && count > GALLOP_RATIO * driver.length) {
          // Few candidates, a long list: look each candidate up instead of reading the list.
          let at = 0;
          for (let c = 0; c < driver.length && at < count; c += 1) {
            const slot = driver[c]!;
            if (stamp[slot] === current || (all && hits[slot] !== wordIndex)) continue;
            at = gallop(data, count, at, slot);
            if (at >= count || data[at]! >>> 8 !== slot || lengths[slot] === 0) continue;
            if (hits[slot] === 0) touched[touchedCount++] = slot;
            const tf = data[at]! & 0xff;
            score[slot] =
              score[slot]! +
              (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lengths[slot]!) / averageLength));
            hits[slot] = hits[slot]! + 1;
            stamp[slot] = current;
          }
          continue;
        }
        for (let i = 0; i < count; i += 1) {
          const packed = data[i]!;
          const slot = packed >>> 8;
          // Another form of this word counted the slot already.
          if (stamp[slot] === current) continue;
          // All mode: a slot an earlier word missed can no longer qualify.
          if (all && hits[slot] !== wordIndex) continue;
          if (filtered && mark[slot] !== admitted) continue;
          const length = lengths[slot]!;
          if (length === 0) continue;
          if (hits[slot] === 0) touched[touchedCount++] = slot;
          const tf = packed & 0xff;
          score[slot] =
            score[slot]! + (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
          hits[slot] = hits[slot]! + 1;
          stamp[slot] = current;
        }
      }
    });

    const needed = all ? ordered.length : 1;
    let total = 0;
    for (let t = 0; t < touchedCount; t += 1) {
      const slot = touched[t]!;
      if (hits[slot]! >= needed) {
        total += 1;
        top.offer(slot, byDate ? dates[slot]! : score[slot]!);
      }
      score[slot] = 0;
      hits[slot] = 0;
    }
    return result(total);
  }

  /** Rebuilds what derives from the slots' metadata: lengths, dates, filter lists, date order, tag counts. */
  #rebuildDerived(): void {
    const n = this.#slots.length;
    this.#lengths = new Int32Array(Math.max(1024, n * 2));
    this.#dates = new Float64Array(Math.max(1024, n * 2));
    this.#facets = new Map();
    this.#bylines = new Map();
    this.#authorLists = new Map();
    this.#tagCounts = new Map();
    this.#totalLength = 0;
    const live: number[] = [];
    this.#slots.forEach((meta, slot) => {
      if (!meta) return;
      this.#totalLength += meta.length;
      this.#setSlot(slot, Math.max(1, meta.length), meta.date);
      this.#addFacets(slot, meta);
      this.#countTags(meta, 1);
      live.push(slot);
    });
    const dates = this.#dates;
    live.sort((a, b) => dates[a]! - dates[b]! || a - b);
    this.#byDate = new Postings(Math.max(1024, live.length));
    for (const slot of live) this.#byDate.push(slot);
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
    header.docs.forEach((meta, slot) => engine.#byId.set(meta.id, slot));
    engine.#rebuildDerived();
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
    this.#rebuildDerived();
    this.#dead = 0;
  }

  /** dead slots waiting for compaction */
  get deadSlots(): number {
    return this.#dead;
  }
}

/**
 * Keeps the `k` best entries (newest date or best score) in a binary heap of typed arrays: an
 * offer costs at most log k steps and allocates nothing. Ties are broken by slot, so the order
 * is total and consecutive pages of one query never overlap or skip a story: by date the later
 * slot first (as a walk back through the date order meets them), by score the earlier slot
 * first (most ties then fail the first comparison, which keeps common scores cheap).
 */
class TopK {
  readonly #keys: Float64Array;
  readonly #slots: Int32Array;
  /** +1: on a tie the higher slot ranks first; -1: the lower one */
  readonly #tie: number;
  #size = 0;
  constructor(
    readonly k: number,
    laterFirst: boolean,
  ) {
    this.#keys = new Float64Array(Math.max(1, k));
    this.#slots = new Int32Array(Math.max(1, k));
    this.#tie = laterFirst ? 1 : -1;
  }
  /** whether entry `i` ranks below entry `j` */
  #below(i: number, j: number): boolean {
    const keys = this.#keys;
    return (
      keys[i]! < keys[j]! || (keys[i] === keys[j] && (this.#slots[i]! - this.#slots[j]!) * this.#tie < 0)
    );
  }
  #swap(i: number, j: number): void {
    const keys = this.#keys;
    const slots = this.#slots;
    const key = keys[i]!;
    keys[i] = keys[j]!;
    keys[j] = key;
    const slot = slots[i]!;
    slots[i] = slots[j]!;
    slots[j] = slot;
  }
  offer(slot: number, key: number): void {
    if (this.k === 0) return;
    const keys = this.#keys;
    const slots = this.#slots;
    if (this.#size < this.k) {
      let at = this.#size++;
      keys[at] = key;
      slots[at] = slot;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!this.#below(at, parent)) break;
        this.#swap(at, parent);
        at = parent;
      }
      return;
    }
    // The root is the worst entry kept: a newcomer must rank above it.
    if (key < keys[0]! || (key === keys[0] && (slot - slots[0]!) * this.#tie <= 0)) return;
    keys[0] = key;
    slots[0] = slot;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < this.#size && this.#below(left, worst)) worst = left;
      if (right < this.#size && this.#below(right, worst)) worst = right;
      if (worst === at) return;
      this.#swap(at, worst);
      at = worst;
    }
  }
  /** the entries kept, best first */
  sorted(): { slot: number; key: number }[] {
    const out: { slot: number; key: number }[] = [];
    for (let i = 0; i < this.#size; i += 1) out.push({ slot: this.#slots[i]!, key: this.#keys[i]! });
    return out.sort((a, b) => b.key - a.key || (b.slot - a.slot) * this.#tie);
  }
}
