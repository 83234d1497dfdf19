/**
 * Body editor behaviour in the real page: block shortcuts and toolbar, history, native caret
 * movement for plain arrows, and no lost text when switching stories right after typing.
 */
import { test, expect } from './support/fixtures';
import { api } from './editor-helpers';

test('toolbar buttons and shortcuts change block types; undo and redo work', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.typeBody(['عنوان داخلي', 'فقرة تحته']);

  await workstation.bodyBlocks.first().click();
  await page.keyboard.press('Control+Alt+1');
  await expect(workstation.bodyBlocks.first()).toHaveAttribute('data-block', 'heading-two');
  await expect(page.getByRole('button', { name: 'عنوان 2 (فرعي من المستوى الثاني)' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.keyboard.press('Control+Alt+2');
  await expect(workstation.bodyBlocks.first()).toHaveAttribute('data-block', 'heading-three');
  await page.keyboard.press('Control+Alt+0');
  await expect(workstation.bodyBlocks.first()).toHaveAttribute('data-block', 'paragraph');

  await page.getByRole('button', { name: 'عنوان 2 (فرعي من المستوى الثاني)' }).click();
  await expect(workstation.bodyBlocks.first()).toHaveAttribute('data-block', 'heading-two');
  await expect(workstation.bodyBlocks.first()).toHaveJSProperty('tagName', 'H2');
  await expect(workstation.bodyBlocks.first()).toHaveAttribute('dir', 'rtl');

  await page.keyboard.press('Control+Z');
  await expect(workstation.bodyBlocks.first()).toHaveAttribute('data-block', 'paragraph');
  await page.keyboard.press('Control+Shift+Z');
  await expect(workstation.bodyBlocks.first()).toHaveAttribute('data-block', 'heading-two');
  await page.getByRole('button', { name: 'تراجع' }).click();
  await expect(workstation.bodyBlocks.first()).toHaveAttribute('data-block', 'paragraph');
  await page.keyboard.press('Control+Y');
  await expect(workstation.bodyBlocks.first()).toHaveAttribute('data-block', 'heading-two');

  // Enter at the end of a sub-heading starts a paragraph that keeps the story's language.
  await workstation.bodyBlocks.first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('فقرة جديدة');
  await expect(workstation.bodyBlocks).toHaveText(['عنوان داخلي', 'فقرة جديدة', 'فقرة تحته']);
  await expect(workstation.bodyBlocks.nth(1)).toHaveAttribute('data-block', 'paragraph');
  await expect(workstation.bodyBlocks.nth(1)).toHaveAttribute('lang', 'ar');
  await workstation.waitUntilSaved();

  await page.reload();
  await expect(workstation.bodyBlocks.first()).toHaveAttribute('data-block', 'heading-two');
});

test('plain arrows are left to the browser, even in an RTL paragraph starting with a Latin word', async ({
  workstation,
  page,
}) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.typeBody(['CNN قالت إن الاجتماع انتهى']);
  await page.evaluate(() => {
    const seen: boolean[] = [];
    (window as unknown as { arrowDefaultPrevented: boolean[] }).arrowDefaultPrevented = seen;
    window.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') seen.push(event.defaultPrevented);
    });
  });
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const prevented = await page.evaluate(
    () => (window as unknown as { arrowDefaultPrevented: boolean[] }).arrowDefaultPrevented,
  );
  expect(prevented).toEqual([false, false, false]);
  // The caret moved: typing lands inside the text, not at its end.
  await page.keyboard.type('ـ');
  await expect(workstation.bodyBlocks.first()).not.toHaveText('CNN قالت إن الاجتماع انتهىـ');
});

test('switching stories right after typing saves the text first', async ({ workstation, page }) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.headline.fill('القصة الأولى');
  await workstation.waitUntilSaved();
  await workstation.newStory();
  await workstation.headline.fill('القصة الثانية');
  await workstation.waitUntilSaved();

  await workstation.openFromList('القصة الأولى');
  await workstation.typeBody(['نص كُتب ثم انتقل المحرر فورا']);
  // No waiting for the autosave: the switch itself must flush.
  await workstation.storyList.getByRole('button', { name: 'القصة الثانية' }).click();
  await expect(workstation.headline).toHaveValue('القصة الثانية');

  await workstation.openFromList('القصة الأولى');
  await expect(workstation.bodyBlocks).toHaveText(['نص كُتب ثم انتقل المحرر فورا']);

  // The keyboard shortcut starts a story too, stored once something is written in it.
  await page.keyboard.press('Control+Alt+N');
  await expect(workstation.headline).toHaveValue('');
  await expect(workstation.headline).toBeFocused();
  await page.keyboard.type('القصة الثالثة');
  await expect
    .poll(async () => (await api<{ items: unknown[] }>(page, 'listStories', {})).items.length)
    .toBe(3);
});
