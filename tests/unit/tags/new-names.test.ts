/**
 * New people, places and organisations found by their cues on the fixtures' own text: the
 * names each story should yield (true positives), the phrases around the same cues that name
 * nobody (false positives), and the service listing them after the gazetteer's, marked new,
 * until one is accepted and joins the gazetteer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectNewNames } from '../../../electron/core/entities/detector';
import { compileMatcher } from '../../../electron/core/entities/matcher';
import { createEntityService, seedEntries } from '../../../electron/core/entities/service';
import { memoryStore } from '../helpers/memory-store';

const fixtures = join(import.meta.dirname, '../../fixtures');
interface Seed {
  key: string;
  headline: string;
  byline: string | null;
  body: string[];
  mentions: { people: string[]; places: string[]; organisations: string[] };
}
const seeds = (JSON.parse(readFileSync(join(fixtures, 'seed-stories.json'), 'utf8')) as { stories: Seed[] })
  .stories;
const articles = (
  JSON.parse(readFileSync(join(fixtures, 'articles-ar.json'), 'utf8')) as {
    articles: { headline: string; byline: string; body: { text?: string; items?: string[] }[] }[];
  }
).articles;
const seedText = (key: string) => {
  const s = seeds.find((story) => story.key === key)!;
  return [s.headline, s.byline ?? '', ...s.body].join('\n');
};
const articleText = (index: number) => {
  const a = articles[index]!;
  return [a.headline, a.byline, ...a.body.map((b) => b.text ?? (b.items ?? []).join('\n'))].join('\n');
};

const known = compileMatcher(seedEntries());
const detect = (text: string) => detectNewNames(text, known).map((n) => `${n.kind}:${n.name}`);

describe('names the gazetteer does not know, found by their cues', () => {
  it('finds the new people of the Russia story, and no title words', () => {
    const found = detect(seedText('russia-cooperation'));
    // Titles before each: الفريق الركن …، نائب وزير الدفاع الروسي، …، وزير الخارجية … من البرلمان، …
    expect(found).toEqual(
      expect.arrayContaining(['person:خالد حفتر', 'person:يونس بك يفكيروف', 'person:عبد الهادي الحويج']),
    );
    // Every find is one of the story's own names (the fixture lists them).
    const story = seeds.find((s) => s.key === 'russia-cooperation')!;
    const listed = [...story.mentions.people, ...story.mentions.places, ...story.mentions.organisations];
    for (const name of found) expect(listed).toContain(name.split(':')[1]);
  });

  it('on the summit story, adds only what the gazetteer lacks: the Iraqi cabinet, no person from a title', () => {
    expect(detect(seedText('summit-invitation'))).toEqual(['organisation:مجلس الوزراء العراقي']);
  });

  it('finds places after place words and organisations after head nouns, quotes or Latin names', () => {
    expect(detect(articleText(1))).toEqual(['place:البتراء', 'place:سواكن']);
    expect(detect(articleText(3))).toEqual(['organisation:برمج']);
    expect(detect(articleText(4))).toEqual(['organisation:هيئة الأرصاد', 'organisation:وزارة الصحة']);
    expect(detect(articleText(0))).toEqual(['organisation:Reuters']);
    // The poetry festival names its countries only (all known) and a poet by no title.
    expect(detect(articleText(2))).toEqual([]);
  });

  it('matches cues through the normalizer and the prefixes, and names after a comma', () => {
    expect(detect('وقال وزيـر الصحة أحمد خالد إن الوضع مستقر')).toEqual(['person:أحمد خالد']);
    expect(detect('وقالت المتحدثة باسم الوزارة، سارة علي، إن')).toEqual(['person:سارة علي']);
    expect(detect('التقى بالرئيس السوري بشار الأسد')).toEqual(['person:بشار الأسد']);
    expect(detect('وأعلن رئيس حزب العدالة والتنمية عبد الإله بنكيران')).toEqual([
      'person:عبد الإله بنكيران',
      'organisation:حزب العدالة والتنمية',
    ]);
    expect(detect('في محافظة نينوى شمال العراق')).toEqual(['place:نينوى']);
    expect(detect('ووصل إلى مدينة درنة شرقي ليبيا')).toEqual(['place:درنة']);
  });

  it('names nobody where a cue is followed by a verb, a preposition, an adjective or a generic word', () => {
    for (const text of [
      'قال الرئيس إن البلاد بخير',
      'أكد الرئيس على أهمية الحوار',
      'التقى الرئيس في القاهرة وفدا من رجال الأعمال',
      'وقال وزير الصحة خلال مؤتمر صحفي',
      'وقال محافظ البنك في مؤتمر صحفي إن التضخم مرتفع',
      'زار الوفد مدينة كبيرة في الجنوب',
      'في منطقة عسكرية مغلقة',
      'عقد مجلس الإدارة اجتماعا',
      'قرر البنك المركزي الإبقاء على سعر الفائدة',
      'شركة ناشئة عربية تطلق تطبيقا',
      'ولاية ثانية للرئيس',
      'بحث الوزير مع نظيره التونسي',
      'قالت المديرة العامة للمنظمة.',
      'خلال لقاء جمع رئيس الحكومة بوفد',
      'وأكد الأمير سلطان عمان',
    ]) {
      expect(detect(text), text).toEqual([]);
    }
    // A name ends before a verb: the title cue does not swallow what follows.
    expect(detect('الدكتور يوسف زيدان يكتب')).toEqual(['person:يوسف زيدان']);
    // A name the gazetteer knows is not offered as new, nor a person that holds a known place.
    expect(detect('الرئيس الأمريكي دونالد ترامب ناقشت')).toEqual([]);
    expect(detect('رسالة من رئيس جمهورية العراق')).toEqual([]);
  });

  it('answers empty, huge or hostile text at once', () => {
    for (const text of ['', '   ', '،،،', 'الرئيس', 'وزارة', 'الرئيس '.repeat(5_000), '.*+?^${}()|[]\\']) {
      expect(() => detectNewNames(text, known)).not.toThrow();
    }
  });
});

describe('suggestions in the editor', () => {
  it('lists new names after the known ones, marked new, until one is accepted into the gazetteer', async () => {
    const entities = createEntityService(memoryStore());
    const text = seedText('russia-cooperation');
    const first = await entities.suggest(text, []);
    expect(first.filter((s) => !s.isNew).map((s) => s.name)).toEqual(
      expect.arrayContaining(['ليبيا', 'موسكو', 'روسيا', 'فلاديمير بوتين']),
    );
    const fresh = first.filter((s) => s.isNew);
    expect(fresh).toContainEqual({ kind: 'person', name: 'خالد حفتر', mentions: 2, isNew: true });
    // Known first, then new.
    expect(first.findIndex((s) => s.isNew)).toBe(first.filter((s) => !s.isNew).length);

    await entities.add('person', 'خالد حفتر');
    const again = await entities.suggest(text, []);
    expect(again).toContainEqual({ kind: 'person', name: 'خالد حفتر', mentions: 2, isNew: false });
    const accepted = await entities.suggest(text, [{ kind: 'person', name: 'خالد حفتر' }]);
    expect(accepted.map((s) => s.name)).not.toContain('خالد حفتر');
  });

  it('still suggests ليبيا، العراق، بغداد، طرابلس and the people of the summit story, as known', async () => {
    const entities = createEntityService(memoryStore());
    const found = await entities.suggest(seedText('summit-invitation'), []);
    const known = found.filter((s) => !s.isNew).map((s) => s.name);
    for (const place of ['ليبيا', 'العراق', 'بغداد', 'طرابلس']) expect(known).toContain(place);
    for (const person of seeds[0]!.mentions.people) expect(known).toContain(person);
  });
});
