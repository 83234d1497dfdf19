/**
 * Tagging a story: tags with normalized autocomplete and explicit creation, an Arabic IPTC
 * Media Topic, and the people and places suggested from the summit-invitation story's text.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './support/fixtures';
import { callApi, seedStory, type SavedStory } from './support/api';

const repo = resolve(import.meta.dirname, '..', '..');
const summit = (
  JSON.parse(readFileSync(resolve(repo, 'tests/fixtures/seed-stories.json'), 'utf8')) as {
    stories: { headline: string; byline: string; body: string[]; mentions: { people: string[] } }[];
  }
).stories[0]!;

test('tags, a Media Topic and suggested names on the summit-invitation story', async ({
  workstation,
  bridge,
  page,
  request,
}) => {
  await callApi(request, bridge, 'createTag', { name: 'القمة العربية' });
  await callApi(request, bridge, 'createTag', { name: 'الانتخابات الليبية' });
  const story = await seedStory(request, bridge, {
    headline: summit.headline,
    byline: summit.byline,
    body: summit.body,
  });

  await workstation.open();
  await workstation.openFromList(summit.headline);
  const panel = page.getByRole('region', { name: 'الوسوم والموضوعات والأسماء' });

  // Autocomplete through normalization: القمه (ه for ة) finds القمة العربية; Enter picks it.
  const tagBox = panel.getByRole('combobox', { name: 'الوسوم' });
  await tagBox.fill('القمه');
  await expect(page.getByRole('option', { name: 'القمة العربية' })).toBeVisible();
  await tagBox.press('Enter');
  const storyTags = panel.getByRole('list', { name: 'وسوم القصة' });
  await expect(storyTags.getByRole('listitem')).toHaveText(['القمة العربية×']);

  // A new tag only by choosing "create"; the typed text alone adds nothing.
  await tagBox.fill('دبلوماسية عربية');
  const create = page.getByRole('option', { name: 'إنشاء وسم جديد: «دبلوماسية عربية»' });
  await expect(create).toBeVisible();
  await create.click();
  await expect(storyTags.getByRole('listitem')).toHaveText(['القمة العربية×', 'دبلوماسية عربية×']);
  // Tatweel alone is refused, with a message.
  await tagBox.fill('ـــ');
  await page.getByRole('option', { name: 'إنشاء وسم جديد: «ـــ»' }).click();
  await expect(panel.getByRole('alert')).toHaveText(
    'لم يُنشأ الوسم: يحتاج الوسم إلى حرف أو رقم واحد على الأقل.',
  );

  // An Arabic Media Topic, with its path.
  const topicBox = panel.getByRole('combobox', { name: 'الموضوعات (IPTC)' });
  await topicBox.fill('دبلوماسيه');
  const diplomacy = page.getByRole('option', {
    name: 'سياسة › معاهدات ومنظمات دولية › دبلوماسية',
    exact: true,
  });
  await expect(diplomacy).toBeVisible();
  await diplomacy.click();
  await expect(panel.getByRole('list', { name: 'موضوعات القصة' })).toContainText(
    'سياسة › معاهدات ومنظمات دولية › دبلوماسية',
  );
  await expect(panel.getByText('IPTC Media Topics © IPTC، بترخيص CC BY 4.0')).toBeVisible();

  // Suggested names from the text; one click accepts each.
  const suggested = panel.getByRole('list', { name: 'أسماء مقترحة من نص القصة' });
  for (const name of ['ليبيا', 'العراق', 'بغداد', 'طرابلس', ...summit.mentions.people]) {
    await expect(suggested.getByRole('button', { name: `اقبل ${name}` })).toBeVisible();
  }
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/tagging-suggestions.png'), fullPage: true });
  for (const name of ['ليبيا', 'بغداد', 'محمد المنفي'])
    await suggested.getByRole('button', { name: `اقبل ${name}` }).click();
  const names = panel.getByRole('list', { name: 'أسماء القصة' });
  await expect(names.getByRole('listitem')).toHaveText(['مكان ليبيا×', 'مكان بغداد×', 'شخص محمد المنفي×']);
  await expect(suggested.getByRole('button', { name: 'اقبل ليبيا' })).toHaveCount(0);

  // A name the gazetteer lacks joins it when accepted.
  await panel.getByRole('textbox', { name: 'اسم جديد' }).fill('سالم الزنتاني');
  await panel.getByRole('button', { name: 'أضف الاسم' }).click();
  await expect(names.getByRole('listitem')).toHaveCount(4);
  await workstation.waitUntilSaved();

  const saved = await callApi<SavedStory>(request, bridge, 'getStory', { id: story.id });
  expect(saved.tags).toEqual(['القمة العربية', 'دبلوماسية عربية']);
  expect(saved.subjects).toEqual(['medtop:20000639']);
  expect(saved.entities).toEqual([
    { kind: 'place', name: 'ليبيا' },
    { kind: 'place', name: 'بغداد' },
    { kind: 'person', name: 'محمد المنفي' },
    { kind: 'person', name: 'سالم الزنتاني' },
  ]);
  const gazetteer = await callApi<{ name: string }[]>(request, bridge, 'listEntities', { query: 'الزنتانى' });
  expect(gazetteer.map((entry) => entry.name)).toEqual(['سالم الزنتاني']);
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/tagging.png'), fullPage: true });
});

test('an administrator merges two tags across stories and undoes it', async ({
  workstation,
  bridge,
  page,
  request,
}) => {
  const a = await seedStory(request, bridge, {
    headline: 'نتائج الانتخابات البلدية',
    body: ['نص.'],
    tags: ['انتخابات'],
  });
  const b = await seedStory(request, bridge, {
    headline: 'موعد الانتخابات',
    body: ['نص.'],
    tags: ['الانتخابات', 'ليبيا'],
  });
  await workstation.open();
  // Tag administration lives on the search screen, in the main pane.
  await page.getByRole('button', { name: 'البحث', exact: true }).click();
  await page.getByRole('button', { name: 'إدارة الوسوم' }).click();
  const admin = page.getByRole('region', { name: 'إدارة الوسوم' });
  await admin.getByRole('combobox', { name: 'الإجراء' }).selectOption('merge');
  await admin.getByRole('combobox', { name: 'الوسم', exact: true }).selectOption('انتخابات');
  await admin.getByLabel('دمج في').fill('الانتخابات');
  await admin.getByRole('button', { name: 'نفّذ في كل القصص' }).click();
  await expect(admin.getByRole('status')).toHaveText('تغيّرت وسوم قصة واحدة.');
  expect((await callApi<SavedStory>(request, bridge, 'getStory', { id: a.id })).tags).toEqual(['الانتخابات']);
  expect((await callApi<SavedStory>(request, bridge, 'getStory', { id: b.id })).tags).toEqual([
    'الانتخابات',
    'ليبيا',
  ]);

  await admin.getByRole('button', { name: 'تراجع عن دمج: انتخابات' }).click();
  await expect(admin.getByRole('button', { name: /^تراجع/ })).toHaveCount(0);
  expect((await callApi<SavedStory>(request, bridge, 'getStory', { id: a.id })).tags).toEqual(['انتخابات']);
  expect((await callApi<SavedStory>(request, bridge, 'getStory', { id: b.id })).tags).toEqual([
    'الانتخابات',
    'ليبيا',
  ]);
});

test('a name the gazetteer lacks is suggested as new and joins the story and the gazetteer in one click', async ({
  workstation,
  bridge,
  page,
  request,
}) => {
  const russia = (
    JSON.parse(readFileSync(resolve(repo, 'tests/fixtures/seed-stories.json'), 'utf8')) as {
      stories: { key: string; headline: string; body: string[] }[];
    }
  ).stories.find((s) => s.key === 'russia-cooperation')!;
  const story = await seedStory(request, bridge, { headline: russia.headline, body: russia.body });
  await workstation.open();
  await workstation.openFromList(russia.headline);
  const panel = page.getByRole('region', { name: 'الوسوم والموضوعات والأسماء' });
  const suggested = panel.getByRole('list', { name: 'أسماء مقترحة من نص القصة' });

  // Known names as before; the new ones found after their titles, each marked جديد.
  await expect(suggested.getByRole('button', { name: 'اقبل موسكو', exact: true })).toBeVisible();
  const haftar = suggested.getByRole('button', {
    name: 'اقبل خالد حفتر: اسم جديد (شخص) يُضاف إلى القصة وإلى أسماء غرفة الأخبار',
  });
  await expect(haftar).toBeVisible();
  await expect(haftar).toContainText('جديد');
  await expect(suggested.getByRole('button', { name: /^اقبل يونس بك يفكيروف: اسم جديد/ })).toBeVisible();
  await expect(suggested.getByRole('button', { name: 'اقبل موسكو', exact: true })).not.toContainText('جديد');
  await haftar.focus();
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/tagging-new-names.png'), fullPage: true });
  // The window with known and new suggestions listed passes axe (names, the badge's contrast).
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );

  // One click: into the story's names, and into the gazetteer with its kind.
  await haftar.click();
  const names = panel.getByRole('list', { name: 'أسماء القصة' });
  await expect(names.getByRole('listitem')).toHaveText(['شخص خالد حفتر×']);
  await expect(haftar).toHaveCount(0);
  await workstation.waitUntilSaved();
  const saved = await callApi<SavedStory>(request, bridge, 'getStory', { id: story.id });
  expect(saved.entities).toEqual([{ kind: 'person', name: 'خالد حفتر' }]);
  const gazetteer = await callApi<{ kind: string; name: string }[]>(request, bridge, 'listEntities', {
    query: 'حفتر',
  });
  expect(gazetteer).toContainEqual(expect.objectContaining({ kind: 'person', name: 'خالد حفتر' }));
  // Known from now on: another story naming him gets him as a known name.
  const next = await callApi<{ name: string; isNew: boolean }[]>(request, bridge, 'suggestEntities', {
    text: 'التقى خالد حفتر وفدا',
  });
  expect(next).toEqual([{ kind: 'person', name: 'خالد حفتر', mentions: 1, isNew: false }]);
});

test('a save carrying a tag of only tatweel is refused, and the editor is told why', async ({
  workstation,
  bridge,
  page,
  request,
}) => {
  const story = await seedStory(request, bridge, { headline: 'خبر للوسوم', body: ['نص.'], tags: ['ليبيا'] });
  await workstation.open();
  await workstation.openFromList('خبر للوسوم');
  // Another client (a script, an old version) sends the tag: the bridge must refuse it.
  await page.route('**/api/saveStory', async (route) => {
    const payload = route.request().postDataJSON() as { edit: { tags?: string[] } };
    payload.edit.tags = [...(payload.edit.tags ?? ['ليبيا']), 'ـــ'];
    await route.continue({ postData: JSON.stringify(payload) });
  });
  await workstation.headline.fill('خبر للوسوم معدل');
  await expect(workstation.saveStatus).toContainText(
    'لم يُحفظ التعديل: وسم بلا حرف ولا رقم (مسافات أو تطويل فقط). احذفه أو اكتب له اسماً.',
  );
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/tagging-empty-tag-refused.png') });
  expect((await callApi<SavedStory>(request, bridge, 'getStory', { id: story.id })).tags).toEqual(['ليبيا']);

  // Nothing the editor wrote is lost: without the bad tag, the retry saves it.
  await page.unroute('**/api/saveStory');
  await page.getByRole('button', { name: 'أعد المحاولة' }).click();
  await workstation.waitUntilSaved();
  const saved = await callApi<SavedStory>(request, bridge, 'getStory', { id: story.id });
  expect(saved.headline).toBe('خبر للوسوم معدل');
  expect(saved.tags).toEqual(['ليبيا']);
});

test('an editor is not offered what the policy keeps for desk chiefs: no name joins the gazetteer from their panel', async ({
  workstation,
  bridge,
  page,
  request,
}) => {
  const russia = (
    JSON.parse(readFileSync(resolve(repo, 'tests/fixtures/seed-stories.json'), 'utf8')) as {
      stories: { key: string; headline: string; body: string[] }[];
    }
  ).stories.find((s) => s.key === 'russia-cooperation')!;
  await callApi(request, bridge, 'addPerson', {
    name: 'ياسين أحمد',
    latinName: 'Yasin Ahmed',
    role: 'editor',
    pin: '1111',
  });
  await callApi(request, bridge, 'switchUser', { userId: 'yasin-ahmed', pin: '1111' });
  // The editor's own draft: one they may edit.
  const story = await seedStory(request, bridge, { headline: russia.headline, body: russia.body });
  await workstation.open();
  await workstation.openFromList(russia.headline);
  const panel = page.getByRole('region', { name: 'الوسوم والموضوعات والأسماء' });
  const suggested = panel.getByRole('list', { name: 'أسماء مقترحة من نص القصة' });
  // The new name joins the story only, and says so; there is no form adding names to the gazetteer.
  const haftar = suggested.getByRole('button', {
    name: 'اقبل خالد حفتر: اسم جديد (شخص) يُضاف إلى القصة',
    exact: true,
  });
  await expect(haftar).toBeVisible();
  await expect(panel.getByRole('button', { name: 'أضف الاسم' })).toHaveCount(0);
  await expect(panel.getByLabel('اسم جديد', { exact: true })).toHaveCount(0);
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/tagging-editor-names.png'), fullPage: true });
  await haftar.click();
  await workstation.waitUntilSaved();
  const saved = await callApi<SavedStory>(request, bridge, 'getStory', { id: story.id });
  expect(saved.entities).toEqual([{ kind: 'person', name: 'خالد حفتر' }]);
  const gazetteer = await callApi<{ name: string }[]>(request, bridge, 'listEntities', { query: 'حفتر' });
  expect(gazetteer.map((entry) => entry.name)).not.toContain('خالد حفتر');

  // Renaming, merging and deleting tags are a desk chief's: the search screen offers the editor none.
  await page.getByRole('button', { name: 'البحث', exact: true }).click();
  await expect(page.getByRole('searchbox').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'إدارة الوسوم' })).toHaveCount(0);
});
