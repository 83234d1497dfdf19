/**
 * Light stemming in the local engine: the light10 rules (Arabic) and the small English stemmer,
 * what they conflate and what they cannot, and stem matches ranking below a word's own forms.
 * (tests/unit/team/search-sql.test.ts checks the server applies the same rules.)
 */
import { describe, expect, it } from 'vitest';
import { arabicLightStem, englishStem, lightStem } from '../../../electron/core/search/stem';
import { SearchEngine, type IndexDoc } from '../../../electron/core/search/engine';
import { normalizeArabic } from '../../../shared/text/normalize';

const stemOf = (word: string) => lightStem(normalizeArabic(word));

function doc(id: string, headline: string, body = ''): IndexDoc {
  return {
    id,
    version: 1,
    headline,
    subheadline: '',
    byline: '',
    body,
    tags: [],
    entities: [],
    status: 'draft',
    authors: [],
    subjects: [],
    date: Date.UTC(2026, 0, Number(id.replace(/\D/g, '')) || 1),
  };
}

describe('light stemming', () => {
  it('conflates articles, و, plural, dual and pronoun endings (light10)', () => {
    for (const word of ['مؤتمر', 'المؤتمرات', 'مؤتمرات', 'مؤتمرين', 'مؤتمره', 'والمؤتمرات', 'ومؤتمرها'])
      expect(stemOf(word), word).toBe('مؤتمر');
    for (const word of ['تأكيد', 'التأكيدات', 'تأكيده', 'تأكيدها']) expect(stemOf(word), word).toBe('تاكيد');
  });

  it('leaves short words whole and strips one prefix only', () => {
    expect(arabicLightStem('وقت')).toBe('وقت'); // و only from four letters on
    expect(arabicLightStem('ال')).toBe('ال');
    expect(arabicLightStem('بالبيت')).toBe('بيت');
    expect(arabicLightStem('للبيت')).toBe('بيت');
  });

  it('cannot conflate what differs inside the word: broken plurals, verb and verbal noun', () => {
    // Honest limits of light stemming: these need a root stemmer (and its dictionary).
    expect(stemOf('تأكيد')).not.toBe(stemOf('أكد'));
    expect(stemOf('كتاب')).not.toBe(stemOf('كتب'));
    expect(stemOf('مدينة')).not.toBe(stemOf('مدن'));
  });

  it('stems simple English plurals and -ing/-ed forms', () => {
    expect(['meetings', 'meeting', 'meet', 'meeted'].map(englishStem)).toEqual([
      'meet',
      'meet',
      'meet',
      'meet',
    ]);
    expect(englishStem('cities')).toBe('city');
    expect(englishStem('classes')).toBe('class');
    expect(englishStem('bus')).toBe('bus');
    expect(englishStem('thing')).toBe('thing');
    expect(englishStem('went')).toBe('went'); // irregular forms are not known
  });
});

describe('the local engine with the stem field', () => {
  it('finds المؤتمرات for مؤتمر, below the story with the word itself', () => {
    const engine = new SearchEngine();
    engine.put(doc('s1', 'انعقاد المؤتمرات الصحفية'));
    engine.put(doc('s2', 'مؤتمر صحفي'));
    engine.put(doc('s3', 'أمطار غزيرة'));
    const found = engine.search({ text: 'مؤتمر' });
    expect(found.hits.map((hit) => hit.id)).toEqual(['s2', 's1']);
    // The other way round too: the plural finds the singular, after its own exact match.
    expect(engine.search({ text: 'المؤتمرات' }).hits.map((hit) => hit.id)).toEqual(['s1', 's2']);
  });

  it('ranks an exact match above a stem match even when the stem match says it more often', () => {
    const engine = new SearchEngine();
    engine.put(doc('s1', 'التأكيدات', 'التأكيدات التأكيدات التأكيدات'));
    engine.put(doc('s2', 'خبر', 'تأكيد'));
    expect(engine.search({ text: 'تأكيد' }).hits.map((hit) => hit.id)).toEqual(['s2', 's1']);
  });
});
