/**
 * "Import Word file": picks a .docx, sends it to the main side (mammoth converts it there and
 * copies its images into the store) and hands the new story to the caller. A damaged or
 * non-Word file gets a message saying so, and no story is created.
 */
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FileUp } from 'lucide-react';
import { MAX_DOCX_BYTES } from '../../../shared/media/limits';
import type { Story } from '../../../shared/story/schema';
import { getApi } from '../api/client';
import { blobToBase64 } from './media';

const DOCX_TYPES = '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function ImportDocxButton({ onImported }: { onImported: (story: Story) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    if (file.size > MAX_DOCX_BYTES) {
      setProblem(t('editing.importFailed.file-too-large', { name: file.name }));
      return;
    }
    setBusy(true);
    try {
      const result = await getApi().importDocx({
        name: file.name.slice(0, 500),
        dataBase64: await blobToBase64(file),
      });
      if (result.ok) {
        onImported(result.value);
        return;
      }
      const code = result.error.code;
      setProblem(
        code === 'unsupported-file' || code === 'file-too-large'
          ? t(`editing.importFailed.${code}`, { name: file.name })
          : t('editing.importFailed.failed', { name: file.name, reason: t(`errors.${code}`) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="import-docx">
      <button
        type="button"
        className="button"
        aria-label={t('editing.importDocxLabel')}
        title={t('editing.importDocxLabel')}
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        <FileUp aria-hidden="true" size={18} />
        <span className="button__label">{busy ? t('editing.importing') : t('editing.importDocx')}</span>
      </button>
      <input
        ref={input}
        type="file"
        accept={DOCX_TYPES}
        hidden
        aria-label={t('editing.importDocxLabel')}
        onChange={(event) => void onFile(event)}
      />
      {problem ? (
        <p className="import-docx__problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
