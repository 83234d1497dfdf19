/**
 * A story as one standalone HTML5 page (export, preview, print, the folder channel's website).
 * The page is inert: a CSP meta forbids every script and every remote load, and nothing in it is
 * a script to begin with.
 *
 * Metadata: Open Graph `<meta property="og:…">` in the head, and schema.org NewsArticle as
 * microdata (`itemscope`/`itemprop`) on the article rather than JSON-LD. JSON-LD would need a
 * `<script type="application/ld+json">` element: browsers do not run it, but it is still a
 * script element, which this page promises never to contain, and text that ends up inside it
 * (a headline with `</script>`) follows different escaping rules than the rest of the page.
 * Microdata carries the same vocabulary with ordinary HTML escaping.
 */
import { directionOf, type Story } from '../story/schema';
import { formatDate, formatNumber, type HouseStyle } from '../text/house-style';
import { bodyToHtml, escapeHtml } from './body-to-html';

/** The page may load inline styles and local or embedded images and fonts, nothing else. */
export const STORY_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:";

export interface StoryPageOptions {
  /** where the page finds media files; default `media/<file>` next to the page */
  imageSrc?: (file: string) => string | undefined;
  /** digits, calendar and month names of dates and numbers; default Western digits, Gregorian */
  houseStyle?: HouseStyle;
  /** the page's public address (og:url, canonical link) */
  url?: string;
  /** an absolute address of the lead image (og:image); Open Graph needs one */
  imageUrl?: string;
  /** the outlet's name (og:site_name, schema.org publisher) */
  siteName?: string;
  /** folder of the bundled web fonts relative to the page (`fonts`); omitted: system fonts only */
  fontsHref?: string;
  /** IANA time zone of printed dates; default the machine's */
  timeZone?: string;
}

/** The house style used when none is given. */
const DEFAULT_STYLE: HouseStyle = { digits: 'latn', calendar: 'gregorian', months: 'egyptian-gulf' };

/**
 * Words the page itself prints, in the story's language (the reader's, not the app's: the
 * catalogues in shared/i18n follow the app's interface language).
 */
const PAGE_WORDS: Record<string, { correction: string; published: string; updated: string }> = {
  ar: { correction: 'تصحيح', published: 'نُشر', updated: 'حُدّث' },
  en: { correction: 'Correction', published: 'Published', updated: 'Updated' },
};
const wordsFor = (lang: string) => PAGE_WORDS[lang.split('-')[0] ?? ''] ?? PAGE_WORDS.en!;

/** The bundled Arabic text face (OFL, @fontsource/noto-naskh-arabic), for pages that ship fonts. */
export const PAGE_FONT_FILES = [
  'noto-naskh-arabic-arabic-400-normal.woff2',
  'noto-naskh-arabic-arabic-700-normal.woff2',
  'noto-naskh-arabic-latin-400-normal.woff2',
  'noto-naskh-arabic-latin-700-normal.woff2',
] as const;

function fontFaces(href: string): string {
  const face = (file: string, weight: number, range: string) =>
    `@font-face { font-family: "Noto Naskh Arabic"; font-style: normal; font-weight: ${weight}; font-display: swap;` +
    ` src: url("${href}/${file}") format("woff2"); unicode-range: ${range}; }`;
  const arabic =
    'U+0600-06FF, U+0750-077F, U+0870-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC';
  const latin =
    'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+2000-206F, U+20AC, U+2122, U+2212, U+2215';
  return [
    face(PAGE_FONT_FILES[0], 400, arabic),
    face(PAGE_FONT_FILES[1], 700, arabic),
    face(PAGE_FONT_FILES[2], 400, latin),
    face(PAGE_FONT_FILES[3], 700, latin),
  ].join('\n');
}

/** The print stylesheet, also used by `printToPDF` in the app and by Chromium in tests. */
export const PRINT_STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 11.5pt; line-height: 1.6; color: #000; }
  h1 { font-size: 22pt; } .subheadline { font-size: 14pt; }
  a { color: inherit; text-decoration: underline; }
  /* on paper a link's target is printed after it */
  .story-body a[href]::after { content: " (" attr(href) ")"; position: static; background: none; color: inherit;
    padding: 0; font-size: .85em; direction: ltr; unicode-bidi: isolate; }
  figure, blockquote, img { break-inside: avoid; } h1, h2, h3 { break-after: avoid; }
  /* a tall photo must not push the story's text off its first page */
  figure img { max-height: 9cm; width: auto; }
  .story-body p { orphans: 3; widows: 3; }
  .correction { border: 1px solid #000; }
}
`;

const STYLE = `
.story-body a { position: relative; color: #1d4ed8; }
.story-body a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 1px; }
.story-body a:hover::after, .story-body a:focus-visible::after { content: attr(href); position: absolute;
  inset-block-start: 100%; inset-inline-start: 0; z-index: 5; padding: .1rem .4rem; background: #111827;
  color: #fff; font: .8rem/1.4 system-ui, sans-serif; white-space: nowrap; direction: ltr; unicode-bidi: isolate; }
body { margin: 2rem auto; max-width: 42rem; padding: 0 1rem; line-height: 1.7;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, serif; }
h1 { font-size: 2rem; line-height: 1.3; margin: 0 0 .5rem; }
.subheadline { font-size: 1.25rem; margin: 0 0 1rem; }
.byline, .dateline { color: #555; margin: 0; }
blockquote { margin: 1rem 0; padding-inline-start: 1rem; border-inline-start: 4px solid #ccc; }
blockquote.pull-quote { font-size: 1.3rem; border: 0; text-align: center; }
figure { margin: 1rem 0; } img { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: .9rem; } .credit { font-style: italic; }
.correction { margin: 1rem 0; padding: .5rem 1rem; background: #fff8e1; border-inline-start: 4px solid #c77800; }
.published { color: #555; margin: 0; }
`;

const defaultImageSrc = (file: string): string => `media/${encodeURIComponent(file)}`;

/** A date in the house style for Arabic pages; other languages get their locale's long date. */
function pageDate(iso: string, lang: string, style: HouseStyle, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (directionOf(lang) === 'rtl') return formatDate(date, style, timeZone ? { timeZone } : {});
  return new Intl.DateTimeFormat(`${lang}-u-nu-latn`, {
    dateStyle: 'long',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** The dateline: place, then the date in house style; the ISO value goes into `<time datetime>`. */
function datelineHtml(story: Story, style: HouseStyle, timeZone?: string): string {
  const place = story.dateline.place.trim();
  const date = story.dateline.date;
  if (!place && !date) return '';
  const parts: string[] = [];
  if (place) parts.push(`<span class="place" itemprop="locationCreated">${escapeHtml(place)}</span>`);
  if (date) {
    parts.push(
      `<time datetime="${escapeHtml(date)}">${escapeHtml(pageDate(date, story.language, style, timeZone))}</time>`,
    );
  }
  return `<p class="dateline">${parts.join(' ')}</p>`;
}

/** Open Graph properties for link previews. */
function openGraph(story: Story, options: StoryPageOptions): string[] {
  const meta = (property: string, content: string) =>
    `<meta property="${property}" content="${escapeHtml(content)}" />`;
  const tags = [
    meta('og:type', 'article'),
    meta('og:title', story.headline),
    meta('og:locale', story.language.replace('-', '_')),
  ];
  if (story.subheadline) {
    tags.push(meta('og:description', story.subheadline));
    tags.push(`<meta name="description" content="${escapeHtml(story.subheadline)}" />`);
  }
  if (options.url)
    tags.push(meta('og:url', options.url), `<link rel="canonical" href="${escapeHtml(options.url)}" />`);
  if (options.siteName) tags.push(meta('og:site_name', options.siteName));
  if (options.imageUrl) tags.push(meta('og:image', options.imageUrl));
  if (story.leadImage?.altText) tags.push(meta('og:image:alt', story.leadImage.altText));
  if (story.publishedAt) tags.push(meta('article:published_time', story.publishedAt));
  tags.push(meta('article:modified_time', story.updatedAt));
  for (const tag of story.tags) tags.push(meta('article:tag', tag));
  return tags;
}

/** schema.org NewsArticle properties that are not visible text already marked up. */
function microdata(story: Story, options: StoryPageOptions): string {
  const meta = (prop: string, content: string) =>
    `<meta itemprop="${prop}" content="${escapeHtml(content)}" />`;
  const parts = [
    meta('headline', story.headline),
    meta('inLanguage', story.language),
    meta('dateCreated', story.createdAt),
    meta('dateModified', story.updatedAt),
  ];
  if (story.publishedAt) parts.push(meta('datePublished', story.publishedAt));
  if (story.byline) {
    parts.push(
      `<span itemprop="author" itemscope itemtype="https://schema.org/Person">${meta('name', story.byline)}</span>`,
    );
  }
  if (options.siteName) {
    parts.push(
      `<span itemprop="publisher" itemscope itemtype="https://schema.org/Organization">${meta('name', options.siteName)}</span>`,
    );
  }
  if (options.url) parts.push(`<link itemprop="mainEntityOfPage" href="${escapeHtml(options.url)}" />`);
  if (options.imageUrl) parts.push(`<link itemprop="image" href="${escapeHtml(options.imageUrl)}" />`);
  if (story.tags.length) parts.push(meta('keywords', story.tags.join(', ')));
  return parts.join('');
}

/**
 * Renders a complete, well-formed HTML5 document for a story: `<html lang dir>`, charset, a CSP
 * that forbids scripts, the headline as `<h1>`, sub-headline, byline, dateline, lead image and body.
 */
export function storyToPage(story: Story, options: StoryPageOptions = {}): string {
  const lang = story.language;
  const dir = story.direction ?? directionOf(lang);
  const imageSrc = options.imageSrc ?? defaultImageSrc;
  const style = options.houseStyle ?? DEFAULT_STYLE;
  const words = wordsFor(lang);
  const header: string[] = [`<h1>${escapeHtml(story.headline)}</h1>`];
  if (story.subheadline) header.push(`<p class="subheadline">${escapeHtml(story.subheadline)}</p>`);
  if (story.byline) header.push(`<p class="byline">${escapeHtml(story.byline)}</p>`);
  const dateline = datelineHtml(story, style, options.timeZone);
  if (dateline) header.push(dateline);
  if (story.publishedAt) {
    header.push(
      `<p class="published">${escapeHtml(words.published)} <time datetime="${escapeHtml(story.publishedAt)}">` +
        `${escapeHtml(pageDate(story.publishedAt, lang, style, options.timeZone))}</time></p>`,
    );
  }
  if (story.correction) {
    const sequence =
      directionOf(lang) === 'rtl'
        ? formatNumber(story.correction.sequence, style)
        : String(story.correction.sequence);
    header.push(
      `<aside class="correction" role="note"><strong>${escapeHtml(words.correction)} (${escapeHtml(sequence)}):</strong> ` +
        `${escapeHtml(story.correction.note)}</aside>`,
    );
  }

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
    ...openGraph(story, options),
    `<style>${options.fontsHref ? fontFaces(options.fontsHref) : ''}${STYLE}${PRINT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<article itemscope itemtype="https://schema.org/NewsArticle">',
    microdata(story, options),
    `<header>${header.join('\n')}</header>`,
    `${lead}<div class="story-body" itemprop="articleBody">`,
    body,
    '</div>',
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
