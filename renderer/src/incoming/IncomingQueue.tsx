/**
 * The Incoming queue (الوارد): agency wire copy waiting for an editor. Each item opens as a new
 * draft that keeps its source and guid, or is spiked. Wire files can also be added from disk
 * here; a file already in the queue (same guid and version) is ignored, a bad one refused with
 * its reason.
 */
import { useCallback, useEffect, useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomingItem, RejectedFile } from '../../../shared/publishing/model';
import type { Story } from '../../../shared/story/schema';
import { getApi } from '../api/client';
import { errorMessage } from '../publishing/messages';
import { useDateFormat } from '../app/use-date-format';
import '../publishing/publishing.css';
import { CheckNow } from './CheckNow';
import { OriginalView } from './OriginalView';
import { refusalMessage } from './refusal';

const FORMAT_NAMES: Record<IncomingItem['format'], string> = {
  ninjs: 'ninjs',
  newsml: 'NewsML-G2',
  nitf: 'NITF',
};

/** The ingest's own limit; larger files are not sent at all. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface IncomingQueueProps {
  /** a draft was opened from an item */
  onOpened: (story: Story) => void;
  /** shows a draft opened earlier */
  onShowStory: (id: string) => void;
  /** the queue changed (the sidebar's count) */
  onChanged?: () => void;
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function IncomingQueue({ onOpened, onShowStory, onChanged }: IncomingQueueProps) {
  const { t } = useTranslation();
  const formatTime = useDateFormat();
  const id = useId();
  const [items, setItems] = useState<IncomingItem[] | null>(null);
  const [rejected, setRejected] = useState<RejectedFile[]>([]);
  const [messages, setMessages] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [comparing, setComparing] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await getApi().listIncoming({});
    if (!result.ok) return setProblem(errorMessage(t, result.error));
    setItems(result.value.items);
    setRejected(result.value.rejected);
  }, [t]);
  useEffect(() => {
    void load();
    // Files dropped in the watched folder arrive while the queue is on screen.
    const timer = window.setInterval(() => void load(), 4000);
    return () => window.clearInterval(timer);
  }, [load]);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    setBusy(true);
    const lines: string[] = [];
    try {
      for (const file of files) {
        if (file.size > MAX_FILE_BYTES) {
          lines.push(t('incoming.outcome.tooLarge', { name: file.name }));
          continue;
        }
        const result = await getApi().ingestIncomingFile({
          name: file.name,
          dataBase64: await base64Of(file),
        });
        if (!result.ok) lines.push(`${file.name}: ${errorMessage(t, result.error)}`);
        else if (result.value.kind === 'queued')
          lines.push(t('incoming.outcome.queued', { name: file.name }));
        else if (result.value.kind === 'duplicate')
          lines.push(t('incoming.outcome.duplicate', { name: file.name }));
        else
          lines.push(
            t('incoming.outcome.rejectedBecause', {
              name: file.name,
              reason: refusalMessage(t, result.value),
            }),
          );
      }
    } finally {
      setBusy(false);
      setMessages(lines);
      await load();
      onChanged?.();
    }
  };

  const open = async (item: IncomingItem) => {
    const result = await getApi().openIncoming({ id: item.id });
    if (!result.ok) return setProblem(errorMessage(t, result.error));
    setProblem(null);
    onChanged?.();
    onOpened(result.value);
  };

  const spike = async (item: IncomingItem) => {
    const result = await getApi().spikeIncoming({ id: item.id });
    setProblem(result.ok ? null : errorMessage(t, result.error));
    await load();
    onChanged?.();
  };

  return (
    <section className="publishing incoming" aria-labelledby={`${id}-title`}>
      <div className="publishing__head">
        <h2 id={`${id}-title`}>{t('incoming.title')}</h2>
        <label className="button incoming__upload">
          {t('incoming.upload')}
          <input
            type="file"
            accept=".json,.xml,.nitf,application/json,application/xml,text/xml"
            multiple
            disabled={busy}
            aria-describedby={`${id}-hint`}
            onChange={(event) => void upload(event)}
          />
        </label>
      </div>
      <p id={`${id}-hint`} className="publishing__hint">
        {t('incoming.uploadHint')}
      </p>
      <CheckNow
        onFinished={() => {
          void load();
          onChanged?.();
        }}
      />
      <div role="status" className="incoming__messages">
        {messages.map((line, index) => (
          <p key={index}>{line}</p>
        ))}
      </div>
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      {items && items.length === 0 ? <p>{t('incoming.empty')}</p> : null}
      {items && items.length > 0 ? (
        <ul className="incoming__items" aria-label={t('incoming.title')}>
          {items.map((item) => (
            <li key={item.id} className="incoming__item" data-incoming={item.id} data-status={item.status}>
              <h3 className="incoming__headline" dir="auto" lang={item.language}>
                {item.headline}
              </h3>
              <p className="incoming__meta">
                <span>{t(`incoming.status.${item.status}`)}</span>
                <span>{item.provider ? <bdi>{item.provider}</bdi> : t('incoming.noProvider')}</span>
                <span>{formatTime(item.receivedAt)}</span>
                {item.createdAt ? (
                  <span>{t('incoming.agencyTime', { time: formatTime(item.createdAt) })}</span>
                ) : null}
                <span>{FORMAT_NAMES[item.format]}</span>
                <bdi dir="ltr" className="publishing__technical">
                  {item.fileName}
                </bdi>
              </p>
              {item.warnings?.length ? (
                <div className="incoming__warnings">
                  <p id={`${id}-${item.id}-warnings`}>
                    {t('incoming.warningsTitle', { count: item.warnings.length })}
                  </p>
                  <ul aria-labelledby={`${id}-${item.id}-warnings`}>
                    {item.warnings.map((warning, index) => (
                      <li key={index} data-warning={warning.code}>
                        {t(`incoming.warning.${warning.code}`, { defaultValue: warning.code })}
                        {warning.detail ? (
                          <>
                            {' ('}
                            <bdi dir="auto" className="publishing__technical">
                              {warning.detail}
                            </bdi>
                            {')'}
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <div className="publishing__actions">
                <button
                  type="button"
                  className="button"
                  aria-expanded={comparing === item.id}
                  aria-label={t('incoming.original.showLabel', { headline: item.headline })}
                  onClick={() => setComparing(comparing === item.id ? null : item.id)}
                >
                  {t('incoming.original.show')}
                </button>
                {item.status === 'new' ? (
                  <>
                    <button
                      type="button"
                      className="button button--primary"
                      aria-label={t('incoming.openLabel', { headline: item.headline })}
                      onClick={() => void open(item)}
                    >
                      {t('incoming.open')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      aria-label={t('incoming.spikeLabel', { headline: item.headline })}
                      onClick={() => void spike(item)}
                    >
                      {t('incoming.spike')}
                    </button>
                  </>
                ) : null}
                {item.status === 'opened' && item.storyId ? (
                  <button
                    type="button"
                    className="button"
                    aria-label={t('incoming.goToLabel', { headline: item.headline })}
                    onClick={() => onShowStory(item.storyId!)}
                  >
                    {t('incoming.goTo')}
                  </button>
                ) : null}
              </div>
              {comparing === item.id ? (
                <OriginalView itemId={item.id} onClose={() => setComparing(null)} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {rejected.length > 0 ? (
        <details className="incoming__rejected">
          <summary>{t('incoming.rejectedTitle', { count: rejected.length })}</summary>
          <ul>
            {rejected.map((file, index) => (
              <li key={`${file.at}-${index}`} data-refusal={file.code ?? ''}>
                <bdi dir="ltr" className="publishing__technical">
                  {file.fileName}
                </bdi>{' '}
                — {formatTime(file.at)} — {file.code ? refusalMessage(t, file) : null}
                {file.code ? (
                  <span className="incoming__refusal-tech" dir="ltr" lang="en">
                    <code>{file.code}</code>
                    {file.params?.detail ? ` ${String(file.params.detail)}` : ''}
                  </span>
                ) : (
                  <bdi dir="ltr" lang="en" className="publishing__technical">
                    {file.reason}
                  </bdi>
                )}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
