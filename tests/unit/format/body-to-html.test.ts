import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { bodyToHtml, bodyToText } from '../../../shared/format/body-to-html';
import { htmlToBody } from '../../../shared/format/html-to-body';
import { STORY_PAGE_CSP, storyToPage } from '../../../shared/format/story-page';
import { Story, type StoryBody } from '../../../shared/story/schema';

/**
 * Checks that every tag closes in order (what XML requires), returning the problems found.
 * Text is escaped by the serializer, so a tag scan is exact here.
 */
function tagProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
  for (const match of html.replace(/^<!DOCTYPE html>/i, '').matchAll(tag)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (!closing) stack.push(name!);
    else if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element`);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

const body: StoryBody = [
  { type: 'heading-two', dir: 'rtl', lang: 'ar', children: [{ text: 'عنوان <script>alert(1)</script>' }] },
  {
    type: 'paragraph',
    dir: 'rtl',
    lang: 'ar',
    children: [
      { text: 'شبكة ' },
      { text: 'CNN', lang: 'en' },
      { text: ' قالت ' },
      { text: 'بوضوح', bold: true, italic: true },
      { text: ' "و" & ' },
      { type: 'link', url: 'https://example.org/?a=1&b="2"', children: [{ text: 'الرابط' }] },
      { text: '' },
    ],
  },
  {
    type: 'bulleted-list',
    dir: 'rtl',
    lang: 'ar',
    children: [
      { type: 'list-item', dir: 'rtl', lang: 'ar', children: [{ text: 'أول' }] },
      {
        type: 'list-item',
        dir: 'rtl',
        lang: 'ar',
        children: [
          { type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text: 'ثان' }] },
          {
            type: 'numbered-list',
            dir: 'rtl',
            lang: 'ar',
            children: [{ type: 'list-item', dir: 'rtl', lang: 'ar', children: [{ text: 'فرعي' }] }],
          },
        ],
      },
    ],
  },
  { type: 'block-quote', dir: 'rtl', lang: 'ar', children: [{ text: '«اقتباس»' }] },
  { type: 'separator', dir: 'rtl', lang: 'ar', children: [{ text: '' }] },
  { type: 'image', dir: 'rtl', lang: 'ar', alt: 'صورة "x"', caption: 'تعليق', children: [{ text: '' }] },
  { type: 'paragraph', dir: 'ltr', lang: 'en', children: [{ text: 'An English paragraph.' }] },
];

describe('bodyToHtml', () => {
  const html = bodyToHtml(body, { language: 'ar' });

  it('escapes text, so a <script> in a headline stays text', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(' &quot;و&quot; &amp; ');
  });

  it('writes dir and lang on blocks and a dir/lang span for a run in another language', () => {
    expect(html).toContain('<h2 dir="rtl" lang="ar">');
    expect(html).toContain('<p dir="ltr" lang="en">An English paragraph.</p>');
    expect(html).toContain('<span dir="ltr" lang="en">CNN</span>');
    expect(html).toContain('<strong><em>بوضوح</em></strong>');
  });

  it('writes links with an escaped href and rel=noopener noreferrer, and drops unsafe ones', () => {
    expect(html).toContain(
      '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">الرابط</a>',
    );
    const unsafe = bodyToHtml([
      {
        type: 'paragraph',
        children: [
          { text: '' },
          { type: 'link', url: 'javascript:alert(1)', children: [{ text: 'x' }] },
          { text: '' },
        ],
      },
    ]);
    expect(unsafe).toBe('<p>x</p>');
  });

  it('is well-formed: every tag closes, and it parses as XML', () => {
    expect(tagProblems(html)).toEqual([]);
    const doc = parseDocument(`<root>${html}</root>`, { xmlMode: true });
    expect(doc.children).toHaveLength(1);
  });

  it('reads back to the same body through htmlToBody', () => {
    const { body: back } = htmlToBody(html, { language: 'ar' });
    expect(bodyToText(back)).toBe(bodyToText(body));
    expect(back.map((block) => block.type)).toEqual(body.map((block) => block.type));
    expect(bodyToHtml(back, { language: 'ar' })).toBe(html);
  });
});

describe('storyToPage', () => {
  const story = Story.parse({
    id: 'story-page-test-1',
    schemaVersion: 1,
    version: 3,
    language: 'ar',
    direction: 'rtl',
    headline: 'القمة </title><script>alert(1)</script>',
    subheadline: 'عنوان فرعي',
    byline: 'ياسين أحمد',
    dateline: { place: 'طرابلس', date: '2025-05-01T09:00:00Z' },
    body,
    createdAt: '2025-05-01T09:00:00Z',
    updatedAt: '2025-05-01T10:00:00Z',
  });
  const page = storyToPage(story);

  it('is a standalone HTML5 page with lang, dir, charset, title and the CSP that forbids scripts', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8" />');
    expect(page).toContain('<title>القمة &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    const doc = parseDocument(page);
    const csp = doc.children
      .flatMap(function all(node): typeof doc.children {
        return 'children' in node ? [node, ...node.children.flatMap(all)] : [node];
      })
      .find((node) => 'attribs' in node && node.attribs['http-equiv'] === 'Content-Security-Policy');
    expect(csp && 'attribs' in csp ? csp.attribs.content : undefined).toBe(STORY_PAGE_CSP);
    expect(STORY_PAGE_CSP).toContain("default-src 'none'");
  });

  it('has headline, sub-headline, byline, dateline and body, and no script anywhere', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('<h1>القمة &lt;/title&gt;');
    expect(page).toContain('<p class="subheadline">عنوان فرعي</p>');
    expect(page).toContain('<p class="byline">ياسين أحمد</p>');
    expect(page).toMatch(/<p class="dateline">.*طرابلس.*<time datetime="2025-05-01T09:00:00Z">/);
    expect(page).toContain('<span dir="ltr" lang="en">CNN</span>');
  });

  it('is well-formed', () => {
    expect(tagProblems(page)).toEqual([]);
    const doc = parseDocument(page.replace(/^<!DOCTYPE html>/, ''), { xmlMode: true });
    const elements = doc.children.filter((node) => 'name' in node);
    expect(elements.map((node) => ('name' in node ? node.name : ''))).toEqual(['html']);
  });
});

describe('lists in the export', () => {
  it('never writes a bare <li>: an item outside a list becomes a paragraph, other blocks in a list go inside an item', () => {
    const body = [
      { type: 'paragraph', children: [{ text: 'قبل' }] },
      { type: 'list-item', children: [{ text: 'بند شارد' }] },
      {
        type: 'bulleted-list',
        children: [
          { type: 'list-item', children: [{ text: 'أول' }] },
          { type: 'paragraph', children: [{ text: 'فقرة في قائمة' }] },
        ],
      },
    ] as unknown as StoryBody;
    const html = bodyToHtml(body);
    expect(html).toBe('<p>قبل</p>\n<p>بند شارد</p>\n<ul><li>أول</li><li><p>فقرة في قائمة</p></li></ul>');
    // Every <li> sits directly inside a <ul> or <ol>.
    const stack: string[] = [];
    for (const [, close, tag] of html.matchAll(/<(\/?)(ul|ol|li|p)\b[^>]*>/g)) {
      if (close) stack.pop();
      else {
        if (tag === 'li') expect(['ul', 'ol']).toContain(stack.at(-1));
        stack.push(tag!);
      }
    }
  });
});
