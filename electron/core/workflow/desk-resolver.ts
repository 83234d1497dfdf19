/**
 * The one place a desk named by a person (its id, its Arabic or its English name) becomes the
 * desk's id: the search filter, a save's desk field, the command line's `--desk` all ask here,
 * so "سياسة", "Politics" and "politics" mean the same desk everywhere.
 */
import { ApiError } from '../../../shared/api/errors';
import { findDesk } from '../../../shared/workflow/desks';
import type { Desk } from '../../../shared/workflow/model';

export interface DeskResolver {
  /** the desk `key` names; refused (400, `unknown-desk`) with the desks there are when none */
  resolve(key: string): Promise<Desk>;
  /** the id of the desk `key` names, or `key` itself when no desk has that name (a filter stays literal) */
  idOrKey(key: string): Promise<string>;
}

export function deskResolver(desks: () => Promise<Desk[]>): DeskResolver {
  return {
    async resolve(key) {
      const all = await desks();
      const desk = findDesk(all, key);
      if (desk) return desk;
      const known = all.map((d) => [d.id, d.name, d.latinName].filter(Boolean).join(' / ')).join('; ');
      throw new ApiError('invalid-request', `there is no desk "${key.trim()}" (the desks are: ${known})`, [
        { path: 'desk', message: 'unknown-desk' },
      ]);
    },
    async idOrKey(key) {
      return findDesk(await desks(), key)?.id ?? key.trim();
    },
  };
}
