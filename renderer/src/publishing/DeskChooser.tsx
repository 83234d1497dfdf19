/**
 * Which desks a channel serves: all desks, or only those ticked. A story without a desk goes only
 * to channels of all desks, which the hint says, so an administrator who limits a channel knows.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelDesks } from '../../../shared/publishing/model';
import type { Desk } from '../../../shared/workflow/model';
import { deskLabel } from '../../../shared/workflow/desks';

/** The chooser's state: `some` with nothing ticked is kept (and refused on save) rather than lost. */
export interface DeskChoice {
  mode: 'all' | 'some';
  chosen: string[];
}

export const choiceOf = (desks: ChannelDesks | undefined): DeskChoice =>
  !desks || desks === 'all' ? { mode: 'all', chosen: [] } : { mode: 'some', chosen: [...desks] };

/** The value to save, or null when `some` has no desk ticked. */
export const desksOf = (choice: DeskChoice): ChannelDesks | null =>
  choice.mode === 'all' ? 'all' : choice.chosen.length > 0 ? choice.chosen : null;

/** A channel's desks in words: "All desks" or the desks' names. */
export function useDesksLabel(desks: Desk[]) {
  const { t, i18n } = useTranslation();
  return (value: ChannelDesks | undefined) =>
    !value || value === 'all'
      ? t('publishing.desks.all')
      : value
          .map((id) => {
            const desk = desks.find((known) => known.id === id);
            return desk ? deskLabel(desk, i18n.language) : id;
          })
          .join(t('editing.listSeparator'));
}

export function DeskChooser({
  desks,
  value,
  onChange,
  legend,
}: {
  desks: Desk[];
  value: DeskChoice;
  onChange: (next: DeskChoice) => void;
  /** what the group is called (it names the channel when editing one) */
  legend: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const toggle = (desk: string, on: boolean) =>
    onChange({
      mode: 'some',
      chosen: on ? [...value.chosen, desk] : value.chosen.filter((chosen) => chosen !== desk),
    });
  // Desks a channel names that the newsroom no longer has stay listed, so they can be unticked.
  const known = new Set(desks.map((desk) => desk.id));
  const listed = [
    ...desks,
    ...value.chosen.filter((chosen) => !known.has(chosen)).map((chosen) => ({ id: chosen, name: chosen })),
  ];
  return (
    <fieldset className="desk-chooser" aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <p id={`${id}-hint`} className="publishing__hint">
        {t('publishing.desks.hint')}
      </p>
      <div className="publishing-form__check">
        <input
          id={`${id}-all`}
          type="radio"
          name={`${id}-mode`}
          checked={value.mode === 'all'}
          onChange={() => onChange({ mode: 'all', chosen: value.chosen })}
        />
        <label htmlFor={`${id}-all`}>{t('publishing.desks.all')}</label>
      </div>
      <div className="publishing-form__check">
        <input
          id={`${id}-some`}
          type="radio"
          name={`${id}-mode`}
          checked={value.mode === 'some'}
          onChange={() => onChange({ mode: 'some', chosen: value.chosen })}
        />
        <label htmlFor={`${id}-some`}>{t('publishing.desks.some')}</label>
      </div>
      <div className="desk-chooser__desks">
        {listed.map((desk) => (
          <div className="publishing-form__check" key={desk.id}>
            <input
              id={`${id}-desk-${desk.id}`}
              type="checkbox"
              disabled={value.mode === 'all'}
              checked={value.mode === 'some' && value.chosen.includes(desk.id)}
              onChange={(event) => toggle(desk.id, event.target.checked)}
            />
            <label htmlFor={`${id}-desk-${desk.id}`}>
              <bdi>{desk.name}</bdi>
            </label>
          </div>
        ))}
      </div>
      {value.mode === 'some' && value.chosen.length === 0 ? (
        <p className="problem" role="alert">
          {t('publishing.desks.noneChosen')}
        </p>
      ) : null}
    </fieldset>
  );
}
