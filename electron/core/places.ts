/**
 * Where long work may read and write outside the store: only a place the user chose, and what
 * counts as chosen depends on the door the workstation was opened through. One rule, given to
 * `openWorkstation` as `options.places` and consulted by every job that names a file or folder:
 * - the desktop (`chosenPlaces`): the system dialog. The main process remembers each choice and
 *   hands the page a token for it; a request names that token, never a path.
 * - the bridge (`exchangePlaces`): a folder given when it started (`--exchange DIR`); a request
 *   names a path inside it (relative to it, or absolute); anything else is refused.
 * - the command line (`argumentPlaces`): the paths on its own command line.
 * - nothing given (`noPlaces`): only the store's own folders (a job's defaults).
 * A refusal is a `forbidden` ApiError (4xx) that names no file contents.
 *
 * The same rule covers the settings that name a folder outside the store: a folder channel's
 * folder and the watched wire folder are resolved here when they are saved
 * (electron/core/publishing/handlers.ts), and only the resolved path is stored.
 */
import { randomUUID } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep, basename } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import type { PlaceUse } from '../../shared/jobs/contract';

export interface Places {
  /** how places are named: a dialog's token, a path in the exchange folder, any path (command line) */
  readonly naming: 'chosen' | 'exchange' | 'arguments' | 'none';
  /**
   * The absolute paths `reference` stands for, for `use` (one, or several files chosen at once
   * for an import); refused (4xx) when it is not a chosen place.
   */
  resolve(reference: string, use: PlaceUse): Promise<string[]>;
  /** asks the user for a place (the desktop's dialog); null when they cancelled; refused elsewhere */
  choose(use: PlaceUse): Promise<{ token: string; label: string } | null>;
}

const refuse = (detail: string) => new ApiError('forbidden', detail, [{ path: 'reason', message: 'place' }]);

const notChoosable = async (): Promise<never> => {
  throw new ApiError('invalid-request', 'this workstation has no file dialog: type the place instead', [
    { path: 'reason', message: 'no-dialog' },
  ]);
};

/** Only the store's own folders: every named place is refused. */
export const noPlaces: Places = {
  naming: 'none',
  resolve: async () => {
    throw refuse('this workstation takes no file or folder from a request; the store’s own folders are used');
  },
  choose: notChoosable,
};

/** The command line: the paths it was given are its user's own choice. */
export const argumentPlaces: Places = {
  naming: 'arguments',
  resolve: async (reference) => {
    if (!isAbsolute(reference)) throw refuse('the command line names places by absolute paths');
    return [resolve(reference)];
  },
  choose: notChoosable,
};

/** A path with its symbolic links followed, as far as it exists (what is not made yet is appended). */
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return resolve(await realPathOf(parent), basename(path));
  }
}

/** The bridge: places inside the exchange folder given at start, and nowhere else. */
export function exchangePlaces(folder: string): Places {
  const root = resolve(folder);
  return {
    naming: 'exchange',
    async resolve(reference) {
      const path = resolve(root, reference);
      const [real, realRoot] = [await realPathOf(path), await realPathOf(root)];
      const inside = relative(realRoot, real);
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..'))
        throw refuse(`only places inside the exchange folder ${root} may be used`);
      return [real];
    },
    choose: notChoosable,
  };
}

/** What the desktop's dialog answers: the chosen paths (several for an import), or null when cancelled. */
export type ShowDialog = (use: PlaceUse) => Promise<string[] | null>;

/**
 * The desktop: each choice of the system dialog is remembered under a token the page gets; a
 * request names the token. A token serves the use it was chosen for only.
 */
export function chosenPlaces(show: ShowDialog): Places {
  const chosen = new Map<string, { paths: string[]; use: PlaceUse }>();
  const remember = (paths: string[], use: PlaceUse) => {
    const token = `chosen:${randomUUID()}`;
    chosen.set(token, { paths: paths.map((path) => resolve(path)), use });
    return token;
  };
  return {
    naming: 'chosen',
    async resolve(reference, use) {
      const choice = chosen.get(reference);
      if (!choice || choice.use !== use) throw refuse('only a place chosen in the system dialog may be used');
      return choice.paths;
    },
    async choose(use) {
      const paths = await show(use);
      if (!paths || paths.length === 0) return null;
      return { token: remember(paths, use), label: paths.map((path) => basename(path)).join('، ') };
    },
  };
}

/** The paths a place stands for; never inside the store itself (its files are not an exchange). */
export async function resolveOutsideStore(
  places: Places,
  reference: string,
  use: PlaceUse,
  storeRoot: string,
): Promise<string[]> {
  const paths = await places.resolve(reference, use);
  const root = await realPathOf(resolve(storeRoot));
  for (const path of paths) {
    const inside = relative(root, await realPathOf(resolve(path)));
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))
      throw refuse(
        'a place inside the store folder cannot be named; leave it empty for the store’s own folders',
      );
  }
  return paths;
}

/** The one path a place stands for (a file or a folder, never several), outside the store. */
export async function resolveOnePlace(
  places: Places,
  reference: string,
  use: Exclude<PlaceUse, 'import'>,
  storeRoot: string,
): Promise<string> {
  const [path, ...more] = await resolveOutsideStore(places, reference, use, storeRoot);
  if (path === undefined || more.length > 0)
    throw new ApiError('invalid-request', `one ${use === 'backup-file' ? 'file' : 'folder'} is needed here`);
  return path;
}
