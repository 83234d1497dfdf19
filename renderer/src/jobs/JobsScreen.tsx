/**
 * The Maintenance screen: start a backup, a store check, a search index rebuild, a bulk export
 * or an import, and follow every job in the tray below. A file or folder outside the store is a
 * place the user chose: on the desktop the system dialog (the page only ever holds its token), in
 * a plain browser a path typed inside the bridge's exchange folder. Left empty, a backup and an
 * export go to the store's own folders.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorShape } from '../../../shared/api/errors';
import type { BulkExportFormat, StartJobRequest } from '../../../shared/jobs/contract';
import type { StorySummary } from '../../../shared/story/schema';
import { JobsPanel } from './JobsPanel';
import { hasDialog, PlaceField } from './PlaceField';
import type { Jobs } from './use-jobs';
import './jobs.css';

export interface JobsScreenProps {
  jobs: Jobs;
  /** the store folder (the defaults of a backup and an export are inside it) */
  storePath: string | null;
  /** the stories to choose from (the newest) */
  stories: StorySummary[];
  /** there are older stories than these (a search or "all" exports them) */
  moreStories?: boolean;
}

type Which = 'all' | 'search' | 'ids';

function Card({
  id,
  title,
  help,
  children,
}: {
  id: string;
  title: string;
  help?: string;
  children: ReactNode;
}) {
  return (
    <section className="jobs-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {help ? <p className="publishing__hint">{help}</p> : null}
      {children}
    </section>
  );
}

export function JobsScreen({ jobs, stories, moreStories }: JobsScreenProps) {
  const { t } = useTranslation();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [backupTarget, setBackupTarget] = useState('');
  const [which, setWhich] = useState<Which>('all');
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [format, setFormat] = useState<BulkExportFormat>('ninjs');
  const [folder, setFolder] = useState('');
  const [importPaths, setImportPaths] = useState('');

  const start = async (request: StartJobRequest) => {
    const refused: ApiErrorShape | null = await jobs.start(request);
    setProblem(refused ? t('jobs.startFailed', { reason: t(`errors.${refused.code}`) }) : null);
  };

  const submitBackup = (event: FormEvent) => {
    event.preventDefault();
    const target = backupTarget.trim();
    void start({ kind: 'backup', ...(target ? { target } : {}) });
  };

  const submitExport = (event: FormEvent) => {
    event.preventDefault();
    if (which === 'search' && !query.trim()) {
      setProblem(t('jobs.export.noQuery'));
      return;
    }
    if (which === 'ids' && chosen.size === 0) {
      setProblem(t('jobs.export.noneChosen'));
      return;
    }
    const selection =
      which === 'all'
        ? { which }
        : which === 'search'
          ? { which, query: query.trim() }
          : { which, ids: stories.filter((story) => chosen.has(story.id)).map((story) => story.id) };
    const target = folder.trim();
    void start({ kind: 'export', stories: selection, format, ...(target ? { folder: target } : {}) });
  };

  const submitImport = (event: FormEvent) => {
    event.preventDefault();
    const paths = (hasDialog() ? [importPaths] : importPaths.split('\n'))
      .map((line) => line.trim())
      .filter(Boolean);
    if (paths.length === 0) {
      setProblem(t('jobs.import.noPaths'));
      return;
    }
    void start({ kind: 'import', paths });
  };

  const toggle = (storyId: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(storyId)) next.delete(storyId);
      else next.add(storyId);
      return next;
    });

  return (
    <section className="publishing jobs" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('jobs.title')}</h2>
      <p className="publishing__hint">{t('jobs.intro')}</p>
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}

      <JobsPanel jobs={jobs.jobs} onCancel={(jobId) => void jobs.cancel(jobId)} />

      <h3>{t('jobs.startTitle')}</h3>
      <div className="jobs-cards">
        <Card id={`${id}-backup`} title={t('jobs.backup.title')} help={t('jobs.backup.help')}>
          <form onSubmit={submitBackup}>
            <PlaceField
              id={`${id}-backup-target`}
              label={t('jobs.backup.target')}
              use="backup-file"
              value={backupTarget}
              onChange={setBackupTarget}
            />
            <button type="submit" className="button button--primary">
              {t('jobs.backup.start')}
            </button>
          </form>
        </Card>

        <Card id={`${id}-verify`} title={t('jobs.verify.title')} help={t('jobs.verify.help')}>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void start({ kind: 'verify' })}
          >
            {t('jobs.verify.start')}
          </button>
        </Card>

        <Card id={`${id}-rebuild`} title={t('jobs.rebuild.title')} help={t('jobs.rebuild.help')}>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void start({ kind: 'rebuild-search-index' })}
          >
            {t('jobs.rebuild.start')}
          </button>
        </Card>

        <Card id={`${id}-export`} title={t('jobs.export.title')}>
          <form onSubmit={submitExport}>
            <fieldset>
              <legend>{t('jobs.export.which')}</legend>
              {(['all', 'search', 'ids'] as const).map((value) => (
                <label key={value} className="jobs-choice">
                  <input
                    type="radio"
                    name={`${id}-which`}
                    value={value}
                    checked={which === value}
                    onChange={() => setWhich(value)}
                  />
                  {t(`jobs.export.${value}`)}
                </label>
              ))}
            </fieldset>
            {which === 'search' ? (
              <div className="jobs-field">
                <label htmlFor={`${id}-query`}>{t('jobs.export.query')}</label>
                <input id={`${id}-query`} value={query} onChange={(event) => setQuery(event.target.value)} />
              </div>
            ) : null}
            {which === 'ids' ? (
              <fieldset className="jobs-stories">
                <legend>{t('jobs.export.choose')}</legend>
                {stories.map((story) => (
                  <label key={story.id} className="jobs-choice">
                    <input type="checkbox" checked={chosen.has(story.id)} onChange={() => toggle(story.id)} />
                    <bdi>{story.headline || story.id}</bdi>
                  </label>
                ))}
                {moreStories ? <p className="publishing__hint">{t('list.limitReached')}</p> : null}
              </fieldset>
            ) : null}
            <fieldset>
              <legend>{t('jobs.export.format')}</legend>
              {(
                [
                  ['ninjs', 'formatNinjs'],
                  ['newsml', 'formatNewsml'],
                  ['html', 'formatHtml'],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="jobs-choice">
                  <input
                    type="radio"
                    name={`${id}-format`}
                    value={value}
                    checked={format === value}
                    onChange={() => setFormat(value)}
                  />
                  {t(`jobs.export.${label}`)}
                </label>
              ))}
            </fieldset>
            <PlaceField
              id={`${id}-folder`}
              label={t('jobs.export.folder')}
              use="export-folder"
              value={folder}
              onChange={setFolder}
            />
            <button type="submit" className="button button--primary">
              {t('jobs.export.start')}
            </button>
          </form>
        </Card>

        <Card id={`${id}-import`} title={t('jobs.import.title')} help={t('jobs.import.help')}>
          <form onSubmit={submitImport}>
            <PlaceField
              id={`${id}-paths`}
              label={t('jobs.import.paths')}
              use="import"
              value={importPaths}
              onChange={setImportPaths}
              multiline
            />
            <button type="submit" className="button button--primary">
              {t('jobs.import.start')}
            </button>
          </form>
        </Card>
      </div>
    </section>
  );
}
