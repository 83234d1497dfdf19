/**
 * The newsroom's first story, typed by hand: every field and paragraph must survive a reload
 * and a restart of the bridge on the same store, exactly as typed.
 */
import { mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect } from './support/fixtures';
import type { Workstation } from './support/workstation';

interface SeedStory {
  headline: string;
  byline: string;
  body: string[];
}

const repo = resolve(import.meta.dirname, '..', '..');
const seed = JSON.parse(readFileSync(resolve(repo, 'tests/fixtures/seed-stories.json'), 'utf8')) as {
  stories: SeedStory[];
};
const summit = seed.stories[0]!;
const SUBHEADLINE = 'دعوة رسمية من بغداد إلى المجلس الرئاسي الليبي';
const PLACE = 'طرابلس';

async function expectStory(workstation: Workstation): Promise<void> {
  await expect(workstation.headline).toHaveValue(summit.headline);
  await expect(workstation.subheadline).toHaveValue(SUBHEADLINE);
  await expect(workstation.byline).toHaveValue(summit.byline);
  await workstation.showDetails();
  await expect(workstation.datelinePlace).toHaveValue(PLACE);
  await expect(workstation.bodyBlocks).toHaveText(summit.body);
  // Every block keeps the story's direction and language.
  for (const block of await workstation.bodyBlocks.all()) {
    await expect(block).toHaveAttribute('dir', 'rtl');
    await expect(block).toHaveAttribute('lang', 'ar');
  }
}

test('the summit-invitation story survives a reload and a bridge restart', async ({
  workstation,
  bridge,
  page,
}) => {
  expect(summit.body.some((paragraph) => paragraph.includes('CNN'))).toBe(true);

  // The fixture is the published text verbatim, straight quotes around "CNN" included: type it
  // with the guillemet aid off (the aid itself is tested in proofing.spec.ts).
  const origin = new URL(bridge.url).origin;
  const settings = await fetch(`${origin}/api/saveSettings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge.token}` },
    body: JSON.stringify({ settings: { typingAids: { arabicPunctuation: true, guillemets: false } } }),
  });
  expect(await settings.json()).toMatchObject({ ok: true, value: { typingAids: { guillemets: false } } });

  await workstation.open();
  await workstation.newStory();
  await workstation.headline.fill('');
  await page.keyboard.type(summit.headline);
  await workstation.subheadline.click();
  await page.keyboard.type(SUBHEADLINE);
  await workstation.byline.click();
  await page.keyboard.type(summit.byline);
  await workstation.showDetails();
  await workstation.datelinePlace.click();
  await page.keyboard.type(PLACE);
  await workstation.typeBody(summit.body);
  await workstation.waitUntilSaved();
  await expectStory(workstation);

  // The list shows the story with its Arabic status.
  const entry = workstation.storyList.getByRole('button', { name: summit.headline });
  await expect(entry).toContainText('مسودة');

  await page.reload();
  await expectStory(workstation);

  await bridge.stop();
  await bridge.start();
  await workstation.open();
  await workstation.openFromList(summit.headline);
  await expectStory(workstation);
  await workstation.waitUntilSaved();

  await mkdir(resolve(repo, 'tests/artifacts'), { recursive: true });
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/summit-story.png'), fullPage: true });
});
