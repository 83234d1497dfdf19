/**
 * Typing aids, each switchable in the newsroom settings: in an Arabic context , ; ? become
 * ، ؛ ؟, and straight double quotes become « » (opening or closing by position). Plus the
 * command that converts the digits of the selection between Western and Arabic-Indic.
 */
import { Editor, Element, Node, Path, Range, Text, Transforms } from 'slate';
import { HistoryEditor } from 'slate-history';
import {
  ARABIC_PUNCTUATION,
  convertDigits,
  guillemetFor,
  scriptBefore,
  toggledDigitStyle,
  type DigitStyle,
} from '../../../shared/text/digits';
import type { TypingAids } from '../../../shared/text/house-style';
import type { MihbaraEditor } from '../editor/slate-types';

/** True when the block around the caret is written in Arabic (its `lang`). */
function blockIsArabic(editor: MihbaraEditor): boolean {
  const block = Editor.above(editor, { match: (n) => Element.isElement(n) && Editor.isBlock(editor, n) });
  const lang = block && Element.isElement(block[0]) && 'lang' in block[0] ? block[0].lang : undefined;
  return (lang ?? 'ar').split('-')[0] === 'ar';
}

/** What one typed character becomes under the aids; the character itself when nothing applies. */
export function aidedCharacter(editor: MihbaraEditor, typed: string, aids: TypingAids): string {
  const { selection } = editor;
  if (typed.length !== 1 || !selection || !Range.isCollapsed(selection)) return typed;
  const { path, offset } = selection.anchor;
  const node = Node.has(editor, path) ? Node.get(editor, path) : undefined;
  if (!node || !Text.isText(node)) return typed;
  if (aids.guillemets && typed === '"') return guillemetFor(node.text, offset);
  const arabic = ARABIC_PUNCTUATION[typed];
  if (aids.arabicPunctuation && arabic) {
    const script = scriptBefore(node.text, offset);
    if (script === 'arabic' || (script === undefined && blockIsArabic(editor))) return arabic;
  }
  return typed;
}

/** The typing-aids plugin; `aids` is read on every keystroke, so a settings change applies at once. */
export function withTypingAids(aids: () => TypingAids) {
  return (editor: MihbaraEditor): MihbaraEditor => {
    const { insertText } = editor;
    editor.insertText = (text, options) => {
      insertText(options?.at ? text : aidedCharacter(editor, text, aids()), options);
    };
    return editor;
  };
}

/**
 * Converts the digits of the selection: to Arabic-Indic when it holds a Western digit, to Western
 * otherwise (or to `style`). One undo step; returns false when there was nothing to convert.
 */
export function convertSelectionDigits(editor: MihbaraEditor, style?: DigitStyle): boolean {
  const { selection } = editor;
  if (!selection || Range.isCollapsed(selection)) return false;
  const target = style ?? toggledDigitStyle(Editor.string(editor, selection));
  const [start, end] = Range.edges(selection);
  const edits: { path: number[]; from: number; to: number; text: string }[] = [];
  for (const [node, path] of Editor.nodes(editor, { at: selection, match: Text.isText })) {
    const from = Path.equals(start.path, path) ? start.offset : 0;
    const to = Path.equals(end.path, path) ? end.offset : node.text.length;
    const slice = node.text.slice(from, to);
    const converted = convertDigits(slice, target);
    if (converted !== slice) edits.push({ path, from, to, text: converted });
  }
  if (edits.length === 0) return false;
  HistoryEditor.withNewBatch(editor, () => {
    // Conversion keeps every length, so the selection and the other edits' offsets stay valid.
    for (const edit of edits) {
      const at = {
        anchor: { path: edit.path, offset: edit.from },
        focus: { path: edit.path, offset: edit.to },
      };
      Transforms.insertText(editor, edit.text, { at });
    }
    Transforms.select(editor, selection);
  });
  return true;
}
