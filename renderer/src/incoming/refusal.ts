/**
 * A refused wire file in the user's language: its code's catalogue message
 * (`incoming.refusal.<code>`) with its parameters. Refusals recorded before codes existed keep
 * their English reason.
 */
import type { TFunction } from 'i18next';
import type { RefusalParams } from '../../../shared/publishing/model';

const MB = 1024 * 1024;

export function refusalMessage(
  t: TFunction,
  refusal: { code?: string | undefined; reason: string; params?: RefusalParams | undefined },
): string {
  if (!refusal.code) return refusal.reason;
  const params: Record<string, string | number> = { ...refusal.params };
  // Sizes are read in megabytes, one decimal.
  if (typeof params.size === 'number') params.sizeMb = (params.size / MB).toFixed(1);
  if (typeof params.limit === 'number') params.limitMb = (params.limit / MB).toFixed(1);
  return t(`incoming.refusal.${refusal.code}`, { ...params, defaultValue: refusal.reason });
}
