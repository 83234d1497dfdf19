/**
 * Proofing under hostile text: an empty story, a story of 10,000 paragraphs, a word of 500
 * letters and a paragraph carrying every harakah. The page must not crash or freeze: the
 * checker finishes, the counts are right, and typing is still saved.
 */
import { test, expect } from './support/fixtures';
import type { BridgeProcess } from './support/bridge';

const HARAKAT = Array.from({ length: 0x065f - 0x064b + 1 }, (_, i) => String.fromCodePoint(0x064b + i)).join(
  '',
);
const LONG_WORD = 'ب'.repeat(500);
const EVERY_HARAKAH = `كتب${HARAKAT}\u0670 الطالب${HARAKAT} الدرس`;
const PARAGRAPH = 'وأكد المتحدث أن الاجتماع ناقش ملفات التعاون الثنائي بين البلدين';

async function call<T>(bridge: BridgeProcess, operation: string, request: unknown): Promise<T> {
  const response = await fetch(`${new URL(bridge.url).origin}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge.token}` },
    body: JSON.stringify(request),
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  return result.value;
}

test('an empty story counts nothing and the checker stays calm', async ({ workstation, page }) => {
  await workstation.open();
  await workstation.newStory();
  await expect(page.locator('[data-counts="body"]')).toHaveText(/^لا كلمات، لا أحرف، /);
  await expect(page.locator('.proofing-bar__spell')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
});

test('10,000 paragraphs, a 500-letter word and every harakah: checked, counted, still editable', async ({
  workstation,
  bridge,
  page,
}) => {
  test.setTimeout(300_000);
  const headline = 'قصة طويلة جدا للاختبار';
  const story = await call<{ id: string; version: number }>(bridge, 'createStory', {
    language: 'ar',
    edit: { headline: 'مسودة' },
  });
  const paragraphs = [LONG_WORD, EVERY_HARAKAH, ...Array.from({ length: 9_998 }, () => PARAGRAPH)];
  await call(bridge, 'saveStory', {
    id: story.id,
    baseVersion: story.version,
    edit: {
      headline,
      body: paragraphs.map((text) => ({ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text }] })),
    },
  });

  await workstation.open();
  await workstation.openFromList(headline);
  // Long stories render in chunks, so blocks are not all direct children of the editable.
  const blocks = workstation.body.locator('[data-block]');
  await expect(blocks.first()).toHaveText(LONG_WORD, { timeout: 60_000 });
  // 1 + 3 + 9,998 × 10 words; the default house style groups Western digits.
  const words = (1 + 3 + 9_998 * 10).toLocaleString('en-US');
  await expect(page.locator('[data-counts="body"]')).toContainText(`${words} كلمة`, {
    timeout: 60_000,
  });
  await expect(page.locator('.proofing-bar__spell')).toHaveAttribute('data-state', 'ready', {
    timeout: 120_000,
  });
  // The 500-letter word is marked, never sent whole to the dictionary.
  await expect(blocks.first().locator('.proof-misspelled')).toHaveCount(1, {
    timeout: 60_000,
  });

  // Still editable: a word typed at the end of the harakat paragraph is saved.
  await blocks.nth(1).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' جديد');
  await workstation.waitUntilSaved();
  const saved = await call<{ body: { children: { text: string }[] }[] }>(bridge, 'getStory', {
    id: story.id,
  });
  expect(saved.body[1]!.children.map((leaf) => leaf.text).join('')).toBe(`${EVERY_HARAKAH} جديد`);
  expect(saved.body).toHaveLength(10_000);
});
