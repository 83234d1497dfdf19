/**
 * A story as one standalone HTML5 page (export, preview, print). The page is inert: a CSP meta
 * forbids every script and every remote load, and nothing in it is a script to begin with.
 */
import { directionOf, type Story } from '../story/schema';
import { bodyToHtml, escapeHtml } from './body-to-html';

/** The page may load inline styles and local or embedded images, nothing else. */
export const STORY_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:";

export interface StoryPageOptions {
  /** where the page finds media files; default `media/<file>` next to the page */
  imageSrc?: (file: string) => string | undefined;
}

const STYLE = `
body { margin: 2rem auto; max-width: 42rem; padding: 0 1rem; line-height: 1.7;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, serif; }
h1 { font-size: 2rem; line-height: 1.3; margin: 0 0 .5rem; }
.subheadline { font-size: 1.25rem; margin: 0 0 1rem; }
.byline, .dateline { color: #555; margin: 0; }
blockquote { margin: 1rem 0; padding-inline-start: 1rem; border-inline-start: 4px solid #ccc; }
blockquote.pull-quote { font-size: 1.3rem; border: 0; text-align: center; }
figure { margin: 1rem 0; } img { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: .9rem; } .credit { font-style: italic; }
`;

const defaultImageSrc = (file: string): string => `media/${encodeURIComponent(file)}`;

/** Formats a dateline time as written in the story; the ISO value goes into `<time datetime>`. */
function datelineHtml(story: Story): string {
  const place = story.dateline.place.trim();
  const date = story.dateline.date;
  if (!place && !date) return '';
  const parts: string[] = [];
  if (place) parts.push(`<span class="place">${escapeHtml(place)}</span>`);
  if (date) parts.push(`<time datetime="${escapeHtml(date)}">${escapeHtml(date.slice(0, 10))}</time>`);
  return `<p class="dateline">${parts.join(' ')}</p>`;
}

/**
 * Renders a complete, well-formed HTML5 document for a story: `<html lang dir>`, charset, a CSP
 * that forbids scripts, the headline as `<h1>`, sub-headline, byline, dateline, lead image and body.
 */
export function storyToPage(story: Story, options: StoryPageOptions = {}): string {
  const lang = story.language;
  const dir = story.direction ?? directionOf(lang);
  const imageSrc = options.imageSrc ?? defaultImageSrc;
  const header: string[] = [`<h1>${escapeHtml(story.headline)}</h1>`];
  if (story.subheadline) header.push(`<p class="subheadline">${escapeHtml(story.subheadline)}</p>`);
  if (story.byline) header.push(`<p class="byline">${escapeHtml(story.byline)}</p>`);
  const dateline = datelineHtml(story);
  if (dateline) header.push(dateline);

  let lead = '';
  if (story.leadImage) {
    const image = story.leadImage;
    const src = imageSrc(image.file);
    const caption = [
      image.caption ? escapeHtml(image.caption) : '',
      image.credit ? `<span class="credit">${escapeHtml(image.credit)}</span>` : '',
    ]
      .filter(Boolean)
      .join(' ');
    lead =
      `<figure class="lead-image">` +
      `<img${src ? ` src="${escapeHtml(src)}"` : ''} alt="${escapeHtml(image.altText)}" />` +
      (caption ? `<figcaption>${caption}</figcaption>` : '') +
      `</figure>\n`;
  }

  const body = bodyToHtml(story.body, { language: lang, imageSrc });
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}" dir="${escapeHtml(dir)}">`,
    '<head>',
    '<meta charset="utf-8" />',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(STORY_PAGE_CSP)}" />`,
    '<meta name="referrer" content="no-referrer" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    '<meta name="generator" content="Mihbara" />',
    `<title>${escapeHtml(story.headline)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<article>',
    `<header>${header.join('\n')}</header>`,
    `${lead}<div class="story-body">`,
    body,
    '</div>',
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
