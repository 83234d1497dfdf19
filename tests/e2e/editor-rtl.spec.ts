/**
 * Right-to-left behaviour of the body editor in the real page: visual caret movement checked by
 * x coordinate, word-wise movement and Home/End as a native field does them, Backspace after a
 * harakah, direction detection and its manual override, and word-by-word undo. The model is
 * checked through the story the store received.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { caretOffset, caretX, savedBody } from './editor-helpers';

/**
 * Puts a bare contenteditable with the block's font, width, direction and text on the page: the
 * browser's own behaviour, to compare the editor with.
 */
async function addNativeField(block: Locator, content: string): Promise<Locator> {
  await block.evaluate((element, text) => {
    const style = getComputedStyle(element);
    const div = document.createElement('div');
    div.id = 'native-field';
    div.contentEditable = 'true';
    div.dir = 'rtl';
    div.lang = 'ar';
    div.style.font = style.font;
    div.style.width = style.width;
    div.textContent = text;
    document.body.prepend(div);
  }, content);
  return block.page().locator('#native-field');
}

/** Presses the keys in `field` and records the caret after each: offset and x from the field's right edge. */
async function caretTrail(page: Page, field: Locator, keys: readonly string[]) {
  await field.click();
  const right = await field.evaluate((element) => element.getBoundingClientRect().right);
  const trail: { offset: number; x: number }[] = [];
  for (const key of keys) {
    await page.keyboard.press(key);
    trail.push({ offset: (await caretOffset(page)).offset, x: Math.round(right - (await caretX(page))) });
  }
  return trail;
}

test('Left and Right move as in a native RTL field, also in a paragraph that starts with a Latin word', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  await workstation.newStory();
  const text = 'CNN قالت إن الاجتماع انتهى';
  await workstation.typeBody([text]);
  const block = workstation.bodyBlocks.first();
  await expect(block).toHaveAttribute('dir', 'rtl');

  const keys = [
    'Home',
    'ArrowLeft',
    'ArrowLeft',
    'ArrowLeft',
    'ArrowLeft',
    'ArrowRight',
    'ArrowRight',
    'End',
  ];
  keys.push('ArrowRight', 'ArrowRight', 'ArrowLeft');
  const native = await caretTrail(page, await addNativeField(block, text), keys);
  const ours = await caretTrail(page, block, keys);
  expect(ours).toEqual(native);
  // And the trail really moves: from Home, ArrowLeft leaves the start of the line; from End
  // (the left end of the line), ArrowRight moves the caret right on screen.
  expect(ours[1]!.offset).not.toBe(ours[0]!.offset);
  expect(ours[8]!.x).toBeLessThan(ours[7]!.x);
});

test('word-wise movement and Home/End match a native contenteditable', async ({ workstation, page }) => {
  await workstation.open();
  await workstation.newStory();
  const text = 'BBC News: قال المتحدث إن الوفد وصل';
  await workstation.typeBody([text]);
  const block = workstation.bodyBlocks.first();

  const keys = ['End', 'Control+ArrowRight', 'Control+ArrowRight', 'Control+ArrowLeft', 'Home'];
  keys.push('Control+ArrowLeft', 'Control+ArrowLeft', 'Shift+End', 'ArrowRight');
  const native = await caretTrail(page, await addNativeField(block, text), keys);
  const ours = await caretTrail(page, block, keys);
  expect(ours).toEqual(native);
  expect(new Set(ours.map((step) => step.offset)).size).toBeGreaterThan(3);

  // The model follows the DOM caret: typing lands where the caret is.
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+ArrowLeft');
  const offset = (await caretOffset(page)).offset;
  await page.keyboard.type('«');
  const body = await savedBody(page);
  const saved = (body[0]!.children[0] as { text: string }).text;
  expect(saved.indexOf('«')).toBe(offset);
  expect(saved.replace('«', '')).toBe(text);
});

test('Backspace after a harakah removes only the harakah', async ({ workstation, page }) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.typeBody(['كتبَ']);
  await page.keyboard.press('Backspace');
  await expect(workstation.bodyBlocks.first()).toHaveText('كتب');
  await page.keyboard.type('ُّ'); // damma + shadda
  await page.keyboard.press('Backspace');
  await expect(workstation.bodyBlocks.first()).toHaveText('كتبُ');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(workstation.bodyBlocks.first()).toHaveText('كت');
  const body = await savedBody(page);
  expect(body[0]!.children).toEqual([{ text: 'كت' }]);
});

test('new text sets its block direction; a manual override wins and is saved', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.typeBody(['فقرة عربية', 'The minister said on Tuesday', 'CNN قالت إن الوفد وصل']);
  const blocks = workstation.bodyBlocks;
  await expect(blocks.nth(0)).toHaveAttribute('dir', 'rtl');
  await expect(blocks.nth(1)).toHaveAttribute('dir', 'ltr');
  await expect(blocks.nth(1)).toHaveAttribute('lang', 'en');
  await expect(blocks.nth(2)).toHaveAttribute('dir', 'rtl');

  // Override by shortcut, then by toolbar: detection does not undo it while typing.
  await blocks.nth(2).click();
  await page.keyboard.press('Control+Alt+L');
  await expect(blocks.nth(2)).toHaveAttribute('dir', 'ltr');
  await page.keyboard.type(' اليوم');
  await expect(blocks.nth(2)).toHaveAttribute('dir', 'ltr');
  await blocks.nth(1).click();
  await page.getByRole('button', { name: 'اتجاه الفقرة من اليمين إلى اليسار' }).click();
  await expect(blocks.nth(1)).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('button', { name: 'اتجاه الفقرة من اليمين إلى اليسار' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  const body = await savedBody(page);
  expect(body.map((block) => [block.dir, block.lang])).toEqual([
    ['rtl', 'ar'],
    ['rtl', 'ar'],
    ['ltr', 'en'],
  ]);

  // The override is part of the story: after a reload, Latin typing does not flip it back.
  await workstation.waitUntilSaved();
  await page.reload();
  await expect(blocks.nth(1)).toHaveAttribute('dir', 'rtl');
  await blocks.nth(1).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' and the delegation arrived in Tripoli on Monday');
  await expect(blocks.nth(1)).toHaveAttribute('dir', 'rtl');
});

test('undo removes typing a word at a time, and redo brings it back', async ({ workstation, page }) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.typeBody(['وصل الوفد إلى طرابلس']);
  const block = workstation.bodyBlocks.first();
  await page.keyboard.press('Control+Z');
  await expect(block).toHaveText('وصل الوفد إلى ');
  await page.keyboard.press('Control+Z');
  await expect(block).toHaveText('وصل الوفد ');
  await page.keyboard.press('Control+Shift+Z');
  await expect(block).toHaveText('وصل الوفد إلى ');
  await page.keyboard.press('Control+Y');
  await expect(block).toHaveText('وصل الوفد إلى طرابلس');
});
