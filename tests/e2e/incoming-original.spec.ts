/**
 * The Incoming screen shows what the wire intake flagged and the original file beside the story:
 * an Arabic NITF in windows-1256 and a NewsML-G2 item with an XHTML prefix from the conformance
 * corpus are added from disk; their warnings read in Arabic (in English after switching), and
 * "Original file" shows the story's fields and text beside the file as received. Screenshots in
 * tests/artifacts/incoming-original-{ar,en}.png.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type english from '../../shared/i18n/en.json';
import { expect, test } from './support/fixtures';

const ARTIFACTS = resolve('tests/artifacts');
const CORPUS = resolve('tests/fixtures/wire/items');
type Catalogue = Pick<typeof english, 'incoming'>;
const ar = JSON.parse(readFileSync(resolve('shared/i18n/ar.json'), 'utf8')) as Catalogue;
const en = JSON.parse(readFileSync(resolve('shared/i18n/en.json'), 'utf8')) as Catalogue;

test('warnings and the original file beside the story, in Arabic and English', async ({
  page,
  workstation,
}) => {
  await workstation.open();
  await page.getByRole('button', { name: new RegExp(`^${ar.incoming.title}`) }).click();
  const queue = page.getByRole('region', { name: ar.incoming.title });
  await queue
    .getByLabel(ar.incoming.upload)
    .setInputFiles([join(CORPUS, 'ar-nitf-1256.xml'), join(CORPUS, 'ar-g2-xhtml-prefixed.xml')]);
  const nitf = queue
    .locator('li[data-incoming]')
    .filter({ hasText: 'الحكومة تقر موازنة العام المقبل بعجز أقل' });
  await expect(nitf).toBeVisible();
  await expect(nitf).toContainText('NITF');
  // The DOCTYPE that names NITF's DTD was ignored, never fetched, and the editor is told.
  await expect(nitf.locator('[data-warning="dtd-ignored"]')).toHaveText(ar.incoming.warning['dtd-ignored']);
  await expect(nitf.locator('[data-warning="pictures-referenced"]')).toContainText(
    ar.incoming.warning['pictures-referenced'],
  );

  await nitf.getByRole('button', { name: new RegExp(ar.incoming.original.show) }).click();
  const story = nitf.getByRole('region', { name: ar.incoming.original.story });
  await expect(story).toContainText('سارة المنصور');
  await expect(story).toContainText('أقر مجلس الوزراء اليوم موازنة العام المقبل');
  const file = nitf.getByRole('region', { name: new RegExp(ar.incoming.original.file) });
  // The file as received, decoded from windows-1256.
  await expect(file.locator('pre')).toContainText('<hl1>الحكومة تقر موازنة العام المقبل بعجز أقل</hl1>');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await file.locator('pre').focus();
  await page.screenshot({ path: join(ARTIFACTS, 'incoming-original-ar.png'), fullPage: true });

  await page.evaluate(() => localStorage.setItem('mihbara.uiLanguage', 'en'));
  await page.reload();
  await page.getByRole('button', { name: new RegExp(`^${en.incoming.title}`) }).click();
  const queueEn = page.getByRole('region', { name: en.incoming.title });
  const g2 = queueEn.locator('li[data-incoming]').filter({ hasText: 'ميناء جدة يستقبل أكبر سفينة حاويات' });
  await expect(g2.locator('[data-warning="time-without-offset"]')).toContainText(
    en.incoming.warning['time-without-offset'],
  );
  await g2.getByRole('button', { name: new RegExp(en.incoming.original.show) }).click();
  const storyEn = g2.getByRole('region', { name: en.incoming.original.story });
  // The XHTML header and footer are fields of their own, never part of the text.
  await expect(storyEn).toContainText('استقبل ميناء جدة الإسلامي اليوم');
  await expect(storyEn).not.toContainText('© وكالة الخليج');
  await expect(
    g2.getByRole('region', { name: new RegExp(en.incoming.original.file) }).locator('pre'),
  ).toContainText('<h:footer>');
  const axeEn = await new AxeBuilder({ page }).analyze();
  expect(axeEn.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'incoming-original-en.png'), fullPage: true });
});
