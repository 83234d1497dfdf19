import { describe, expect, it } from 'vitest';
import { SearchEngine, type IndexDoc } from '../../../electron/core/search/engine';
import { queryWords, variants } from '../../../electron/core/search/analyze';

/** Whether two normalized words meet on any form (the index's matching rule). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const bs = variants(b);
  return variants(a).some((form) => bs.includes(form));
}

const doc = (id: string, over: Partial<IndexDoc> = {}): IndexDoc => ({
  id,
  version: 1,
  headline: '',
  subheadline: '',
  byline: '',
  body: '',
  tags: [],
  entities: [],
  status: 'draft',
  authors: [],
  subjects: [],
  date: Date.UTC(2026, 0, 1),
  ...over,
});

describe('analyze', () => {
  it('strips the common prefixes into extra forms', () => {
    expect(variants('وبالعراق')).toEqual(['وبالعراق', 'بالعراق', 'عراق']);
    expect(variants('للعراق')).toEqual(['للعراق', 'عراق']);
    expect(variants('بحث')).toEqual(['بحث']);
    expect(sameWord('لبنان', 'بلبنان')).toBe(true);
    expect(sameWord('ليبيا', 'وليبيا')).toBe(true);
  });
  it('finds no words in punctuation, harakat, tatweel or regex metacharacters', () => {
    expect(queryWords('')).toEqual([]);
    expect(queryWords('!!! ،؛؟ ...')).toEqual([]);
    expect(queryWords('\u064e\u0650\u0652\u0640\u0640')).toEqual([]);
    expect(queryWords('.*+?^${}()|[]\\')).toEqual([]);
    expect(queryWords('(أحمد)').flat()).toContain('احمد');
  });
});

describe('SearchEngine', () => {
  const engine = () => {
    const e = new SearchEngine();
    e.put(doc('a', { headline: 'أحمد يزور مستشفى بغداد', body: 'نص عن العراق', tags: ['صحة'], date: 1 }));
    e.put(
      doc('b', {
        headline: 'القمة العربية',
        body: 'وفد من ليبيا إلى العراق',
        status: 'submitted',
        desk: 'سياسة',
        date: 3,
      }),
    );
    e.put(doc('c', { headline: 'اقتصاد', body: 'أسعار النفط', subjects: ['medtop:04000000'], date: 2 }));
    return e;
  };

  it('finds a word whichever way it is spelled', () => {
    const e = engine();
    expect(e.search({ text: 'احمد' }).hits.map((h) => h.id)).toEqual(['a']);
    expect(e.search({ text: 'أَحْمَـــد' }).hits.map((h) => h.id)).toEqual(['a']);
    expect(e.search({ text: 'مستشفي' }).hits.map((h) => h.id)).toEqual(['a']);
    expect(e.search({ text: 'وبغداد' }).hits.map((h) => h.id)).toEqual(['a']);
  });

  it('needs every word, ranks the headline above the body, and filters', () => {
    const e = engine();
    expect(e.search({ text: 'العراق ليبيا' }).hits.map((h) => h.id)).toEqual(['b']);
    expect(e.search({ text: 'العراق' }).total).toBe(2);
    expect(e.search({ text: 'العراق', filters: { status: 'submitted' } }).hits.map((h) => h.id)).toEqual([
      'b',
    ]);
    expect(e.search({ text: 'العراق', filters: { desk: 'سياسة' } }).total).toBe(1);
    expect(e.search({ text: 'العراق', filters: { tag: 'صحه' } }).hits.map((h) => h.id)).toEqual(['a']);
    expect(e.search({ text: '', filters: { subject: 'medtop:04000000' } }).hits.map((h) => h.id)).toEqual([
      'c',
    ]);
    expect(e.search({ text: '', filters: { from: 2, to: 3 } }).hits.map((h) => h.id)).toEqual(['b', 'c']);
    expect(e.search({ text: 'العراق', sort: 'date' }).hits.map((h) => h.id)).toEqual(['b', 'a']);
  });

  it('answers bad queries with nothing, at once', () => {
    const e = engine();
    for (const text of [
      '',
      '   ',
      '؟!.،',
      '\u064b\u064c\u0640',
      '.*',
      '[(',
      'ا'.repeat(10_000),
      'قمة '.repeat(2_500),
    ]) {
      expect(() => e.search({ text })).not.toThrow();
    }
    expect(e.search({ text: '' }).total).toBe(0);
    expect(e.search({ text: '.*' }).total).toBe(0);
    expect(e.search({ text: 'القمة '.repeat(2_500) }).hits.map((h) => h.id)).toEqual(['b']);
  });

  it('replaces a re-saved story and survives persisting', () => {
    const e = engine();
    e.put(doc('a', { version: 2, headline: 'خبر جديد' }));
    expect(e.search({ text: 'احمد' }).total).toBe(0);
    expect(e.search({ text: 'جديد' }).hits.map((h) => h.id)).toEqual(['a']);
    const copy = SearchEngine.deserialize(e.serialize());
    expect(copy.search({ text: 'جديد' }).hits.map((h) => h.id)).toEqual(['a']);
    expect(copy.search({ text: 'ليبيا' }).hits.map((h) => h.id)).toEqual(['b']);
    expect(copy.versions().get('a')).toBe(2);
    expect(() => SearchEngine.deserialize(e.serialize().slice(0, 50))).toThrow();
  });
});
