/** Find/replace, typing aids and digit conversion on a headless Slate editor with history. */
import { createEditor, Editor, Transforms, type Descendant } from 'slate';
import { withHistory } from 'slate-history';
import { withReact } from 'slate-react';
import { describe, expect, it } from 'vitest';
import type { TypingAids } from '../../../shared/text/house-style';
import type { MihbaraEditor } from '../../../renderer/src/editor/slate-types';
import { findInDocument, replaceAll, replaceMatch } from '../../../renderer/src/proofing/find-replace';
import { convertSelectionDigits, withTypingAids } from '../../../renderer/src/proofing/typing-aids';

const paragraph = (text: string, lang = 'ar'): Descendant =>
  ({ type: 'paragraph', dir: lang === 'ar' ? 'rtl' : 'ltr', lang, children: [{ text }] }) as Descendant;

function editorWith(blocks: Descendant[], aids: TypingAids = { arabicPunctuation: true, guillemets: true }) {
  const editor = withTypingAids(() => aids)(withHistory(withReact(createEditor())) as MihbaraEditor);
  editor.children = blocks;
  return editor;
}
const texts = (editor: Editor) =>
  editor.children.map((block) => Editor.string(editor, [editor.children.indexOf(block)]));

describe('find and replace', () => {
  const blocks = [paragraph('قال أحمد إن أَحْمَد سيصل'), paragraph('واحمـــد غائب'), paragraph('Ahmad')];

  it('finds normalized matches across blocks, or exact ones', () => {
    const editor = editorWith(structuredClone(blocks));
    expect(findInDocument(editor.children, 'احمد', false)).toHaveLength(3);
    expect(findInDocument(editor.children, 'احمد', true)).toHaveLength(0);
    expect(findInDocument(editor.children, '', false)).toEqual([]);
  });

  it('replaces all matches in one undo step, and replaces one', () => {
    const editor = editorWith(structuredClone(blocks));
    const matches = findInDocument(editor.children, 'احمد', false);
    expect(replaceAll(editor, matches, 'محمود')).toBe(3);
    expect(texts(editor)).toEqual(['قال محمود إن محمود سيصل', 'ومحمود غائب', 'Ahmad']);
    editor.undo();
    expect(texts(editor)).toEqual(['قال أحمد إن أَحْمَد سيصل', 'واحمـــد غائب', 'Ahmad']);
    const [first] = findInDocument(editor.children, 'احمد', false);
    expect(replaceMatch(editor, first!, 'علي')).toBe(true);
    expect(texts(editor)[0]).toBe('قال علي إن أَحْمَد سيصل');
  });
});

describe('typing aids', () => {
  const type = (editor: MihbaraEditor, text: string) => {
    for (const char of text) Editor.insertText(editor, char);
  };

  it('turns , ; ? into ، ؛ ؟ after Arabic letters and straight quotes into « »', () => {
    const editor = editorWith([paragraph('')]);
    Transforms.select(editor, Editor.start(editor, []));
    type(editor, 'قال, "نعم"; هل?');
    expect(texts(editor)).toEqual(['قال، «نعم»؛ هل؟']);
  });

  it('leaves punctuation after Latin words alone, and decides by the block language when no letter precedes', () => {
    const editor = editorWith([paragraph('', 'en'), paragraph('')]);
    Transforms.select(editor, Editor.start(editor, [0]));
    type(editor, 'CNN, yes?');
    Transforms.select(editor, Editor.start(editor, [1]));
    type(editor, '?');
    expect(texts(editor)).toEqual(['CNN, yes?', '؟']);
  });

  it('does nothing when switched off', () => {
    const editor = editorWith([paragraph('')], { arabicPunctuation: false, guillemets: false });
    Transforms.select(editor, Editor.start(editor, []));
    type(editor, 'قال, "نعم"?');
    expect(texts(editor)).toEqual(['قال, "نعم"?']);
  });

  it('converts the digits of the selection both ways, in one undo step', () => {
    const editor = editorWith([paragraph('عام 2026 و١٢'), paragraph('في 15 مايو')]);
    Transforms.select(editor, { anchor: { path: [0, 0], offset: 4 }, focus: { path: [1, 0], offset: 5 } });
    expect(convertSelectionDigits(editor)).toBe(true);
    expect(texts(editor)).toEqual(['عام ٢٠٢٦ و١٢', 'في ١٥ مايو']);
    expect(convertSelectionDigits(editor)).toBe(true);
    expect(texts(editor)).toEqual(['عام 2026 و12', 'في 15 مايو']);
    editor.undo();
    expect(texts(editor)).toEqual(['عام ٢٠٢٦ و١٢', 'في ١٥ مايو']);
    Transforms.collapse(editor);
    expect(convertSelectionDigits(editor)).toBe(false);
  });
});
