/**
 * Paste and drop: HTML from Word, Google Docs and web pages, plain text, and image files.
 * Images are copied into the store before they appear in the story; nothing is ever linked to
 * where it came from.
 */
import { Editor, Transforms, type Descendant } from 'slate';
import { MAX_MEDIA_BYTES, MEDIA_MIME_TYPES } from '../../../shared/media/limits';
import type { BlockElement, BodyNode, StoryBody } from '../../../shared/story/schema';
import { insertImage } from './commands';
import { convertPastedHtml, convertPastedText, type PasteChange, type PastedContent } from './paste-html';
import type { MihbaraEditor } from './slate-types';

/** Why an image file was refused; the editor shows a message for each code. */
export type ImageProblem = 'file-too-large' | 'unsupported-file' | 'failed';

export interface PasteHooks {
  /** the story's language, for blocks that do not say theirs */
  language: () => string;
  /** stores an image; resolves to its media file name, or a problem */
  storeImage: (image: Blob, name: string) => Promise<{ file: string } | { problem: ImageProblem }>;
  /** after a paste: what was dropped or changed (may be empty) */
  pasted: (changes: PasteChange[]) => void;
  /** an image file could not be added */
  imageRefused: (name: string, problem: ImageProblem) => void;
}

export function isSupportedImage(file: { type: string }): boolean {
  return (MEDIA_MIME_TYPES as readonly string[]).includes(file.type);
}

/** Checks size and type before uploading, then stores the image and inserts it. */
export async function addImageFile(editor: MihbaraEditor, file: File, hooks: PasteHooks): Promise<void> {
  if (file.size > MAX_MEDIA_BYTES) return hooks.imageRefused(file.name, 'file-too-large');
  if (!isSupportedImage(file)) return hooks.imageRefused(file.name, 'unsupported-file');
  const stored = await hooks.storeImage(file, file.name);
  if ('problem' in stored) return hooks.imageRefused(file.name, stored.problem);
  insertImage(editor, stored.file, '');
}

function imageBlocks(nodes: readonly BodyNode[], out: BlockElement[] = []): BlockElement[] {
  for (const node of nodes) {
    if ('text' in node || node.type === 'link') continue;
    if (node.type === 'image') out.push(node);
    else imageBlocks(node.children, out);
  }
  return out;
}

function withoutFilelessImages(nodes: StoryBody): StoryBody {
  const keep = (node: BodyNode): boolean => !('type' in node) || node.type !== 'image' || !!node.file;
  const prune = (node: BodyNode): BodyNode =>
    'type' in node && node.type !== 'link'
      ? { ...node, children: node.children.filter(keep).map(prune) }
      : node;
  return nodes.filter(keep).map((node) => prune(node) as BlockElement);
}

/** data: images inside pasted HTML are stored; linked ones (http, file) cannot be copied and are reported. */
async function storePastedImages(content: PastedContent, hooks: PasteHooks): Promise<StoryBody> {
  const blocks = imageBlocks(content.body);
  let missing = 0;
  for (const [index, block] of blocks.entries()) {
    const source = content.imageSources[index] ?? '';
    const match = /^data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/=\s]+)$/i.exec(source);
    if (!match) {
      missing += 1;
      continue;
    }
    const bytes = Uint8Array.from(atob(match[2]!.replace(/\s/g, '')), (c) => c.charCodeAt(0));
    const stored = await hooks.storeImage(new Blob([bytes], { type: match[1] }), block.alt || 'image');
    if ('file' in stored) block.file = stored.file;
    else missing += 1;
  }
  if (missing > 0) {
    content.changes.push({ kind: 'image-not-imported', detail: 'linked images', count: missing });
  }
  return blocks.length > 0 ? withoutFilelessImages(content.body) : content.body;
}

export function insertBlocks(editor: MihbaraEditor, body: StoryBody): void {
  if (body.length === 0) return;
  const only = body[0]!;
  // One plain paragraph pasted inside a block joins that block instead of splitting it.
  if (body.length === 1 && only.type === 'paragraph' && only.children.every((c) => 'text' in c)) {
    Transforms.insertNodes(editor, only.children as Descendant[]);
    return;
  }
  Transforms.insertFragment(editor, body as Descendant[]);
}

/** Paste and drop of HTML, text and image files. */
export function withPaste(editor: MihbaraEditor, hooks: PasteHooks): MihbaraEditor {
  const { insertData } = editor;
  editor.insertData = (data: DataTransfer) => {
    // Copy and paste inside the editor keeps Slate's own fragment, exactly.
    if (data.types.includes('application/x-slate-fragment')) {
      insertData(data);
      return;
    }
    const files = Array.from(data.files ?? []);
    if (files.length > 0) {
      void (async () => {
        for (const file of files) await addImageFile(editor, file, hooks);
      })();
      return;
    }
    const language = hooks.language();
    const html = data.getData('text/html');
    if (html.trim()) {
      const content = convertPastedHtml(html, language);
      const at = editor.selection;
      if (content.imageSources.length === 0) {
        insertBlocks(editor, content.body);
        hooks.pasted(content.changes);
        return;
      }
      void storePastedImages(content, hooks).then((body) => {
        if (at && Editor.hasPath(editor, at.anchor.path) && Editor.hasPath(editor, at.focus.path)) {
          Transforms.select(editor, at);
        }
        insertBlocks(editor, body);
        hooks.pasted(content.changes);
      });
      return;
    }
    const text = data.getData('text/plain');
    if (text) {
      const content = convertPastedText(text, language);
      insertBlocks(editor, content.body);
      hooks.pasted(content.changes);
    }
  };
  return editor;
}
