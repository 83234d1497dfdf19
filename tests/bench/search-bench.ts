/**
 * Search over 50,000 generated stories: query latency (single-word, multi-word, filtered) of
 * Mihbara's index against a linear scan with the same normalizer, index build time and memory,
 * persisting and loading, the incremental update after one save, and recall on spelling-variant
 * probes. MiniSearch 7.2 with the same analyzer is measured on a 10,000-story slice beside ours
 * (the engine choice rests on that comparison).
 */
import MiniSearch from 'minisearch';
import { bodyToText } from '../../shared/format/body-to-html';
import type { Story } from '../../shared/story/schema';
import { normalizeArabic } from '../../shared/text/normalize';
import { queryWords, variants, words } from '../../electron/core/search/analyze';
import { SearchEngine, type EngineQuery, type IndexDoc } from '../../electron/core/search/engine';
import { generateStories, seededRandom } from './generate';
import { report } from './stats';

const STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
const DESKS = ['سياسة', 'اقتصاد', 'رياضة', 'ثقافة'];
const TAGS = ['ليبيا', 'العراق', 'القمة العربية', 'انتخابات', 'نفط', 'صحة', 'تعليم', 'هجرة'];

function docOf(story: Story, index: number, random: () => number): IndexDoc {
  return {
    id: story.id,
    version: story.version,
    headline: story.headline,
    subheadline: story.subheadline,
    byline: story.byline,
    body: bodyToText(story.body),
    tags: [TAGS[index % TAGS.length]!, ...(random() < 0.3 ? [TAGS[(index + 3) % TAGS.length]!] : [])],
    entities: [],
    status: STATUSES[index % STATUSES.length]!,
    desk: DESKS[index % DESKS.length]!,
    authors: [],
    subjects: [],
    date: Date.parse(story.updatedAt),
  };
}

/** The baseline: every story's text normalized once, then each query scans all of them. */
class LinearScan {
  #texts: string[] = [];
  #docs: IndexDoc[] = [];
  put(doc: IndexDoc): void {
    this.#docs.push(doc);
    this.#texts.push(LinearScan.#text(doc));
  }
  static #text(doc: IndexDoc): string {
    const text = normalizeArabic(
      [doc.headline, doc.subheadline, doc.byline, doc.body, ...doc.tags].join('\n'),
    );
    // The normalizer builds its result one character at a time (a rope of thousands of nodes); a
    // flat copy keeps the scan's memory at what its text needs.
    return Buffer.from(text, 'utf16le').toString('utf16le');
  }
  update(at: number, doc: IndexDoc): void {
    this.#docs[at] = doc;
    this.#texts[at] = LinearScan.#text(doc);
  }
  clear(): void {
    this.#texts = [];
    this.#docs = [];
  }
  /** Ids of the matching stories; with no words, the filtered stories newest first (as the engine lists them). */
  search(query: EngineQuery): string[] {
    const needles = words(query.text).map((w) => w.norm);
    const f = query.filters ?? {};
    const filtered = Object.values(f).some((value) => value !== undefined && value !== '');
    if (needles.length === 0 && !filtered) return [];
    const matched: IndexDoc[] = [];
    for (let i = 0; i < this.#texts.length; i += 1) {
      const doc = this.#docs[i]!;
      if (f.status && doc.status !== f.status) continue;
      if (f.desk && doc.desk !== f.desk) continue;
      if (f.tag && !doc.tags.includes(f.tag)) continue;
      if (f.subject && !doc.subjects.includes(f.subject)) continue;
      if (f.author && !doc.authors.includes(f.author) && !doc.byline.includes(f.author)) continue;
      if (f.from !== undefined && doc.date < f.from) continue;
      if (f.to !== undefined && doc.date > f.to) continue;
      const text = this.#texts[i]!;
      if (needles.every((needle) => text.includes(needle))) matched.push(doc);
    }
    if (needles.length === 0) matched.sort((a, b) => b.date - a.date);
    return matched.map((doc) => doc.id);
  }
}

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  // Typed arrays (the index's postings) live outside the JS heap: count them too.
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1e6;
}

/** A spelling variant of a normalized-equal word: hamza dropped, ة→ه, ى→ي, harakat, a و/ب prefix. */
function variantOf(word: string, random: () => number): string {
  let out = word.replace(/[أإآ]/g, 'ا').replace(/ة$/, 'ه').replace(/ى$/, 'ي');
  if (out === word) out = word.replace(/ا/, 'أ');
  if (random() < 0.4)
    out = out
      .split('')
      .join('\u064e')
      .slice(0, out.length * 2 - 1);
  if (random() < 0.5 && !/^[وب]/.test(out)) out = (random() < 0.5 ? 'و' : 'ب') + out;
  return out;
}

export async function benchSearch(count = 50_000): Promise<void> {
  console.log(`\nSearch: ${count.toLocaleString('en')} generated stories`);
  const random = seededRandom(99);
  const heapBefore = heapMb();
  // In batches, so the generated stories never all sit in memory beside their documents.
  const docs: IndexDoc[] = [];
  const BATCH = 1_000;
  for (let start = 0; start < count; start += BATCH) {
    const batch = generateStories(Math.min(BATCH, count - start), 42 + start);
    batch.forEach((story, offset) => {
      const index = start + offset;
      const doc = docOf(story, index, random);
      // Numbered and dated as one run of `count` stories (each batch starts again at 1).
      doc.headline = doc.headline.replace(/\(\d+\)$/, `(${index + 1})`);
      doc.date = Date.UTC(2026, 0, 1) + index * 60_000;
      docs.push(doc);
    });
  }

  const engine = new SearchEngine();
  const heapDocs = heapMb();
  const build = time(() => {
    for (const doc of docs) engine.put(doc);
  });
  const heapIndex = heapMb() - heapDocs;
  const scan = new LinearScan();
  const heapBeforeScan = heapMb();
  const scanBuild = time(() => {
    for (const doc of docs) scan.put(doc);
  });
  const heapScan = heapMb() - heapBeforeScan;
  console.log(
    `index build                                   ${(build.ms / 1000).toFixed(1)} s, ${heapIndex.toFixed(0)} MB heap   | scan baseline (normalize all text once): ${(scanBuild.ms / 1000).toFixed(1)} s, ${heapScan.toFixed(0)} MB`,
  );
  console.log(`(generated documents themselves: ${(heapDocs - heapBefore).toFixed(0)} MB heap)`);

  const serialized = time(() => engine.serialize());
  const loaded = time(() => SearchEngine.deserialize(serialized.value));
  console.log(
    `persist / load the index                      ${serialized.ms.toFixed(0)} ms / ${loaded.ms.toFixed(0)} ms, ${(serialized.value.byteLength / 1e6).toFixed(1)} MB file   | rebuild from stories: ${(build.ms / 1000).toFixed(1)} s`,
  );

  const day = 24 * 3600 * 1000;
  const firstDate = docs[0]!.date;
  // The same filters on both sides: status, desk, tag, author (byline) and date range.
  const sets: Record<string, EngineQuery[]> = {
    'single-word': ['بغداد', 'احمد', 'المستشفي', 'الرئاسي', 'ترامب', 'طرابلس', 'الاقتصادية', 'واشنطن'].map(
      (text) => ({ text }),
    ),
    'multi-word': [
      'القمة العربية',
      'وزير الخارجية',
      'محمد المنفي',
      'الولايات المتحدة ليبيا',
      'المجلس الرئاسي الليبي',
    ].map((text) => ({ text })),
    filtered: [
      { text: 'بغداد', filters: { status: 'published' } },
      { text: 'القمة العربية', filters: { tag: 'ليبيا' } },
      { text: 'طرابلس', filters: { desk: 'اقتصاد', from: firstDate, to: firstDate + 10 * day } },
      { text: 'احمد', filters: { status: 'submitted', tag: 'نفط' } },
      { text: 'المجلس الرئاسي', filters: { tag: 'هجرة', from: firstDate + 20 * day } },
      { text: 'بغداد', filters: { status: 'approved' }, sort: 'date' },
    ],
    // No words: the filter's stories, newest first.
    'filter-only': [
      { text: '', filters: { status: 'published' } },
      { text: '', filters: { tag: 'القمة العربية', desk: 'سياسة' } },
      { text: '', filters: { from: firstDate + 5 * day, to: firstDate + 6 * day } },
      { text: '', filters: { status: 'draft', author: 'ياسين' } },
    ],
  };
  for (const [label, queries] of Object.entries(sets)) {
    const ours: number[] = [];
    const base: number[] = [];
    // One pass of each side first, uncounted, so neither is measured while its code is being compiled.
    for (const query of queries) {
      engine.search({ ...query, limit: 20 });
      scan.search(query);
    }
    // More rounds of ours: its samples are short enough that one scheduler pause moves a p95 of few samples.
    for (let round = 0; round < 20; round += 1) {
      for (const query of queries) {
        ours.push(time(() => engine.search({ ...query, limit: 20 })).ms);
        if (round < 2) base.push(time(() => scan.search(query)).ms);
      }
    }
    report(`query ${label}`, ours, base, 'linear scan');
  }

  // Filter-only queries list the same stories as the scan does (text queries differ by design:
  // the scan matches substrings, the index words and their prefix forms).
  const disagree = sets['filter-only']!.filter((query) => {
    const ours = engine.search({ ...query, limit: 200 });
    const theirs = scan.search(query);
    return ours.total !== theirs.length || ours.hits.some((hit, i) => hit.id !== theirs[i]);
  });
  console.log(
    `filter-only results equal to the scan's       ${disagree.length === 0 ? 'yes' : `no: ${JSON.stringify(disagree)}`}`,
  );

  // Incremental update: one story re-saved.
  const updates: number[] = [];
  const scanUpdates: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const at = Math.floor(random() * docs.length);
    const doc = { ...docs[at]!, version: docs[at]!.version + 1, headline: `${docs[at]!.headline} تحديث` };
    docs[at] = doc;
    updates.push(time(() => engine.put(doc)).ms);
    scanUpdates.push(time(() => scan.update(at, doc)).ms);
  }
  report('incremental update after one save', updates, scanUpdates, 'scan re-normalize');

  // Recall: each probe spells two headline words differently and pins the story by its number.
  let found = 0;
  let foundScan = 0;
  const probes = 200;
  for (let i = 0; i < probes; i += 1) {
    const doc = docs[Math.floor(random() * docs.length)]!;
    const headlineWords = doc.headline.split(/\s+/).filter((w) => /^[\u0621-\u064a]{4,}$/.test(w));
    const number = /\((\d+)\)/.exec(doc.headline)![1]!;
    const picked = headlineWords.slice(0, 2).map((w) => variantOf(w, random));
    const text = `${picked.join(' ')} ${number}`;
    if (engine.search({ text, limit: 100 }).hits.some((hit) => hit.id === doc.id)) found += 1;
    else console.log(`  missed probe: ${text} (headline: ${doc.headline})`);
    if (scan.search({ text }).includes(doc.id)) foundScan += 1;
  }
  console.log(
    `recall on spelling-variant probes             ${found}/${probes}   | linear scan (normalizer, no prefixes): ${foundScan}/${probes}`,
  );
  if (found !== probes) console.log('  !! some variant probes did not find their story');

  // The scan's texts are no longer needed; MiniSearch's index needs the room.
  scan.clear();
  // Engine choice: MiniSearch with the same analyzer, on a slice (its build at 50k takes minutes).
  const slice = docs.slice(0, 10_000);
  const ours10 = new SearchEngine();
  const ourBuild = time(() => slice.forEach((doc) => ours10.put(doc)));
  const mini = new MiniSearch<IndexDoc>({
    fields: ['headline', 'subheadline', 'byline', 'body', 'tagsText'],
    extractField: (doc, field) =>
      field === 'tagsText'
        ? doc.tags.join(' ')
        : String((doc as unknown as Record<string, unknown>)[field] ?? ''),
    tokenize: (text) => words(text).map((w) => w.norm),
    processTerm: (term) => variants(term),
    searchOptions: {
      processTerm: (term) => term,
      tokenize: (text) => [text],
      boost: { headline: 5, tagsText: 4, subheadline: 3, byline: 2 },
    },
  });
  const miniBuild = time(() => mini.addAll(slice));
  console.log(
    `engine choice, 10,000 stories: build          ours ${(ourBuild.ms / 1000).toFixed(1)} s   | MiniSearch 7.2: ${(miniBuild.ms / 1000).toFixed(1)} s`,
  );
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    for (const query of [...sets['single-word']!, ...sets['multi-word']!]) {
      ours.push(time(() => ours10.search({ ...query, limit: 20 })).ms);
      const tree = {
        combineWith: 'AND' as const,
        queries: queryWords(query.text).map((forms) => ({ combineWith: 'OR' as const, queries: forms })),
      };
      theirs.push(time(() => mini.search(tree).slice(0, 20)).ms);
    }
  }
  report('engine choice, 10,000 stories: query', ours, theirs, 'MiniSearch 7.2');
}
