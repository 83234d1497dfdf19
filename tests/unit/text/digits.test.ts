import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertDigits } from '../../../shared/text/digits';

describe('digit conversion in the house style', () => {
  it('leaves Latin tokens alone and converts the numbers around them', () => {
    expect(convertDigits('قمة G20 في 2026', 'arab')).toBe('قمة G20 في ٢٠٢٦');
    expect(convertDigits('جائحة COVID-19 عام 2020', 'arab')).toBe('جائحة COVID-19 عام ٢٠٢٠');
    expect(convertDigits('المعيار ISO-8601 ورمز en-US', 'arab')).toBe('المعيار ISO-8601 ورمز en-US');
    expect(convertDigits('انظر https://example.com/2026/05', 'arab')).toBe(
      'انظر https://example.com/2026/05',
    );
    expect(convertDigits('طائرة F-16 و12 دبابة', 'arab')).toBe('طائرة F-16 و١٢ دبابة');
  });

  it('writes the percent sign and the decimal point the Arabic way beside Arabic-Indic digits', () => {
    expect(convertDigits('نما 3.8% في 2025.', 'arab')).toBe('نما ٣٫٨٪ في ٢٠٢٥.');
    expect(convertDigits('%50 من الأصوات', 'arab')).toBe('٪٥٠ من الأصوات');
    // A percent sign with no number is not a figure.
    expect(convertDigits('الرمز % وحده', 'arab')).toBe('الرمز % وحده');
  });

  it('keeps every length and Latin token, and converting back restores the digits (property)', () => {
    const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
    console.log(`digits property seed: ${seed}`);
    const piece = fc.constantFrom('G20', 'COVID-19', ' ', 'في', '2026', '١٢', '۳', 'en-US', '-', 'x', '7');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const arab = convertDigits(text, 'arab');
        expect(arab.length).toBe(text.length);
        // Every Latin-bearing run comes through unchanged.
        for (const token of text.match(/[A-Za-z0-9\u0660-\u0669\u06f0-\u06f9-]+/g) ?? []) {
          if (/[A-Za-z]/.test(token)) expect(arab).toContain(token);
        }
        const latn = convertDigits(arab, 'latn');
        expect(convertDigits(text, 'latn')).toBe(latn);
        expect(latn.length).toBe(text.length);
      }),
      { seed },
    );
  });
});
