/**
 * The folder channel's site files: an Atom 1.0 feed (RFC 4287) of the latest stories and an
 * index page listing them. Withdrawn stories (unpublished, killed) stay in the feed as RFC 6721
 * tombstones (`at:deleted-entry`), so a reader that already fetched them learns they are gone.
 * Both are pure functions of a list of entries; the channel keeps that list.
 */
import { escapeHtml } from './body-to-html';
import { STORY_PAGE_CSP } from './story-page';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const TOMBSTONES_NS = 'http://purl.org/atompub/tombstones/1.0';

/** One story as the feed and the index know it. */
export interface SiteEntry {
  /** the story's guid (`urn:mihbara:story:<id>`) */
  id: string;
  /** the page's address relative to the site root (`stories/<id>.html`) */
  path: string;
  headline: string;
  summary?: string;
  byline?: string;
  language: string;
  updated: string;
  published?: string;
  /** the story's section (its desk): id for its page, name to show */
  section?: { id: string; name: string };
  /** the story's tags, for the tag pages */
  tags?: string[];
  /** a withdrawn story: its page is gone and the feed carries a tombstone */
  withdrawn?: { at: string; reason: 'unpublished' | 'killed'; note?: string };
}

export interface FeedOptions {
  title: string;
  /** the site's public address, ending in `/`; links are resolved against it */
  baseUrl: string;
  /** the feed's own id; default `<baseUrl>feed.xml` */
  id?: string;
  language?: string;
  /** how many entries the feed and index carry (default 50) */
  limit?: number;
  /** the time the feed is written (`updated` of an empty feed) */
  now?: string;
}

// eslint-disable-next-line no-control-regex -- these control characters are exactly what XML 1.0 forbids
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const x = (text: string): string => escapeHtml(text.replace(NOT_XML, ''));

/**
 * The newest `limit` entries, newest first. A single pass keeping a small sorted window, so
 * 50,000 entries cost one scan rather than a full sort.
 */
export function latestEntries(entries: Iterable<SiteEntry>, limit: number): SiteEntry[] {
  const top: SiteEntry[] = [];
  const key = (entry: SiteEntry) => entry.withdrawn?.at ?? entry.updated;
  for (const entry of entries) {
    if (top.length === limit && key(entry) <= key(top[top.length - 1]!)) continue;
    let i = top.length;
    while (i > 0 && key(top[i - 1]!) < key(entry)) i -= 1;
    top.splice(i, 0, entry);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** Writes the Atom feed; well-formed XML whatever the headlines contain. */
export function siteFeed(entries: Iterable<SiteEntry>, options: FeedOptions): string {
  const latest = latestEntries(entries, options.limit ?? 50);
  const updated = latest[0]
    ? (latest[0].withdrawn?.at ?? latest[0].updated)
    : (options.now ?? new Date(0).toISOString());
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="${ATOM_NS}" xmlns:at="${TOMBSTONES_NS}"${options.language ? ` xml:lang="${x(options.language)}"` : ''}>`,
    `<id>${x(options.id ?? `${options.baseUrl}feed.xml`)}</id>`,
    `<title>${x(options.title)}</title>`,
    `<updated>${x(updated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${x(options.baseUrl)}feed.xml"/>`,
    `<link rel="alternate" type="text/html" href="${x(options.baseUrl)}index.html"/>`,
    '<generator>Mihbara</generator>',
  ];
  for (const entry of latest) {
    if (entry.withdrawn) {
      lines.push(
        `<at:deleted-entry ref="${x(entry.id)}" when="${x(entry.withdrawn.at)}">` +
          `<at:comment>${x(entry.withdrawn.reason)}${entry.withdrawn.note ? `: ${x(entry.withdrawn.note)}` : ''}</at:comment>` +
          `</at:deleted-entry>`,
      );
      continue;
    }
    lines.push(
      `<entry xml:lang="${x(entry.language)}">` +
        `<id>${x(entry.id)}</id>` +
        `<title type="text">${x(entry.headline)}</title>` +
        `<link rel="alternate" type="text/html" href="${x(options.baseUrl + entry.path)}"/>` +
        `<updated>${x(entry.updated)}</updated>` +
        (entry.published ? `<published>${x(entry.published)}</published>` : '') +
        `<author><name>${x(entry.byline || options.title)}</name></author>` +
        (entry.summary ? `<summary type="text">${x(entry.summary)}</summary>` : '') +
        `</entry>`,
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

export interface IndexPageOptions {
  title: string;
  language: string;
  dir: 'rtl' | 'ltr';
  limit?: number;
  /** how a date is shown (house style); the ISO value goes into `<time datetime>` */
  formatDate?: (iso: string) => string;
  /** the word shown for a withdrawn story, in the site's language */
  withdrawnLabel?: string;
  /** the page's own heading under the masthead (a tag's or a section's name); the front page has none */
  heading?: string;
  /** the path from this page to the site root: '' for the front page, '../' for tags/ and sections/ */
  root?: string;
  /** the outlet's logo, relative to the site's root; without it the masthead shows the name's initial */
  logoHref?: string;
  /** only these entries (a tag's or a section's stories) */
  filter?: (entry: SiteEntry) => boolean;
}

const INDEX_STYLE = `
:root { --ink: #1b1c1f; --soft: #4d525a; --line: #d9d5cc; --accent: #8c1c13; --paper: #fffdf8; }
body { margin: 0; background: var(--paper); color: var(--ink); line-height: 1.7;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma, serif; }
a { color: inherit; } a:focus-visible { outline: 3px solid #c2410c; outline-offset: 2px; }
.masthead { border-block-end: 3px double var(--ink); padding: 1rem; }
.masthead__inner, main { max-width: 62rem; margin: 0 auto; }
.brand { display: inline-flex; align-items: center; gap: .75rem; text-decoration: none; font-size: 2rem; font-weight: 700; }
.brand img { block-size: 2.75rem; inline-size: auto; }
.brand__mark { display: inline-grid; place-items: center; inline-size: 2.75rem; block-size: 2.75rem; border-radius: 50%; background: var(--accent); color: #fff; font-size: 1.5rem; }
main { padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
.stories { list-style: none; margin: 0; padding: 0; display: grid; gap: 0 2rem; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); }
.stories li { padding-block: 1rem; border-block-end: 1px solid var(--line); }
.stories a { font-size: 1.25rem; font-weight: 700; line-height: 1.5; text-decoration: none; }
.stories p { margin: .25rem 0 0; color: var(--soft); }
.kicker { display: block; font-family: "Noto Sans Arabic", sans-serif; font-size: .85rem; font-weight: 600; color: var(--accent); }
time, .label { display: block; color: var(--soft); font-size: .85rem; font-family: "Noto Sans Arabic", sans-serif; }
footer { max-width: 62rem; margin: 0 auto; padding: 1rem; border-block-start: 1px solid var(--line); font-family: "Noto Sans Arabic", sans-serif; font-size: .9rem; }
`;

/**
 * A page of the site listing stories, in the same house style as the story pages: the front page
 * (the latest stories), a tag's page or a section's page. Withdrawn stories are listed without a
 * link. No script.
 */
export function siteIndexPage(entries: Iterable<SiteEntry>, options: IndexPageOptions): string {
  const root = options.root ?? '';
  const filtered = options.filter
    ? (function* () {
        for (const entry of entries) if (options.filter!(entry)) yield entry;
      })()
    : entries;
  const latest = latestEntries(filtered, options.limit ?? 100);
  const show = options.formatDate ?? ((iso: string) => iso.slice(0, 10));
  const items = latest.map((entry) => {
    const when = entry.withdrawn?.at ?? entry.published ?? entry.updated;
    const time = `<time datetime="${x(when)}">${x(show(when))}</time>`;
    if (entry.withdrawn) {
      return `<li class="withdrawn"><del>${x(entry.headline)}</del> <span class="label">${x(options.withdrawnLabel ?? 'withdrawn')}</span> ${time}</li>`;
    }
    const kicker =
      entry.section && !options.heading ? `<span class="kicker">${x(entry.section.name)}</span>` : '';
    return (
      `<li lang="${x(entry.language)}">${kicker}<a href="${x(root + entry.path)}">${x(entry.headline)}</a> ${time}` +
      (entry.summary ? `<p>${x(entry.summary)}</p>` : '') +
      `</li>`
    );
  });
  const mark = options.logoHref
    ? `<img src="${x(root + options.logoHref)}" alt="" />`
    : `<span class="brand__mark" aria-hidden="true">${x([...options.title][0] ?? '')}</span>`;
  const feedWord = options.dir === 'rtl' ? 'خلاصة Atom' : 'Atom feed';
  return [
    '<!DOCTYPE html>',
    `<html lang="${x(options.language)}" dir="${options.dir}">`,
    '<head>',
    '<meta charset="utf-8" />',
    `<meta http-equiv="Content-Security-Policy" content="${x(STORY_PAGE_CSP)}" />`,
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>${options.heading ? `${x(options.heading)} | ` : ''}${x(options.title)}</title>`,
    `<link rel="alternate" type="application/atom+xml" href="${x(root)}feed.xml" title="${x(options.title)}" />`,
    `<style>${INDEX_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header class="masthead"><div class="masthead__inner"><a class="brand" href="${x(root)}index.html">${mark}<span>${x(options.title)}</span></a></div></header>`,
    `<main><h1>${x(options.heading ?? options.title)}</h1>`,
    `<ol class="stories">${items.join('\n')}</ol>`,
    '</main>',
    `<footer><a href="${x(root)}feed.xml" type="application/atom+xml">${feedWord}</a></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
