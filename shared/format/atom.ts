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
}

/** The site's front page: the latest stories, withdrawn ones listed without a link. No script. */
export function siteIndexPage(entries: Iterable<SiteEntry>, options: IndexPageOptions): string {
  const latest = latestEntries(entries, options.limit ?? 100);
  const show = options.formatDate ?? ((iso: string) => iso.slice(0, 10));
  const items = latest.map((entry) => {
    const when = entry.withdrawn?.at ?? entry.published ?? entry.updated;
    const time = `<time datetime="${x(when)}">${x(show(when))}</time>`;
    if (entry.withdrawn) {
      return `<li class="withdrawn"><del>${x(entry.headline)}</del> <span class="label">${x(options.withdrawnLabel ?? 'withdrawn')}</span> ${time}</li>`;
    }
    return (
      `<li lang="${x(entry.language)}"><a href="${x(entry.path)}">${x(entry.headline)}</a> ${time}` +
      (entry.summary ? `<p>${x(entry.summary)}</p>` : '') +
      `</li>`
    );
  });
  return [
    '<!DOCTYPE html>',
    `<html lang="${x(options.language)}" dir="${options.dir}">`,
    '<head>',
    '<meta charset="utf-8" />',
    `<meta http-equiv="Content-Security-Policy" content="${x(STORY_PAGE_CSP)}" />`,
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>${x(options.title)}</title>`,
    `<link rel="alternate" type="application/atom+xml" href="feed.xml" title="${x(options.title)}" />`,
    '<style>body { margin: 2rem auto; max-width: 46rem; padding: 0 1rem; line-height: 1.7; font-family: "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma, serif; } li { margin: .75rem 0; } time, .label { color: #555; font-size: .9rem; } a:focus { outline: 2px solid #1a56db; outline-offset: 2px; }</style>',
    '</head>',
    '<body>',
    `<main><h1>${x(options.title)}</h1>`,
    `<ol class="stories">${items.join('\n')}</ol>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
