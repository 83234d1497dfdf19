/**
 * The engine's filter postings and date order against a plain predicate over the same stories:
 * every filter, alone and combined, with and without words, before and after re-saves (dead
 * slots) and after persisting (compaction). The corpus is built so that both ways of meeting
 * a posting list are taken: reading the list against marked candidates, and galloping through
 * a long list for a few candidates.
 */
import { describe, expect, it } from 'vitest';
import {
  SearchEngine,
  type EngineHit,
  type IndexDoc,
  type SearchFilters,
} from '../../../electron/core/search/engine';
import { nameKey } from '../../../electron/core/search/analyze';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ['draft', 'submitted', 'approved', 'published'];
const DESKS = ['سياسة', 'اقتصاد', 'رياضة', ''];
const TAGS = ['ليبيا', 'العراق', 'نفط', 'صحة', 'نادر'];
const SUBJECTS = ['medtop:11000000', 'medtop:04000000', 'medtop:15000000'];
const BYLINES = ['ياسين أحمد', 'ليلى حسن', 'سلمى الكبير', 'مراسل محبرة في بغداد'];
const RARE_WORDS = ['طرابلس', 'المنفي', 'الدبيبة', 'أربيل'];

function makeDoc(index: number, random: () => number, version = 1): IndexDoc {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  // 'خبر' is in every story; the rare words in a few; 'نادر' tags about one story in a hundred.
  const body = ['خبر عن', pick(['القمة', 'الاقتصاد', 'المباراة']), random() < 0.05 ? pick(RARE_WORDS) : '']
    .join(' ')
    .trim();
  const tags = [pick(TAGS.slice(0, 4))];
  if (random() < 0.01) tags.push('نادر');
  if (random() < 0.1) tags.push(tags[0]!); // a tag named twice must count once
  return {
    id: `story-${String(index).padStart(5, '0')}`,
    version,
    headline: random() < 0.5 ? 'القمة العربية في بغداد' : 'أسعار النفط',
    subheadline: '',
    byline: pick(BYLINES),
    body,
    tags,
    entities: [],
    status: pick(STATUSES),
    desk: pick(DESKS) || undefined,
    authors: random() < 0.3 ? ['u-yasin'] : [],
    subjects: random() < 0.5 ? [pick(SUBJECTS)] : [],
    // Unique dates, not in id order, so a date sort is a real test.
    date: Date.UTC(2026, 0, 1) + ((index * 7919) % 100_003) * 60_000 + version,
  };
}

/** What a filter admits, written plainly. */
function admits(doc: IndexDoc, f: SearchFilters): boolean {
  if (f.status && doc.status !== f.status) return false;
  if (f.desk && (doc.desk ?? '') !== f.desk) return false;
  if (f.tag && !doc.tags.map(nameKey).includes(nameKey(f.tag))) return false;
  if (f.subject && !doc.subjects.includes(f.subject)) return false;
  if (f.author && !doc.authors.includes(f.author) && !nameKey(doc.byline).includes(nameKey(f.author)))
    return false;
  if (f.from !== undefined && doc.date < f.from) return false;
  if (f.to !== undefined && doc.date > f.to) return false;
  return true;
}

function filterSets(docs: IndexDoc[]): SearchFilters[] {
  const dates = docs.map((d) => d.date).sort((a, b) => a - b);
  const at = (share: number) => dates[Math.floor(share * (dates.length - 1))]!;
  return [
    { status: 'published' },
    { desk: 'اقتصاد' },
    { tag: 'صحه' },
    { tag: 'نادر' },
    { subject: 'medtop:04000000' },
    { author: 'u-yasin' },
    { author: 'احمد' },
    { author: 'بغداد' },
    { from: at(0.2), to: at(0.25) },
    { from: at(0.9) },
    { to: at(0.02) },
    { from: at(0.5), to: at(0.4) },
    { tag: 'ليبيا', from: at(0.5), to: at(0.4) },
    { status: 'draft', tag: 'ليبيا' },
    { status: 'submitted', desk: 'رياضة', from: at(0.1), to: at(0.6) },
    { tag: 'نادر', status: 'published', subject: 'medtop:11000000' },
    { tag: 'لا يوجد' },
    { status: 'approved', author: 'ليلى' },
  ];
}

const QUERIES = ['', 'خبر', 'بغداد', 'طرابلس', 'خبر طرابلس', 'القمة خبر', 'النفط وبغداد'];

function check(engine: SearchEngine, docs: Map<string, IndexDoc>): number {
  let compared = 0;
  const all = [...docs.values()];
  const unfiltered = new Map<string, EngineHit[]>();
  for (const filters of filterSets(all)) {
    const admitted = all.filter((doc) => admits(doc, filters));
    const ids = new Set(admitted.map((doc) => doc.id));
    for (const text of QUERIES) {
      for (const sort of ['relevance', 'date'] as const) {
        compared += 1;
        const got = engine.search({ text, filters, sort, limit: 200 });
        const label = `${JSON.stringify(filters)} «${text}» ${sort}`;
        if (text === '') {
          const expected = [...admitted].sort((a, b) => b.date - a.date);
          expect(got.total, label).toBe(expected.length);
          expect(
            got.hits.map((h) => h.id),
            label,
          ).toEqual(expected.slice(0, 200).map((doc) => doc.id));
          continue;
        }
        // The unfiltered search (no filter code involved), narrowed by the predicate.
        const key = `${text}|${sort}`;
        if (!unfiltered.has(key)) unfiltered.set(key, collect(engine, text, sort));
        const every = unfiltered.get(key)!.filter((hit) => ids.has(hit.id));
        expect(got.total, label).toBe(every.length);
        if (sort === 'date') {
          expect(
            got.hits.map((h) => h.id),
            label,
          ).toEqual(every.slice(0, 200).map((hit) => hit.id));
          continue;
        }
        // Relevance: each story scores what the unfiltered search gives it, and none left out scores higher.
        const scores = new Map(every.map((hit) => [hit.id, hit.score]));
        const off = got.hits.filter((hit) => Math.abs(hit.score - (scores.get(hit.id) ?? NaN)) > 1e-9);
        expect(off, label).toEqual([]);
        const returned = new Set(got.hits.map((h) => h.id));
        const lowest = Math.min(...got.hits.map((h) => h.score));
        const higher = every.filter((hit) => !returned.has(hit.id) && hit.score > lowest + 1e-9);
        expect(higher, label).toEqual([]);
      }
    }
  }
  return compared;
}

/** Every hit an unfiltered search finds, in its order (paged: the engine caps a page at 200). */
function collect(engine: SearchEngine, text: string, sort: 'relevance' | 'date'): EngineHit[] {
  const out: EngineHit[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = engine.search({ text, sort, offset, limit: 200 });
    out.push(...page.hits);
    if (out.length >= page.total || page.hits.length === 0) return out;
  }
}

describe('filters through their own postings', () => {
  it('agree with a plain predicate, before and after re-saves and persisting', () => {
    const random = seeded(6);
    const engine = new SearchEngine();
    const docs = new Map<string, IndexDoc>();
    for (let i = 0; i < 1500; i += 1) {
      const doc = makeDoc(i, random);
      docs.set(doc.id, doc);
      engine.put(doc);
    }
    expect(check(engine, docs)).toBe(18 * QUERIES.length * 2);

    // Re-saves move stories between statuses, tags, bylines and dates; their old slots die.
    for (let i = 0; i < 400; i += 1) {
      const index = Math.floor(random() * 1500);
      const doc = makeDoc(
        index,
        random,
        (docs.get(`story-${String(index).padStart(5, '0')}`)?.version ?? 1) + 1,
      );
      docs.set(doc.id, doc);
      engine.put(doc);
    }
    for (const id of [...docs.keys()].slice(0, 30)) {
      engine.remove(id);
      docs.delete(id);
    }
    expect(engine.deadSlots).toBeGreaterThan(0);
    check(engine, docs);

    const loaded = SearchEngine.deserialize(engine.serialize());
    expect(engine.deadSlots).toBe(0);
    check(engine, docs);
    check(loaded, docs);
  });

  it('keeps tag counts and tagged ids up to date on save and remove', () => {
    const engine = new SearchEngine();
    const base = makeDoc(1, seeded(1));
    engine.put({ ...base, id: 'story-a0000001', tags: ['ليبيا', 'ليبيا', 'نفط'] });
    engine.put({ ...base, id: 'story-b0000001', tags: ['ليبيـــا'] });
    expect(engine.tagCounts().get(nameKey('ليبيا'))).toEqual({ name: 'ليبيا', count: 2 });
    expect(engine.idsWithTag('ليبيا').sort()).toEqual(['story-a0000001', 'story-b0000001']);
    engine.put({ ...base, id: 'story-a0000001', version: 2, tags: ['نفط'] });
    expect(engine.tagCounts().get(nameKey('ليبيا'))).toEqual({ name: 'ليبيا', count: 1 });
    expect(engine.idsWithTag('ليبيا')).toEqual(['story-b0000001']);
    engine.remove('story-b0000001');
    expect(engine.tagCounts().has(nameKey('ليبيا'))).toBe(false);
    expect(engine.idsWithTag('ليبيا')).toEqual([]);
    expect(engine.tagCounts().get(nameKey('نفط'))?.count).toBe(1);
  });

  it('pages through a filter of many stories with one date without repeating or skipping one', () => {
    const engine = new SearchEngine();
    const base = makeDoc(1, seeded(2));
    for (let i = 0; i < 300; i += 1) {
      engine.put({
        ...base,
        id: `story-${String(i).padStart(5, '0')}`,
        status: i % 10 === 0 ? 'approved' : 'draft',
        date: 5,
      });
    }
    for (const filters of [{ status: 'draft' }, { status: 'approved' }, { from: 5, to: 5 }]) {
      const seen: string[] = [];
      for (let offset = 0; offset < 300; offset += 7) {
        seen.push(...engine.search({ text: '', filters, offset, limit: 7 }).hits.map((h) => h.id));
        seen.push(...engine.search({ text: 'خبر', filters, offset, limit: 7 }).hits.map((h) => `r:${h.id}`));
        seen.push(
          ...engine
            .search({ text: 'خبر', filters, sort: 'date', offset, limit: 7 })
            .hits.map((h) => `t:${h.id}`),
        );
      }
      const total = engine.search({ text: '', filters }).total;
      expect(new Set(seen).size, JSON.stringify(filters)).toBe(seen.length);
      expect(seen.length).toBe(3 * total);
    }
  });

  it('an author filter merging several bylines sees stories added after it was asked', () => {
    const engine = new SearchEngine();
    const base = makeDoc(1, seeded(3));
    const put = (id: string, byline: string, authors: string[] = []) =>
      engine.put({ ...base, id, byline, authors, tags: [], status: 'draft' });
    put('story-a0000001', 'ياسين أحمد');
    put('story-a0000002', 'أحمد سالم');
    put('story-a0000003', 'ليلى حسن', ['احمد']);
    const ids = () =>
      engine
        .search({ text: '', filters: { author: 'احمد' }, limit: 50 })
        .hits.map((hit) => hit.id)
        .sort();
    expect(ids()).toEqual(['story-a0000001', 'story-a0000002', 'story-a0000003']);
    put('story-a0000004', 'مراسل: أحمد الفيتوري');
    put('story-a0000002', 'سلمى الكبير');
    expect(ids()).toEqual(['story-a0000001', 'story-a0000003', 'story-a0000004']);
  });
});
