/**
 * Reads and validates every story file of a store (an index rebuild's heavy part). Runs in
 * the store worker; changes nothing.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseStoredStory, summarize, type StorySummary } from '../../../shared/story/schema';
import { parseJsonBytes } from './durable-file';
import { STORIES_DIR, storyIdOfFileName } from './journal';
import type { LongTaskOptions } from './types';
import type { ScanResult } from './worker-client';

const READ_CONCURRENCY = 16;
const PROGRESS_EVERY = 500;

export async function scanStoryFiles(root: string, options: LongTaskOptions = {}): Promise<ScanResult> {
  root = resolve(root);
  const names = (await readdir(join(root, STORIES_DIR))).filter((name) => storyIdOfFileName(name) !== null);
  const summaries: StorySummary[] = [];
  const damaged: ScanResult['damaged'] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < names.length) {
      options.signal?.throwIfAborted();
      const name = names[next++] as string;
      const id = storyIdOfFileName(name) as string;
      const file = `${STORIES_DIR}/${name}`;
      let bytes: Uint8Array | null = null;
      try {
        bytes = await readFile(join(root, file));
      } catch {
        // vanished since the readdir: not a story any more
      }
      if (bytes) {
        const parsed = parseJsonBytes(bytes);
        if (!parsed.ok) damaged.push({ file, kind: parsed.kind, detail: parsed.detail });
        else {
          const story = parseStoredStory(parsed.value);
          if (!story.success) damaged.push({ file, kind: 'schema', detail: 'not a valid story' });
          else if (story.data.id !== id) {
            damaged.push({ file, kind: 'id-mismatch', detail: `the file holds story ${story.data.id}` });
          } else summaries.push(summarize(story.data));
        }
      }
      done += 1;
      if (done % PROGRESS_EVERY === 0 || done === names.length) {
        options.onProgress?.({ phase: 'scan', done, total: names.length });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, names.length) }, worker));
  return { summaries, damaged };
}
