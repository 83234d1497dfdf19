import { describe, expect, it } from 'vitest';
import { findMatches, normalizeArabic, normalizeArabicMapped } from '../../../shared/text/normalize';

describe('normalizeArabic', () => {
  it('folds every alef form (hamza above, hamza below, madda, wasla) to bare alef', () => {
    expect(normalizeArabic('أحمد إبراهيم آمال ٱلله')).toBe('احمد ابراهيم امال الله');
  });
  it('folds ta marbuta to ha', () => {
    expect(normalizeArabic('مدرسة')).toBe('مدرسه');
  });
  it('folds alef maqsura to ya', () => {
    expect(normalizeArabic('مستشفى على')).toBe('مستشفي علي');
  });
  it('removes tatweel', () => {
    expect(normalizeArabic('احمـــد')).toBe('احمد');
  });
  it('removes every harakah, shadda, sukun and the dagger alef', () => {
    expect(normalizeArabic('أَحْمَد')).toBe('احمد');
    expect(normalizeArabic('مِهْرَجَانُ الشِّعْرِ')).toBe('مهرجان الشعر');
    expect(normalizeArabic('كتبًا كتبٌ كتبٍ هٰذا')).toBe('كتبا كتب كتب هذا');
  });
  it('maps Arabic-Indic and Persian digits to ASCII', () => {
    expect(normalizeArabic('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
  });
  it('keeps hamza on waw and ya, and lower-cases Latin', () => {
    expect(normalizeArabic('مسؤول رئيس UNESCO')).toBe('مسؤول رئيس unesco');
    expect(normalizeArabic('UNESCO', { lowerCase: false })).toBe('UNESCO');
  });
  it('maps each normalized character back to where it came from', () => {
    const mapped = normalizeArabicMapped('أَحْـمَد');
    expect(mapped.text).toBe('احمد');
    expect(mapped.sourceOffsets).toEqual([0, 2, 5, 7, 8]);
  });
});

describe('findMatches', () => {
  const text = 'قال أحمد إن أَحْمَد واحمـــد واحمد وصلوا';
  it('finds أحمد, أَحْمَد and احمـــد for احمد, as ranges of the original text', () => {
    const found = findMatches(text, 'احمد').map(({ start, end }) => text.slice(start, end));
    expect(found).toEqual(['أحمد', 'أَحْمَد', 'احمـــد', 'احمد']);
  });
  it('matches exactly when asked', () => {
    expect(findMatches(text, 'احمد', true).map(({ start, end }) => text.slice(start, end))).toEqual(['احمد']);
    expect(findMatches(text, 'أحمد', true)).toHaveLength(1);
  });
  it('takes trailing harakat with the match', () => {
    const word = 'كتبَ';
    expect(findMatches(word, 'كتب')).toEqual([{ start: 0, end: 4 }]);
  });
  it('finds nothing for an empty query or a query of harakat only', () => {
    expect(findMatches(text, '')).toEqual([]);
    expect(findMatches(text, 'َ')).toEqual([]);
  });
  it('survives a 500-letter word and text with every harakah', () => {
    const long = 'ب'.repeat(500);
    expect(findMatches(long, 'ببب')).toHaveLength(166);
    const marks = Array.from({ length: 0x065f - 0x064b + 1 }, (_, i) => String.fromCharCode(0x064b + i)).join(
      '',
    );
    expect(normalizeArabic(`ك${marks}ت${marks}ب\u0670`)).toBe('كتب');
  });
});
