/**
 * The folder channel through the publisher: a published story becomes a page, ninjs and NewsML-G2
 * (each validated against IPTC's schema), the index and Atom feed follow, corrections and
 * withdrawals change them, a missing or read-only folder refuses the publication up front, and
 * markup typed as text stays text in every output.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument, DomUtils } from 'htmlparser2';
import { createPublisher, type Publisher } from '../../../electron/core/publishing/publisher';
import { validateNinjs } from '../../../electron/core/stories/ninjs-validate';
import { diskFiles } from '../../../electron/core/workflow/files';
import type { ChannelInput } from '../../../shared/publishing/model';
import { sampleStory, tempDir, xmllintSchema, xmllintWellFormed } from './helpers';
import { silentLogger } from '../../../electron/core/log';

let dir: Awaited<ReturnType<typeof tempDir>>;
let site: string;
let publisher: Publisher;
const history: Array<{ id: string; entry: { kind: string; detail?: Record<string, unknown> } }> = [];

/**
 * Makes a folder read-only for this process: by its mode for a user, and (root ignores modes)
 * with the immutable attribute for root. Returns how to undo it, or null where neither works.
 */
function readOnly(folder: string): (() => void) | null {
  if (process.getuid?.() !== 0) {
    chmodSync(folder, 0o555);
    return () => chmodSync(folder, 0o755);
  }
  try {
    execFileSync('chattr', ['+i', folder], { stdio: 'ignore' });
    return () => execFileSync('chattr', ['-i', folder], { stdio: 'ignore' });
  } catch {
    return null;
  }
}

const folderChannel = (path: string, extra: Partial<ChannelInput> = {}): ChannelInput => ({
  id: 'website',
  name: 'الموقع',
  kind: 'folder',
  enabled: true,
  internal: false,
  folder: { path, baseUrl: 'https://news.example/', siteTitle: 'اتحاد العالم الإسلامي' },
  ...extra,
});

beforeEach(async () => {
  dir = await tempDir();
  site = join(dir.path, 'site');
  await mkdir(site);
  await mkdir(join(dir.path, 'store'));
  history.length = 0;
  publisher = createPublisher({
    root: join(dir.path, 'store'),
    files: diskFiles(join(dir.path, 'store'), true),
    history: async (id, entry) => void history.push({ id, entry }),
    log: silentLogger,
  });
  await publisher.channels.save(folderChannel(site));
});
afterEach(async () => {
  await chmod(site, 0o755).catch(() => undefined);
  await dir.remove();
});

describe('folder channel', () => {
  it('writes a page, ninjs and NewsML-G2 that validate, with an index and a well-formed Atom feed', async () => {
    const story = sampleStory();
    const deliveries = await publisher.onTransition(story, 'publish');
    expect(deliveries.map((d) => d.status)).toEqual(['delivered']);

    const ninjs = JSON.parse(await readFile(join(site, `stories/${story.id}.ninjs.json`), 'utf8'));
    expect(validateNinjs(ninjs)).toEqual({ valid: true, errors: [] });
    expect(ninjs.pubStatus).toBe('usable');
    expect(ninjs.edNote).toBeUndefined(); // a public channel never gets the editorial note

    expect(xmllintSchema(join(site, `stories/${story.id}.newsml.xml`))).toBe('');
    const newsml = await readFile(join(site, `stories/${story.id}.newsml.xml`), 'utf8');
    expect(newsml).toMatch(/<inlineXML contenttype="application\/xhtml\+xml" xml:lang="ar" dir="rtl">/);
    expect(newsml).not.toContain('<edNote>');

    expect(xmllintWellFormed(join(site, 'feed.xml'))).toBe('');
    const feed = await readFile(join(site, 'feed.xml'), 'utf8');
    expect(feed).toContain(`<id>urn:mihbara:story:${story.id}</id>`);
    expect(feed).toContain('https://news.example/stories/publish-test-0001.html');

    const index = await readFile(join(site, 'index.html'), 'utf8');
    expect(index).toContain(`href="stories/${story.id}.html"`);
    expect(index).toMatch(/<html lang="ar" dir="rtl">/);

    const page = await readFile(join(site, `stories/${story.id}.html`), 'utf8');
    expect(page).toContain('<meta property="og:title"');
    expect(page).toContain('itemtype="https://schema.org/NewsArticle"');
    expect(page).toContain('url("../fonts/noto-naskh-arabic-arabic-400-normal.woff2")');
    expect((await readdir(join(site, 'fonts'))).sort()).toContain(
      'noto-naskh-arabic-arabic-400-normal.woff2',
    );
    // House-style date: Arabic month name on the published line, with the Hijri date beside it.
    expect(page).toMatch(
      /<p class="published">نُشر <time datetime="2025-05-01T10:00:00Z">1 مايو 2025 م الموافق [0-9]+ ذو القعدة 1446 هـ<\/time>/,
    );
    expect(history.map((h) => h.entry.detail?.status)).toEqual(['delivered']);
  });

  it('copies only content-named images from inside the media folder: a path never reaches the site', async () => {
    const store = join(dir.path, 'store');
    await mkdir(join(store, 'stories'), { recursive: true });
    await writeFile(join(store, 'stories', 'embargoed-story-1.json'), '{"headline":"سر"}');
    // A story as a forged file or an older schema could carry it: not through Story.parse.
    const story = sampleStory();
    const forged = {
      ...story,
      leadImage: { file: '../stories/embargoed-story-1.json', caption: '', credit: '', altText: '' },
      body: [
        ...story.body,
        { type: 'image', file: '../../store/stories/embargoed-story-1.json', children: [{ text: '' }] },
      ],
    } as unknown as typeof story;
    const deliveries = await publisher.onTransition(forged, 'publish');
    expect(deliveries.map((d) => d.status)).toEqual(['delivered']);
    const copied = await readdir(join(site, 'media')).catch(() => [] as string[]);
    expect(copied).toEqual([]);
    const files = (await readdir(site, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    for (const file of files) {
      expect(await readFile(join(file.parentPath, file.name), 'utf8')).not.toContain('{"headline":"سر"}');
    }
  });

  it("puts the outlet's logo, an image of the media store, in the story page's and the index's mastheads", async () => {
    const store = join(dir.path, 'store');
    const logo = `${'a1'.repeat(32)}.png`;
    // A logo that is not in the media store is refused, in words the renderer translates.
    await expect(
      publisher.channels.save(folderChannel(site, { folder: { ...folderChannel(site).folder!, logo } })),
    ).rejects.toMatchObject({
      code: 'invalid-request',
      issues: [{ path: 'reason', message: 'channel-logo-missing' }],
    });
    await mkdir(join(store, 'media'), { recursive: true });
    await writeFile(join(store, 'media', logo), 'logo bytes');
    await publisher.channels.save(folderChannel(site, { folder: { ...folderChannel(site).folder!, logo } }));

    const story = sampleStory({ tags: ['ليبيا'] });
    expect((await publisher.onTransition(story, 'publish')).map((d) => d.status)).toEqual(['delivered']);
    expect(await readFile(join(site, 'media', logo), 'utf8')).toBe('logo bytes');
    const brand = async (file: string) => {
      const doc = parseDocument(await readFile(join(site, file), 'utf8'));
      const masthead = DomUtils.findOne(
        (e) => e.name === 'header' && /masthead/.test(e.attribs['class'] ?? ''),
        doc.children,
      )!;
      const img = DomUtils.findOne((e) => e.name === 'img', [masthead]);
      return { src: img?.attribs['src'], name: DomUtils.textContent(masthead).trim() };
    };
    expect(await brand(`stories/${story.id}.html`)).toMatchObject({ src: `../media/${logo}` });
    expect((await brand(`stories/${story.id}.html`)).name).toContain('اتحاد العالم الإسلامي');
    expect(await brand('index.html')).toEqual({ src: `media/${logo}`, name: 'اتحاد العالم الإسلامي' });
    // A tag's page, one folder down, reaches the same file.
    const [tagPage] = await readdir(join(site, 'tags'));
    expect(await brand(`tags/${tagPage}`)).toMatchObject({ src: `../media/${logo}` });
  });

  it('escapes markup typed as text in the page, ninjs, NewsML-G2, index and feed', async () => {
    const story = sampleStory();
    await publisher.onTransition(story, 'publish');
    for (const file of [`stories/${story.id}.html`, 'index.html']) {
      const html = await readFile(join(site, file), 'utf8');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img src=x/i);
      const doc = parseDocument(html);
      expect(DomUtils.findAll((el) => el.name === 'script', doc.children)).toHaveLength(0);
      expect(DomUtils.textContent(doc)).toContain('<script>alert(1)</script>');
    }
    for (const file of [`stories/${story.id}.newsml.xml`, 'feed.xml']) {
      const xml = await readFile(join(site, file), 'utf8');
      expect(xml).not.toMatch(/<script/i);
      expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    const ninjs = JSON.parse(await readFile(join(site, `stories/${story.id}.ninjs.json`), 'utf8'));
    expect(ninjs.bodies[0].value).not.toMatch(/<img src=x/);
    expect(ninjs.bodies[0].value).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('sends the editorial note only to a channel marked internal', async () => {
    await publisher.channels.save(folderChannel(site, { internal: true }));
    await publisher.onTransition(sampleStory(), 'publish');
    const ninjs = JSON.parse(await readFile(join(site, 'stories/publish-test-0001.ninjs.json'), 'utf8'));
    expect(ninjs.edNote).toBe('للداخل فقط');
    expect(await readFile(join(site, 'stories/publish-test-0001.newsml.xml'), 'utf8')).toContain(
      '<edNote>للداخل فقط</edNote>',
    );
  });

  it('republishes a correction with its note and sequence, and withdraws a killed story', async () => {
    await publisher.onTransition(sampleStory(), 'publish');
    const corrected = sampleStory({
      status: 'corrected',
      version: 8,
      correction: { note: 'صُحح اسم الوزير', sequence: 2 },
    });
    const [correction] = await publisher.onTransition(corrected, 'publish');
    expect(correction).toMatchObject({ event: 'correct', sequence: 2, status: 'delivered' });
    const page = await readFile(join(site, 'stories/publish-test-0001.html'), 'utf8');
    expect(page).toContain(
      '<aside class="correction" role="note"><strong>تصحيح (2):</strong> صُحح اسم الوزير</aside>',
    );
    const ninjs = JSON.parse(await readFile(join(site, 'stories/publish-test-0001.ninjs.json'), 'utf8'));
    expect(ninjs.version).toBe('8');
    expect(ninjs.descriptions).toEqual([
      { role: 'correction-2', contentType: 'text/plain', value: 'صُحح اسم الوزير' },
    ]);
    expect(xmllintSchema(join(site, 'stories/publish-test-0001.newsml.xml'))).toBe('');

    const killed = sampleStory({ status: 'killed', version: 9 });
    const [withdrawal] = await publisher.onTransition(killed, 'kill', { note: 'خطأ قانوني' });
    expect(withdrawal).toMatchObject({ event: 'withdraw', pubStatus: 'canceled', status: 'delivered' });
    await expect(stat(join(site, 'stories/publish-test-0001.html'))).rejects.toThrow();
    await expect(stat(join(site, 'stories/publish-test-0001.ninjs.json'))).rejects.toThrow();
    const feed = await readFile(join(site, 'feed.xml'), 'utf8');
    expect(feed).toMatch(
      /<at:deleted-entry ref="urn:mihbara:story:publish-test-0001" when="[^"]+"><at:comment>killed: خطأ قانوني<\/at:comment>/,
    );
    expect(feed).not.toContain('<entry');
    expect(xmllintWellFormed(join(site, 'feed.xml'))).toBe('');
    expect(await readFile(join(site, 'index.html'), 'utf8')).toContain('<li class="withdrawn">');
    expect(history.map((h) => h.entry.detail?.event)).toEqual(['publish', 'correct', 'withdraw']);
  });

  it('refuses a publication up front when the folder is missing, and leaves nothing behind', async () => {
    await publisher.channels.save(folderChannel(join(dir.path, 'no-such-folder')));
    await expect(
      publisher.beforeTransition(sampleStory({ status: 'approved' }), 'publish'),
    ).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining('does not exist'),
      issues: expect.arrayContaining([{ path: 'reason', message: 'channel-folder-missing' }]),
    });
    expect(await publisher.outbox.log()).toEqual([]);
    const test = await publisher.testChannel('website');
    expect(test.ok).toBe(false);
  });

  it('refuses a publication up front when the folder is read-only', async (context) => {
    const undo = readOnly(site);
    if (!undo) return context.skip('no way to make a folder read-only for this user');
    try {
      await expect(
        publisher.beforeTransition(sampleStory({ status: 'approved' }), 'publish'),
      ).rejects.toMatchObject({
        message: expect.stringContaining('read-only'),
        issues: expect.arrayContaining([{ path: 'reason', message: 'channel-folder-read-only' }]),
      });
      expect(await readdir(site)).toEqual([]);
      expect(await publisher.testChannel('website')).toMatchObject({
        ok: false,
        reason: 'channel-folder-read-only',
      });
    } finally {
      undo();
    }
  });

  it('refuses a publication when the folder is a file', async () => {
    const file = join(dir.path, 'a-file');
    await writeFile(file, 'x');
    await publisher.channels.save(folderChannel(file));
    await expect(
      publisher.beforeTransition(sampleStory({ status: 'approved' }), 'publish'),
    ).rejects.toMatchObject({
      issues: expect.arrayContaining([{ path: 'reason', message: 'channel-folder-not-folder' }]),
    });
  });

  it('does not check folders for a withdrawal or a non-publishing move', async () => {
    await publisher.channels.save(folderChannel(join(dir.path, 'gone')));
    await expect(
      publisher.beforeTransition(sampleStory({ status: 'published' }), 'kill'),
    ).resolves.toBeUndefined();
    await expect(
      publisher.beforeTransition(sampleStory({ status: 'draft' }), 'submit'),
    ).resolves.toBeUndefined();
  });
});
