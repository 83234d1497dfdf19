/**
 * The jobs tray: each running job with a named `<progress>`, the item it works on and a Cancel
 * button; each finished one with its outcome (counts, where it wrote, why it failed, the items
 * that did not go through). Paths and technical reasons sit in LTR islands.
 */
import { useTranslation } from 'react-i18next';
import type { JobInfo } from '../../../shared/jobs/contract';
import { formatCount } from '../i18n';
import { useDateFormat } from '../app/use-date-format';

/** The order counts are shown in; any other count follows. */
const COUNT_ORDER = ['stories', 'files', 'exported', 'imported', 'problems', 'failed'];

export interface JobsPanelProps {
  jobs: JobInfo[];
  onCancel: (id: string) => void;
}

function JobItem({ job, onCancel }: { job: JobInfo; onCancel: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const format = useDateFormat();
  const kind = t(`jobs.kind.${job.kind}`);
  const phase = i18n.exists(`jobs.phase.${job.progress.phase}`)
    ? t(`jobs.phase.${job.progress.phase}`)
    : job.progress.phase;
  const { done, total } = job.progress;
  const counts = Object.entries(job.counts)
    .filter(([name]) => i18n.exists(`jobs.count.${name}`))
    .sort(([a], [b]) => COUNT_ORDER.indexOf(a) - COUNT_ORDER.indexOf(b));
  const titleId = `job-${job.id}-title`;
  return (
    <li className="job" data-job-kind={job.kind} data-job-state={job.state} aria-labelledby={titleId}>
      <div className="job__head">
        <h4 id={titleId} className="job__title">
          {kind}
        </h4>
        <span className={`job__state job__state--${job.state}`} aria-live="polite">
          {job.state === 'running' && job.cancelRequested
            ? t('jobs.cancelling')
            : t(`jobs.state.${job.state}`)}
        </span>
        <time className="job__time" dateTime={job.startedAt}>
          {format(job.startedAt)}
        </time>
      </div>
      {job.state === 'running' ? (
        <>
          <div className="job__progress">
            <progress
              aria-label={t('jobs.progressLabel', { kind })}
              max={total > 0 ? total : undefined}
              value={total > 0 ? done : undefined}
            />
            <span>
              {phase}
              {total > 0
                ? ` — ${t('jobs.progressText', { done: formatCount(done), total: formatCount(total) })}`
                : ''}
            </span>
          </div>
          {job.progress.current ? (
            <p className="job__current">
              {t('jobs.current')} <bdi>{job.progress.current}</bdi>
            </p>
          ) : null}
          <button
            type="button"
            className="button"
            aria-label={t('jobs.cancelLabel', { kind })}
            disabled={job.cancelRequested}
            onClick={() => onCancel(job.id)}
          >
            {t('jobs.cancel')}
          </button>
        </>
      ) : null}
      {counts.length > 0 ? (
        <ul className="job__counts">
          {counts.map(([name, value]) => (
            <li key={name} data-count={name}>
              {t(`jobs.count.${name}`, { n: formatCount(value) })}
            </li>
          ))}
        </ul>
      ) : null}
      {job.target ? (
        <p className="job__target">
          {t('jobs.target')}{' '}
          <bdi dir="ltr" className="publishing__technical">
            {job.target}
          </bdi>
        </p>
      ) : null}
      {job.state === 'failed' && job.reason ? (
        <p className="problem">{t('jobs.reason', { reason: t(`errors.${job.reason}`) })}</p>
      ) : null}
      {job.failures && job.failures.length > 0 ? (
        <details className="job__failures">
          <summary>{t('jobs.failures')}</summary>
          <ul>
            {job.failures.map((failure, index) => (
              <li key={index}>
                <bdi dir="ltr" className="publishing__technical">
                  {failure.item}: {failure.reason}
                </bdi>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

export function JobsPanel({ jobs, onCancel }: JobsPanelProps) {
  const { t } = useTranslation();
  return (
    <section className="jobs-panel" aria-labelledby="jobs-tray-title">
      <h3 id="jobs-tray-title">{t('jobs.trayTitle')}</h3>
      {jobs.length === 0 ? <p className="publishing__hint">{t('jobs.empty')}</p> : null}
      <ul className="jobs-panel__list">
        {jobs.map((job) => (
          <JobItem key={job.id} job={job} onCancel={onCancel} />
        ))}
      </ul>
    </section>
  );
}
