/**
 * A place outside the store, chosen the way the door allows (electron/core/places.ts): on the
 * desktop the system dialog (the page only ever holds its token, shown by the chosen name); in a
 * plain browser (the bridge) a path typed inside its exchange folder. Used by the Maintenance
 * screen and by the folder settings of the publishing screen.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceUse } from '../../../shared/jobs/contract';
import { getApi } from '../api/client';
import './jobs.css';

/** The desktop has the system's file dialog; a plain browser (the bridge) has none. */
export const hasDialog = () => typeof window !== 'undefined' && 'mihbaraShell' in window;

/**
 * A place outside the store: on the desktop a button that opens the system dialog (the field
 * then holds the choice's token, shown by its name); elsewhere a typed path.
 */
export function PlaceField({
  id,
  label,
  use,
  value,
  onChange,
  multiline = false,
  className = 'jobs-field',
  hint,
}: {
  id: string;
  label: string;
  use: PlaceUse;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  /** the field's layout class (the Maintenance screen's by default) */
  className?: string;
  /** the id of a text that explains the field, read with it */
  hint?: string;
}) {
  const described = (...ids: string[]) => [...ids, hint].filter(Boolean).join(' ') || undefined;
  const { t } = useTranslation();
  const [shown, setShown] = useState('');
  if (hasDialog()) {
    const choose = async () => {
      const result = await getApi().choosePlace({ use });
      if (result.ok && result.value) {
        onChange(result.value.token);
        setShown(result.value.label);
      }
    };
    return (
      <div className={className}>
        <span id={`${id}-label`}>{label}</span>
        <span>
          <button
            type="button"
            className="button"
            aria-describedby={described(`${id}-label`, `${id}-chosen`)}
            onClick={() => void choose()}
          >
            {t('jobs.choosePlace')}
          </button>{' '}
          <span id={`${id}-chosen`} dir="auto">
            {value ? shown : t('jobs.nothingChosen')}
          </span>
        </span>
      </div>
    );
  }
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          aria-describedby={described()}
          dir="ltr"
          rows={3}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          id={id}
          dir="ltr"
          aria-describedby={described()}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </div>
  );
}
