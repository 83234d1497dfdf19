/** Writes a store as format 1 left it (before revisions), for migration tests. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { summarize, type Story } from '../../../../shared/story/schema';

export async function writeFormat1Store(root: string, stories: Story[]): Promise<void> {
  await mkdir(join(root, 'stories'), { recursive: true });
  await mkdir(join(root, 'media'), { recursive: true });
  await writeFile(
    join(root, 'mihbara-store.json'),
    JSON.stringify({ format: 'mihbara-store', version: 1, createdAt: '2026-01-01T00:00:00.000Z' }, null, 2),
  );
  for (const story of stories) {
    await writeFile(join(root, 'stories', `${story.id}.json`), JSON.stringify(story, null, 2) + '\n');
  }
  await writeFile(
    join(root, 'index.json'),
    JSON.stringify({ format: 1, generation: 1, stories: stories.map(summarize) }) + '\n',
  );
  await writeFile(join(root, 'index.journal'), JSON.stringify({ op: 'gen', gen: 1 }) + '\n');
}
