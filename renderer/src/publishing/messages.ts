/**
 * Failures of publishing and ingest in the user's language: a reason code in the error's
 * issues (`channel-folder-missing`, `ingest-folder-in-store`…) has its own catalogue message;
 * otherwise the error code's general one is used.
 */
import type { TFunction } from 'i18next';
import type { ApiErrorShape } from '../../../shared/api/errors';

/** The catalogue message of a reason code (from a channel test or an error's issues). */
export function reasonMessage(t: TFunction, reason: string): string {
  return t(`publishing.reason.${reason}`, { defaultValue: t('publishing.reason.channel-io') });
}

/** The message for a failed call. */
export function errorMessage(t: TFunction, error: ApiErrorShape): string {
  const reason = error.issues?.find((issue) => issue.path === 'reason')?.message;
  if (reason) return t(`publishing.reason.${reason}`, { defaultValue: t(`errors.${error.code}`) });
  return t(`errors.${error.code}`);
}
