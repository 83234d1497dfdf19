/**
 * The top bar's team button: where this workstation's stories live (this computer, or the
 * newsroom server), whether the server is reachable and how many saves wait for it. Opens the
 * team settings.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamStatus } from '../../../../shared/team/contract';
import { getApi } from '../../api/client';
import { TeamSettingsDialog } from './TeamSettingsDialog';
import { useTeamLive } from './use-team-live';
import './team.css';

export function TeamStatusButton() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    const result = await getApi().getTeamStatus({});
    if (result.ok) setStatus(result.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useTeamLive(
    useCallback((events) => {
      const last = [...events].reverse().find((event) => event.kind === 'connection');
      if (last?.kind === 'connection') setStatus(last.status);
    }, []),
  );

  const state = !status
    ? 'unknown'
    : status.backend === 'local'
      ? 'local'
      : status.online
        ? 'online'
        : status.refused === 'login'
          ? 'refused'
          : 'offline';
  const label =
    state === 'offline' || state === 'refused'
      ? t(`team.status.${state}`, { count: status?.pending ?? 0 })
      : t(`team.status.${state}`);
  return (
    <>
      <button
        type="button"
        className={`button team-status team-status--${state}`}
        aria-label={t('team.buttonLabel', { status: label })}
        onClick={() => setOpen(true)}
      >
        <span className="team-status__dot" aria-hidden="true" />
        {label}
      </button>
      {state === 'refused' ? (
        // Never silent: the server refused this workstation's kept login, so it works offline on
        // the cached copy; the notice says so and where the fix is.
        <div className="team-status__refused" role="alert">
          <p>{t('team.refusedNotice')}</p>
          <button type="button" className="button" onClick={() => setOpen(true)}>
            {t('team.refusedOpen')}
          </button>
        </div>
      ) : null}
      {status && status.conflicts.length > 0 ? (
        <p className="team-status__conflicts" role="status">
          {t('team.conflicts', { count: status.conflicts.length })}
        </p>
      ) : null}
      {open ? <TeamSettingsDialog status={status} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
