/**
 * The story schema's own limits: body depth and node count, and file references that are content
 * names of the media folder, never paths. Every boundary (save, import, paste, ingest, files on
 * disk) validates with this schema, so these hold everywhere.
 */
import { describe, expect, it } from 'vitest';
import { htmlToBody } from '../../../shared/format/html-to-body';
import { MAX_BODY_DEPTH, MAX_BODY_NODES, StoryBody, StoryEdit } from '../../../shared/story/schema';

const nested = (levels: number) => {
  let node: Record<string, unknown> = { text: 'نص' };
  for (let i = 1; i < levels; i += 1) node = { type: 'block-quote', children: [node] };
  return [node];
};
const depthOf = (nodes: unknown[]): number =>
  Math.max(
    0,
    ...nodes.map((n) => 1 + depthOf(((n as { children?: unknown[] }).children ?? []) as unknown[])),
  );
const NAME = `${'a'.repeat(64)}.jpg`;

describe('story schema limits', () => {
  it(`accepts a body ${MAX_BODY_DEPTH} levels deep and refuses one level more, or 996`, () => {
    expect(StoryBody.safeParse(nested(MAX_BODY_DEPTH)).success).toBe(true);
    expect(StoryBody.safeParse(nested(MAX_BODY_DEPTH + 1)).success).toBe(false);
    const deep = StoryBody.safeParse(nested(996));
    expect(deep.success).toBe(false);
    expect(deep.error?.issues[0]?.message).toMatch(/nested more than 32/);
  });

  it('refuses a body with more nodes than the limit', () => {
    const paragraph = { type: 'paragraph', children: [{ text: 'a' }] };
    const body = Array.from({ length: MAX_BODY_NODES / 2 + 1 }, () => paragraph);
    expect(StoryBody.safeParse(body).error?.issues[0]?.message).toMatch(/more than 250000 nodes/);
  });

  it('names every image by its content: paths and other names are refused in body and lead image', () => {
    const image = (file: string) => [{ type: 'image', file, children: [{ text: '' }] }];
    expect(StoryBody.safeParse(image(NAME)).success).toBe(true);
    for (const file of ['../stories/embargoed-story.json', 'summit.jpg', `/etc/${NAME}`, `${NAME}/..`]) {
      expect(StoryBody.safeParse(image(file)).success, file).toBe(false);
      const lead = { file, caption: '', credit: '', altText: '' };
      expect(StoryEdit.safeParse({ leadImage: lead }).success, file).toBe(false);
    }
  });

  it('a paste of lists nested 100 deep keeps its text inside the depth limit', () => {
    const html = '<ul><li>'.repeat(100) + 'عميق' + '</li></ul>'.repeat(100);
    const { body, changes } = htmlToBody(html, { language: 'ar' });
    expect(depthOf(body)).toBeLessThanOrEqual(MAX_BODY_DEPTH);
    expect(StoryBody.safeParse(body).success).toBe(true);
    expect(JSON.stringify(body)).toContain('عميق');
    expect(changes.map((c) => c.kind)).toContain('formatting-lost');
  });
});
