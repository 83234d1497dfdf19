/**
 * The save indicator. The phase is announced through a polite live region; an error adds
 * the message for its code in the UI language and a retry button.
 */
import { useTranslation } from 'react-i18next';
import type { SaveState } from './use-autosave';

export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="save-status" data-state={state.phase}>
      <p role="status" aria-live="polite" aria-atomic="true" className="save-status__text">
        <span className="save-status__phase">{t(`save.${state.phase}`)}</span>
        {state.phase === 'error' && state.error ? (
          <span className="save-status__message">
            {/* A refusal that names its reason (issue path "reason") says why, else what kind of error. */}
            {t(
              `save.reason.${state.error.issues?.find((issue) => issue.path === 'reason')?.message ?? '-'}`,
              {
                defaultValue: t(`errors.${state.error.code}`),
              },
            )}
          </span>
        ) : null}
      </p>
      {state.phase === 'error' ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('save.retry')}
        </button>
      ) : null}
    </div>
  );
}
