/**
 * The page's side of the desktop shell, through the bridge in Chromium: a stand-in for the
 * preload's `window.mihbaraShell` records what the page sends and plays the main process's part
 * (menu commands, the save-before-close request). Also the two cross-direction screenshots.
 */
import { expect, test } from './support/fixtures';

interface ShellLog {
  drafts: unknown[];
  flushed: unknown[];
  languages: unknown[];
}

declare global {
  interface Window {
    __shell: ShellLog & { menu?: (command: unknown) => void; flush?: (request: unknown) => void };
  }
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const log: Window['__shell'] = { drafts: [], flushed: [], languages: [] };
    window.__shell = log;
    (window as unknown as { mihbaraShell: unknown }).mihbaraShell = {
      onMenuCommand: (listener: (command: unknown) => void) => ((log.menu = listener), () => undefined),
      onFlushRequest: (listener: (request: unknown) => void) => ((log.flush = listener), () => undefined),
      flushed: (message: unknown) => void log.flushed.push(message),
      setUiLanguage: (message: unknown) => void log.languages.push(message),
      keepDraft: (message: unknown) => void log.drafts.push(message),
    };
  });
});

test('menu commands replay the page’s own shortcuts and switch the interface language', async ({
  page,
  workstation,
}) => {
  await workstation.open();
  await page.evaluate(() => window.__shell.menu!({ type: 'shortcut', shortcut: 'new-story' }));
  await expect(workstation.headline).toBeFocused();
  await workstation.typeBody(['فقرة تصبح عنوانًا فرعيًا']);
  await page.evaluate(() => window.__shell.menu!({ type: 'shortcut', shortcut: 'heading-two' }));
  await expect(workstation.body.locator('h2')).toHaveText('فقرة تصبح عنوانًا فرعيًا');
  await page.evaluate(() => window.__shell.menu!({ type: 'shortcut', shortcut: 'paragraph' }));
  await expect(workstation.body.locator('h2')).toHaveCount(0);
  // A malformed command is ignored.
  await page.evaluate(() => window.__shell.menu!({ type: 'shortcut', shortcut: 'format-disk' }));
  await page.evaluate(() => window.__shell.menu!({ type: 'ui-language', language: 'en' }));
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  expect(await page.evaluate(() => window.__shell.languages.at(-1))).toEqual({ language: 'en' });
});

test('a save-before-close request saves the open story and answers; the draft reaches the journal first', async ({
  page,
  workstation,
}) => {
  await workstation.open();
  await workstation.newStory();
  // The first edit stores the new story at once; what is typed after it waits for the autosave.
  await workstation.headline.fill('نص');
  await workstation.waitUntilSaved();
  await workstation.headline.fill('نص يجب ألا يضيع');
  // Ask at once, inside the autosave delay, as a window closing right after typing would.
  await page.evaluate(() => window.__shell.flush!({ requestId: 7 }));
  await expect
    .poll(() => page.evaluate(() => window.__shell.flushed))
    .toEqual([{ requestId: 7, saved: true, storyId: expect.any(String) }]);
  const drafts = (await page.evaluate(() => window.__shell.drafts)) as {
    edit?: { headline?: string };
    saved?: boolean;
  }[];
  expect(drafts.some((draft) => draft.edit?.headline === 'نص يجب ألا يضيع')).toBe(true);
  expect(drafts.at(-1)).toMatchObject({ saved: true });
  await page.reload();
  await expect(workstation.headline).toHaveValue('نص يجب ألا يضيع');
});

test('screenshots: English interface with an Arabic story, Arabic interface with an English story', async ({
  page,
  workstation,
  bridge,
}) => {
  await workstation.open();
  await workstation.newStory();
  await workstation.headline.fill('قمة الرياض تبحث التعاون الاقتصادي بين دول الخليج');
  await workstation.byline.fill('سارة الأحمد');
  await workstation.typeBody([
    'اجتمع قادة دول مجلس التعاون الخليجي في الرياض اليوم لبحث سبل تعزيز التكامل الاقتصادي.',
    'وقال الأمين العام إن القمة «تاريخية» وإن النتائج ستظهر خلال الأشهر المقبلة.',
  ]);
  await workstation.waitUntilSaved();
  await page.evaluate(() => window.__shell.menu!({ type: 'ui-language', language: 'en' }));
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.screenshot({ path: 'tests/artifacts/screenshots/english-ui-arabic-story.png' });

  // An English story, created through the API as an English desk would.
  const created = await page.evaluate(async (token) => {
    const call = (operation: string, body: unknown) =>
      fetch(`/api/${operation}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }).then((response) => response.json());
    const story = (await call('createStory', { language: 'en', edit: { headline: 'Draft' } })).value;
    const saved = await call('saveStory', {
      id: story.id,
      baseVersion: story.version,
      edit: {
        headline: 'Gulf leaders meet in Riyadh to deepen economic ties',
        byline: 'Sarah Ahmed',
        body: [
          {
            type: 'paragraph',
            dir: 'ltr',
            lang: 'en',
            children: [
              {
                text: 'Leaders of the Gulf Cooperation Council met in Riyadh on Monday to discuss closer economic integration.',
              },
            ],
          },
          {
            type: 'paragraph',
            dir: 'ltr',
            lang: 'en',
            children: [{ text: 'The secretary-general called the summit "historic".' }],
          },
        ],
      },
    });
    return saved.ok ? saved.value.id : JSON.stringify(saved.error);
  }, bridge.token);
  expect(created).toMatch(/^[a-z0-9-]+$/);
  await page.evaluate(() => window.__shell.menu!({ type: 'ui-language', language: 'ar' }));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await workstation.openFromList('Gulf leaders meet in Riyadh to deepen economic ties');
  await expect(workstation.bodyBlocks.first()).toHaveAttribute('dir', 'ltr');
  await page.screenshot({ path: 'tests/artifacts/screenshots/arabic-ui-english-story.png' });
});
