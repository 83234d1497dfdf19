/**
 * Desks by name: the one place that turns what a person typed (the desk's id, its Arabic name or
 * its English name) into a desk. The search filter, the command line and every screen that takes
 * a desk go through `findDesk`, so "سياسة", "Politics", "politics" and "سياسه" all mean the same.
 */
import { normalizeArabic } from '../text/normalize';
import type { Desk } from './model';

type Named = Pick<Desk, 'id' | 'name'> & { latinName?: string };

/** Folded for matching: NFC, harakat and tatweel removed, hamza forms and case folded, spaces collapsed. */
const fold = (text: string) => normalizeArabic(text.normalize('NFC').trim().replace(/\s+/g, ' '));

/** The desk `key` names (id first, then the Arabic or English name, folded), or undefined. */
export function findDesk<T extends Named>(desks: readonly T[], key: string): T | undefined {
  const wanted = key.trim();
  if (!wanted) return undefined;
  const exact = desks.find((desk) => desk.id === wanted);
  if (exact) return exact;
  const folded = fold(wanted);
  return desks.find(
    (desk) =>
      fold(desk.id) === folded ||
      fold(desk.name) === folded ||
      (desk.latinName ? fold(desk.latinName) === folded : false),
  );
}

/** The desk's name in the interface's language (the English name when there is one, in English). */
export function deskLabel(desk: Named, language: string): string {
  return language.startsWith('en') && desk.latinName ? desk.latinName : desk.name;
}
