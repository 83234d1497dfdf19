/**
 * The watched wire folder, an administrator's setting: agencies' files dropped there (ninjs,
 * NewsML-G2) go to the Incoming queue while the app runs. The folder is a place the user chose
 * (electron/core/places.ts): the system dialog on the desktop, a folder inside the exchange
 * folder in a browser; the folder already watched may be saved again as it is.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomingWatch } from '../../../shared/publishing/contract';
import { getApi } from '../api/client';
import { errorMessage } from './messages';
import { hasDialog, PlaceField } from '../jobs/PlaceField';

export function WatchFolderForm() {
  const { t } = useTranslation();
  const id = useId();
  const [watch, setWatch] = useState<IncomingWatch | null>(null);
  const [folder, setFolder] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void getApi()
      .getIncomingWatch({})
      .then((result) => {
        if (!result.ok) return;
        setWatch(result.value);
        if (!hasDialog()) setFolder(result.value.folder ?? '');
      });
  }, []);

  const save = async (next: string | null) => {
    const result = await getApi().setIncomingWatch({ folder: next });
    if (!result.ok) return setMessage({ ok: false, text: errorMessage(t, result.error) });
    setWatch(result.value);
    setFolder(hasDialog() ? '' : (result.value.folder ?? ''));
    setMessage({ ok: true, text: t('publishing.watch.saved') });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (folder.trim()) void save(folder.trim());
  };

  return (
    <form className="publishing-form" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`}>{t('publishing.watch.title')}</h3>
      <p id={`${id}-hint`}>{t('publishing.watch.hint')}</p>
      <p data-testid="watch-state">
        {watch?.folder ? (
          <>
            {watch.active ? t('publishing.watch.active') : t('publishing.watch.inactive')}{' '}
            <bdi dir="ltr" className="publishing__technical">
              {watch.folder}
            </bdi>
          </>
        ) : (
          t('publishing.watch.none')
        )}
      </p>
      <PlaceField
        id={`${id}-folder`}
        className="publishing-form__field"
        label={t('publishing.watch.folder')}
        use="watch-folder"
        hint={`${id}-hint`}
        value={folder}
        onChange={setFolder}
      />
      <div className="publishing__actions">
        <button type="submit" className="button button--primary">
          {t('publishing.watch.save')}
        </button>
        {watch?.folder ? (
          <button type="button" className="button" onClick={() => void save(null)}>
            {t('publishing.watch.stop')}
          </button>
        ) : null}
      </div>
      <p role="status" className={message && !message.ok ? 'problem' : undefined}>
        {message?.text ?? ''}
      </p>
    </form>
  );
}
