/**
 * A seeded generator of Arabic stories built from the project's fixture texts, so every
 * benchmark run sees the same data without any external corpus.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STORY_SCHEMA_VERSION, type Story, type StoryBody } from '../../shared/story/schema';

interface SeedFile {
  stories: { headline: string; byline: string | null; body: string[] }[];
}
interface ArticlesFile {
  articles: { headline: string; byline: string; body: { type: string; text?: string; items?: string[] }[] }[];
}

const fixtures = join(import.meta.dirname, '..', 'fixtures');

function corpus(): { headlines: string[]; bylines: string[]; paragraphs: string[] } {
  const seed = JSON.parse(readFileSync(join(fixtures, 'seed-stories.json'), 'utf8')) as SeedFile;
  const articles = JSON.parse(readFileSync(join(fixtures, 'articles-ar.json'), 'utf8')) as ArticlesFile;
  const headlines = [...seed.stories.map((s) => s.headline), ...articles.articles.map((a) => a.headline)];
  const bylines = [...articles.articles.map((a) => a.byline), 'ياسين أحمد'];
  const paragraphs = [
    ...seed.stories.flatMap((s) => s.body),
    ...articles.articles.flatMap((a) => a.body.flatMap((b) => (b.text ? [b.text] : (b.items ?? [])))),
  ];
  return { headlines, bylines, paragraphs };
}

/** mulberry32: small, fast and good enough for picking sentences. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function arabicParagraphs(count: number, seed = 7): StoryBody {
  const { paragraphs } = corpus();
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => ({
    type: 'paragraph' as const,
    dir: 'rtl' as const,
    lang: 'ar',
    children: [{ text: paragraphs[Math.floor(random() * paragraphs.length)]! }],
  }));
}

/** `count` stories of about 4 KB of Arabic body each. */
export function generateStories(count: number, seed = 42): Story[] {
  const { headlines, bylines } = corpus();
  const random = seededRandom(seed);
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, index) => {
    const at = new Date(start + index * 60_000).toISOString();
    return {
      id: randomUUID(),
      schemaVersion: STORY_SCHEMA_VERSION,
      version: 1,
      language: 'ar',
      direction: 'rtl',
      headline: `${headlines[Math.floor(random() * headlines.length)]} (${index + 1})`,
      subheadline: '',
      slugline: '',
      byline: bylines[Math.floor(random() * bylines.length)]!,
      dateline: { place: 'طرابلس' },
      leadImage: null,
      body: arabicParagraphs(20, Math.floor(random() * 1e9)),
      tags: [],
      status: 'draft',
      createdAt: at,
      updatedAt: at,
    } satisfies Story;
  });
}
