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
import { bodyToHtml, bodyToText, escapeHtml } from './body-to-html';
import { countWords, readingMinutes } from '../text/count';

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
  /** the site's front page, relative to the page (`../index.html`): masthead and footer link there */
  homeHref?: string;
  /** the outlet's logo image, relative to the page; without it the masthead sets the name alone */
  logoHref?: string;
  /** the Atom feed, relative to the page */
  feedHref?: string;
  /** the story's section (its desk) and that section's page */
  section?: { name: string; href?: string };
  /** the page of one tag; without it tags are listed without links */
  tagHref?: (tag: string) => string;
  /** other stories of the same section, newest first */
  more?: ReadonlyArray<{ headline: string; href: string; date?: string; language?: string }>;
}

/** The house style used when none is given. */
const DEFAULT_STYLE: HouseStyle = { digits: 'latn', calendar: 'gregorian', months: 'egyptian-gulf' };

/**
 * Words the page itself prints, in the story's language (the reader's, not the app's: the
 * catalogues in shared/i18n follow the app's interface language).
 */
interface PageWords {
  correction: string;
  published: string;
  updated: string;
  tags: string;
  more: (section: string) => string;
  home: string;
  feed: string;
  skip: string;
  sections: string;
  /** reading time, by plural category of the minutes */
  minutes: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
}
const PAGE_WORDS: Record<string, PageWords> = {
  ar: {
    correction: 'تصحيح',
    published: 'نُشر',
    updated: 'حُدّث',
    tags: 'الوسوم',
    more: (section) => `المزيد من ${section}`,
    home: 'الصفحة الرئيسية',
    feed: 'خلاصة Atom',
    skip: 'انتقل إلى القصة',
    sections: 'الأقسام',
    minutes: {
      zero: 'أقل من دقيقة قراءة',
      one: 'دقيقة قراءة واحدة',
      two: 'دقيقتا قراءة',
      few: '{n} دقائق قراءة',
      many: '{n} دقيقة قراءة',
      other: '{n} دقيقة قراءة',
    },
  },
  en: {
    correction: 'Correction',
    published: 'Published',
    updated: 'Updated',
    tags: 'Tags',
    more: (section) => `More from ${section}`,
    home: 'Front page',
    feed: 'Atom feed',
    skip: 'Skip to the story',
    sections: 'Sections',
    minutes: { one: '1 min read', other: '{n} min read' },
  },
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
  .masthead { border-block-end: 2px solid #000; padding: 0 0 4mm; }
  .sections, .skip, .more, .site-footer, .story-tags { display: none; }
  main { display: block; padding: 0; max-width: none; }
  .story-body { font-size: 12pt; line-height: 1.8; }
}
`;

/*
 * The news-site look: a masthead with the outlet's name (and logo), the section as a kicker, a
 * large Naskh headline, the meta line, the lead image with caption and credit, the body at a
 * comfortable 19px with a Naskh line height, tags, and "more from this section". Logical
 * properties only, so the page mirrors for a left-to-right story. No fake italic: Arabic text
 * never slants (Naskh has no italic), emphasis is bold.
 */
const STYLE = `
:root { --ink: #1b1c1f; --soft: #4d525a; --line: #d9d5cc; --accent: #8c1c13; --paper: #fffdf8; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink); line-height: 1.7;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, serif; }
a { color: inherit; }
a:focus-visible { outline: 3px solid #c2410c; outline-offset: 2px; }
.story-body a { position: relative; color: #1d4ed8; }
.story-body a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 1px; }
.story-body a:hover::after, .story-body a:focus-visible::after { content: attr(href); position: absolute;
  inset-block-start: 100%; inset-inline-start: 0; z-index: 5; padding: .1rem .4rem; background: #111827;
  color: #fff; font: .8rem/1.4 system-ui, sans-serif; white-space: nowrap; direction: ltr; unicode-bidi: isolate; }
.skip { position: absolute; inset-inline-start: 1rem; inset-block-start: -4rem; background: #fff; padding: .5rem 1rem; }
.skip:focus { inset-block-start: .5rem; }
.masthead { border-block-end: 3px double var(--ink); padding: 1rem; }
.masthead__inner, .site-footer__inner { max-width: 62rem; margin: 0 auto; display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; }
.brand { display: inline-flex; align-items: center; gap: .75rem; text-decoration: none; font-size: 2rem; font-weight: 700; line-height: 1.2; }
.brand img { block-size: 2.75rem; inline-size: auto; }
.brand__mark { display: inline-grid; place-items: center; inline-size: 2.75rem; block-size: 2.75rem; border-radius: 50%; background: var(--accent); color: #fff; font-size: 1.5rem; }
.sections { margin-inline-start: auto; font-family: "Noto Sans Arabic", "Segoe UI", sans-serif; font-size: .95rem; }
.sections a { text-decoration: none; padding: .25rem .5rem; border-block-end: 2px solid var(--accent); }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; display: grid; gap: 2.5rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 60rem) { main { grid-template-columns: minmax(0, 42rem) minmax(14rem, 1fr); } }
.kicker { margin: 0 0 .5rem; font-family: "Noto Sans Arabic", "Segoe UI", sans-serif; font-weight: 600; color: var(--accent); }
.kicker a { text-decoration: none; }
h1 { font-size: clamp(1.9rem, 4vw, 2.6rem); line-height: 1.35; margin: 0 0 .75rem; }
.subheadline { font-size: 1.3rem; line-height: 1.6; color: var(--soft); margin: 0 0 1rem; }
.meta { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding-block: .6rem; margin-block-end: 1.25rem;
  border-block: 1px solid var(--line); font-family: "Noto Sans Arabic", "Segoe UI", sans-serif; font-size: .9rem; color: var(--soft); }
.byline { font-weight: 700; color: var(--ink); }
.byline, .dateline, .published, .reading { margin: 0; }
.place { font-weight: 700; }
.story-body { font-size: 19px; line-height: 1.95; }
.story-body p { margin: 0 0 1.1em; }
[lang="en"] .story-body, .story-body [lang="en"] { line-height: 1.7; }
em, i { font-style: normal; font-weight: 700; }
[lang="en"] em, [lang="en"] i { font-style: italic; font-weight: inherit; }
blockquote { margin: 1.25rem 0; padding-inline-start: 1rem; border-inline-start: 4px solid var(--line); color: var(--soft); }
blockquote.pull-quote { font-size: 1.5rem; line-height: 1.6; border: 0; border-block: 2px solid var(--accent); padding: 1rem 0; text-align: center; color: var(--ink); }
figure { margin: 0 0 1.5rem; } img { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--soft); font-size: .9rem; line-height: 1.6; padding-block-start: .4rem;
  font-family: "Noto Sans Arabic", "Segoe UI", sans-serif; }
.credit { display: inline-block; margin-inline-start: .5rem; font-size: .8rem; text-transform: uppercase; letter-spacing: .02em; }
.correction { margin: 1rem 0; padding: .5rem 1rem; background: #fff4d6; border-inline-start: 4px solid #8a4b00; }
.story-tags { margin-block-start: 2rem; padding-block-start: 1rem; border-block-start: 1px solid var(--line); }
.story-tags h2, .more h2 { font-size: 1.05rem; margin: 0 0 .75rem; font-family: "Noto Sans Arabic", "Segoe UI", sans-serif; }
.tags { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; margin: 0; padding: 0; }
.tags a, .tags span { display: inline-block; padding: .15rem .75rem; border: 1px solid var(--line); border-radius: 999px;
  text-decoration: none; font-family: "Noto Sans Arabic", "Segoe UI", sans-serif; font-size: .9rem; }
.more { align-self: start; border-block-start: 3px solid var(--ink); padding-block-start: .75rem; }
.more ol { list-style: none; margin: 0; padding: 0; }
.more li { padding-block: .6rem; border-block-end: 1px solid var(--line); line-height: 1.5; }
.more a { text-decoration: none; font-weight: 700; }
.more time { display: block; font-size: .85rem; color: var(--soft); font-family: "Noto Sans Arabic", "Segoe UI", sans-serif; }
.site-footer { border-block-start: 1px solid var(--line); padding: 1.25rem 1rem; font-family: "Noto Sans Arabic", "Segoe UI", sans-serif; font-size: .9rem; }
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
/** A number the page prints, in the house digits for an Arabic page. */
function pageNumber(value: number, lang: string, style: HouseStyle): string {
  return directionOf(lang) === 'rtl' ? formatNumber(value, style) : String(value);
}

/** "٣ دقائق قراءة": the reading time, in the plural form the language asks for. */
export function readingTimeText(minutes: number, lang: string, style: HouseStyle): string {
  const words = wordsFor(lang);
  const base = lang.split('-')[0] ?? 'en';
  const rule = minutes === 0 ? 'zero' : new Intl.PluralRules(base).select(minutes);
  const form = words.minutes[rule] ?? words.minutes.other;
  return form.replace('{n}', pageNumber(minutes, lang, style));
}

/** A tag's file name on the site: letters, digits and dashes only (no path can be smuggled in). */
export function tagSlug(tag: string): string {
  const slug = tag
    .normalize('NFC')
    .trim()
    .replace(/[\s_]+/gu, '-')
    .replace(/[^\p{L}\p{M}\p{N}-]/gu, '')
    .slice(0, 80);
  return slug || 'tag';
}

/** A date as a news page shows it: in Arabic both calendars (house digits), else the long date. */
function newsDate(iso: string, lang: string, style: HouseStyle, timeZone?: string): string {
  if (directionOf(lang) !== 'rtl') return pageDate(iso, lang, style, timeZone);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatDate(date, { ...style, calendar: 'both' }, timeZone ? { timeZone } : {});
}

function masthead(options: StoryPageOptions, words: PageWords): string {
  const name = options.siteName ?? '';
  if (!name && !options.logoHref) return '';
  const mark = options.logoHref
    ? `<img src="${escapeHtml(options.logoHref)}" alt="" />`
    : `<span class="brand__mark" aria-hidden="true">${escapeHtml([...name][0] ?? '')}</span>`;
  const brand = `${mark}<span class="brand__name">${escapeHtml(name)}</span>`;
  const home = options.homeHref
    ? `<a class="brand" href="${escapeHtml(options.homeHref)}">${brand}</a>`
    : `<span class="brand">${brand}</span>`;
  const sections = options.section?.href
    ? `<nav class="sections" aria-label="${escapeHtml(words.sections)}"><a href="${escapeHtml(options.section.href)}">${escapeHtml(options.section.name)}</a></nav>`
    : '';
  return `<header class="masthead"><div class="masthead__inner">${home}${sections}</div></header>`;
}

/**
 * Renders a complete, well-formed HTML5 document for a story: `<html lang dir>`, charset, a CSP
 * that forbids scripts; with a channel's options, the news site around it: masthead (name and
 * logo, linking to the front page), section, headline, sub-headline, byline, dateline, the date in
 * both calendars, reading time, lead image with caption and credit, body, tags linking to their
 * pages, "more from this section" and a footer back to the front page and the feed.
 */
export function storyToPage(story: Story, options: StoryPageOptions = {}): string {
  const lang = story.language;
  const dir = story.direction ?? directionOf(lang);
  const imageSrc = options.imageSrc ?? defaultImageSrc;
  const style = options.houseStyle ?? DEFAULT_STYLE;
  const words = wordsFor(lang);
  const header: string[] = [];
  if (options.section) {
    const name = escapeHtml(options.section.name);
    header.push(
      `<p class="kicker" itemprop="articleSection">${options.section.href ? `<a href="${escapeHtml(options.section.href)}">${name}</a>` : name}</p>`,
    );
  }
  header.push(`<h1>${escapeHtml(story.headline)}</h1>`);
  if (story.subheadline) header.push(`<p class="subheadline">${escapeHtml(story.subheadline)}</p>`);
  const meta: string[] = [];
  if (story.byline) meta.push(`<p class="byline">${escapeHtml(story.byline)}</p>`);
  const dateline = datelineHtml(story, style, options.timeZone);
  if (dateline) meta.push(dateline);
  if (story.publishedAt) {
    meta.push(
      `<p class="published">${escapeHtml(words.published)} <time datetime="${escapeHtml(story.publishedAt)}">` +
        `${escapeHtml(newsDate(story.publishedAt, lang, style, options.timeZone))}</time></p>`,
    );
  }
  const minutes = readingMinutes(countWords(bodyToText(story.body)));
  if (minutes > 0) meta.push(`<p class="reading">${escapeHtml(readingTimeText(minutes, lang, style))}</p>`);
  if (meta.length) header.push(`<div class="meta">${meta.join('\n')}</div>`);
  if (story.correction) {
    const sequence = pageNumber(story.correction.sequence, lang, style);
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
      image.caption ? `<span class="caption">${escapeHtml(image.caption)}</span>` : '',
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

  let tags = '';
  if (story.tags.length) {
    const items = story.tags.map((tag) => {
      const href = options.tagHref?.(tag);
      return href
        ? `<li><a href="${escapeHtml(href)}" rel="tag">${escapeHtml(tag)}</a></li>`
        : `<li><span>${escapeHtml(tag)}</span></li>`;
    });
    tags = `<footer class="story-tags"><h2>${escapeHtml(words.tags)}</h2><ul class="tags">${items.join('')}</ul></footer>`;
  }

  let more = '';
  if (options.more?.length && options.section) {
    const items = options.more.map(
      (entry) =>
        `<li${entry.language ? ` lang="${escapeHtml(entry.language)}"` : ''}><a href="${escapeHtml(entry.href)}">${escapeHtml(entry.headline)}</a>` +
        (entry.date
          ? `<time datetime="${escapeHtml(entry.date)}">${escapeHtml(pageDate(entry.date, lang, style, options.timeZone))}</time>`
          : '') +
        `</li>`,
    );
    more = `<aside class="more" aria-labelledby="more-title"><h2 id="more-title">${escapeHtml(words.more(options.section.name))}</h2><ol>${items.join('')}</ol></aside>`;
  }

  const footerLinks = [
    options.homeHref ? `<a href="${escapeHtml(options.homeHref)}">${escapeHtml(words.home)}</a>` : '',
    options.feedHref
      ? `<a href="${escapeHtml(options.feedHref)}" type="application/atom+xml">${escapeHtml(words.feed)}</a>`
      : '',
  ].filter(Boolean);
  const siteFooter = footerLinks.length
    ? `<footer class="site-footer"><div class="site-footer__inner">${escapeHtml(options.siteName ?? '')} ${footerLinks.join(' ')}</div></footer>`
    : '';

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
    `<title>${escapeHtml(story.headline)}${options.siteName ? ` | ${escapeHtml(options.siteName)}` : ''}</title>`,
    ...openGraph(story, options),
    ...(options.feedHref
      ? [`<link rel="alternate" type="application/atom+xml" href="${escapeHtml(options.feedHref)}" />`]
      : []),
    `<style>${options.fontsHref ? fontFaces(options.fontsHref) : ''}${STYLE}${PRINT_STYLE}</style>`,
    '</head>',
    '<body>',
    `<a class="skip" href="#story">${escapeHtml(words.skip)}</a>`,
    masthead(options, words),
    '<main>',
    '<article id="story" itemscope itemtype="https://schema.org/NewsArticle">',
    microdata(story, options),
    `<header>${header.join('\n')}</header>`,
    `${lead}<div class="story-body" itemprop="articleBody">`,
    body,
    '</div>',
    tags,
    '</article>',
    more,
    '</main>',
    siteFooter,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
