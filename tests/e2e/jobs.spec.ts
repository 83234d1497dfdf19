/**
 * Long work in the window, through the bridge in Chromium, on a store of the two seed stories
 * and generated ones:
 * - an export of chosen stories (the two seeds and three more) runs to the end, its files are
 *   ninjs of exactly those stories;
 * - an export of every story shows a moving, named progress bar and the story it is on, a
 *   second export is refused while it runs, and Cancel stops it: the files written are each
 *   complete ninjs, and no temp file is left;
 * - a backup lands in the store's backups folder, a store check counts every story with no
 *   problem, a search index rebuild counts them too.
 * - an import of a folder of ninjs files (and a broken one) in the English interface.
 * axe-core over the screen; screenshots in tests/artifacts/jobs-*.png.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { openStore } from '../../electron/core/store/story-store';
import type english from '../../shared/i18n/en.json';
import type { JobInfo } from '../../shared/jobs/contract';
import { storyToNinjs } from '../../shared/format/ninjs';
import { STORY_SCHEMA_VERSION, type Story } from '../../shared/story/schema';
import { generateStories } from '../bench/generate';
import { callApi } from './support/api';
import type { BridgeProcess } from './support/bridge';
import { withBridge } from './support/fixtures';

const ARTIFACTS = resolve('tests/artifacts');
/** The Arabic catalogue, so the test addresses controls by the names a user hears. */
const ar = JSON.parse(readFileSync(resolve('shared/i18n/ar.json'), 'utf8')) as Pick<
  typeof english,
  'jobs' | 'errors'
>;
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

interface SeedFile {
  stories: { headline: string; byline: string | null; body: string[] }[];
}
const seeds = (JSON.parse(readFileSync(resolve('tests/fixtures/seed-stories.json'), 'utf8')) as SeedFile)
  .stories;
/** Stories besides the seeds; the paced bridge spends 40 ms on each exported one (6 s for all). */
const GENERATED = 150;

/** A store of the two seed stories and many generated ones, written before the bridge opens it. */
async function seededStore(): Promise<{ dir: string; seedIds: string[]; generatedIds: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'mihbara-jobs-e2e-'));
  const store = await openStore(dir, { mode: 'write', create: true });
  const at = new Date().toISOString();
  const seedIds: string[] = [];
  for (const seed of seeds) {
    const story: Story = {
      ...generateStories(1, seedIds.length + 1)[0]!,
      headline: seed.headline,
      byline: seed.byline ?? '',
      body: seed.body.map((text) => ({ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text }] })),
      schemaVersion: STORY_SCHEMA_VERSION,
      createdAt: at,
      updatedAt: at,
    };
    await store.update(story.id, () => story);
    seedIds.push(story.id);
  }
  const generatedIds: string[] = [];
  for (const story of generateStories(GENERATED, 5)) {
    await store.update(story.id, () => story);
    generatedIds.push(story.id);
  }
  await store.close();
  return { dir, seedIds, generatedIds };
}

const test = base.extend<{ seeded: { bridge: BridgeProcess; seedIds: string[]; generatedIds: string[] } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  seeded: async ({}, use) => {
    const { dir, seedIds, generatedIds } = await seededStore();
    // The bridge is given the one folder outside the store its jobs may use (`bridge.exchange`).
    try {
      await withBridge(dir, 'tests/e2e/support/paced-bridge.ts', (bridge) =>
        use({ bridge, seedIds, generatedIds }),
      );
    } finally {
      await rm(`${dir}.hold`, { force: true });
    }
  },
});

async function noAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}

/** The newest job of a kind in the tray. */
const jobItem = (page: Page, kind: string) => page.locator(`li.job[data-job-kind="${kind}"]`).first();

test('bulk export with progress and cancel, backup, store check and index rebuild from the Maintenance screen', async ({
  page,
  request,
  seeded,
}) => {
  test.setTimeout(300_000);
  const { bridge, seedIds, generatedIds } = seeded;
  await page.goto(bridge.url);
  const nav = page.getByRole('navigation', { name: ar.jobs.nav });
  await nav.getByRole('button', { name: ar.jobs.nav }).click();
  const screen = page.getByRole('region', { name: ar.jobs.title });
  await expect(screen).toBeVisible();
  await expect(screen.getByText(ar.jobs.empty)).toBeVisible();
  const exportCard = screen.getByRole('region', { name: ar.jobs.export.title });
  const folderField = exportCard.getByLabel(ar.jobs.export.folder);
  // Empty by default: a new folder under the store's own exports folder.
  await expect(folderField).toHaveValue('');

  // ---- 1. chosen stories: the two seeds and three generated ones, to the end
  const chosenFolder = join(bridge.exchange!, 'chosen');
  await exportCard.getByRole('radio', { name: ar.jobs.export.ids }).check();
  const storyChoices = exportCard.getByRole('group', { name: ar.jobs.export.choose });
  for (const seed of seeds)
    await storyChoices.getByRole('checkbox', { name: seed.headline, exact: true }).check();
  for (const index of [0, 1, 2]) {
    const headline = generateStories(GENERATED, 5)[index]!.headline;
    await storyChoices.getByRole('checkbox', { name: headline, exact: true }).check();
  }
  await exportCard.getByRole('radio', { name: ar.jobs.export.formatNinjs }).check();
  await folderField.fill(chosenFolder);
  await exportCard.getByRole('button', { name: ar.jobs.export.start }).click();
  const chosenJob = jobItem(page, 'export');
  await expect(chosenJob).toHaveAttribute('data-job-state', 'ok');
  await expect(chosenJob.locator('[data-count="exported"]')).toHaveText(
    fill(ar.jobs.count.exported, { n: '5' }),
  );
  const chosenFiles = await readdir(chosenFolder);
  expect(chosenFiles).toHaveLength(5);
  const exported = await Promise.all(
    chosenFiles.map(
      async (name) =>
        JSON.parse(await readFile(join(chosenFolder, name), 'utf8')) as {
          uri: string;
          headlines: { value: string }[];
        },
    ),
  );
  for (const id of [...seedIds, ...generatedIds.slice(0, 3)]) {
    expect(exported.some((item) => item.uri.endsWith(id))).toBe(true);
  }
  expect(exported.flatMap((item) => item.headlines.map((h) => h.value))).toEqual(
    expect.arrayContaining(seeds.map((seed) => seed.headline)),
  );

  // ---- 2. every story: watch it move, a second export is refused, then cancel
  const allFolder = join(bridge.exchange!, 'all');
  await exportCard.getByRole('radio', { name: ar.jobs.export.all }).check();
  await folderField.fill(allFolder);
  await exportCard.getByRole('button', { name: ar.jobs.export.start }).click();
  const running = jobItem(page, 'export');
  await expect(running).toHaveAttribute('data-job-state', 'running');
  const bar = running.getByRole('progressbar', {
    name: fill(ar.jobs.progressLabel, { kind: ar.jobs.kind.export }),
  });
  await expect(bar).toHaveAttribute('max', String(GENERATED + 2));
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
  await expect(running.locator('.job__current bdi')).toHaveText(/\p{Script=Arabic}/u);
  // The tray moves on by itself (polling): a later reading is further along.
  const first = Number(await bar.getAttribute('value'));
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(first);
  // Hold it still (tests/e2e/support/paced-bridge.ts) while the test looks at it and cancels it.
  const hold = `${bridge.storeDir}.hold`;
  await writeFile(hold, '');
  await screen.getByRole('heading', { name: ar.jobs.title }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'jobs-running-ar.png') });

  await exportCard.getByRole('button', { name: ar.jobs.export.start }).click();
  await expect(screen.getByRole('alert')).toContainText(ar.errors['job-running']);

  await running
    .getByRole('button', { name: fill(ar.jobs.cancelLabel, { kind: ar.jobs.kind.export }) })
    .click();
  await expect(running.getByText(ar.jobs.cancelling)).toBeVisible();
  await rm(hold);
  await expect(running).toHaveAttribute('data-job-state', 'cancelled');
  await expect(running.getByText(ar.jobs.state.cancelled)).toBeVisible();
  const jobs = await callApi<JobInfo[]>(request, bridge, 'listJobs', {});
  const cancelled = jobs.find((job) => job.state === 'cancelled')!;
  const written = cancelled.counts['exported']!;
  expect(written).toBeGreaterThan(0);
  expect(written).toBeLessThan(GENERATED + 2);
  const allFiles = await readdir(allFolder);
  // Exactly the files it finished, none half-written, no temp file left beside them.
  expect(allFiles).toHaveLength(written);
  for (const name of allFiles) {
    expect(name).toMatch(/^[^.].*\.ninjs\.json$/);
    const item = JSON.parse(await readFile(join(allFolder, name), 'utf8')) as { uri: string; type: string };
    expect(item.type).toBe('text');
  }

  // ---- 3. a backup into the store's backups folder
  const backupCard = screen.getByRole('region', { name: ar.jobs.backup.title });
  await backupCard.getByRole('button', { name: ar.jobs.backup.start }).click();
  const backup = jobItem(page, 'backup');
  await expect(backup).toHaveAttribute('data-job-state', 'ok', { timeout: 60_000 });
  await expect(backup.locator('[data-count="stories"]')).toHaveText(
    fill(ar.jobs.count.stories, { n: String(GENERATED + 2) }),
  );
  const archive = (await backup.locator('.job__target bdi').textContent())!;
  expect(archive.startsWith(join(bridge.storeDir, 'backups'))).toBe(true);
  expect(existsSync(archive)).toBe(true);

  // ---- 4. a store check and a search index rebuild
  await screen
    .getByRole('region', { name: ar.jobs.verify.title })
    .getByRole('button', { name: ar.jobs.verify.start })
    .click();
  const verify = jobItem(page, 'verify');
  await expect(verify).toHaveAttribute('data-job-state', 'ok', { timeout: 60_000 });
  await expect(verify.locator('[data-count="stories"]')).toHaveText(
    fill(ar.jobs.count.stories, { n: String(GENERATED + 2) }),
  );
  await expect(verify.locator('[data-count="problems"]')).toHaveText(
    fill(ar.jobs.count.problems, { n: '0' }),
  );
  await screen
    .getByRole('region', { name: ar.jobs.rebuild.title })
    .getByRole('button', { name: ar.jobs.rebuild.start })
    .click();
  const rebuild = jobItem(page, 'rebuild-search-index');
  await expect(rebuild).toHaveAttribute('data-job-state', 'ok', { timeout: 60_000 });
  await expect(rebuild.locator('[data-count="stories"]')).toHaveText(
    fill(ar.jobs.count.stories, { n: String(GENERATED + 2) }),
  );

  await noAxeViolations(page);
  await screen
    .getByRole('region', { name: ar.jobs.trayTitle })
    .screenshot({ path: join(ARTIFACTS, 'jobs-done-ar.png') });

  // Keyboard: the jobs entry is reachable and shows a visible focus ring.
  const entry = nav.getByRole('button', { name: ar.jobs.nav });
  await entry.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(entry).toBeFocused();
  const outline = await entry.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});

test('an import of a folder of ninjs files runs as a job and names the bad file; the tray in English', async ({
  page,
  seeded,
}) => {
  const { bridge } = seeded;
  const en = JSON.parse(readFileSync(resolve('shared/i18n/en.json'), 'utf8')) as Pick<typeof english, 'jobs'>;
  // Files to import are put in the bridge's exchange folder (a path elsewhere is refused).
  const incoming = await mkdtemp(join(bridge.exchange!, 'import-'));
  try {
    const wire = generateStories(3, 77).map((story, index) => ({
      ...story,
      headline: `خبر الوكالة رقم ${index + 1}`,
    }));
    for (const [index, story] of wire.entries()) {
      await writeFile(join(incoming, `wire-${index + 1}.json`), JSON.stringify(storyToNinjs(story)));
    }
    await writeFile(join(incoming, 'broken.json'), '{ "uri": ');

    await page.goto(bridge.url);
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    const nav = page.getByRole('navigation', { name: en.jobs.nav });
    await nav.getByRole('button', { name: en.jobs.nav }).click();
    const screen = page.getByRole('region', { name: en.jobs.title });
    const card = screen.getByRole('region', { name: en.jobs.import.title });
    await card.getByLabel(en.jobs.import.paths).fill(incoming);
    await card.getByRole('button', { name: en.jobs.import.start }).click();
    const job = jobItem(page, 'import');
    await expect(job).toHaveAttribute('data-job-state', 'ok');
    await expect(job.locator('[data-count="imported"]')).toHaveText(fill(en.jobs.count.imported, { n: '3' }));
    await expect(job.locator('[data-count="failed"]')).toHaveText(fill(en.jobs.count.failed, { n: '1' }));
    await job.getByText(en.jobs.failures).click();
    await expect(job.getByText(/broken\.json: it is not valid JSON/)).toBeVisible();
    // The imported drafts are in the store (and its list).
    await expect(
      page.getByRole('navigation', { name: 'Stories' }).getByText(wire[0]!.headline),
    ).toBeAttached();
    await noAxeViolations(page);
    await screen
      .getByRole('region', { name: en.jobs.trayTitle })
      .screenshot({ path: join(ARTIFACTS, 'jobs-import-en.png') });
  } finally {
    await rm(incoming, { recursive: true, force: true });
  }
});
