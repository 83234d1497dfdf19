/**
 * A Word document (.docx) in, a new story out. mammoth turns the document into clean HTML
 * (headings, lists, quotes, links, bold and italic, images) and the shared HTML converter turns
 * that into a story body, so a Word import and a paste keep the same things.
 *
 * Nothing is written before the whole document has been read: a damaged file leaves neither a
 * story nor stray images behind.
 */
import mammoth from 'mammoth';
import { ApiError } from '../../../shared/api/errors';
import { htmlToBody, type BodyChange } from '../../../shared/format/html-to-body';
import { MAX_DOCX_BYTES } from '../../../shared/media/limits';
import {
  directionOf,
  emptyBody,
  type BlockElement,
  type BodyNode,
  type Story,
} from '../../../shared/story/schema';
import type { MediaStore } from '../store/media';
import type { StoryService } from './service';
import { rezip, unzipBounded } from './bounded-zip';

/** A .docx is a zip file: it starts with a local file header. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/** Word's "Title" style is a headline, not a paragraph. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Quote'] => blockquote > p:fresh"];

const IMAGE_SRC = /^mihbara-docx-image:(\d+)$/;

export interface DocxImportResult {
  story: Story;
  changes: BodyChange[];
}

/** The text of a block and everything inside it. */
function textOf(node: BodyNode): string {
  if ('text' in node) return node.text;
  return node.children.map(textOf).join('');
}

/** `ar` when most letters are Arabic, otherwise `en`. */
function languageOf(html: string): string {
  const text = html.replace(/<[^>]*>/g, ' ');
  const arabic = text.match(/[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z\u00C0-\u024F]/g)?.length ?? 0;
  return arabic >= latin ? 'ar' : 'en';
}

/** Image blocks in document order, however deeply they are nested (lists, quotes). */
function imageBlocks(blocks: readonly BodyNode[], out: BlockElement[] = []): BlockElement[] {
  for (const node of blocks) {
    if ('text' in node || node.type === 'link') continue;
    if (node.type === 'image') out.push(node);
    else imageBlocks(node.children, out);
  }
  return out;
}

/**
 * The headline is the first heading when the document opens with one (Word's Title or
 * Heading 1), otherwise the first line of the first paragraph. A heading used as the headline
 * leaves the body; a paragraph stays, since it is the story's first line too.
 */
function takeHeadline(body: BlockElement[]): string {
  const first = body.findIndex((block) => textOf(block).trim() !== '');
  if (first < 0) return '';
  const block = body[first]!;
  const text = textOf(block).trim();
  if ((block.type === 'heading-two' || block.type === 'heading-three') && body.length > 1) {
    body.splice(first, 1);
    return text.slice(0, 1000);
  }
  return (text.split('\n')[0] ?? '').slice(0, 1000);
}

/** Converts a .docx into a new story; throws `unsupported-file` or `file-too-large` ApiErrors. */
export async function importDocx(
  bytes: Buffer,
  name: string,
  services: { stories: StoryService; media: MediaStore },
): Promise<DocxImportResult> {
  if (bytes.length > MAX_DOCX_BYTES) {
    throw new ApiError(
      'file-too-large',
      `${name} is ${bytes.length} bytes; Word documents may be at most ${MAX_DOCX_BYTES} bytes`,
    );
  }
  if (!ZIP_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    throw new ApiError('unsupported-file', `${name} is not a Word document (.docx)`);
  }

  // mammoth inflates whatever the archive says: it only ever sees entries counted and bounded here.
  const checked = Buffer.from(rezip(unzipBounded(bytes, name)));

  const pictures: Buffer[] = [];
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: checked },
      {
        styleMap: STYLE_MAP,
        // Never follow links to files outside the document.
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          pictures.push(await image.readAsBuffer());
          return { src: `mihbara-docx-image:${pictures.length - 1}` };
        }),
      },
    );
    html = result.value;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(
      'unsupported-file',
      `${name} is not a readable Word document (${reason.slice(0, 200)})`,
    );
  }

  const language = languageOf(html);
  const converted = htmlToBody(html, { language });
  const body = converted.body;
  // The converter does not know mammoth's placeholders: give each image block its stored file.
  const blocks = imageBlocks(body);
  let unresolved = 0;
  for (const [index, block] of blocks.entries()) {
    const match = IMAGE_SRC.exec(converted.images[index]?.src ?? '');
    const picture = match ? pictures[Number(match[1])] : undefined;
    if (!picture) {
      unresolved += 1;
      continue;
    }
    try {
      block.file = (await services.media.add(picture, `an image in ${name}`)).file;
    } catch (error) {
      // An image in a format the store does not take (EMF, TIFF…) is reported, not fatal.
      if (!(error instanceof ApiError) || !['unsupported-file', 'file-too-large'].includes(error.code)) {
        throw error;
      }
      unresolved += 1;
    }
  }
  const changes = converted.changes.filter((change) => change.kind !== 'image-not-imported');
  if (unresolved > 0) {
    changes.push({
      kind: 'image-not-imported',
      detail: 'images in a format the store does not accept',
      count: unresolved,
    });
  }
  // Image blocks without a file would show nothing: keep their caption as text instead.
  const kept = body.filter((block) => block.type !== 'image' || block.file);

  const headline = takeHeadline(kept);
  const story = await services.stories.adopt({
    language,
    direction: directionOf(language),
    headline,
    subheadline: '',
    slugline: '',
    byline: '',
    dateline: { place: '' },
    leadImage: null,
    body: kept.length > 0 ? kept : emptyBody(language),
    tags: [],
    status: 'draft',
  });
  return { story, changes };
}
