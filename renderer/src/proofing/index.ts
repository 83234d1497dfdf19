/**
 * The proofing and writing aids, as extensions for the story body editor: typing aids, spell
 * checking, find and replace, and the counts bar. Create one set per editor (per story).
 */
import type { EditorExtension } from '../editor/extensions';
import { findReplaceExtension } from './find-extension';
import { proofingBarExtension } from './ProofingBar';
import { currentSettings } from './settings-store';
import { spellCheckExtension } from './spell-extension';
import { withTypingAids } from './typing-aids';
import './proofing.css';

export { HeadlineGuide } from './HeadlineGuide';

/** Every proofing extension, in the order their panels appear. */
export function proofingExtensions(): EditorExtension[] {
  return [
    { name: 'typing-aids', plugin: withTypingAids(() => currentSettings().typingAids) },
    spellCheckExtension(),
    findReplaceExtension(),
    proofingBarExtension(),
  ];
}
