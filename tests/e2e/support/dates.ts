/**
 * Filling the workstation's date pickers (React Aria DatePicker) by keyboard, segment by segment,
 * in the calendar the picker shows: Hijri (Umm al-Qura) in the Arabic UI, Gregorian in English.
 * The parts are computed in the machine's time zone, as the picker reads them.
 */
import { expect, type Locator } from '@playwright/test';

export type PickerCalendar = 'islamic-umalqura' | 'gregory';

/** The date's year, month, day, hour, minute and second in `calendar`, in the local time zone. */
export function dateParts(date: Date, calendar: PickerCalendar): Record<string, string> {
  const parts = new Intl.DateTimeFormat(`en-u-ca-${calendar}-nu-latn`, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  const out: Record<string, string> = {};
  for (const part of parts) if (part.type !== 'literal') out[part.type] = part.value.replace(/\D/g, '');
  return out;
}

const ORDER = ['year', 'month', 'day', 'hour', 'minute', 'second'];

/** Types `date` into the picker `group` (the field labelled by the picker's label); null clears it. */
export async function fillDate(group: Locator, date: Date | null, calendar: PickerCalendar): Promise<void> {
  const segments = group.locator('[role="spinbutton"][data-type]');
  await expect(segments.first()).toBeVisible();
  const types = await segments.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-type')!));
  if (date === null) {
    for (const type of types) {
      const segment = group.locator(`[role="spinbutton"][data-type="${type}"]`);
      await segment.focus();
      for (let i = 0; i < 5; i += 1) await segment.press('Backspace');
    }
    return;
  }
  const parts = dateParts(date, calendar);
  for (const type of ORDER) {
    if (!types.includes(type)) continue;
    const segment = group.locator(`[role="spinbutton"][data-type="${type}"]`);
    await segment.focus();
    await segment.pressSequentially(parts[type]!.padStart(type === 'year' ? 4 : 2, '0'));
  }
  // Leaving the last segment commits what was typed.
  await group.locator(`[role="spinbutton"][data-type="${types[0]}"]`).focus();
}
