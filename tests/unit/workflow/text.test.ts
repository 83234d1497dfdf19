/** Comment anchors that follow their words, and the Arabic word diff of the review screen. */
import { diffWords } from 'diff';
import { describe, expect, it } from 'vitest';
import type { StoryBody } from '../../../shared/story/schema';
import { locateInBlock, makeAnchor, reanchor } from '../../../shared/workflow/anchors';
import { bodyDiff, metadataChanges, wordDiff, wordsOf } from '../../../shared/workflow/word-diff';
import { readyStory } from './helpers';

const para = (text: string): StoryBody[number] => ({
  type: 'paragraph',
  dir: 'rtl',
  lang: 'ar',
  children: [{ text }],
});
const P1 = 'تسلم المجلس الرئاسي الليبي دعوة رسمية من العراق لحضور القمة العربية.';
const P2 = 'والدعوة نقلها نائب رئيس مجلس الوزراء العراقي خلال زيارته إلى طرابلس.';

describe('comment anchors', () => {
  const body: StoryBody = [para(P1), para(P2)];
  const start = P2.indexOf('نائب رئيس');
  const anchor = makeAnchor(body, 1, start, start + 'نائب رئيس'.length)!;

  it('quote the text they cover', () => {
    expect(anchor).toEqual({ block: 1, start, end: start + 9, quote: 'نائب رئيس' });
    expect(makeAnchor(body, 1, 5, 5)).toBeNull();
    expect(makeAnchor(body, 7, 0, 3)).toBeNull();
  });

  it('stay put when nothing around them changed', () => {
    expect(reanchor(body, anchor)).toBe(anchor);
  });

  it('survive words typed before them in the same paragraph', () => {
    const edited = [para(P1), para(`وقال مصدر إن ${P2}`)];
    const found = reanchor(edited, anchor)!;
    expect(found.block).toBe(1);
    expect(found.start).toBe(start + 'وقال مصدر إن '.length);
    expect(edited[1]!.children[0]).toMatchObject({ text: expect.stringContaining(found.quote) });
  });

  it('follow their paragraph when one is inserted above it', () => {
    const edited = [para('فقرة جديدة في أول الخبر.'), para(P1), para(P2)];
    expect(reanchor(edited, anchor)).toMatchObject({ block: 2, start });
  });

  it('pick the occurrence nearest the old place when the words repeat', () => {
    const text = `نائب رئيس الوزراء التقى نائب رئيس المجلس`;
    const repeated = [para(text)];
    const second = text.lastIndexOf('نائب رئيس');
    const a = makeAnchor(repeated, 0, second, second + 9)!;
    const edited = [para(`اليوم ${text}`)];
    expect(reanchor(edited, a)?.start).toBe(second + 'اليوم '.length);
  });

  it('become detached (null) when the quoted words are deleted', () => {
    expect(reanchor([para(P1), para('والدعوة نقلها مسؤول عراقي.')], anchor)).toBeNull();
  });
});

describe('word diff', () => {
  it('keeps Arabic words whole (the library’s default splitter breaks them into letters)', () => {
    const before = 'وأكد نائب الوزير على أهمية الدور';
    const after = 'وأكد نائبُ وزير الدفاع على أهمية الدور';
    const parts = wordDiff(before, after);
    const changed = parts.filter((p) => p.kind !== 'same').map((p) => `${p.kind}:${p.text.trim()}`);
    expect(changed).toEqual(['removed:نائب الوزير', 'added:نائبُ وزير الدفاع']);
    // What the default tokenizer does with the same text: letters, not words.
    const naive = diffWords(before, after).filter((c) => c.added || c.removed);
    expect(naive.some((c) => c.value.trim().length === 1)).toBe(true);
    expect(wordsOf('نائبُ وزير')).toEqual(['نائبُ', 'وزير']);
  });

  it('shows a body change per paragraph, with added and removed paragraphs', () => {
    const blocks = bodyDiff(
      [para(P1), para(P2)],
      [para(P1.replace('رسمية', 'عاجلة')), para('فقرة مضافة.'), para(P2)],
    );
    expect(blocks).toHaveLength(3);
    expect(blocks[0]!.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text])).toEqual([
      ['removed', 'رسمية'],
      ['added', 'عاجلة'],
    ]);
    expect(blocks[1]!.every((p) => p.kind === 'added')).toBe(true);
    expect(blocks[2]!.every((p) => p.kind === 'same')).toBe(true);
  });

  it('lists metadata changes: headline, tags and image', () => {
    const a = readyStory('story-0001', 'draft', []);
    const b = {
      ...a,
      headline: `${a.headline} العاجلة`,
      tags: [...a.tags, 'العراق'],
      leadImage: { ...a.leadImage!, credit: '' },
    };
    expect(metadataChanges(a, b).map((c) => c.field)).toEqual(['headline', 'tags', 'leadImage']);
    expect(
      metadataChanges(a, b)[0]!
        .parts?.find((p) => p.kind === 'added')
        ?.text.trim(),
    ).toBe('العاجلة');
  });
});

describe('locating a comment in the block being edited (the editor highlight)', () => {
  const quote = 'القمة العربية';
  const at = P1.indexOf(quote);
  const anchor = { block: 0, start: at, end: at + quote.length, quote };

  it('finds the words where the anchor says, or where typing around them moved them', () => {
    expect(locateInBlock(P1, anchor)).toEqual({ start: at, end: at + quote.length });
    const typed = `عاجل: ${P1} وفق البيان.`;
    expect(locateInBlock(typed, anchor)).toEqual({ start: at + 6, end: at + 6 + quote.length });
  });

  it('prefers the occurrence nearest the old place, and gives up when the words are gone', () => {
    const twice = `${quote} في ${P1}`;
    const found = locateInBlock(twice, anchor)!;
    expect(twice.slice(found.start, found.end)).toBe(quote);
    expect(found.start).toBe(twice.lastIndexOf(quote));
    expect(locateInBlock(P1.replace(quote, 'القمة'), anchor)).toBeNull();
  });
});
