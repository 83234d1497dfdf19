/**
 * Names, never paths: the one way a name taken from data (a story's image, a story id, a file
 * name in a request) is joined onto a folder. The result must lie strictly inside that folder;
 * `..`, absolute names, separators that climb out and NUL bytes are refused.
 */
import { resolve, sep } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { MediaFileName } from '../../../shared/story/schema';

/** `folder/name`, refused with `invalid-request` unless it stays inside `folder`. */
export function inside(folder: string, name: string): string {
  const base = resolve(folder);
  const path = resolve(base, name);
  if (name.includes('\0') || path === base || !path.startsWith(base + sep)) {
    throw new ApiError('invalid-request', `"${name.slice(0, 80)}" is not a name inside its folder`);
  }
  return path;
}

/** A media file inside `folder`: a content name (`<sha256>.<ext>`) and nothing else. */
export function mediaFileIn(folder: string, file: string): string {
  if (!MediaFileName.safeParse(file).success) {
    throw new ApiError('invalid-request', `"${file.slice(0, 80)}" is not a media file name`);
  }
  return inside(folder, file);
}
