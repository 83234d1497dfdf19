/**
 * Every fixture article goes through the command line as a ninjs file: import into a fresh
 * store, export as ninjs again, and the export must validate against IPTC's schema and keep the
 * headline, byline, language and the text of every block.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateNinjs } from '../../../electron/core/stories/ninjs-validate';
import {
  cli,
  fixtureNinjs,
  fixtureTexts,
  htmlBlockTexts,
  readFixture,
  tempFolder,
  writeJson,
  type FixtureArticle,
} from './helpers/cli';

const articles = readFixture<{ articles: FixtureArticle[] }>('articles-ar.json').articles;
const seed = readFixture<{ stories: FixtureArticle[] }>('seed-stories.json');
const summit = seed.stories.find((story) => story.key === 'summit-invitation')!;

interface NinjsExport {
  uri: string;
  language?: string;
  by?: string;
  located?: string;
  headlines?: { role?: string; value: string }[];
  bodies?: { contentType?: string; value: string }[];
  subjects?: { name?: string }[];
}

let folder: Awaited<ReturnType<typeof tempFolder>>;
let store: string;

beforeAll(async () => {
  folder = await tempFolder();
  store = join(folder.path, 'store');
  const init = await cli('init', '--store', store);
  expect(init.code).toBe(0);
});
afterAll(() => folder.remove());

/** Imports one article through the CLI and exports it again; returns the export. */
async function roundTrip(article: FixtureArticle): Promise<{ id: string; exported: NinjsExport }> {
  const source = fixtureNinjs(article);
  expect(validateNinjs(source).errors).toEqual([]);
  const file = await writeJson(join(folder.path, `${article.key}.json`), source);

  const imported = await cli('import', '--store', store, file);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const id = /as ([a-z0-9-]+):/.exec(imported.stdout)?.[1];
  expect(id).toBeTruthy();

  const out = join(folder.path, `${article.key}.export.json`);
  const exported = await cli('export', '--store', store, id!, '--format', 'ninjs', '--out', out);
  expect(exported.code).toBe(0);
  return { id: id!, exported: JSON.parse(await readFile(out, 'utf8')) as NinjsExport };
}

function expectKept(article: FixtureArticle, id: string, exported: NinjsExport): void {
  expect(validateNinjs(exported)).toEqual({ valid: true, errors: [] });
  expect(exported.uri).toBe(`urn:mihbara:story:${id}`);
  expect(exported.headlines?.find((h) => h.role === 'main')?.value).toBe(article.headline);
  if (article.subheadline)
    expect(exported.headlines?.find((h) => h.role === 'sub')?.value).toBe(article.subheadline);
  expect(exported.by).toBe(article.byline ?? undefined);
  expect(exported.language).toBe(article.language ?? 'ar');
  if (article.dateline) expect(exported.located).toBe(article.dateline);
  if (article.tags) expect(exported.subjects?.map((s) => s.name)).toEqual(article.tags);
  const body = exported.bodies?.[0];
  expect(body?.contentType).toBe('text/html');
  expect(htmlBlockTexts(body!.value)).toEqual(fixtureTexts(article));
}

describe('ninjs import → export through the command line', () => {
  it.each(articles.map((article) => [article.key, article] as const))('keeps %s', async (_key, article) => {
    const { id, exported } = await roundTrip(article);
    expectKept(article, id, exported);
  });

  it('keeps the summit-invitation story, including the paragraph about "CNN"', async () => {
    const { id, exported } = await roundTrip(summit);
    expectKept(summit, id, exported);
    const cnn = htmlBlockTexts(exported.bodies![0]!.value).find((text) => text.includes('CNN'));
    expect(cnn).toBe(summit.body.map(String).find((text) => text.includes('CNN')));
    expect(cnn).toContain('"CNN"');

    const shown = await cli('show', '--store', store, id, '--json');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id, language: 'ar', direction: 'rtl', status: 'draft' });

    const page = await cli('export', '--store', store, id, '--format', 'html');
    expect(page.code).toBe(0);
    expect(page.stdout).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/);
    expect(page.stdout).toContain(summit.headline);
    expect(page.stdout).not.toMatch(/<script/i);
  });

  it('lists every imported story', async () => {
    const listed = await cli('list', '--store', store, '--json');
    expect(listed.code).toBe(0);
    const headlines = (JSON.parse(listed.stdout) as { headline: string }[]).map((s) => s.headline).sort();
    expect(headlines).toEqual([...articles.map((a) => a.headline), summit.headline].sort());
  });
});
