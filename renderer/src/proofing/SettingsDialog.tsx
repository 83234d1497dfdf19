/**
 * The newsroom's proofing and house-style settings: typing aids, spell checking, headline guide,
 * digits, calendar and month names. Saved in the store, shared by everyone using it; only an
 * administrator changes them (the contract's policy for `saveSettings`), so anyone else sees them
 * read-only, with a note saying who sets them.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { AppModal } from '../design/AppModal';
import { useTranslation } from 'react-i18next';
import { formatDate, type NewsroomSettings } from '../../../shared/text/house-style';
import { saveSettings, useNewsroomSettings } from './settings-store';
import { getApi } from '../api/client';
import { roleMayCall } from '../../../shared/api/contract';

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const saved = useNewsroomSettings();
  const [draft, setDraft] = useState<NewsroomSettings>(saved);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const id = useId();
  // null until the session says who is at the keyboard: nothing is editable before then.
  const [mayChange, setMayChange] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void getApi()
      .getSession({})
      .then((session) => {
        if (live) setMayChange(session.ok && roleMayCall('saveSettings', session.value.user.role));
      });
    return () => {
      live = false;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!mayChange) return;
    setSaving(true);
    const failure = await saveSettings(draft);
    setSaving(false);
    if (failure) setError(t('proofing.settingsFailed', { detail: failure.detail }));
    else onClose();
  };

  const house = draft.houseStyle;
  const setHouse = (change: Partial<NewsroomSettings['houseStyle']>) =>
    setDraft((d) => ({ ...d, houseStyle: { ...d.houseStyle, ...change } }));
  const radio = <K extends keyof NewsroomSettings['houseStyle']>(
    name: K,
    value: NewsroomSettings['houseStyle'][K],
    label: string,
  ) => (
    <label>
      <input
        type="radio"
        name={`${id}-${name}`}
        checked={house[name] === value}
        onChange={() => setHouse({ [name]: value } as Partial<NewsroomSettings['houseStyle']>)}
      />
      {label}
    </label>
  );

  return (
    <AppModal className="settings-dialog" labelledBy={`${id}-title`} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={`${id}-title`}>{t('proofing.settingsTitle')}</h2>
        {mayChange === false ? (
          <p className="settings-dialog__note" id={`${id}-note`}>
            {t('proofing.settingsAdminOnly')}
          </p>
        ) : null}
        <fieldset disabled={!mayChange} aria-describedby={mayChange === false ? `${id}-note` : undefined}>
          <legend>{t('proofing.typingAids')}</legend>
          <label>
            <input
              type="checkbox"
              checked={draft.typingAids.arabicPunctuation}
              onChange={(e) =>
                setDraft((d) => ({
                  ...d,
                  typingAids: { ...d.typingAids, arabicPunctuation: e.target.checked },
                }))
              }
            />
            {t('proofing.arabicPunctuation')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={draft.typingAids.guillemets}
              onChange={(e) =>
                setDraft((d) => ({ ...d, typingAids: { ...d.typingAids, guillemets: e.target.checked } }))
              }
            />
            {t('proofing.guillemets')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={draft.spellCheck}
              onChange={(e) => setDraft((d) => ({ ...d, spellCheck: e.target.checked }))}
            />
            {t('proofing.spellCheck')}
          </label>
          <label>
            {t('proofing.headlineLimit')}
            <input
              type="number"
              min={10}
              max={300}
              value={draft.headlineLimit}
              onChange={(e) =>
                setDraft((d) => ({ ...d, headlineLimit: Number(e.target.value) || d.headlineLimit }))
              }
            />
          </label>
        </fieldset>
        <fieldset disabled={!mayChange}>
          <legend>{t('proofing.digits')}</legend>
          {radio('digits', 'latn', t('proofing.digitsLatn'))}
          {radio('digits', 'arab', t('proofing.digitsArab'))}
        </fieldset>
        <fieldset disabled={!mayChange}>
          <legend>{t('proofing.calendar')}</legend>
          {radio('calendar', 'gregorian', t('proofing.calendarGregorian'))}
          {radio('calendar', 'hijri', t('proofing.calendarHijri'))}
          {radio('calendar', 'both', t('proofing.calendarBoth'))}
        </fieldset>
        <fieldset disabled={!mayChange}>
          <legend>{t('proofing.months')}</legend>
          {radio('months', 'egyptian-gulf', t('proofing.monthsEgyptianGulf'))}
          {radio('months', 'levantine', t('proofing.monthsLevantine'))}
        </fieldset>
        <p className="settings-dialog__sample">
          {t('proofing.sample')} <span lang="ar">{formatDate(new Date(), house)}</span>
        </p>
        {error ? <p role="alert">{error}</p> : null}
        <div className="settings-dialog__actions">
          {mayChange === false ? null : (
            <button type="submit" disabled={saving || !mayChange}>
              {t('proofing.save')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {mayChange === false ? t('proofing.close') : t('proofing.cancel')}
          </button>
        </div>
      </form>
    </AppModal>
  );
}
