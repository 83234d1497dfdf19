import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../electron/core/entities/matcher';
import { createEntityService } from '../../../electron/core/entities/service';
import { memoryStore } from '../helpers/memory-store';

interface Seed {
  key: string;
  headline: string;
  byline: string;
  body: string[];
  mentions: { people: string[]; places: string[]; organisations: string[] };
}
const seeds = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/seed-stories.json'), 'utf8')) as {
    stories: Seed[];
  }
).stories;
const summit = seeds.find((s) => s.key === 'summit-invitation')!;
const textOf = (s: Seed) => [s.headline, s.byline, ...s.body].join('\n');

describe('entity matching', () => {
  it('suggests the places and people of the summit-invitation story', async () => {
    const entities = createEntityService(memoryStore());
    const names = (await entities.suggest(textOf(summit), [])).map((s) => s.name);
    for (const place of ['ليبيا', 'العراق', 'بغداد', 'طرابلس']) expect(names).toContain(place);
    for (const person of summit.mentions.people) expect(names).toContain(person);
  });

  it('matches through prefixes and spelling variants, word by word', () => {
    const matcher = compileMatcher([
      { id: '1', kind: 'place', name: 'العراق', aliases: [] },
      { id: '2', kind: 'person', name: 'أحمد أبو الغيط', aliases: [] },
      { id: '3', kind: 'place', name: 'الولايات المتحدة', aliases: ['أمريكا'] },
      { id: '4', kind: 'place', name: 'بغداد', aliases: [] },
    ]);
    const found = (text: string) => matcher.find(text).map((m) => `${m.entry.name}×${m.mentions}`);
    expect(found('وصل إلى بغداد ثم وبغداد ولبغداد')).toEqual(['بغداد×3']);
    expect(found('زيارة للعراق والعراق')).toEqual(['العراق×2']);
    expect(found('قال احمد ابو الغيط')).toEqual(['أحمد أبو الغيط×1']);
    expect(found('أحمد وحده')).toEqual([]);
    expect(found('من أميركا إلى الولايات المتحدة')).toEqual(['الولايات المتحدة×1']);
    expect(found('من أمريكا إلى الولايات المتحدة')).toEqual(['الولايات المتحدة×2']);
    expect(found('العراقي والعراقية')).toEqual([]);
  });

  it('leaves out accepted names, and a new accepted name joins the gazetteer', async () => {
    const entities = createEntityService(memoryStore());
    const accepted = [{ kind: 'place' as const, name: 'ليبيا' }];
    expect((await entities.suggest(textOf(summit), accepted)).map((s) => s.name)).not.toContain('ليبيا');
    expect(await entities.suggest('التقى سالم الزنتاني بالوفد', [])).toEqual([]);
    await entities.add('person', 'سالم الزنتاني');
    expect(await entities.suggest('التقى سالم الزنتاني بالوفد', [])).toEqual([
      { kind: 'person', name: 'سالم الزنتاني', mentions: 1, isNew: false },
    ]);
    await entities.add('person', 'سالم الزنتانى', ['الزنتاني']);
    expect((await entities.list('زنتان', 'person')).map((e) => e.aliases)).toEqual([['الزنتاني']]);
  });
});
