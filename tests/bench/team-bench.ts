/**
 * Team mode on a throwaway PostgreSQL over loopback, each figure beside the local folder store
 * measured in the same run:
 * - saving one story (the server's checked function with its version check and revision, against
 *   the folder store's fsynced file and revision);
 * - opening to the first page of the list at 50,000 stories (the server's summaries, against
 *   the folder store's index), and a headline search (SQL on the server, against a scan of the
 *   folder store's summaries in memory);
 * - a change reaching a second workstation (save on one, NOTIFY on the other), beside the save
 *   alone.
 * Skipped with the reason where Debian's PostgreSQL binaries are absent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createSearchService } from '../../electron/core/search/service';
import { createStoryService } from '../../electron/core/stories/service';
import { newsroomFile } from '../../electron/core/tags/newsroom-file';
import { openStore } from '../../electron/core/store/story-store';
import { addNewsroomLogin, loginFor } from '../../electron/core/team/admin';
import { migrate } from '../../electron/core/team/migrate';
import { openTeamStore } from '../../electron/core/team/pg-store';
import type { Story, StorySummary } from '../../shared/story/schema';
import { skipReason, startCluster } from '../unit/team/pg-cluster';
import { generateStories } from './generate';
import { report } from './stats';

const SAVES = 60;

async function timed<T>(task: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await task();
  return [performance.now() - start, value];
}

export async function benchTeam(workdir: string, size = 50_000): Promise<void> {
  const reason = skipReason();
  if (reason) {
    console.log(`team: skipped (${reason})`);
    return;
  }
  console.log(
    `team mode on PostgreSQL over loopback, ${size.toLocaleString('en')} stories | local folder store`,
  );
  const cluster = await startCluster();
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'mihbara-bench-team-'));
    folders.push(dir);
    return dir;
  };
  try {
    const url = await cluster.createDatabase('bench');
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    await migrate(owner);
    await addNewsroomLogin(owner, { id: 'yasin', name: 'ياسين أحمد', role: 'editor' });
    await addNewsroomLogin(owner, { id: 'huda', name: 'هدى سالم', role: 'desk-chief' });
    const db = new URL(url).pathname.slice(1);

    // The same stories on both sides; the editor is their author.
    const stories = generateStories(size).map((story) => ({ ...story, authors: ['yasin'] }) as Story);
    for (let i = 0; i < stories.length; i += 1000) {
      const batch = stories.slice(i, i + 1000);
      await owner.query(
        `INSERT INTO mihbara.stories (id, doc, authors, updated_at)
         SELECT d ->> 'id', d, ARRAY['yasin'], (d ->> 'updatedAt')::timestamptz FROM jsonb_array_elements($1::jsonb) d`,
        [JSON.stringify(batch)],
      );
      await owner.query(
        `INSERT INTO mihbara.revisions (story_id, version, actor, doc)
         SELECT d ->> 'id', (d ->> 'version')::int, 'bench', d FROM jsonb_array_elements($1::jsonb) d`,
        [JSON.stringify(batch)],
      );
      if ((i + 1000) % 10_000 === 0) process.stdout.write(`  seeding the server ${i + 1000}/${size}\r`);
    }
    process.stdout.write('\n');
    await owner.query('ANALYZE');
    const localDir = folder();
    const seeding = await openStore(localDir, { mode: 'write', create: true });
    const seeded = stories.slice(0, 2000);
    for (const story of seeded) await seeding.update(story.id, () => story);
    await seeding.close();

    // Open to the first page of the list. The folder store at the same size when `npm run bench
    // store` has seeded it (.bench/v2-store-<n>, the same generated stories), else the 2k one.
    const sameSize = join(workdir, `v2-store-${size}`);
    const openDir = existsSync(join(sameSize, 'mihbara-store.json')) ? sameSize : localDir;
    const openLabel = openDir === sameSize ? `${size / 1000}k` : '2k';
    const teamOpen: number[] = [];
    const localOpen: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const [ms, store] = await timed(async () => {
        const store = await openTeamStore(
          { url: cluster.url(db, loginFor('yasin')) },
          { localRoot: folder() },
        );
        await store.listPage({ limit: 50 });
        return store;
      });
      teamOpen.push(ms);
      await store.close();
      const [localMs, local] = await timed(async () => {
        const local = await openStore(openDir, { mode: 'read' });
        local.list().slice(0, 50);
        return local;
      });
      localOpen.push(localMs);
      await local.close();
    }
    report(`open to the list (${size / 1000}k | ${openLabel} local)`, teamOpen, localOpen, 'local');

    const a = await openTeamStore({ url: cluster.url(db, loginFor('yasin')) }, { localRoot: folder() });
    const b = await openTeamStore({ url: cluster.url(db, loginFor('huda')) }, { localRoot: folder() });
    const local = await openStore(localDir, { mode: 'write' });

    // Headline search. The in-memory baseline filters every summary, read once here (a workstation
    // no longer holds them).
    const all = (
      await a.pool.query<{ summary: StorySummary }>('SELECT summary FROM mihbara.stories')
    ).rows.map((row) => row.summary);
    const words = ['القمة', 'الرئاسي', 'ليبيا', 'العراق', 'الاقتصاد'];
    const serverSearch: number[] = [];
    const memorySearch: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const word = words[i % words.length]!;
      serverSearch.push(
        (
          await timed(() =>
            a.pool.query(
              'SELECT summary FROM mihbara.stories WHERE headline LIKE $1 ORDER BY updated_at DESC LIMIT 50',
              [`%${word}%`],
            ),
          )
        )[0],
      );
      memorySearch.push(
        (await timed(async () => all.filter((s) => s.headline.includes(word)).slice(0, 50)))[0],
      );
    }
    report(
      `headline search, SQL LIKE on ${size / 1000}k`,
      serverSearch,
      memorySearch,
      `scan of ${size / 1000}k in memory`,
    );

    // Saving.
    const teamService = createStoryService(a);
    const localService = createStoryService(local);
    const teamSaves: number[] = [];
    const localSaves: number[] = [];
    for (let i = 0; i < SAVES; i += 1) {
      const target = stories[i % 20]!.id;
      const current = await a.get(target);
      teamSaves.push(
        (await timed(() => teamService.save(target, current.version, { headline: `عنوان ${i}` })))[0],
      );
      const mine = await local.get(target);
      localSaves.push(
        (await timed(() => localService.save(target, mine.version, { headline: `عنوان ${i}` })))[0],
      );
    }
    report('save one story', teamSaves, localSaves, 'local (fsync)');

    // A change reaching the other workstation.
    const reach: number[] = [];
    const saveOnly: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const target = stories[100 + i]!.id;
      const current = await a.get(target);
      const start = performance.now();
      let saved = 0;
      const arrived = new Promise<number>((resolve) => {
        const listener = (summary: StorySummary) => {
          if (summary.id !== target || summary.version !== current.version + 1) return;
          b.events.off('story', listener);
          resolve(performance.now() - start);
        };
        b.events.on('story', listener);
      });
      await teamService.save(target, current.version, { headline: `تغيير ${i}` });
      saved = performance.now() - start;
      reach.push(await arrived);
      saveOnly.push(saved);
    }
    report('change seen by another workstation (NOTIFY)', reach, saveOnly, 'the save alone');

    // A shared newsroom document (the tag list): a read-modify-write under the server's lock on
    // the document, against the folder store's durable file.
    const List = (value: unknown) => value as { tags: string[] };
    const sharedList = newsroomFile(a, 'bench-tags.json', () => ({ tags: [] as string[] }), List);
    const localList = newsroomFile(local, 'bench-tags.json', () => ({ tags: [] as string[] }), List);
    const sharedUpdates: number[] = [];
    const localUpdates: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const add = (current: { tags: string[] }) => ({
        next: { tags: [...current.tags, `وسم ${i}`] },
        result: i,
      });
      sharedUpdates.push((await timed(() => sharedList.update(add)))[0]);
      localUpdates.push((await timed(() => localList.update(add)))[0]);
    }
    report('update a shared document (tag list)', sharedUpdates, localUpdates, 'local file');

    // The app's search on a team workstation: asked of the server (no index on the workstation;
    // `npm run bench team-search` measures it in full), against the local store's worker index.
    const teamSearch = createSearchService(a);
    const localSearch = createSearchService(local);
    await localSearch.ready();
    const teamQueries: number[] = [];
    const localQueries: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const query = words[i % words.length]!;
      teamQueries.push((await timed(() => teamSearch.search({ query })))[0]);
      localQueries.push((await timed(() => localSearch.search({ query })))[0]);
    }
    report('search query on the team workstation (server)', teamQueries, localQueries, 'local');
    await teamSearch.close();
    await localSearch.close();

    await a.close();
    await b.close();
    await local.close();
    await owner.end();
  } finally {
    cluster.destroy();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  }
}
