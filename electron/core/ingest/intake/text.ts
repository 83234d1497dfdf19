/** Small text helpers the readers share. */
import { escapeHtml } from '../../../../shared/format/body-to-html';

/** Plain text → HTML paragraphs: blank lines part paragraphs; single line breaks too when there are no blank lines. */
export function textToHtml(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  if (!normalized) return '';
  const parts = /\n\s*\n/.test(normalized) ? normalized.split(/\n\s*\n/) : normalized.split('\n');
  return parts
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((part) => `<p>${escapeHtml(part)}</p>`)
    .join('');
}

/** Whether a string looks like markup rather than plain text. */
export const looksLikeHtml = (value: string): boolean =>
  /<(p|div|h[1-6]|ul|ol|blockquote|br|table|span|a|b|i|em|strong)\b[^>]*>/i.test(value);

/** Collapses whitespace. */
export const clean = (value: unknown): string =>
  typeof value === 'string'
    ? value.replace(/\s+/g, ' ').trim()
    : typeof value === 'number'
      ? String(value)
      : '';

/** The first words of a text, to stand in for a missing headline. */
export function firstWords(html: string, max = 90): string {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
}

/** An urgency as a story keeps it (1–9), from a number or numeric text. */
export function urgencyOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
  return Number.isInteger(n) && n >= 1 && n <= 9 ? n : undefined;
}

/** An edNote role as public or private, or the file's own word when it is neither. */
export function noteRole(raw: string | undefined, fallback = 'private'): string {
  const role = (raw ?? '').replace(/^.*[:/]/, '').toLowerCase();
  if (!role) return fallback;
  if (/^(pub|public|pa|publishable)/.test(role)) return 'public';
  if (/^(priv|private|internal|npa|nonpublishable|non-publishable)/.test(role)) return 'private';
  return role;
}
