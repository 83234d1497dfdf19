/**
 * The administrator's people-and-desks screen, through the bridge in Chromium: add users with a
 * PIN, change a role, reset a PIN, deactivate; create and rename desks, set members and which
 * checklist items block. Every change is checked main-side: a non-administrator's call through
 * the API is refused, and the last administrator cannot be deactivated.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import type { BridgeProcess } from './support/bridge';

const repo = resolve(import.meta.dirname, '..', '..');

async function post(request: APIRequestContext, bridge: BridgeProcess, op: string, data: object) {
  const response = await request.post(`${bridge.origin}/api/${op}`, {
    headers: { authorization: `Bearer ${bridge.token}`, origin: bridge.origin },
    data,
  });
  return {
    status: response.status(),
    body: (await response.json()) as {
      ok: boolean;
      value: unknown;
      error?: { code: string; issues: Array<{ path: string; message: string }> };
    },
  };
}

async function addUser(
  page: Page,
  fields: { name: string; latin: string; role: string; pin: string; desk?: string },
) {
  const screen = page.getByRole('dialog', { name: 'الأشخاص والأقسام' });
  const form = screen.getByRole('form', { name: 'إضافة مستخدم' });
  await form.getByLabel('الاسم', { exact: true }).fill(fields.name);
  await form.getByLabel('الاسم بالحروف اللاتينية').fill(fields.latin);
  await form.getByLabel('الدور').selectOption({ label: fields.role });
  await form.getByLabel('الرمز السري').fill(fields.pin);
  if (fields.desk) await form.getByRole('checkbox', { name: fields.desk }).check();
  await form.getByRole('button', { name: 'أضف المستخدم' }).click();
  await expect(screen.getByTestId('people-message')).toHaveText(`أُضيف ${fields.name}.`);
}

test('the administrator manages people and desks; others are refused by the main process', async ({
  page,
  request,
  bridge,
  workstation,
}) => {
  test.setTimeout(120_000);
  await workstation.open();
  await expect(page.getByTestId('current-user')).toHaveText('المدير');
  await page.getByRole('button', { name: 'الأشخاص والأقسام' }).click();
  const screen = page.getByRole('dialog', { name: 'الأشخاص والأقسام' });
  await expect(screen).toBeVisible();
  await expect(screen.getByTestId('person')).toHaveCount(1);

  await addUser(page, { name: 'ياسين أحمد', latin: 'Yasin Ahmed', role: 'محرر', pin: '1111', desk: 'سياسة' });
  await addUser(page, { name: 'سلمى الكبير', latin: 'Salma Kabir', role: 'محرر', pin: '2222' });
  await addUser(page, { name: 'ليلى حسن', latin: 'Layla Hassan', role: 'محرر', pin: '4444' });
  const yasin = screen.locator('[data-user="yasin-ahmed"]');
  await expect(yasin).toContainText('يأ');
  await expect(yasin).toContainText('Yasin Ahmed');
  await expect(yasin).toContainText('سياسة');

  // A role change, a PIN reset, a deactivation.
  await screen.getByLabel('دور سلمى الكبير').selectOption({ label: 'رئيس قسم' });
  await expect(screen.getByTestId('people-message')).toHaveText('تغيّر دور سلمى الكبير.');
  // Names and initials are edited in place.
  const salma = screen.locator('[data-user="salma-kabir"]');
  await salma.getByRole('button', { name: 'عدّل اسم سلمى الكبير' }).click();
  const names = salma.getByRole('form', { name: 'عدّل اسم سلمى الكبير' });
  await names.getByLabel('الاسم بالحروف اللاتينية').fill('Salma Al-Kabir');
  await names.getByLabel('الحروف الأولى').fill('سك');
  await names.getByRole('button', { name: 'احفظ الاسم' }).click();
  await expect(screen.getByTestId('people-message')).toHaveText('عُدّل اسم سلمى الكبير.');
  await expect(salma).toContainText('Salma Al-Kabir');
  await expect(salma).toContainText('سك');
  await screen.getByLabel('رمز سري جديد لـياسين أحمد').fill('3333');
  await yasin.getByRole('button', { name: 'عيّن الرمز السري' }).click();
  await expect(screen.getByTestId('people-message')).toHaveText('عُيّن رمز سري جديد لـياسين أحمد.');
  const layla = screen.locator('[data-user="layla-hassan"]');
  await layla.getByRole('button', { name: 'عطّل' }).click();
  await expect(layla).toContainText('معطَّل');
  // A refused change says why, in Arabic, and changes nothing.
  await screen.locator('[data-user="admin"]').getByRole('button', { name: 'عطّل' }).click();
  await expect(screen.getByRole('alert')).toHaveText(
    'لا بد من مدير نشِط واحد على الأقل: لا يمكن تعطيله أو تغيير دوره.',
  );
  await expect(screen.locator('[data-user="admin"]')).toContainText('نشِط');

  // Desks: create, rename, members, checklist levels.
  const newDesk = screen.getByRole('form', { name: 'قسم جديد' });
  await newDesk.getByLabel('اسم القسم').fill('ثقافة');
  await newDesk.getByLabel('الاسم بالإنجليزية').fill('Culture');
  await newDesk.getByLabel('معرّف القسم (بحروف لاتينية)').fill('culture');
  await newDesk.getByRole('button', { name: 'أنشئ القسم' }).click();
  await expect(screen.getByTestId('people-message')).toHaveText('أُنشئ قسم ثقافة.');
  const sports = screen.locator('[data-desk="sports"]');
  await sports.getByLabel('اسم القسم').fill('الرياضة');
  await sports.getByRole('button', { name: 'أعِد التسمية' }).click();
  await expect(screen.getByTestId('people-message')).toHaveText('صار اسم القسم «الرياضة».');
  const culture = screen.locator('[data-desk="culture"]');
  await culture.getByRole('checkbox', { name: 'سلمى الكبير' }).check();
  await culture.getByRole('button', { name: 'احفظ الأعضاء' }).click();
  await expect(screen.getByTestId('people-message')).toHaveText('حُفظ أعضاء قسم ثقافة.');
  const politics = screen.locator('[data-desk="politics"]');
  await politics.getByLabel('مصدر الصورة').selectOption({ label: 'ينبّه فقط' });
  await politics.getByRole('button', { name: 'احفظ قائمة التحقق' }).click();
  await expect(screen.getByTestId('people-message')).toHaveText('حُفظت قائمة التحقق لقسم سياسة.');
  // Stories without a desk have their own levels, edited the same way.
  const noDesk = screen.getByTestId('no-desk');
  await noDesk.getByLabel('موضوع واحد على الأقل').selectOption({ label: 'ينبّه فقط' });
  await noDesk.getByLabel('مصدر الصورة').selectOption({ label: 'ينبّه عند الإرسال ويمنع عند الاعتماد' });
  await noDesk.getByRole('button', { name: 'احفظ قائمة التحقق' }).click();
  await expect(screen.getByTestId('people-message')).toHaveText('حُفظت قائمة التحقق للقصص التي لا قسم لها.');

  // What the main process holds now.
  const people = (await post(request, bridge, 'listPeople', {})).body.value as {
    users: Array<{ id: string; role: string; active: boolean; desks: string[] }>;
    desks: Array<{
      id: string;
      name: string;
      latinName: string;
      checklist: { levels: Record<string, string> };
    }>;
    noDeskChecklist: { levels: Record<string, string> };
  };
  expect(people.users.find((u) => u.id === 'salma-kabir')).toMatchObject({
    role: 'desk-chief',
    latinName: 'Salma Al-Kabir',
    initials: 'سك',
    desks: ['culture'],
  });
  expect(people.users.find((u) => u.id === 'layla-hassan')).toMatchObject({ active: false });
  expect(people.desks.find((d) => d.id === 'sports')?.name).toBe('الرياضة');
  expect(people.desks.find((d) => d.id === 'politics')?.checklist.levels['image-credit']).toBe('warn');
  expect(people.desks.find((d) => d.id === 'culture')?.latinName).toBe('Culture');
  expect(people.noDeskChecklist.levels).toMatchObject({ subject: 'warn', 'image-credit': 'approve' });

  const axe = await new AxeBuilder({ page }).include('[data-testid="people-screen"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
  // Keyboard focus is visible on the screen's controls.
  await screen.getByLabel('دور ياسين أحمد').focus();
  await expect(screen.getByLabel('دور ياسين أحمد')).toHaveCSS('outline-style', 'solid');
  await mkdir(resolve(repo, 'tests/artifacts'), { recursive: true });
  await page.screenshot({ path: resolve(repo, 'tests/artifacts/people-admin-rtl.png'), fullPage: false });
  await screen
    .getByTestId('no-desk')
    .screenshot({ path: resolve(repo, 'tests/artifacts/people-no-desk-rtl.png') });

  await screen.getByRole('button', { name: 'إغلاق' }).click();
  await expect(screen).toBeHidden();

  // The deactivated user is not offered for switching, and cannot switch in through the API.
  await page.getByRole('button', { name: 'تبديل المستخدم' }).click();
  const options = await page.getByLabel('المستخدم', { exact: true }).locator('option').allTextContents();
  expect(options.join()).not.toContain('ليلى حسن');
  await page.getByRole('button', { name: 'إلغاء' }).click();
  const inactive = await post(request, bridge, 'switchUser', { userId: 'layla-hassan', pin: '4444' });
  expect(inactive.status).toBe(403);
  expect(inactive.body.error?.issues[0]?.message).toBe('inactive');

  // The old PIN no longer works, the new one does; an editor sees no admin screen and is refused.
  expect((await post(request, bridge, 'switchUser', { userId: 'yasin-ahmed', pin: '1111' })).status).toBe(
    403,
  );
  expect((await post(request, bridge, 'switchUser', { userId: 'yasin-ahmed', pin: '3333' })).body.ok).toBe(
    true,
  );
  await page.reload();
  await expect(page.getByTestId('current-user')).toHaveText('ياسين أحمد');
  await expect(page.getByRole('button', { name: 'الأشخاص والأقسام' })).toHaveCount(0);
  for (const [op, data] of [
    ['addPerson', { name: 'دخيل', role: 'admin' }],
    ['updatePerson', { userId: 'yasin-ahmed', role: 'admin' }],
    ['addDesk', { name: 'قسم آخر' }],
    ['updateDesk', { deskId: 'politics', checklist: { levels: {}, sluglineMax: 40 } }],
    ['setDeskMembers', { deskId: 'politics', userIds: [] }],
    ['updateNoDeskChecklist', { checklist: { levels: {}, sluglineMax: 40 } }],
  ] as const) {
    const refused = await post(request, bridge, op, data);
    expect(refused.status, op).toBe(403);
    expect(refused.body.error?.issues[0]?.message, op).toBe('role');
  }
  const after = (await post(request, bridge, 'listPeople', {})).body.value as typeof people;
  expect(after.users.find((u) => u.id === 'yasin-ahmed')?.role).toBe('editor');
  expect(after.desks).toHaveLength(4);
});
