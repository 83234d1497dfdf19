import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { createStoryService } from '../../../electron/core/stories/service';
import { openStore } from '../../../electron/core/store/story-store';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

describe('cli search', () => {
  it('finds a story by a variant spelling, as text and as JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mihbara-cli-search-'));
    dirs.push(dir);
    const store = await openStore(dir, { mode: 'write', create: true });
    const stories = createStoryService(store);
    const a = await stories.create('ar');
    await stories.save(a.id, a.version, {
      headline: 'أحمد يصل إلى بغداد',
      body: [{ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text: 'وصل أحمد إلى العاصمة.' }] }],
    });
    await store.close();

    const text = await run(['search', '--store', dir, 'احمد', 'وبغداد']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('1 story matches');
    expect(text.stdout).toContain('[أحمد]');
    const asJson = await run(['search', '--store', dir, 'احمد', '--json']);
    expect(JSON.parse(asJson.stdout).hits.map((h: { id: string }) => h.id)).toEqual([a.id]);
    const none = await run(['search', '--store', dir, '.*']);
    expect(none.stdout).toBe('no stories match\n');
    expect((await run(['search', '--store', dir, 'x', '--sort', 'nope'])).code).toBe(1);
  });
});
