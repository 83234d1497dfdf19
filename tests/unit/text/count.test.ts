import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countCharacters, countText, countWords, readingMinutes } from '../../../shared/text/count';

const fixtures = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../fixtures/articles-ar.json'), 'utf8'),
) as { articles: { key: string; body: { text?: string }[] }[] };
const paragraph = (key: string) => fixtures.articles.find((a) => a.key === key)!.body[0]!.text!;

describe('countWords', () => {
  it('matches a hand count of the central-bank lead paragraph', () => {
    // Counted by hand, one word per space-separated token, punctuation (، .) not counted:
    // قرر البنك المركزي يوم الخميس الإبقاء على سعر الفائدة الرئيسي (10) دون تغيير عند 5.25%
    // في خطوة توقعها معظم المحللين الذين استطلعت (21) آراءهم وكالة Reuters (24).
    // "5.25%" is one word (the number; % is not a word).
    expect(countWords(paragraph('central-bank-rates'))).toBe(24);
  });
  it('matches a hand count of the poetry-festival lead paragraph', () => {
    // Counted by hand: افتُتحت مساء أمس الدورة العاشرة (5) لمهرجان الشعر العربي بمشاركة شعراء (10)
    // من المغرب والجزائر ومصر والعراق (15). Clitics (لـ، بـ، و) stay with their word.
    expect(countWords(paragraph('poetry-festival'))).toBe(15);
  });
  it('counts nothing in empty text or punctuation, and a harakah does not split a word', () => {
    expect(countWords('')).toBe(0);
    expect(countWords(' ، ؛ ؟ « » - ')).toBe(0);
    expect(countWords('مِهْرَجَانُ الشِّعْرِ العَرَبِيِّ')).toBe(3);
  });
});

describe('countCharacters and reading time', () => {
  it('counts a letter with its harakah once and skips spaces unless asked', () => {
    expect(countCharacters('كَتَبَ')).toBe(3);
    expect(countCharacters('قال أحمد')).toBe(7);
    expect(countCharacters('قال أحمد', true)).toBe(8);
  });
  it('gives whole minutes at 180 words a minute, at least one', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(10)).toBe(1);
    expect(readingMinutes(900)).toBe(5);
    expect(countText('قال أحمد').words).toBe(2);
  });
});
