import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateNinjs } from '../../../electron/core/stories/ninjs-validate';
import { readWire, WireRejection } from '../../../electron/core/ingest/intake';
import { wireToStory } from '../../../electron/core/ingest/intake/story';
import { pubStatusOf, storyToNinjs } from '../../../shared/format/ninjs';
import { Story } from '../../../shared/story/schema';

const schema = JSON.parse(
  readFileSync(new URL('../../../resources/standards/ninjs/ninjs-schema_3.1.json', import.meta.url), 'utf8'),
) as { $defs: { ninjsType: { properties: Record<string, unknown> } } };

const story = Story.parse({
  id: 'ninjs-test-0001',
  schemaVersion: 1,
  version: 4,
  language: 'ar',
  direction: 'rtl',
  headline: 'البنك المركزي يبقي سعر الفائدة',
  subheadline: 'الأسواق تترقب',
  slugline: 'central-bank',
  byline: 'سارة المصري',
  dateline: { place: 'القاهرة' },
  body: [
    {
      type: 'paragraph',
      dir: 'rtl',
      lang: 'ar',
      children: [{ text: 'وكالة ' }, { text: 'Reuters', lang: 'en' }],
    },
  ],
  tags: ['اقتصاد', 'البنك المركزي'],
  status: 'published',
  urgency: 3,
  edNote: 'not for publication',
  createdAt: '2026-01-02T08:00:00Z',
  updatedAt: '2026-01-02T09:30:00+02:00',
});

describe('storyToNinjs', () => {
  const doc = storyToNinjs(story);

  it('uses only property names the ninjs 3.1 schema defines, and validates against it', () => {
    const known = Object.keys(schema.$defs.ninjsType.properties);
    expect(Object.keys(doc).filter((name) => !known.includes(name))).toEqual([]);
    expect(validateNinjs(doc)).toEqual({ valid: true, errors: [] });
  });

  it('maps the story fields', () => {
    expect(doc).toMatchObject({
      uri: 'urn:mihbara:story:ninjs-test-0001',
      type: 'text',
      version: '4',
      language: 'ar',
      pubStatus: 'usable',
      by: 'سارة المصري',
      located: 'القاهرة',
      slugline: 'central-bank',
      urgency: 3,
      firstCreated: '2026-01-02T08:00:00Z',
      versionCreated: '2026-01-02T09:30:00+02:00',
      headlines: [
        { role: 'main', value: 'البنك المركزي يبقي سعر الفائدة' },
        { role: 'sub', value: 'الأسواق تترقب' },
      ],
      subjects: [{ name: 'اقتصاد' }, { name: 'البنك المركزي' }],
    });
    expect(doc.bodies?.[0]).toMatchObject({ role: 'main', contentType: 'text/html' });
    expect(doc.bodies?.[0]?.value).toContain('<span dir="ltr" lang="en">Reuters</span>');
    expect(doc.edNote).toBeUndefined();
    expect(storyToNinjs(story, { includeEdNote: true }).edNote).toBe('not for publication');
  });

  it('maps workflow states to pubStatus', () => {
    expect(pubStatusOf('draft')).toBe('withheld');
    expect(pubStatusOf('approved')).toBe('withheld');
    expect(pubStatusOf('corrected')).toBe('usable');
    expect(pubStatusOf('killed')).toBe('canceled');
  });
});

/** A ninjs object through the one intake and the one story mapping. */
const ninjsToStoryFields = (obj: unknown) =>
  wireToStory(readWire(new TextEncoder().encode(JSON.stringify(obj))).items[0]!);

describe('ninjs through the intake', () => {
  it('reads back what storyToNinjs wrote', () => {
    const { fields } = ninjsToStoryFields(storyToNinjs(story));
    expect(fields).toMatchObject({
      headline: story.headline,
      subheadline: story.subheadline,
      byline: story.byline,
      slugline: story.slugline,
      dateline: { place: 'القاهرة' },
      language: 'ar',
      direction: 'rtl',
      tags: story.tags,
      urgency: 3,
      createdAt: story.createdAt,
    });
    expect(fields.body).toEqual(story.body);
  });

  it('takes direction from language', () => {
    const { fields } = ninjsToStoryFields({
      uri: 'urn:x:1',
      language: 'en-GB',
      headlines: [{ value: 'Hello' }],
      bodies: [{ contentType: 'text/html', value: '<p>Body</p>' }],
    });
    expect(fields).toMatchObject({ language: 'en-GB', direction: 'ltr', headline: 'Hello' });
    expect(fields.body[0]).toMatchObject({ dir: 'ltr', lang: 'en-GB' });
  });

  it('takes a plain-text body and a missing headline, refuses pictures and non-objects with codes', () => {
    const base = { uri: 'urn:x:1', headlines: [{ role: 'main', value: 'عنوان' }] };
    const plain = ninjsToStoryFields({
      ...base,
      bodies: [{ contentType: 'text/plain', value: 'سطر أول\n\nسطر ثان' }],
    });
    expect(plain.fields.body.map((block) => block.type)).toEqual(['paragraph', 'paragraph']);
    const noHeadline = readWire(
      new TextEncoder().encode(JSON.stringify({ uri: 'urn:x:1', bodies: [{ value: '<p>نص الخبر</p>' }] })),
    );
    expect(noHeadline.items[0]).toMatchObject({
      headline: 'نص الخبر',
      warnings: [{ code: 'headline-from-text' }],
    });
    const refusal = (obj: unknown) => {
      try {
        ninjsToStoryFields(obj);
      } catch (error) {
        return error instanceof WireRejection ? error.code : 'other';
      }
      return 'taken';
    };
    expect(refusal({ ...base, type: 'picture' })).toBe('not-text');
    expect(refusal([])).toBe('wrong-schema');
    expect(refusal({ uri: 'urn:x:1' })).toBe('incomplete');
  });

  it('accepts an IPTC-style text item and rejects properties ninjs 3.1 does not have', () => {
    // shaped like IPTC's 004_simple_text_article.json example
    const example = {
      uri: 'http://ninjs.example.com/newsitems/20130709simp123',
      type: 'text',
      versionCreated: '2013-07-09T10:37:00Z',
      by: 'Paulo Santalucia',
      headlines: [{ role: 'main', value: 'Captain of wrecked cruise ship on trial in Italy' }],
      bodies: [{ role: 'richtext', contentType: 'body_xhtml', value: '<p>GROSSETO, Italy (AP)</p>' }],
    };
    expect(validateNinjs(example)).toEqual({ valid: true, errors: [] });
    expect(ninjsToStoryFields(example).fields.body[0]).toMatchObject({ type: 'paragraph' });
    const result = validateNinjs({ uri: 'urn:x:1', byline: 'x', keywords: ['a'] });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/"byline" is not a ninjs 3\.1 property/);
    expect(result.errors.join('\n')).toMatch(/"keywords" is not a ninjs 3\.1 property/);
    // the GeoJSON reference resolves to the local stub: no network needed
    expect(
      validateNinjs({
        uri: 'urn:x:1',
        places: [{ name: 'طرابلس', geoJSON: { type: 'Point', coordinates: [13.18, 32.89] } }],
      }).valid,
    ).toBe(true);
  });
});
