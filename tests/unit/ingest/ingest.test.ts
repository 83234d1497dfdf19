/**
 * Wire ingest: ninjs 1.x–3.x and NewsML-G2 into the Incoming queue, duplicates ignored, bad files
 * (malformed, oversized, wrong schema, XXE, billion laughs) refused with a reason and kept aside,
 * the watched folder, and round trips of every fixture story through ninjs and NewsML-G2.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIncomingQueue, watchFolder, type IncomingQueue } from '../../../electron/core/ingest/queue';
import { createStoryService, type StoryService } from '../../../electron/core/stories/service';
import { diskFiles } from '../../../electron/core/workflow/files';
import { storyToNewsml } from '../../../shared/format/newsml';
import { storyToNinjs } from '../../../shared/format/ninjs';
import { readWire } from '../../../electron/core/ingest/intake';
import { wireToStory } from '../../../electron/core/ingest/intake/story';
import { Story } from '../../../shared/story/schema';
import { fixtureNinjs, readFixture, type FixtureArticle } from '../cli/helpers/cli';
import { memoryStore } from '../helpers/memory-store';
import { sampleStory, tempDir, xmlFile, xmllintSchema } from '../publishing/helpers';

let dir: Awaited<ReturnType<typeof tempDir>>;
let stories: StoryService;
let queue: IncomingQueue;
const enc = (text: string) => new TextEncoder().encode(text);

beforeEach(async () => {
  dir = await tempDir('mihbara-ingest-');
  stories = createStoryService(memoryStore());
  queue = createIncomingQueue({ root: dir.path, files: diskFiles(dir.path, true), stories });
});
afterEach(() => dir.remove());

const XXE = `<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1"><itemMeta/><contentMeta><headline>&xxe;</headline></contentMeta><contentSet/></newsItem>`;
const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:2"><contentMeta><headline>&lol3;</headline></contentMeta></newsItem>`;

const DTD_SUBSET = `<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ELEMENT newsItem ANY>]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:4"><itemMeta/><contentMeta/><contentSet/></newsItem>`;
const NO_HEADLINE = `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:5" version="1"><itemMeta/><contentMeta/><contentSet/></newsItem>`;

/** The `code:` line and the parameters written beside a refused file. */
const reasonFileFields = (text: string) =>
  Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
  );

describe('bad wire files', () => {
  it.each([
    ['malformed JSON', '{"uri": "urn:x", ', 'malformed-json', /not valid JSON/, ['detail']],
    ['a JSON array', '[1,2]', 'wrong-schema', /not a ninjs object/, ['schema', 'detail']],
    ['XML with an external entity (XXE)', XXE, 'xml-external-entity', /external entity \(XXE\)/, []],
    ['XML with entity expansion (billion laughs)', LAUGHS, 'xml-entity-expansion', /entity expansion/, []],
    ['XML with a DTD of its own', DTD_SUBSET, 'xml-dtd', /declares a DTD/, []],
    [
      'XML nested too deep',
      `${'<a>'.repeat(300)}${'</a>'.repeat(300)}`,
      'xml-too-deep',
      /nested more than/,
      ['limit'],
    ],
    [
      'XML left unclosed',
      '<newsItem><contentMeta><headline>x</headline>',
      'malformed-xml',
      /not closed/,
      ['detail'],
    ],
    ['XML without an element', '<?xml version="1.0"?>', 'malformed-xml', /no root element/, ['detail']],
    [
      'XML that is not NITF or NewsML-G2',
      '<rss version="2.0"><channel/></rss>',
      'unsupported-format',
      /<rss> XML document, not NITF or NewsML-G2/,
      ['detail'],
    ],
    [
      'a NewsML-G2 picture',
      '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta></newsItem>',
      'not-text',
      /picture item, not a text story/,
      ['type'],
    ],
    [
      'a newsItem without a headline or text',
      NO_HEADLINE,
      'incomplete',
      /neither a headline nor any text/,
      ['detail'],
    ],
    [
      'a ninjs picture',
      JSON.stringify({ uri: 'urn:x:6', type: 'picture', headlines: [{ value: 'صورة' }] }),
      'not-text',
      /not a text story/,
      ['type'],
    ],
    ['plain text', 'hello', 'unsupported-format', /neither ninjs/, []],
    ['NewsML 1.x', '<NewsML><NewsItem/></NewsML>', 'unsupported-format', /NewsML 1\.x/, ['detail']],
    ['an empty file', '', 'empty', /empty/, []],
  ])(
    'refuses %s with its code and reason, and keeps the file aside',
    async (_name, text, code, reason, params) => {
      const outcome = await queue.ingestBytes(enc(text), 'wire.file');
      expect(outcome).toMatchObject({ kind: 'rejected', code, reason: expect.stringMatching(reason) });
      expect(Object.keys((outcome.kind === 'rejected' && outcome.params) || {}).sort()).toEqual(
        [...params].sort(),
      );
      expect(await queue.list()).toEqual([]);
      const kept = await readdir(join(dir.path, 'incoming/rejected'));
      const reasonFile = kept.find((name) => name.endsWith('.reason.txt'))!;
      expect(kept.filter((name) => name.endsWith('.reason.txt'))).toHaveLength(1);
      const written = reasonFileFields(
        await readFile(join(dir.path, 'incoming/rejected', reasonFile), 'utf8'),
      );
      expect(written.code).toBe(code);
      expect(written.reason).toMatch(reason);
      for (const name of params) expect(written[name]).toBeTruthy();
      expect((await queue.rejected())[0]).toMatchObject({ code, reason: expect.stringMatching(reason) });
    },
  );

  it('takes what has the essentials despite its schema, listing the deviations as warnings', async () => {
    const extra = {
      uri: 'urn:x:3',
      headlines: [{ value: 'عنوان' }],
      bodies: [{ value: '<p>نص</p>' }],
      colour: 'red',
    };
    const noBody = { uri: 'urn:x:7', type: 'text', headlines: [{ role: 'main', value: 'عنوان فقط' }] };
    const dtdNamed = `<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "nitf-3-5.dtd">\n<nitf><head><docdata><doc-id id-string="n1"/></docdata></head><body><body.head><hedline><hl1>خبر</hl1></hedline></body.head><body.content><p>نص</p></body.content></body></nitf>`;
    const taken = [
      await queue.ingestBytes(enc(JSON.stringify(extra)), 'a.json'),
      await queue.ingestBytes(enc(JSON.stringify(noBody)), 'b.json'),
      await queue.ingestBytes(enc(dtdNamed), 'c.xml'),
    ];
    expect(taken.map((o) => o.kind)).toEqual(['queued', 'queued', 'queued']);
    const codes = taken.map((o) => (o.kind === 'queued' ? (o.item.warnings ?? []).map((w) => w.code) : []));
    expect(codes[0]).toContain('schema-deviation');
    expect(codes[1]).toContain('no-text');
    expect(codes[2]).toEqual(['dtd-ignored']);
  });

  it('refuses an oversized file before reading it, and bytes that are not in the declared charset', async () => {
    const big = join(dir.path, 'big.json');
    await writeFile(big, Buffer.alloc(6 * 1024 * 1024, 0x20));
    expect(await queue.ingestFile(big)).toMatchObject({
      kind: 'rejected',
      code: 'oversized',
      reason: expect.stringContaining('too large'),
      params: { size: 6 * 1024 * 1024, limit: 5 * 1024 * 1024 },
    });
    expect(await queue.ingestBytes(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'x.json')).toMatchObject({
      code: 'malformed-encoding',
      params: { charset: 'utf-8' },
    });
    const latin = enc('<?xml version="1.0" encoding="x-unknown-8"?><nitf/>');
    expect(await queue.ingestBytes(latin, 'y.xml')).toMatchObject({ code: 'unsupported-encoding' });
  });

  it('never follows a link out of the folder; a folder or a missing file is refused by name', async () => {
    const link = join(dir.path, 'link.json');
    await symlink('/etc/passwd', link);
    expect(await queue.ingestFile(link)).toMatchObject({
      kind: 'rejected',
      code: 'link',
      reason: expect.stringContaining('link'),
    });
    await mkdir(join(dir.path, 'a-folder.json'));
    expect(await queue.ingestFile(join(dir.path, 'a-folder.json'))).toMatchObject({ code: 'not-a-file' });
    expect(await queue.ingestFile(join(dir.path, 'gone.json'))).toMatchObject({ code: 'missing' });
  });
});

describe('the Incoming queue', () => {
  it('takes ninjs 3.x, 2.x and 1.x and NewsML-G2, and ignores the same guid and version again', async () => {
    const v3 = storyToNinjs(sampleStory());
    const v2 = {
      uri: 'urn:agency:2',
      version: '1',
      versioncreated: '2025-01-01T00:00:00Z',
      language: 'ar',
      headlines: [{ value: 'خبر ٢' }],
      bodies: [{ contenttype: 'text/html', value: '<p>نص</p>' }],
    };
    const v1 = {
      uri: 'urn:agency:1',
      version: '3',
      headline: 'خبر ١',
      body_html: '<p>نص قديم</p>',
      byline: 'وكالة',
      language: 'ar',
      pubstatus: 'usable',
    };
    const xml = storyToNewsml(sampleStory({ id: 'newsml-wire-0001' }));
    const outcomes = [
      await queue.ingestBytes(enc(JSON.stringify(v3)), 'a.json'),
      await queue.ingestBytes(enc(JSON.stringify(v2)), 'b.json'),
      await queue.ingestBytes(enc(JSON.stringify(v1)), 'c.json'),
      await queue.ingestBytes(enc(xml), 'd.xml'),
    ];
    expect(outcomes.map((o) => o.kind)).toEqual(['queued', 'queued', 'queued', 'queued']);
    expect((await queue.list()).map((i) => i.headline).sort()).toEqual(
      ['خبر ١', 'خبر ٢', sampleStory().headline, sampleStory().headline].sort(),
    );
    expect(await queue.ingestBytes(enc(JSON.stringify(v1)), 'c-again.json')).toEqual({
      kind: 'duplicate',
      guid: 'urn:agency:1',
      version: '3',
    });
    // A new version of the same item is news.
    expect((await queue.ingestBytes(enc(JSON.stringify({ ...v1, version: '4' })), 'c4.json')).kind).toBe(
      'queued',
    );
    expect(await queue.list()).toHaveLength(5);
  });

  it('opens an item as a draft that keeps its source and guid, once; spikes another', async () => {
    const outcome = await queue.ingestBytes(
      enc(
        JSON.stringify({
          uri: 'urn:agency:9',
          version: '2',
          headlines: [{ value: 'عاجل' }],
          bodies: [{ contentType: 'text/html', value: '<p>نص</p>' }],
          infoSources: [{ name: 'وكالة الأنباء' }],
        }),
      ),
      'x.json',
    );
    if (outcome.kind !== 'queued') throw new Error('not queued');
    const story = await queue.open(outcome.item.id, { authors: ['sara'] });
    expect(story).toMatchObject({
      status: 'draft',
      headline: 'عاجل',
      authors: ['sara'],
      source: { guid: 'urn:agency:9', version: '2', provider: 'وكالة الأنباء', format: 'ninjs' },
    });
    expect((await queue.list())[0]).toMatchObject({ status: 'opened', storyId: story.id });
    await expect(queue.open(outcome.item.id)).rejects.toMatchObject({ code: 'conflict' });

    const other = await queue.ingestBytes(
      enc(
        JSON.stringify({
          uri: 'urn:agency:10',
          headlines: [{ value: 'آخر' }],
          bodies: [{ contentType: 'text/html', value: '<p>x</p>' }],
        }),
      ),
      'y.json',
    );
    if (other.kind !== 'queued') throw new Error('not queued');
    expect((await queue.spike(other.item.id)).status).toBe('spiked');
    expect((await stories.listPage({})).items).toHaveLength(1);
  });

  it('watches a folder: taken files go to processed/, bad ones to rejected/ with their reason', async () => {
    const inbox = join(dir.path, 'inbox');
    await mkdir(inbox);
    await writeFile(join(inbox, 'good.json'), JSON.stringify(storyToNinjs(sampleStory())));
    await writeFile(join(inbox, 'evil.xml'), XXE);
    await mkdir(join(inbox, 'sub'));
    const watcher = watchFolder(inbox, queue, { intervalMs: 60_000 });
    try {
      expect(await watcher.scan()).toMatchObject({ total: 2, done: 2, taken: 1, refused: 1 });
    } finally {
      watcher.stop();
    }
    expect(await readdir(join(inbox, 'processed'))).toEqual(['good.json']);
    expect((await readdir(join(inbox, 'rejected'))).sort()).toEqual(['evil.xml', 'evil.xml.reason.txt']);
    expect(await readFile(join(inbox, 'rejected', 'evil.xml.reason.txt'), 'utf8')).toMatch(
      /^code: xml-external-entity\nreason: .*XXE/,
    );
    expect((await readdir(inbox)).sort()).toEqual(['processed', 'rejected', 'sub']);
  });
});

// ---------------------------------------------------------------- round trips

const articles = readFixture<{ articles: FixtureArticle[] }>('articles-ar.json').articles;
const seed = readFixture<{ stories: FixtureArticle[] }>('seed-stories.json').stories;

/** A full story from a fixture article, with every metadata field the formats carry. */
function fixtureStory(article: FixtureArticle, index: number): Story {
  const { fields } = wireToStory(readWire(enc(JSON.stringify(fixtureNinjs(article)))).items[0]!);
  const { source: _source, ...rest } = fields;
  return Story.parse({
    ...rest,
    id: `fixture-story-${String(index).padStart(4, '0')}`,
    schemaVersion: 1,
    version: 3,
    slugline: article.key,
    urgency: 4,
    subjects: ['medtop:20000350', 'medtop:11000000'],
    embargo: '2026-02-01T10:00:00.000Z',
    leadImage: {
      file: `${'c'.repeat(64)}.jpg`,
      caption: 'المجلس الرئاسي الليبي',
      credit: 'رويترز',
      altText: 'أعضاء المجلس',
    },
    status: 'published',
    createdAt: '2026-01-01T08:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
  });
}

const comparable = (story: Story) => ({
  headline: story.headline,
  subheadline: story.subheadline,
  slugline: story.slugline,
  byline: story.byline,
  dateline: story.dateline.place,
  language: story.language,
  direction: story.direction,
  tags: story.tags,
  subjects: story.subjects,
  urgency: story.urgency,
  embargo: story.embargo,
  leadImage: story.leadImage,
  body: story.body,
});

describe('round trips: every fixture story out as ninjs and NewsML-G2 and in again', () => {
  const all = [...seed, ...articles].map(
    (article, index) => [article.key, fixtureStory(article, index)] as const,
  );

  it.each(all)(
    '%s keeps text, structure and metadata through ninjs (validated NewsML-G2 is a duplicate)',
    async (key, story) => {
      const ninjs = JSON.stringify(storyToNinjs(story));
      const xml = storyToNewsml(story);
      expect(xmllintSchema(await xmlFile(dir.path, `${key}.xml`, xml))).toBe('');
      const outcome = await queue.ingestBytes(enc(ninjs), `${key}.json`);
      if (outcome.kind !== 'queued') throw new Error(JSON.stringify(outcome));
      const draft = await queue.open(outcome.item.id);
      expect(comparable(draft)).toEqual(comparable(story));
      expect(draft.source).toMatchObject({
        guid: `urn:mihbara:story:${story.id}`,
        version: '3',
        format: 'ninjs',
      });
      // The NewsML-G2 of the same story has the same guid and version: a duplicate.
      const second = await queue.ingestBytes(enc(xml), `${key}.xml`);
      expect(second.kind).toBe('duplicate');
    },
  );

  it.each(all)('%s keeps text, structure and metadata through NewsML-G2 alone', async (_key, story) => {
    const outcome = await queue.ingestBytes(enc(storyToNewsml(story)), 'x.xml');
    if (outcome.kind !== 'queued') throw new Error(JSON.stringify(outcome));
    expect(comparable(await queue.open(outcome.item.id))).toEqual(comparable(story));
  });
});
