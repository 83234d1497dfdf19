/**
 * The text kept for the user at the keyboard when a desk chief took their lock over, as a
 * person would paste it elsewhere: headline, sub-headline, body.
 */
import { bodyToText } from '../../../shared/format/body-to-html';
import { getApi } from '../api/client';

/** The kept text of story `id`, or null when there is none (or it cannot be read). */
export async function keptText(id: string): Promise<string | null> {
  const kept = await getApi().getTakenOverDraft({ id });
  if (!kept.ok) return null;
  const { headline = '', subheadline = '', body = [] } = kept.value.draft;
  return [headline, subheadline, bodyToText(body)].filter((part) => part.trim()).join('\n\n');
}
