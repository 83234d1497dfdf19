/**
 * The text kept for a former lock holder after a take-over: one file per story and person in the
 * recovery journal, read back only for that person, listed for them, set aside without being
 * deleted, and a damaged file quarantined (never thrown away, never offered).
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/log';
import { RecoveryJournal } from '../../../electron/core/store/recovery';
import { tempFolder } from './helpers/fixtures';

const STORY = 'story-0001';
const OTHER = 'story-0002';
const by = { by: 'salma-kabir', byName: 'سلمى الكبير', at: '2026-12-05T07:00:00.000Z' };

describe('kept text of a former lock holder', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const clean of cleanups.splice(0)) await clean();
  });

  it('is kept per story and person, replaced by newer text, listed for them alone and set aside', async () => {
    const folder = await tempFolder();
    cleanups.push(folder.remove);
    const journal = new RecoveryJournal(folder.path, undefined, silentLogger);
    await journal.prepare();

    await journal.keepTakenOver(STORY, 'yasin-ahmed', 1, { headline: 'الأولى' }, by);
    await journal.keepTakenOver(STORY, 'yasin-ahmed', 1, { headline: 'الأحدث' }, by);
    await journal.keepTakenOver(OTHER, 'rana-ali', 3, { headline: 'نص رنا' }, by);

    expect(await journal.getTakenOver(STORY, 'yasin-ahmed')).toMatchObject({
      holder: 'yasin-ahmed',
      baseVersion: 1,
      draft: { headline: 'الأحدث' },
      takenOver: by,
    });
    expect(await journal.getTakenOver(STORY, 'rana-ali')).toBeNull();
    expect((await journal.takenOverOf('yasin-ahmed')).map((kept) => kept.storyId)).toEqual([STORY]);
    expect((await journal.takenOverOf('rana-ali')).map((kept) => kept.storyId)).toEqual([OTHER]);
    // Not a recovery draft of the story: the story's own journal entry is someone else's.
    expect(await journal.ids()).toEqual([]);

    await journal.discardTakenOver(STORY, 'yasin-ahmed');
    expect(await journal.getTakenOver(STORY, 'yasin-ahmed')).toBeNull();
    const discarded = await readdir(join(folder.path, 'recovery', 'discarded'));
    expect(discarded).toHaveLength(1);
    const moved = JSON.parse(
      await readFile(join(folder.path, 'recovery', 'discarded', discarded[0]!), 'utf8'),
    );
    expect(moved).toMatchObject({ storyId: STORY, draft: { headline: 'الأحدث' } });
  });

  it('quarantines a damaged file instead of offering it, and refuses a name that is no user id', async () => {
    const folder = await tempFolder();
    cleanups.push(folder.remove);
    const journal = new RecoveryJournal(folder.path, undefined, silentLogger);
    await journal.prepare();
    await mkdir(join(folder.path, 'recovery', 'taken-over', STORY), { recursive: true });
    await writeFile(join(folder.path, 'recovery', 'taken-over', STORY, 'yasin-ahmed.json'), '{"format":');

    expect(await journal.takenOverOf('yasin-ahmed')).toEqual([]);
    expect(await readdir(join(folder.path, 'quarantine'))).not.toHaveLength(0);
    await expect(journal.getTakenOver(STORY, '../../stories/x')).rejects.toThrow();
  });
});
