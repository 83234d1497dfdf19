/**
 * Desks (and people) by name: the one place that turns what a person typed (the desk's id, its Arabic name or
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

/** A name in the interface's language: the English (Latin-script) one, in English, when there is one. */
function inLanguage(named: { name: string; latinName?: string }, language: string): string {
  return language.startsWith('en') && named.latinName ? named.latinName : named.name;
}

/** The desk's name in the interface's language (the English name when there is one, in English). */
export function deskLabel(desk: Named, language: string): string {
  return inLanguage(desk, language);
}

/**
 * Person `id`'s name in the interface's language, from the newsroom's people; `recorded` (the name
 * written down at the time, in a history line or a lock) for someone no longer listed.
 */
export function personLabel(
  people: readonly { id: string; name: string; latinName?: string }[] | undefined,
  id: string | undefined,
  recorded: string,
  language: string,
): string {
  const person = id === undefined ? undefined : people?.find((p) => p.id === id);
  return person ? inLanguage(person, language) : recorded;
}
