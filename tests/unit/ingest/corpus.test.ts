/**
 * The wire conformance corpus (tests/fixtures/wire): IPTC's NewsML-G2 and ninjs examples, agency
 * samples from another newsroom system's parser tests, and Arabic items of our own in every
 * format. Each file is ingested and compared field by field with its expected-fields file; the
 * coverage (items taken of those that should be, fields kept of those present) is printed. The
 * stories opened from them export to ninjs valid against 3.1 and NewsML-G2 valid against 2.35.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWire, WireRejection, type WireItem } from '../../../electron/core/ingest/intake';
import { wireToStory } from '../../../electron/core/ingest/intake/story';
import { createIncomingQueue } from '../../../electron/core/ingest/queue';
import { importStoryFiles } from '../../../electron/core/stories/exchange';
import { validateNinjs } from '../../../electron/core/stories/ninjs-validate';
import { createStoryService } from '../../../electron/core/stories/service';
import { createMediaStore } from '../../../electron/core/store/media';
import { diskFiles } from '../../../electron/core/workflow/files';
import { bodyToText } from '../../../shared/format/body-to-html';
import { storyToNewsml } from '../../../shared/format/newsml';
import { storyToNinjs } from '../../../shared/format/ninjs';
import type { Story } from '../../../shared/story/schema';
import { memoryStore } from '../helpers/memory-store';
import { NEWSML_XSD, projectRoot, tempDir } from '../publishing/helpers';

const CORPUS = join(projectRoot, 'tests/fixtures/wire');

interface ExpectedItem {
  [field: string]: unknown;
  body?: {
    contains?: string[];
    headings?: number;
    lists?: number;
    numbered?: number;
    quotes?: number;
    links?: number;
  };
}
type Expected = { take: true; items: ExpectedItem[] } | { take: false; code: string };

const TIMES = new Set(['firstCreated', 'versionCreated', 'contentCreated', 'embargo']);
const norm = (value: unknown) =>
  String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim();

/** Compares one expected field with what was read; true when kept. */
function kept(field: string, want: unknown, item: WireItem, story: Story): boolean {
  switch (field) {
    case 'dateline':
      return norm(item.dateline?.place) === norm(want);
    case 'edNotes':
      return (want as { role: string; text: string }[]).every((note) =>
        item.edNotes.some((got) => got.role === note.role && norm(got.text) === norm(note.text)),
      );
    case 'mediaTopics':
      return (want as string[]).every((code) => story.subjects?.includes(`medtop:${code}`));
    case 'keywords':
      return (want as string[]).every((value) => item.keywords.some((k) => k.value === value));
    case 'pictures':
      return item.pictures.length === want;
    case 'warnings':
      return (want as string[]).every((code) => item.warnings.some((w) => w.code === code));
    case 'body': {
      const body = want as NonNullable<ExpectedItem['body']>;
      const text = norm(bodyToText(story.body));
      const json = JSON.stringify(story.body);
      const count = (type: string) => json.split(`"type":"${type}"`).length - 1;
      return (
        (body.contains ?? []).every((snippet) => text.includes(norm(snippet))) &&
        count('heading-two') + count('heading-three') >= (body.headings ?? 0) &&
        count('bulleted-list') >= (body.lists ?? 0) &&
        count('numbered-list') >= (body.numbered ?? 0) &&
        count('block-quote') + count('pull-quote') >= (body.quotes ?? 0) &&
        count('link') >= (body.links ?? 0)
      );
    }
    default: {
      const got = (item as unknown as Record<string, unknown>)[field];
      if (TIMES.has(field)) return typeof got === 'string' && Date.parse(got) === Date.parse(String(want));
      return typeof want === 'number' ? got === want : norm(got) === norm(want);
    }
  }
}

const report = {
  shouldTake: 0,
  taken: 0,
  shouldRefuse: 0,
  refusedRightly: 0,
  fieldsPresent: 0,
  fieldsKept: 0,
  missed: [] as string[],
};
const stories: { name: string; story: Story }[] = [];
let names: string[] = [];

beforeAll(async () => {
  names = (await readdir(join(CORPUS, 'expected')))
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -5));
});

afterAll(() => {
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '100.0');
  console.log(
    `wire corpus: ${names.length} files; items taken ${report.taken}/${report.shouldTake} (${pct(report.taken, report.shouldTake)}%), ` +
      `refusals right ${report.refusedRightly}/${report.shouldRefuse}, ` +
      `fields kept ${report.fieldsKept}/${report.fieldsPresent} (${pct(report.fieldsKept, report.fieldsPresent)}%)` +
      (report.missed.length ? `\n  missed: ${report.missed.join('; ')}` : ''),
  );
});

describe('the wire conformance corpus', () => {
  it('takes every text item, refuses the rest with the right code, and keeps every field present', async () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const name of names) {
      const expected = JSON.parse(
        await readFile(join(CORPUS, 'expected', `${name}.json`), 'utf8'),
      ) as Expected;
      const bytes = await readFile(join(CORPUS, 'items', name));
      let items: WireItem[] = [];
      let refusal: string | undefined;
      try {
        items = readWire(bytes).items;
      } catch (error) {
        if (!(error instanceof WireRejection)) throw error;
        refusal = error.code;
      }
      if (!expected.take) {
        report.shouldRefuse += 1;
        if (refusal === expected.code) report.refusedRightly += 1;
        else report.missed.push(`${name}: should be refused as ${expected.code}, got ${refusal ?? 'taken'}`);
        continue;
      }
      report.shouldTake += expected.items.length;
      for (const want of expected.items) {
        const item = items.find((candidate) => candidate.guid === want.guid);
        if (!item) {
          report.missed.push(`${name}: item ${String(want.guid)} not taken${refusal ? ` (${refusal})` : ''}`);
          report.fieldsPresent += Object.keys(want).length;
          continue;
        }
        report.taken += 1;
        const story = fakeStory(wireToStory(item).fields, stories.length);
        stories.push({ name, story });
        for (const [field, value] of Object.entries(want)) {
          report.fieldsPresent += 1;
          if (kept(field, value, item, story)) report.fieldsKept += 1;
          else report.missed.push(`${name}: ${field}`);
        }
      }
    }
    expect(report.missed).toEqual([]);
    expect(report.taken).toBe(report.shouldTake);
  });

  it('exports every story it made as valid ninjs 3.1 and valid NewsML-G2 2.35', async () => {
    expect(stories.length).toBeGreaterThan(30);
    const invalid = stories
      .map(({ name, story }) => ({
        name,
        result: validateNinjs(storyToNinjs(story, { includeEdNote: true })),
      }))
      .filter(({ result }) => !result.valid);
    expect(invalid).toEqual([]);
    const dir = await tempDir('mihbara-corpus-');
    try {
      const files: string[] = [];
      for (const [index, { story }] of stories.entries()) {
        const file = join(dir.path, `${index}.xml`);
        await writeFile(file, storyToNewsml(story, { includeEdNote: true }), 'utf8');
        files.push(file);
      }
      // One xmllint run for every file keeps the test lean.
      let output = '';
      try {
        execFileSync('xmllint', ['--noout', '--nonet', '--schema', NEWSML_XSD, ...files], { stdio: 'pipe' });
      } catch (error) {
        output = String((error as { stderr?: Buffer }).stderr ?? error);
      }
      expect(output.split('\n').filter((line) => line && !/ validates$/.test(line))).toEqual([]);
    } finally {
      await dir.remove();
    }
  });

  it('queues a newsMessage as its text items in the package order, and opens one as a draft', async () => {
    const dir = await tempDir('mihbara-corpus-queue-');
    try {
      const service = createStoryService(memoryStore());
      const queue = createIncomingQueue({
        root: dir.path,
        files: diskFiles(dir.path, true),
        stories: service,
      });
      const outcome = await queue.ingestFile(join(CORPUS, 'items', 'ar-g2-newsmessage.xml'));
      if (outcome.kind !== 'queued') throw new Error(JSON.stringify(outcome));
      expect([outcome.item, ...(outcome.also ?? [])].map((item) => item.guid)).toEqual([
        'urn:test:ar:msg:0004b',
        'urn:test:ar:msg:0004a',
      ]);
      const original = await queue.original(outcome.item.id);
      expect(original?.text).toContain('<newsMessage');
      const story = await queue.open(outcome.item.id);
      expect(story).toMatchObject({ status: 'draft', headline: 'الشعر العربي ضيف شرف المعرض' });
    } finally {
      await dir.remove();
    }
  });

  it('imports a ninjs with its picture beside it into the media folder, or says it was not found', async () => {
    const dir = await tempDir('mihbara-corpus-import-');
    try {
      const service = createStoryService(memoryStore());
      const media = createMediaStore(dir.path);
      const withPicture = await importStoryFiles(
        service,
        [join(CORPUS, 'items', 'ar-ninjs-3-lenient.json')],
        { media },
      );
      expect(withPicture.failed).toEqual([]);
      const [imported] = withPicture.imported;
      expect(imported!.story.leadImage).toMatchObject({ caption: 'لوحة بخط الثلث', credit: 'تصوير: خالد' });
      expect((await media.read(imported!.story.leadImage!.file)).mime).toBe('image/png');
      expect(imported!.story.subjects).toEqual(['medtop:01000000']);
      expect(imported!.story.edNote).toBe('صور المهرجان مرفقة');

      const alone = join(dir.path, 'alone.json');
      await copyFile(join(CORPUS, 'items', 'ar-ninjs-3-lenient.json'), alone);
      const without = await importStoryFiles(service, [alone], { media });
      expect(without.imported[0]!.story.leadImage).toBeNull();
      expect(without.imported[0]!.warnings).toContainEqual({
        code: 'picture-not-found',
        detail: 'ar-ninjs-3-lenient.png',
      });
    } finally {
      await dir.remove();
    }
  });
});

/** A stored story from mapped fields, as the service would make it (without a store). */
function fakeStory(fields: ReturnType<typeof wireToStory>['fields'], index: number): Story {
  const at = '2026-12-05T00:00:00.000Z';
  return {
    ...fields,
    id: `corpus-story-${String(index).padStart(4, '0')}`,
    schemaVersion: 1,
    version: 1,
    status: 'draft',
    createdAt: fields.createdAt ?? at,
    updatedAt: at,
  } as Story;
}
