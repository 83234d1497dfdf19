import { describe, expect, it } from 'vitest';
import { createFinding } from '../../../electron/core/search/handlers';
import { createStoryService } from '../../../electron/core/stories/service';
import type { StoryBody } from '../../../shared/story/schema';
import { memoryStore } from '../helpers/memory-store';

const para = (text: string): StoryBody => [
  { type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text }] },
];
const HEADLINE = 'الرئاسة الليبية تتسلم دعوة رسمية لحضور القمة العربية في العراق';
const LEAD = 'تسلم المجلس الرئاسي الليبي دعوة رسمية من العراق لحضور القمة العربية المقرر انعقادها في بغداد.';

async function newsroom(now: Date) {
  const store = memoryStore();
  const finding = createFinding(
    store,
    createStoryService(store, () => now),
  );
  const write = async (headline: string, lead: string) => {
    const created = await finding.stories.create('ar');
    return finding.stories.save(created.id, created.version, { headline, body: para(lead) });
  };
  return { ...finding, write, store };
}

describe('duplicate warning', () => {
  it('names a recent story whose headline and lead closely match, spelled differently', async () => {
    const { search, write } = await newsroom(new Date());
    const first = await write(HEADLINE, LEAD);
    await write('ارتفاع أسعار النفط في الأسواق العالمية', 'ارتفعت أسعار النفط اليوم بعد قرار أوبك.');
    const mine = await write('', '');
    const similar = await search.similar({
      id: mine.id,
      // Another desk's wording: hamza dropped, ة as ه, words in another order.
      headline: 'الرئاسه الليبيه تتسلم دعوة رسميه لحضور القمه العربيه في العراق',
      lead: 'المجلس الرئاسي الليبي تسلم دعوة رسمية من العراق لحضور القمة العربية المقرر انعقادها ببغداد',
    });
    expect(similar.map((s) => s.id)).toEqual([first.id]);
    expect(similar[0]!.similarity).toBeGreaterThan(0.6);
  });

  it('stays quiet for a different story, for the story itself and for an empty headline', async () => {
    const { search, write } = await newsroom(new Date());
    const first = await write(HEADLINE, LEAD);
    expect(
      await search.similar({ headline: 'ليبيا تستضيف مؤتمرا للطاقة', lead: 'افتتح في طرابلس مؤتمر الطاقة.' }),
    ).toEqual([]);
    expect(await search.similar({ id: first.id, headline: HEADLINE, lead: LEAD })).toEqual([]);
    expect(await search.similar({ headline: '', lead: '' })).toEqual([]);
  });

  it('ignores matching stories older than the window', async () => {
    const old = await newsroom(new Date(Date.now() - 10 * 24 * 3600 * 1000));
    await old.write(HEADLINE, LEAD);
    const again = createFinding(old.store, createStoryService(old.store));
    expect(await again.search.similar({ headline: HEADLINE, lead: LEAD })).toEqual([]);
  });
});
