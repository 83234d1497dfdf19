/**
 * The shipped IPTC Media Topics: searched in Arabic (through the normalizer) and in English,
 * paths shown from the top of the hierarchy, English for the few concepts without an Arabic
 * label, and the credit IPTC asks for.
 */
import { describe, expect, it } from 'vitest';
import { mediaTopics } from '../../../electron/core/vocab/mediatopics';

describe('Media Topics', () => {
  const topics = mediaTopics();

  it('finds a topic in Arabic, whichever way it is spelled, with its Arabic path', () => {
    for (const query of ['دبلوماسية', 'دبلوماسيه', 'دِبْلوماسية']) {
      const found = topics.search(query, 'ar', 5);
      expect(found[0], query).toMatchObject({
        code: 'medtop:20000639',
        label: 'دبلوماسية',
        labelLang: 'ar',
        path: ['سياسة', 'معاهدات ومنظمات دولية', 'دبلوماسية'],
      });
    }
  });

  it('finds the same topic in English, and shows it in the interface language', () => {
    expect(topics.search('diplomacy', 'ar', 5)[0]).toMatchObject({
      code: 'medtop:20000639',
      label: 'دبلوماسية',
    });
    expect(topics.search('diplomacy', 'en', 5)[0]).toMatchObject({
      code: 'medtop:20000639',
      label: 'diplomacy',
      labelLang: 'en',
      path: ['politics', 'international relations', 'diplomacy'],
    });
  });

  it('falls back to English for a concept without an Arabic label, and says so', () => {
    const elderly = topics.search('elderly care', 'ar', 5)[0]!;
    expect(elderly).toMatchObject({ code: 'medtop:20001232', label: 'elderly care', labelLang: 'en' });
    // Its ancestors keep their Arabic labels.
    expect(elderly.path.at(-1)).toBe('elderly care');
    expect(elderly.path[0]).toMatch(/[\u0600-\u06ff]/);
  });

  it('credits IPTC and its licence, and answers bad queries with nothing', () => {
    expect(topics.credit).toContain('IPTC');
    expect(topics.licence).toContain('CC BY 4.0');
    for (const query of ['', '   ', '؟!', '.*[(', 'ـــ']) expect(topics.search(query, 'ar')).toEqual([]);
    expect(topics.search('س'.repeat(10_000), 'ar')).toEqual([]);
  });
});
