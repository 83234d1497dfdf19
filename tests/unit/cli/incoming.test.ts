/** `ingest` and `incoming list|open|discard` on the command line, from a fresh store. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, projectRoot, tempFolder } from './helpers/cli';

const CORPUS = join(projectRoot, 'tests/fixtures/wire/items');
let folder: Awaited<ReturnType<typeof tempFolder>>;
let store: string;

beforeEach(async () => {
  folder = await tempFolder();
  store = join(folder.path, 'store');
  expect((await cli('init', '--store', store)).code).toBe(0);
});
afterEach(() => folder.remove());

interface Listed {
  id: string;
  format: string;
  headline: string;
  provider?: string;
  createdAt?: string;
  status: string;
  warnings?: { code: string; detail?: string }[];
}

describe('incoming on the command line', () => {
  it('lists what ingest queued with format, provider, time and warnings; opens one and discards another', async () => {
    const ingest = await cli(
      'ingest',
      '--store',
      store,
      join(CORPUS, 'ar-nitf-1256.xml'),
      join(CORPUS, 'ar-g2-newsmessage.xml'),
      join(CORPUS, 'iptc-ninjs-3.1-006_photo_only.json'),
    );
    expect(ingest.code).toBe(1); // the photo is refused
    expect(ingest.stdout).toMatch(/warning: a DOCTYPE naming an external DTD was ignored/);
    expect(ingest.stderr).toMatch(/\[not-text\]/);
    expect(ingest.stdout).toContain('2 taken, 1 rejected');

    const listed = await cli('incoming', 'list', '--store', store, '--json');
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.stdout) as Listed[];
    expect(items.map((item) => item.format).sort()).toEqual(['newsml', 'newsml', 'nitf']);
    const nitf = items.find((item) => item.format === 'nitf')!;
    expect(nitf).toMatchObject({
      headline: 'الحكومة تقر موازنة العام المقبل بعجز أقل',
      provider: 'وكالة الأنباء التجريبية',
      createdAt: '2026-12-01T09:15:00+03:00',
    });
    expect(nitf.warnings?.map((w) => w.code)).toContain('dtd-ignored');

    const text = await cli('incoming', 'list', '--store', store);
    expect(text.stdout).toContain(`${nitf.id}  nitf`);
    expect(text.stdout).toMatch(/3 items\n$/);

    const opened = await cli('incoming', 'open', '--store', store, nitf.id.slice(0, 8));
    expect(opened.code).toBe(0);
    const storyId = opened.stdout.trim();
    const shown = await cli('show', '--store', store, storyId, '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({
      status: 'draft',
      byline: 'سارة المنصور',
      urgency: 3,
      embargo: '2026-12-01T12:00:00+03:00',
      subjects: ['medtop:04000000', 'medtop:20000649'],
      source: { format: 'nitf', guid: 'urn:test:ar:nitf:0001' },
      // opened as the app opens it: the workstation's user (the administrator of a fresh store) writes it
      authors: ['admin'],
    });
    expect((await cli('incoming', 'open', '--store', store, nitf.id)).code).toBe(1); // already opened

    const other = items.find((item) => item.id !== nitf.id)!;
    const discarded = await cli('incoming', 'discard', '--store', store, other.id);
    expect(discarded.stdout).toContain(`discarded ${other.id}`);
    const left = JSON.parse((await cli('incoming', 'list', '--store', store, '--json')).stdout) as Listed[];
    expect(left.map((item) => item.id)).toEqual(
      items.filter((i) => i.id !== nitf.id && i.id !== other.id).map((i) => i.id),
    );
    const all = JSON.parse(
      (await cli('incoming', 'list', '--store', store, '--json', '--all')).stdout,
    ) as Listed[];
    expect(all.map((item) => item.status).sort()).toEqual(['new', 'opened', 'spiked']);

    const missing = await cli('incoming', 'open', '--store', store, 'ffffffff');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no incoming item ffffffff/);
  });
});
