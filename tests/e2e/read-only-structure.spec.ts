/**
 * The read-only view of a story keeps its body's structure: headings, lists, quotes, separators
 * and images with caption and credit, with comment highlights inside list items (anchors count a
 * list's items as one text).
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { callApi as api } from './support/api';
import { test, expect } from './support/fixtures';
import { makePng } from './editor-helpers';

const repo = resolve(import.meta.dirname, '..', '..');

const text = (value: string) => [{ text: value }];
const block = (type: string, children: object[], extra: object = {}) => ({
  type,
  dir: 'rtl',
  lang: 'ar',
  children,
  ...extra,
});

test('a story the user may not change shows its headings, lists, quotes and images', async ({
  page,
  request,
  bridge,
  workstation,
}) => {
  test.setTimeout(90_000);
  const call = <T = { id: string; version: number }>(op: string, data: object) =>
    api<T>(request, bridge, op, data);
  await workstation.open();
  const { file } = await call<{ file: string }>('addMedia', {
    name: 'council.png',
    mime: 'image/png',
    dataBase64: await makePng(page, 'Presidential Council'),
  });
  await call('addPerson', { name: 'ياسين أحمد', latinName: 'Yasin Ahmed', role: 'editor', pin: '1111' });
  await call('addPerson', { name: 'سلمى الكبير', latinName: 'Salma Kabir', role: 'desk-chief', pin: '2222' });
  await call('switchUser', { userId: 'yasin-ahmed', pin: '1111' });
  const created = await call('createStory', { language: 'ar', edit: { headline: 'مسودة' } });
  const first = 'التعاون الاقتصادي';
  const second = 'الطاقة والنفط';
  const story = await call('saveStory', {
    id: created.id,
    baseVersion: created.version,
    edit: {
      headline: 'التعاون العسكري بين ليبيا وروسيا',
      byline: 'ياسين أحمد',
      subjects: ['medtop:11000000'],
      tags: [],
      leadImage: { file, caption: 'المجلس', credit: 'المكتب الإعلامي', altText: 'أعضاء المجلس' },
      body: [
        block('heading-two', text('جدول الأعمال')),
        block('paragraph', text('قال المتحدث إن الوفد وصل صباح اليوم.')),
        block('bulleted-list', [block('list-item', text(first)), block('list-item', text(second))]),
        block('block-quote', text('«نحن هنا من أجل السلام والتعاون»')),
        block('separator', text('')),
        block('image', text(''), {
          file,
          caption: 'المجلس الرئاسي الليبي',
          credit: 'رويترز',
          alt: 'أعضاء المجلس في طرابلس',
        }),
      ],
    },
  });
  await call('transitionStory', { id: story.id, action: 'submit' });
  await call('releaseStory', { id: story.id });
  // The desk chief comments on the list's second item: offsets count the items as one text.
  await call('switchUser', { userId: 'salma-kabir', pin: '2222' });
  await call('addComment', {
    id: story.id,
    block: 2,
    start: first.length,
    end: first.length + second.length,
    text: 'أي نفط؟',
  });
  await call('switchUser', { userId: 'yasin-ahmed', pin: '1111' });

  await page.reload();
  await workstation.storyList.getByRole('button', { name: 'التعاون العسكري بين ليبيا وروسيا' }).click();
  const body = page.getByTestId('read-only-body');
  await expect(body).toBeVisible();
  await expect(body.getByRole('heading', { name: 'جدول الأعمال' })).toBeVisible();
  await expect(body.getByRole('listitem')).toHaveText([first, second]);
  await expect(body.getByRole('listitem').nth(1).locator('mark.comment-mark')).toHaveText(second);
  await expect(body.locator('blockquote')).toHaveText('«نحن هنا من أجل السلام والتعاون»');
  await expect(body.locator('hr')).toHaveCount(1);
  const image = body.getByRole('img', { name: 'أعضاء المجلس في طرابلس' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await expect(body.locator('figcaption')).toContainText('المجلس الرئاسي الليبي');
  await expect(body.locator('figcaption')).toContainText('رويترز');
  await mkdir(resolve(repo, 'tests/artifacts'), { recursive: true });
  await body.screenshot({ path: resolve(repo, 'tests/artifacts/read-only-structure-rtl.png') });
});
