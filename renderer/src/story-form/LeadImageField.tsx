/**
 * The story's lead image: choose a file, drop it or paste it; see it; replace or remove it; pick
 * again from the pictures the store already has; caption, credit and alt text beside it. The
 * picture goes into the store's media folder under its content name (`<sha256>.<ext>`), checked
 * by its bytes and size on the main side.
 */
import { useId, useState, type ClipboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, DropZone, FileTrigger, type DropItem } from 'react-aria-components';
import type { LeadImage } from '../../../shared/story/schema';
import { MAX_MEDIA_BYTES, MEDIA_MIME_TYPES } from '../../../shared/media/limits';
import { storeImage } from '../editor/media';
import { MediaThumbnail } from './MediaThumbnail';
import type { ImageProblem } from '../editor/paste';
import { MediaLibrary } from './MediaLibrary';

export interface LeadImageFieldProps {
  value: LeadImage | null;
  onChange: (value: LeadImage | null) => void;
  /** the story's text direction and language, for caption, credit and alt text */
  dir: 'rtl' | 'ltr';
  lang: string;
}

const ACCEPTED: readonly string[] = MEDIA_MIME_TYPES;

export function LeadImageField({ value, onChange, dir, lang }: LeadImageFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [problem, setProblem] = useState<{ name: string; problem: ImageProblem } | null>(null);
  const [busy, setBusy] = useState(false);
  const [library, setLibrary] = useState(false);

  const take = async (file: File) => {
    setProblem(null);
    if (file.size > MAX_MEDIA_BYTES) return setProblem({ name: file.name, problem: 'file-too-large' });
    if (file.type && !ACCEPTED.includes(file.type)) {
      return setProblem({ name: file.name, problem: 'unsupported-file' });
    }
    setBusy(true);
    try {
      const stored = await storeImage(file, file.name || 'image');
      if ('problem' in stored) return setProblem({ name: file.name, problem: stored.problem });
      // A new picture keeps the words written for the old one only when they were the editor's own.
      onChange({
        file: stored.file,
        caption: value?.caption ?? '',
        credit: value?.credit ?? '',
        altText: value?.altText ?? '',
      });
    } finally {
      setBusy(false);
    }
  };

  const onDrop = async (event: { items: DropItem[] }) => {
    for (const item of event.items) {
      if (item.kind === 'file') return take(await item.getFile());
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLElement>) => {
    const file = Array.from(event.clipboardData?.files ?? []).find((f) => f.type.startsWith('image/'));
    if (!file) return;
    event.preventDefault();
    void take(file);
  };

  const text = (field: 'caption' | 'credit' | 'altText', label: string) => (
    <div className="story-form__field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        type="text"
        dir={dir}
        lang={lang}
        autoComplete="off"
        value={value?.[field] ?? ''}
        onChange={(event) => value && onChange({ ...value, [field]: event.target.value })}
      />
    </div>
  );

  return (
    <fieldset className="lead-image" onPaste={onPaste} data-testid="lead-image">
      <legend>{t('storyForm.leadImage')}</legend>
      <DropZone
        className="lead-image__drop"
        aria-label={t('storyForm.dropImage')}
        getDropOperation={(types) => (ACCEPTED.some((type) => types.has(type)) ? 'copy' : 'cancel')}
        onDrop={(event) => void onDrop(event)}
      >
        {value ? (
          <MediaThumbnail
            file={value.file}
            alt={value.altText || t('storyForm.leadImageThumb')}
            className="lead-image__thumb"
          />
        ) : (
          <p className="lead-image__empty">
            {busy ? t('storyForm.imageAdding') : t('storyForm.noLeadImage')}
          </p>
        )}
      </DropZone>
      <div className="lead-image__actions">
        <FileTrigger
          acceptedFileTypes={[...ACCEPTED]}
          onSelect={(files) => {
            const file = files?.[0];
            if (file) void take(file);
          }}
        >
          <Button className="button" isDisabled={busy}>
            {value ? t('storyForm.replaceImage') : t('storyForm.chooseImage')}
          </Button>
        </FileTrigger>
        <Button className="button" onPress={() => setLibrary(true)}>
          {t('storyForm.fromLibrary')}
        </Button>
        {value ? (
          <Button className="button" onPress={() => onChange(null)}>
            {t('storyForm.removeImage')}
          </Button>
        ) : null}
      </div>
      {problem ? (
        <p className="lead-image__problem" role="alert">
          {t(`editing.imageRefused.${problem.problem}`, { name: problem.name })}
        </p>
      ) : null}
      {value ? (
        <div className="lead-image__words">
          {text('caption', t('storyForm.caption'))}
          {text('credit', t('storyForm.credit'))}
          {text('altText', t('storyForm.altText'))}
        </div>
      ) : null}
      {library ? (
        <MediaLibrary
          onClose={() => setLibrary(false)}
          onPick={(picked) => {
            setLibrary(false);
            onChange({
              file: picked.file,
              caption: value?.caption || picked.caption,
              credit: value?.credit || picked.credit,
              altText: value?.altText || picked.alt,
            });
          }}
        />
      ) : null}
    </fieldset>
  );
}
