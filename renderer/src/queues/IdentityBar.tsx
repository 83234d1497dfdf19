/**
 * The current user, always shown in the top bar, and the PIN switch of a shared workstation.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Popover } from 'react-aria-components';
import { UserRoundCog, Users } from 'lucide-react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Session } from './use-session';
import { personLabel } from '../../../shared/workflow/desks';
import { PeopleScreen } from '../people/PeopleScreen';
import '../review/review.css';

/** Dispatched on the window by the switch-user shortcut: opens the switch. */
export const SWITCH_USER_EVENT = 'mihbara:switch-user';

export interface IdentityBarProps {
  session: Session | null;
  /** saves the open story and switches; resolves to an error code or null */
  onSwitch: (userId: string, pin: string) => Promise<string | null>;
  /** users or desks changed on the administrator's screen */
  onPeopleChanged?: () => void;
}

export function IdentityBar({ session, onSwitch, onPeopleChanged }: IdentityBarProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [people, setPeople] = useState(false);
  useEffect(() => {
    const onShortcut = () => setOpen(true);
    window.addEventListener(SWITCH_USER_EVENT, onShortcut);
    return () => window.removeEventListener(SWITCH_USER_EVENT, onShortcut);
  }, []);
  if (!session) return null;
  const { user } = session;

  const close = () => {
    setOpen(false);
    setProblem(null);
  };

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
          {personLabel([user], user.id, user.name, i18n.language)}
        </span>
        <span className="identity__role">{t(`workflow.role.${user.role}`)}</span>
      </span>
      <DialogTrigger
        isOpen={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) setProblem(null);
        }}
      >
        <Button className="button button--icon">
          <UserRoundCog aria-hidden="true" size={18} />
          <span className="button__label">{t('workflow.switchUser')}</span>
        </Button>
        <Popover placement="bottom end" className="popover identity__popover">
          <Dialog className="identity__dialog" aria-labelledby={`${id}-title`}>
            <form className="identity__form" onSubmit={(e) => void submit(e)}>
              <Heading slot="title" id={`${id}-title`} className="popover__title">
                {t('workflow.switchTitle')}
              </Heading>
              <label htmlFor={`${id}-user`}>{t('workflow.user')}</label>
              <select id={`${id}-user`} value={userId} onChange={(e) => setUserId(e.target.value)} autoFocus>
                <option value="" disabled>
                  —
                </option>
                {session.users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {personLabel([u], u.id, u.name, i18n.language)} — {t(`workflow.role.${u.role}`)}
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
              <button type="button" className="button" onClick={() => close()}>
                {t('workflow.cancel')}
              </button>
              {problem ? (
                <p role="alert" className="problem">
                  {t(`workflow.reason.${problem}`, { defaultValue: t(`errors.${problem}`) })}
                </p>
              ) : null}
            </form>
          </Dialog>
        </Popover>
      </DialogTrigger>
      {user.role === 'admin' ? (
        <button type="button" className="button" onClick={() => setPeople(true)}>
          <Users aria-hidden="true" size={18} />
          <span className="button__label">{t('people.open')}</span>
        </button>
      ) : null}
      {people
        ? // Outside the top bar, whose styles (light text on a dark bar) are not the screen's.
          createPortal(
            <PeopleScreen onClose={() => setPeople(false)} onChanged={() => onPeopleChanged?.()} />,
            document.body,
          )
        : null}
    </div>
  );
}
