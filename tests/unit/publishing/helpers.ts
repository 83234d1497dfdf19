/** Helpers for the publishing tests: stories, temp folders, schema checks with xmllint. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Story } from '../../../shared/story/schema';

export const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const NEWSML_XSD = join(
  projectRoot,
  'resources/standards/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd',
);

export async function tempDir(
  prefix = 'mihbara-pub-',
): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** `xmllint --noout --nonet` with the NewsML-G2 2.35 schema; returns its complaints ('' when valid). */
export function xmllintSchema(file: string): string {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', NEWSML_XSD, file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

/** `xmllint --noout` (well-formedness only). */
export function xmllintWellFormed(file: string): string {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

export async function xmlFile(dir: string, name: string, xml: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, xml, 'utf8');
  return file;
}

/** A complete story with every published field, including markup typed as text. */
export function sampleStory(overrides: Partial<Story> = {}): Story {
  return Story.parse({
    id: 'publish-test-0001',
    schemaVersion: 1,
    version: 5,
    language: 'ar',
    direction: 'rtl',
    headline: 'الرئاسة الليبية تتسلم دعوة <script>alert(1)</script>',
    subheadline: 'القمة العربية في بغداد',
    slugline: 'libya-summit',
    byline: 'ياسين أحمد',
    dateline: { place: 'طرابلس', date: '2025-05-01T09:00:00Z' },
    body: [
      {
        type: 'paragraph',
        children: [{ text: 'تسلم المجلس الرئاسي الليبي دعوة <img src=x onerror=alert(1)> رسمية.' }],
      },
      { type: 'heading-two', children: [{ text: 'التعاون العسكري بين ليبيا وروسيا' }] },
      {
        type: 'paragraph',
        children: [{ text: 'نقلت شبكة ' }, { text: 'CNN', lang: 'en' }, { text: ' عن مصادر.' }],
      },
    ],
    tags: ['ليبيا', 'القمة العربية'],
    status: 'published',
    urgency: 3,
    edNote: 'للداخل فقط',
    publishedAt: '2025-05-01T10:00:00Z',
    createdAt: '2025-05-01T08:00:00Z',
    updatedAt: '2025-05-01T10:00:00Z',
    ...overrides,
  });
}
