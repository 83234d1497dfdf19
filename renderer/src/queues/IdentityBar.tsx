/**
 * The current user, always shown in the top bar, and the PIN switch of a shared workstation.
 */
import { useId, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Session } from './use-session';
import { PeopleScreen } from '../people/PeopleScreen';
import '../review/review.css';

export interface IdentityBarProps {
  session: Session | null;
  /** saves the open story and switches; resolves to an error code or null */
  onSwitch: (userId: string, pin: string) => Promise<string | null>;
  /** users or desks changed on the administrator's screen */
  onPeopleChanged?: () => void;
}

export function IdentityBar({ session, onSwitch, onPeopleChanged }: IdentityBarProps) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [people, setPeople] = useState(false);
  if (!session) return null;
  const { user } = session;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = userId || session.users.find((u) => u.id !== user.id)?.id || user.id;
    const error = await onSwitch(chosen, pin);
    if (error) {
      setProblem(error);
      return;
    }
    setOpen(false);
    setPin('');
    setProblem(null);
  };

  return (
    <div className="identity">
      <span className="identity__who" aria-live="polite">
        <span className="identity__initials" aria-hidden="true">
          {user.initials}
        </span>
        <span className="visually-hidden">{t('workflow.currentUser')} </span>
        <span className="identity__name" data-testid="current-user">
          {user.name}
        </span>
        <span className="identity__role">{t(`workflow.role.${user.role}`)}</span>
      </span>
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {t('workflow.switchUser')}
      </button>
      {user.role === 'admin' ? (
        <button type="button" className="button" onClick={() => setPeople(true)}>
          {t('people.open')}
        </button>
      ) : null}
      {people
        ? // Outside the top bar, whose styles (light text on a dark bar) are not the screen's.
          createPortal(
            <PeopleScreen onClose={() => setPeople(false)} onChanged={() => onPeopleChanged?.()} />,
            document.body,
          )
        : null}
      {open ? (
        <form
          className="identity__form"
          role="dialog"
          aria-label={t('workflow.switchTitle')}
          onSubmit={(e) => void submit(e)}
        >
          <label htmlFor={`${id}-user`}>{t('workflow.user')}</label>
          <select id={`${id}-user`} value={userId} onChange={(e) => setUserId(e.target.value)} autoFocus>
            <option value="" disabled>
              —
            </option>
            {session.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} — {t(`workflow.role.${u.role}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-pin`}>{t('workflow.pin')}</label>
          <input
            id={`${id}-pin`}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            dir="ltr"
            value={pin}
            placeholder={t('workflow.pinHint')}
            onChange={(e) => setPin(e.target.value)}
          />
          <button type="submit" className="button button--primary">
            {t('workflow.switchConfirm')}
          </button>
          <button type="button" className="button" onClick={() => setOpen(false)}>
            {t('workflow.cancel')}
          </button>
          {problem ? (
            <p role="alert" className="problem">
              {t(`workflow.reason.${problem}`, { defaultValue: t(`errors.${problem}`) })}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
