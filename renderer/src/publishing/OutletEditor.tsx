/**
 * The outlet a folder channel publishes as: its name and its logo, shown in the masthead of every
 * page and of the index. The logo is an image of the store's media folder (content-named): a file
 * chosen from disk is added to it first, or one of its pictures is picked from the library.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FileTrigger } from 'react-aria-components';
import type { FolderChannelSettings, PublicChannel } from '../../../shared/publishing/model';
import { MEDIA_MIME_TYPES, MAX_MEDIA_BYTES } from '../../../shared/media/limits';
import { storeImage } from '../editor/media';
import { MediaLibrary } from '../story-form/MediaLibrary';
import { MediaThumbnail } from '../story-form/MediaThumbnail';

export interface OutletEditorProps {
  channel: PublicChannel;
  onSave: (folder: FolderChannelSettings) => Promise<void>;
  onCancel: () => void;
}

export function OutletEditor({ channel, onSave, onCancel }: OutletEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const folder = channel.folder!;
  const [name, setName] = useState(folder.siteTitle);
  const [logo, setLogo] = useState<string | undefined>(folder.logo);
  const [library, setLibrary] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const take = async (file: File) => {
    setProblem(null);
    if (
      file.size > MAX_MEDIA_BYTES ||
      (file.type && !(MEDIA_MIME_TYPES as readonly string[]).includes(file.type))
    ) {
      return setProblem(t('publishing.outlet.refused', { name: file.name }));
    }
    setBusy(true);
    try {
      const stored = await storeImage(file, file.name || 'logo');
      if ('problem' in stored) return setProblem(t('publishing.outlet.refused', { name: file.name }));
      setLogo(stored.file);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    const { logo: _old, ...rest } = folder;
    setBusy(true);
    try {
      await onSave({ ...rest, siteTitle: name.trim() || folder.siteTitle, ...(logo ? { logo } : {}) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="outlet-editor" data-testid="outlet-editor">
      <legend>{t('publishing.outlet.legend', { name: channel.name })}</legend>
      <div className="publishing-form__field">
        <label htmlFor={`${id}-name`}>{t('publishing.outlet.name')}</label>
        <input id={`${id}-name`} dir="auto" value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="outlet-editor__logo">
        <span className="outlet-editor__label">{t('publishing.outlet.logo')}</span>
        {logo ? (
          <MediaThumbnail
            file={logo}
            alt={t('publishing.outlet.logoAlt', { name })}
            className="outlet-editor__thumb"
          />
        ) : (
          <span className="outlet-editor__none">{t('publishing.outlet.noLogo')}</span>
        )}
        <FileTrigger
          acceptedFileTypes={[...MEDIA_MIME_TYPES]}
          onSelect={(files) => {
            const file = files?.[0];
            if (file) void take(file);
          }}
        >
          <Button className="button" isDisabled={busy}>
            {t('publishing.outlet.chooseFile')}
          </Button>
        </FileTrigger>
        <Button className="button" isDisabled={busy} onPress={() => setLibrary(true)}>
          {t('publishing.outlet.fromLibrary')}
        </Button>
        {logo ? (
          <Button className="button" isDisabled={busy} onPress={() => setLogo(undefined)}>
            {t('publishing.outlet.removeLogo')}
          </Button>
        ) : null}
      </div>
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="publishing__actions">
        <Button className="button button--primary" isDisabled={busy} onPress={() => void save()}>
          {t('publishing.outlet.save')}
        </Button>
        <Button className="button" onPress={onCancel}>
          {t('publishing.outlet.cancel')}
        </Button>
      </div>
      {library ? (
        <MediaLibrary
          onClose={() => setLibrary(false)}
          onPick={(picked) => {
            setLibrary(false);
            setLogo(picked.file);
          }}
        />
      ) : null}
    </fieldset>
  );
}
