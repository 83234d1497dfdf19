/**
 * Team settings: keep stories on this computer, or on the newsroom's PostgreSQL server. The
 * server's address, TLS, and the user's own database login; a password typed here is tested
 * with the server before it is kept, and kept only encrypted by the system's secret store (in
 * the browser bridge, which has none, PGPASSWORD or the pgpass file). A change of backend takes
 * effect at the next start.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { AppModal } from '../../design/AppModal';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/api/contract';
import type { TeamSettings, TeamSettingsView, TeamStatus } from '../../../../shared/team/contract';
import { getApi } from '../../api/client';

type TestResult = ResponseOf<'testTeamConnection'>;

export function TeamSettingsDialog({ status, onClose }: { status: TeamStatus | null; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<TeamSettings | null>(null);
  const [password, setPassword] = useState('');
  const [kept, setKept] = useState<TeamSettingsView['passwordKept'] | null>(null);
  const [forget, setForget] = useState(false);
  const [test, setTest] = useState<TestResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void getApi()
      .getTeamSettings({})
      .then((result) => {
        if (result.ok) {
          const { passwordKept, ...settings } = result.value;
          setDraft(settings);
          setKept(passwordKept);
        } else setMessage(t(`errors.${result.error.code}`));
      });
  }, [t]);

  const change = (patch: Partial<TeamSettings>) => {
    setDraft((current) => (current ? { ...current, ...patch } : current));
    setTest(null);
  };

  const runTest = async () => {
    if (!draft) return;
    setBusy(true);
    setTest(null);
    const result = await getApi().testTeamConnection({ settings: draft, ...(password ? { password } : {}) });
    setBusy(false);
    if (result.ok) setTest(result.value);
    else
      setMessage(
        result.error.code === 'invalid-request' ? t('team.invalid') : t(`errors.${result.error.code}`),
      );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    // A typed password is kept only once the server has accepted it.
    if (password && draft.backend === 'team') {
      const tried = await getApi().testTeamConnection({ settings: draft, password });
      if (tried.ok && tried.value.problem === 'login') {
        setBusy(false);
        setTest(tried.value);
        setMessage(t('team.passwordRefused'));
        return;
      }
    }
    const result = await getApi().saveTeamSettings({
      settings: draft,
      ...(password && draft.backend === 'team' ? { password } : {}),
      ...(forget && !password ? { forgetPassword: true } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setMessage(
        result.error.code === 'invalid-request' ? t('team.invalid') : t(`errors.${result.error.code}`),
      );
      return;
    }
    setKept(result.value.passwordKept);
    setPassword('');
    setForget(false);
    setMessage(result.value.backend === status?.backend ? t('team.saved') : t('team.savedRestart'));
  };

  const team = draft?.backend === 'team';
  return (
    <AppModal className="settings-dialog team-dialog" labelledBy={`${id}-title`} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={`${id}-title`}>{t('team.title')}</h2>
        {draft ? (
          <>
            <fieldset>
              <legend>{t('team.backend')}</legend>
              <label>
                <input
                  type="radio"
                  name={`${id}-backend`}
                  checked={draft.backend === 'local'}
                  onChange={() => change({ backend: 'local' })}
                />
                {t('team.backendLocal')}
              </label>
              <label>
                <input
                  type="radio"
                  name={`${id}-backend`}
                  checked={draft.backend === 'team'}
                  onChange={() => change({ backend: 'team' })}
                />
                {t('team.backendTeam')}
              </label>
            </fieldset>
            <fieldset disabled={!team}>
              <legend>{t('team.server')}</legend>
              <label className="team-dialog__field">
                {t('team.url')}
                <input
                  type="text"
                  dir="ltr"
                  spellCheck={false}
                  autoComplete="off"
                  placeholder="postgres://newsroom.example:5432/mihbara"
                  value={draft.url}
                  aria-describedby={`${id}-url-hint`}
                  onChange={(event) => change({ url: event.target.value.trim() })}
                />
              </label>
              <p id={`${id}-url-hint`} className="team-dialog__hint">
                {t('team.urlHint')}
              </p>
              <label className="team-dialog__field">
                {t('team.user')}
                <input
                  type="text"
                  dir="ltr"
                  spellCheck={false}
                  autoComplete="username"
                  value={draft.user}
                  onChange={(event) => change({ user: event.target.value.trim() })}
                />
              </label>
              <label className="team-dialog__field">
                {t('team.password')}
                <input
                  type="password"
                  dir="ltr"
                  autoComplete="current-password"
                  value={password}
                  aria-describedby={`${id}-password-hint`}
                  onChange={(event) => setPassword(event.target.value)}
                />
              </label>
              <p id={`${id}-password-hint`} className="team-dialog__hint">
                {t('team.passwordHint')}
              </p>
              {kept ? (
                <p className="team-dialog__hint" data-testid="team-password-kept">
                  {t(`team.passwordKept.${kept}`)}
                </p>
              ) : null}
              {kept === 'encrypted' ? (
                <label className="team-dialog__check">
                  <input
                    type="checkbox"
                    checked={forget}
                    onChange={(event) => setForget(event.target.checked)}
                  />
                  {t('team.forgetPassword')}
                </label>
              ) : null}
              <label className="team-dialog__field">
                {t('team.tls')}
                <select
                  value={draft.tls}
                  onChange={(event) => change({ tls: event.target.value as TeamSettings['tls'] })}
                >
                  <option value="require">{t('team.tlsRequire')}</option>
                  <option value="no-verify">{t('team.tlsNoVerify')}</option>
                  <option value="off">{t('team.tlsOff')}</option>
                </select>
              </label>
              <label className="team-dialog__field">
                {t('team.caFile')}
                <input
                  type="text"
                  dir="ltr"
                  spellCheck={false}
                  value={draft.caFile}
                  onChange={(event) => change({ caFile: event.target.value })}
                />
              </label>
              <button
                type="button"
                className="button"
                disabled={busy || !team}
                onClick={() => void runTest()}
              >
                {busy ? t('team.testing') : t('team.test')}
              </button>
              {test ? (
                <p
                  className={`team-dialog__result team-dialog__result--${test.ok ? 'ok' : 'problem'}`}
                  role="status"
                >
                  {test.ok
                    ? t('team.testOk', {
                        user: test.user ?? '',
                        role: t(`team.role.${test.role ?? 'editor'}`),
                      })
                    : t(`team.problem.${test.problem ?? 'unreachable'}`)}
                </p>
              ) : null}
            </fieldset>
          </>
        ) : (
          <p>{t('team.loading')}</p>
        )}
        {message ? (
          <p className="team-dialog__message" role="status">
            {message}
          </p>
        ) : null}
        <div className="settings-dialog__actions team-dialog__actions">
          <button type="submit" className="button button--primary" disabled={busy || !draft}>
            {t('team.save')}
          </button>
          <button type="button" className="button" onClick={() => onClose()}>
            {t('team.close')}
          </button>
        </div>
      </form>
    </AppModal>
  );
}
