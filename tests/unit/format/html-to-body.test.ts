import { describe, expect, it } from 'vitest';
import { htmlToBody } from '../../../shared/format/html-to-body';
import {
  StoryBody,
  type BlockElement,
  type BodyNode,
  type BodyText,
  type LinkElement,
} from '../../../shared/story/schema';

const convert = (html: string, language = 'ar') => htmlToBody(html, { language });

/** Every text leaf of a body, in order. */
function leaves(nodes: BodyNode[]): BodyText[] {
  return nodes.flatMap((node) => ('text' in node ? [node] : leaves(node.children)));
}
const textOf = (nodes: BodyNode[]): string =>
  leaves(nodes)
    .map((leaf) => leaf.text)
    .join('');
const links = (nodes: BodyNode[]): LinkElement[] =>
  nodes.flatMap((node) => ('text' in node ? [] : node.type === 'link' ? [node] : links(node.children)));

describe('htmlToBody', () => {
  it('turns Arabic paragraphs into rtl/ar paragraphs and collapses HTML whitespace', () => {
    const { body } = convert(
      '<p>تسلم المجلس   الرئاسي\n الليبي دعوة.</p>\n<div>  والدعوة نقلها نائب الرئيس. </div>',
    );
    expect(StoryBody.parse(body)).toEqual(body);
    expect(body).toEqual([
      { type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text: 'تسلم المجلس الرئاسي الليبي دعوة.' }] },
      { type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text: 'والدعوة نقلها نائب الرئيس.' }] },
    ]);
  });

  it('maps h1–h2 to heading-two and h3–h6 to heading-three', () => {
    const { body } = convert('<h1>أ</h1><h2>ب</h2><h3>ج</h3><h6>د</h6>');
    expect(body.map((block) => [block.type, textOf(block.children)])).toEqual([
      ['heading-two', 'أ'],
      ['heading-two', 'ب'],
      ['heading-three', 'ج'],
      ['heading-three', 'د'],
    ]);
  });

  it('keeps nested lists, in order, as bulleted and numbered lists', () => {
    const { body } = convert(
      '<ol><li>الأول<ul><li>فرعي ١</li><li>فرعي ٢</li></ul></li><li><p>الثاني</p></li></ol>',
    );
    expect(StoryBody.safeParse(body).success).toBe(true);
    expect(body).toHaveLength(1);
    const list = body[0]!;
    expect(list.type).toBe('numbered-list');
    const [first, second] = list.children as BlockElement[];
    expect(first!.type).toBe('list-item');
    const [lead, nested] = first!.children as BlockElement[];
    expect(lead).toMatchObject({ type: 'paragraph', children: [{ text: 'الأول' }] });
    expect(nested!.type).toBe('bulleted-list');
    expect((nested!.children as BlockElement[]).map((item) => [item.type, textOf(item.children)])).toEqual([
      ['list-item', 'فرعي ١'],
      ['list-item', 'فرعي ٢'],
    ]);
    expect(second).toMatchObject({ type: 'list-item', children: [{ text: 'الثاني' }] });
  });

  it('keeps quotations, one quote block per quoted paragraph, and pull quotes', () => {
    const { body } = convert(
      '<blockquote><p>«حماية التراث»</p><p>مسؤولية مشتركة</p></blockquote><blockquote class="pull-quote">اقتباس بارز</blockquote>',
    );
    expect(body.map((block) => [block.type, textOf(block.children)])).toEqual([
      ['block-quote', '«حماية التراث»'],
      ['block-quote', 'مسؤولية مشتركة'],
      ['pull-quote', 'اقتباس بارز'],
    ]);
  });

  it('keeps safe links and drops the href of javascript:, data: and relative links, keeping their text', () => {
    const { body, changes } = convert(
      '<p><a href="https://example.org/reports">التقرير</a> و<a href="javascript:alert(1)">خطر</a> و' +
        '<a href=" JaVaScRiPt:alert(2)">خطر٢</a> و<a href="data:text/html,x">بيانات</a> و<a href="mailto:desk@example.org">البريد</a></p>',
    );
    expect(links(body).map((link) => link.url)).toEqual([
      'https://example.org/reports',
      'mailto:desk@example.org',
    ]);
    expect(textOf(body[0]!.children)).toBe('التقرير وخطر وخطر٢ وبيانات والبريد');
    expect(JSON.stringify(body)).not.toMatch(/javascript|data:/i);
    expect(changes.filter((change) => change.kind === 'link-removed')).toHaveLength(3);
    // Slate wants text around inline links.
    const children = body[0]!.children;
    expect('text' in children[0]!).toBe(true);
    expect('text' in children[children.length - 1]!).toBe(true);
  });

  it('drops script, style, iframe and event handlers entirely, and says so', () => {
    const { body, changes } = convert(
      '<p onclick="steal()">خبر<script>alert("x")</script></p><style>p{color:red}</style>' +
        '<iframe src="https://evil.example"></iframe><img src="x.png" onerror="alert(1)" alt="صورة الحدث">',
    );
    const json = JSON.stringify(body);
    expect(json).not.toMatch(/alert|steal|color:red|evil|onerror|onclick/);
    expect(body.map((block) => block.type)).toEqual(['paragraph', 'image']);
    expect(body[1]).toMatchObject({ type: 'image', alt: 'صورة الحدث' });
    expect(body[1]!.file).toBeUndefined();
    expect(changes.map((change) => change.detail).join('\n')).toMatch(
      /<script>[\s\S]*<style>[\s\S]*<iframe>/,
    );
  });

  it('strips LRM, RLM, ALM and embedding/isolate controls and counts them', () => {
    const { body, changes } = convert(
      '<p>\u200Fسعر \u202Bالفائدة\u202C عند\u200E 5.25%\u061C \u2067x\u2069</p>',
    );
    expect(textOf(body[0]!.children)).toBe('سعر الفائدة عند 5.25% x');
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'bidi-controls-removed', count: 7 }));
  });

  it('gives a Latin run with dir=ltr a lang mark, and keeps an explicit lang', () => {
    const { body } = convert(
      '<p>وكالة <span dir="ltr">Reuters</span> وشبكة <bdi lang="en">CNN</bdi> و<span lang="ar">عربي</span></p>',
    );
    const runs = leaves(body[0]!.children);
    expect(runs.find((leaf) => leaf.text === 'Reuters')?.lang).toBeTruthy();
    expect(runs.find((leaf) => leaf.text === 'CNN')?.lang).toBe('en');
    // the story's own language is no foreign run
    expect(runs.filter((leaf) => leaf.text.includes('عربي')).every((leaf) => leaf.lang === undefined)).toBe(
      true,
    );
  });

  it('keeps dir and lang attributes on blocks and defaults them from the story language', () => {
    const { body } = convert(
      '<p dir="ltr" lang="en-US">English paragraph</p><p>فقرة</p><p lang="fr">Bonjour</p>',
    );
    expect(body.map((block) => [block.dir, block.lang])).toEqual([
      ['ltr', 'en-US'],
      ['rtl', 'ar'],
      ['ltr', 'fr'],
    ]);
    const english = convert('<p>Hello</p>', 'en').body;
    expect(english[0]).toMatchObject({ dir: 'ltr', lang: 'en' });
  });

  it('reads bold, italic and underline from tags and from Google Docs styles', () => {
    const { body } = convert(
      '<b style="font-weight:normal;" id="docs-internal-guid-1"><p>عادي <span style="font-weight:700">عريض</span> ' +
        '<em>مائل</em> <u>مسطر</u></p></b>',
    );
    const runs = leaves(body[0]!.children);
    expect(runs.find((leaf) => leaf.text.startsWith('عادي'))?.bold).toBeUndefined();
    expect(runs.find((leaf) => leaf.text === 'عريض')?.bold).toBe(true);
    expect(runs.find((leaf) => leaf.text === 'مائل')?.italic).toBe(true);
    expect(runs.find((leaf) => leaf.text === 'مسطر')?.underline).toBe(true);
  });

  it('turns hr into a separator, keeps line breaks and figure captions', () => {
    const { body, images } = convert(
      '<p>سطر<br>ثان</p><hr><figure><img src="https://cdn.example/a.jpg" alt="المجلس"><figcaption>المجلس الرئاسي <span class="credit">وكالة</span></figcaption></figure>',
    );
    expect(body.map((block) => block.type)).toEqual(['paragraph', 'separator', 'image']);
    expect(textOf(body[0]!.children)).toBe('سطر\nثان');
    expect(body[2]).toMatchObject({ alt: 'المجلس', caption: 'المجلس الرئاسي', credit: 'وكالة' });
    expect(images).toEqual([{ src: 'https://cdn.example/a.jpg', alt: 'المجلس' }]);
  });

  it('returns one empty paragraph for input without text', () => {
    const { body } = convert('<script>x</script>   <p> </p>');
    expect(body).toEqual([{ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text: '' }] }]);
  });

  it('survives markup nested thousands deep by flattening it to text', () => {
    const deep = '<div>'.repeat(5000) + 'نص <b>عميق</b>' + '</div>'.repeat(5000);
    const inline = '<p>' + '<span>'.repeat(5000) + 'نص' + '</span>'.repeat(5000) + '</p>';
    const { body, changes } = convert(deep + inline);
    expect(body.map((block) => textOf(block.children))).toEqual(['نص عميق', 'نص']);
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'formatting-lost' }));
  });
});
