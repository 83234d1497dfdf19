/**
 * The shortcuts sheet (Ctrl+/): every shortcut of the window, the workflow and the editor, read from the same
 * tables the key handlers use.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../design/AppModal';
import { EDITOR_ACTION_LABELS, EDITOR_ACTIONS, shortcutLabel } from '../editor/shortcuts';
import {
  APP_SHORTCUTS,
  WORKFLOW_SHORTCUTS,
  appShortcutLabel,
  workflowShortcutLabel,
  type AppAction,
  type WorkflowShortcut,
} from './app-shortcuts';

export function ShortcutsSheet({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const rows = (entries: [string, string][]) =>
    entries.map(([label, keys]) => (
      <tr key={label}>
        <th scope="row">{label}</th>
        <td>
          <kbd dir="ltr">{keys}</kbd>
        </td>
      </tr>
    ));
  const app = (Object.keys(APP_SHORTCUTS) as AppAction[]).map(
    (action) => [t(`layout.action.${action}`), appShortcutLabel(action)] as [string, string],
  );
  const extra: [string, string][] = [
    [t('layout.action.find'), 'Ctrl+F'],
    [t('layout.action.skip'), 'Tab'],
    [t('layout.action.toolbar'), '← →'],
    [t('layout.action.tab-next'), '← →'],
  ];
  const workflow = (Object.keys(WORKFLOW_SHORTCUTS) as WorkflowShortcut[]).map(
    (action) =>
      [
        action === 'take-over'
          ? t('workflow.takeOver')
          : action === 'mark-reviewed'
            ? t('reviewing.markReviewed')
            : t(`workflow.action.${action}`),
        workflowShortcutLabel(action),
      ] as [string, string],
  );
  const editor = EDITOR_ACTIONS.map(
    (action) => [t(EDITOR_ACTION_LABELS[action]), shortcutLabel(action)] as [string, string],
  );
  return (
    <AppModal
      labelledBy={`${id}-title`}
      onClose={onClose}
      className="shortcuts-sheet"
      testId="shortcuts-sheet"
    >
      <div className="shortcuts-sheet__head">
        <h2 id={`${id}-title`}>{t('layout.shortcutsTitle')}</h2>
        <button type="button" className="button" onClick={onClose}>
          {t('layout.close')}
        </button>
      </div>
      <div className="shortcuts-sheet__groups">
        <table className="shortcuts-sheet__table">
          <caption>{t('layout.group.app')}</caption>
          <tbody>{rows([...app, ...extra])}</tbody>
        </table>
        <table className="shortcuts-sheet__table">
          <caption>{t('layout.group.workflow')}</caption>
          <tbody>{rows(workflow)}</tbody>
        </table>
        <table className="shortcuts-sheet__table">
          <caption>{t('layout.group.editor')}</caption>
          <tbody>{rows(editor)}</tbody>
        </table>
      </div>
    </AppModal>
  );
}
