/**
 * The administrator's screen on the newsroom's people and desks: users (Arabic and Latin name,
 * initials, role, desks) — add with a PIN, change the role, reset the PIN, deactivate — and desks —
 * create, rename, members, and which checklist items block, warn or are off. Every change goes
 * to the main process, which refuses it unless the user at the keyboard is an administrator.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { AppModal } from '../design/AppModal';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiErrorShape } from '../../../shared/api/errors';
import { levelOf } from '../../../shared/workflow/checklist';
import { deskLabel } from '../../../shared/workflow/desks';
import {
  CHECKLIST_ITEMS,
  ROLES,
  type ChecklistConfig,
  type ChecklistLevel,
  type Desk,
  type PublicUser,
  type Role,
} from '../../../shared/workflow/model';
import { getApi } from '../api/client';
import './people.css';

type People = ResponseOf<'listPeople'>;
const LEVELS: ChecklistLevel[] = ['block', 'approve', 'warn', 'off'];

/** Runs one change on the main side; resolves to false when it was refused. */
type Act = (change: () => Promise<{ ok: boolean; error?: ApiErrorShape }>, done: string) => Promise<boolean>;

export interface PeopleScreenProps {
  /** the screen was closed */
  onClose: () => void;
  /** users or desks changed (the identity switch lists users) */
  onChanged: () => void;
}

/** The reason of a refusal in the user's language. */
function useProblemText() {
  const { t } = useTranslation();
  return (error: ApiErrorShape) => {
    const reason = error.issues?.find((issue) => issue.path === 'reason')?.message;
    if (reason) return t(`people.reason.${reason}`, { defaultValue: t(`workflow.reason.${reason}`) });
    if (error.code === 'invalid-request' && error.issues?.some((i) => i.path.includes('pin')))
      return t('people.reason.pin-format');
    return t(`people.error.${error.code}`, { defaultValue: t(`errors.${error.code}`) });
  };
}

function UserRow({ user, desks, run }: { user: PublicUser; desks: Desk[]; run: Act }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [pin, setPin] = useState('');
  // Names are edited in place: the row's first two cells become fields until saved or cancelled.
  const [names, setNames] = useState<{ name: string; latinName: string; initials: string } | null>(null);
  const deskNames = user.desks
    .map((d) => {
      const desk = desks.find((known) => known.id === d);
      return desk ? deskLabel(desk, i18n.language) : d;
    })
    .join(t('editing.listSeparator'));
  const saveNames = (event: FormEvent) => {
    event.preventDefault();
    if (!names) return;
    void run(
      () =>
        getApi().updatePerson({
          userId: user.id,
          name: names.name,
          latinName: names.latinName,
          ...(names.initials.trim() ? { initials: names.initials } : {}),
        }),
      t('people.done.names', { name: names.name }),
    ).then((ok) => ok && setNames(null));
  };
  return (
    <tr data-testid="person" data-user={user.id} className={user.active ? undefined : 'people__inactive'}>
      {names ? (
        <td colSpan={2}>
          <form
            className="people__names"
            onSubmit={saveNames}
            aria-label={t('people.editNamesOf', { name: user.name })}
          >
            <label htmlFor={`${id}-name`}>{t('people.name')}</label>
            <input
              id={`${id}-name`}
              dir="auto"
              value={names.name}
              required
              onChange={(event) => setNames({ ...names, name: event.target.value })}
            />
            <label htmlFor={`${id}-latin`}>{t('people.latinName')}</label>
            <input
              id={`${id}-latin`}
              dir="ltr"
              lang="en"
              value={names.latinName}
              onChange={(event) => setNames({ ...names, latinName: event.target.value })}
            />
            <label htmlFor={`${id}-initials`}>{t('people.initials')}</label>
            <input
              id={`${id}-initials`}
              dir="auto"
              size={4}
              maxLength={4}
              value={names.initials}
              onChange={(event) => setNames({ ...names, initials: event.target.value })}
            />
            <button type="submit" className="button button--primary">
              {t('people.saveNames')}
            </button>
            <button type="button" className="button" onClick={() => setNames(null)}>
              {t('people.cancelNames')}
            </button>
          </form>
        </td>
      ) : (
        <>
          <td>
            <span className="people__initials" aria-hidden="true">
              {user.initials}
            </span>{' '}
            <span dir="auto">{user.name}</span>{' '}
            <button
              type="button"
              className="button people__edit"
              aria-label={t('people.editNamesOf', { name: user.name })}
              onClick={() =>
                setNames({ name: user.name, latinName: user.latinName, initials: user.initials })
              }
            >
              {t('people.editNames')}
            </button>
          </td>
          <td dir="ltr" lang="en">
            {user.latinName}
          </td>
        </>
      )}
      <td>
        <label className="visually-hidden" htmlFor={`${id}-role`}>
          {t('people.roleOf', { name: user.name })}
        </label>
        <select
          id={`${id}-role`}
          value={user.role}
          onChange={(event) =>
            void run(
              () => getApi().updatePerson({ userId: user.id, role: event.target.value as Role }),
              t('people.done.role', { name: user.name }),
            )
          }
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`workflow.role.${role}`)}
            </option>
          ))}
        </select>
      </td>
      <td>{deskNames || '—'}</td>
      <td>{user.active ? t('people.active') : t('people.inactive')}</td>
      <td className="people__row-actions">
        <label className="visually-hidden" htmlFor={`${id}-pin`}>
          {t('people.newPinFor', { name: user.name })}
        </label>
        <input
          id={`${id}-pin`}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          dir="ltr"
          size={8}
          value={pin}
          placeholder={t('workflow.pinHint')}
          onChange={(event) => setPin(event.target.value)}
        />
        <button
          type="button"
          className="button"
          disabled={!pin}
          onClick={() =>
            void run(
              () => getApi().updatePerson({ userId: user.id, pin }),
              t('people.done.pin', { name: user.name }),
            ).then((ok) => ok && setPin(''))
          }
        >
          {t('people.resetPin')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            void run(
              () => getApi().updatePerson({ userId: user.id, active: !user.active }),
              t(user.active ? 'people.done.deactivated' : 'people.done.activated', { name: user.name }),
            )
          }
        >
          {user.active
            ? t('people.deactivate', { name: user.name })
            : t('people.activate', { name: user.name })}
        </button>
      </td>
    </tr>
  );
}

/**
 * Which checklist items block, warn or are off: the same fieldset for a desk and for the
 * stories without a desk, saved through `save`.
 */
function ChecklistLevels({
  checklist,
  save,
  label,
}: {
  checklist: ChecklistConfig;
  save: (checklist: ChecklistConfig) => void;
  /** what the fieldset is for, in its legend (the desk's name, or "without a desk") */
  label: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [levels, setLevels] = useState(() =>
    Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, levelOf(checklist, item)])),
  );
  return (
    <fieldset>
      <legend>
        {t('people.checklist')} — {label}
      </legend>
      <div className="people__levels">
        {CHECKLIST_ITEMS.map((item) => (
          <div key={item} className="people__level">
            <label htmlFor={`${id}-${item}`}>{t(`workflow.item.${item}`)}</label>
            <select
              id={`${id}-${item}`}
              data-item={item}
              value={levels[item]}
              onChange={(event) =>
                setLevels((current) => ({ ...current, [item]: event.target.value as ChecklistLevel }))
              }
            >
              {LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(`people.level.${level}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <button
        type="button"
        className="button"
        onClick={() => save({ ...checklist, levels: levels as ChecklistConfig['levels'] })}
      >
        {t('people.saveChecklist')}
      </button>
    </fieldset>
  );
}

function DeskCard({ desk, users, act }: { desk: Desk; users: PublicUser[]; act: Act }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [name, setName] = useState(desk.name);
  const [latinName, setLatinName] = useState(desk.latinName);
  const [members, setMembers] = useState(() =>
    users.filter((u) => u.desks.includes(desk.id)).map((u) => u.id),
  );
  const renamed = name.trim() !== desk.name || latinName.trim() !== desk.latinName;
  return (
    <section className="people__desk" aria-labelledby={`${id}-name-h`} data-testid="desk" data-desk={desk.id}>
      <h4 id={`${id}-name-h`}>{deskLabel(desk, i18n.language)}</h4>
      <div className="people__line">
        <label htmlFor={`${id}-name`}>{t('people.deskName')}</label>
        <input id={`${id}-name`} dir="auto" value={name} onChange={(event) => setName(event.target.value)} />
        <label htmlFor={`${id}-latin`}>{t('people.deskLatinName')}</label>
        <input
          id={`${id}-latin`}
          dir="ltr"
          value={latinName}
          onChange={(event) => setLatinName(event.target.value)}
        />
        <button
          type="button"
          className="button"
          disabled={!name.trim() || !renamed}
          onClick={() =>
            void act(
              () => getApi().updateDesk({ deskId: desk.id, name, latinName }),
              t('people.done.renamed', { name: name.trim() }),
            )
          }
        >
          {t('people.rename')}
        </button>
      </div>
      <fieldset>
        <legend>{t('people.members')}</legend>
        {users.map((user) => (
          <label key={user.id} className="people__check">
            <input
              type="checkbox"
              checked={members.includes(user.id)}
              onChange={(event) =>
                setMembers((current) =>
                  event.target.checked ? [...current, user.id] : current.filter((m) => m !== user.id),
                )
              }
            />{' '}
            {user.name}
          </label>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            void act(
              () => getApi().setDeskMembers({ deskId: desk.id, userIds: members }),
              t('people.done.members', { name: desk.name }),
            )
          }
        >
          {t('people.saveMembers')}
        </button>
      </fieldset>
      <ChecklistLevels
        checklist={desk.checklist}
        label={deskLabel(desk, i18n.language)}
        save={(checklist) =>
          void act(
            () => getApi().updateDesk({ deskId: desk.id, checklist }),
            t('people.done.checklist', { name: deskLabel(desk, i18n.language) }),
          )
        }
      />
    </section>
  );
}

/** The checklist of stories without a desk (an administrator's, for example). */
function NoDeskCard({ checklist, act }: { checklist: ChecklistConfig; act: Act }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="people__desk" aria-labelledby={`${id}-h`} data-testid="no-desk">
      <h4 id={`${id}-h`}>{t('people.noDeskTitle')}</h4>
      <p>{t('people.noDeskIntro')}</p>
      <ChecklistLevels
        checklist={checklist}
        label={t('people.noDeskTitle')}
        save={(next) =>
          void act(
            () => getApi().updateNoDeskChecklist({ checklist: next }),
            t('people.done.noDeskChecklist'),
          )
        }
      />
    </section>
  );
}

export function PeopleScreen({ onClose, onChanged }: PeopleScreenProps) {
  const { t } = useTranslation();
  const id = useId();
  const problemText = useProblemText();
  const [people, setPeople] = useState<People | null>(null);
  const [message, setMessage] = useState<{ kind: 'done' | 'problem'; text: string } | null>(null);
  const [form, setForm] = useState({
    name: '',
    latinName: '',
    initials: '',
    role: 'editor' as Role,
    pin: '',
  });
  const [newDesks, setNewDesks] = useState<string[]>([]);
  const [desk, setDesk] = useState({ name: '', latinName: '', id: '' });

  const load = useCallback(async () => {
    const result = await getApi().listPeople({});
    if (result.ok) setPeople(result.value);
    else setMessage({ kind: 'problem', text: problemText(result.error) });
    // problemText reads the current language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one change; on success says so and reloads, on refusal says why. */
  const act: Act = async (change, done) => {
    const result = await change();
    if (!result.ok) {
      setMessage({ kind: 'problem', text: problemText(result.error!) });
      return false;
    }
    setMessage({ kind: 'done', text: done });
    await load();
    onChanged();
    return true;
  };

  const addUser = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await act(
      () =>
        getApi().addPerson({
          name: form.name,
          latinName: form.latinName,
          role: form.role,
          desks: newDesks,
          ...(form.initials.trim() ? { initials: form.initials.trim() } : {}),
          ...(form.pin ? { pin: form.pin } : {}),
        }),
      t('people.done.added', { name: form.name.trim() }),
    );
    if (ok) {
      setForm({ name: '', latinName: '', initials: '', role: 'editor', pin: '' });
      setNewDesks([]);
    }
  };

  const addDesk = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await act(
      () =>
        getApi().addDesk({
          name: desk.name,
          ...(desk.latinName.trim() ? { latinName: desk.latinName.trim() } : {}),
          ...(desk.id.trim() ? { id: desk.id.trim() } : {}),
        }),
      t('people.done.deskAdded', { name: desk.name.trim() }),
    );
    if (ok) setDesk({ name: '', latinName: '', id: '' });
  };

  return (
    <AppModal className="people" labelledBy={`${id}-title`} onClose={onClose} testId="people-screen">
      <div className="people__head">
        <h2 id={`${id}-title`}>{t('people.title')}</h2>
        <button type="button" className="button" onClick={() => onClose()}>
          {t('people.close')}
        </button>
      </div>
      {message ? (
        <p
          className={message.kind === 'problem' ? 'problem' : 'people__done'}
          role={message.kind === 'problem' ? 'alert' : undefined}
          aria-live="polite"
          data-testid="people-message"
        >
          {message.text}
        </p>
      ) : null}

      <section aria-labelledby={`${id}-users`}>
        <h3 id={`${id}-users`}>{t('people.users')}</h3>
        <table className="people__table">
          <thead>
            <tr>
              <th scope="col">{t('people.name')}</th>
              <th scope="col">{t('people.latinName')}</th>
              <th scope="col">{t('people.role')}</th>
              <th scope="col">{t('people.desks')}</th>
              <th scope="col">{t('people.state')}</th>
              <th scope="col">{t('people.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {people?.users.map((user) => (
              <UserRow key={user.id} user={user} desks={people.desks} run={act} />
            ))}
          </tbody>
        </table>

        <form className="people__form" aria-labelledby={`${id}-add`} onSubmit={(e) => void addUser(e)}>
          <h4 id={`${id}-add`}>{t('people.addUser')}</h4>
          <label htmlFor={`${id}-new-name`}>{t('people.name')}</label>
          <input
            id={`${id}-new-name`}
            dir="auto"
            lang="ar"
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
          <label htmlFor={`${id}-new-latin`}>{t('people.latinName')}</label>
          <input
            id={`${id}-new-latin`}
            dir="ltr"
            lang="en"
            value={form.latinName}
            onChange={(e) => setForm({ ...form, latinName: e.target.value })}
          />
          <label htmlFor={`${id}-new-initials`}>{t('people.initials')}</label>
          <input
            id={`${id}-new-initials`}
            dir="auto"
            maxLength={4}
            value={form.initials}
            placeholder={t('people.initialsHint')}
            onChange={(e) => setForm({ ...form, initials: e.target.value })}
          />
          <label htmlFor={`${id}-new-role`}>{t('people.role')}</label>
          <select
            id={`${id}-new-role`}
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`workflow.role.${role}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-new-pin`}>{t('workflow.pin')}</label>
          <input
            id={`${id}-new-pin`}
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            dir="ltr"
            value={form.pin}
            placeholder={t('workflow.pinHint')}
            onChange={(e) => setForm({ ...form, pin: e.target.value })}
          />
          <fieldset>
            <legend>{t('people.desks')}</legend>
            {people?.desks.map((d) => (
              <label key={d.id} className="people__check">
                <input
                  type="checkbox"
                  checked={newDesks.includes(d.id)}
                  onChange={(e) =>
                    setNewDesks((current) =>
                      e.target.checked ? [...current, d.id] : current.filter((x) => x !== d.id),
                    )
                  }
                />{' '}
                {d.name}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button button--primary">
            {t('people.add')}
          </button>
        </form>
      </section>

      <section aria-labelledby={`${id}-desks`}>
        <h3 id={`${id}-desks`}>{t('people.desksTitle')}</h3>
        {people?.desks.map((d) => (
          // Remounted after each reload so its fields start from what was saved.
          <DeskCard
            key={`${d.id}:${d.name}:${d.latinName}:${JSON.stringify(d.checklist)}:${people.users.map((u) => u.desks.join()).join()}`}
            desk={d}
            users={people.users}
            act={act}
          />
        ))}
        {people ? (
          <NoDeskCard
            key={JSON.stringify(people.noDeskChecklist)}
            checklist={people.noDeskChecklist}
            act={act}
          />
        ) : null}
        <form className="people__form" aria-labelledby={`${id}-add-desk`} onSubmit={(e) => void addDesk(e)}>
          <h4 id={`${id}-add-desk`}>{t('people.addDesk')}</h4>
          <label htmlFor={`${id}-desk-name`}>{t('people.deskName')}</label>
          <input
            id={`${id}-desk-name`}
            dir="auto"
            required
            value={desk.name}
            onChange={(e) => setDesk({ ...desk, name: e.target.value })}
          />
          <label htmlFor={`${id}-desk-latin`}>{t('people.deskLatinName')}</label>
          <input
            id={`${id}-desk-latin`}
            dir="ltr"
            value={desk.latinName}
            onChange={(e) => setDesk({ ...desk, latinName: e.target.value })}
          />
          <label htmlFor={`${id}-desk-id`}>{t('people.deskId')}</label>
          <input
            id={`${id}-desk-id`}
            dir="ltr"
            pattern="[a-z0-9][a-z0-9\\-]*"
            value={desk.id}
            placeholder="culture"
            onChange={(e) => setDesk({ ...desk, id: e.target.value })}
          />
          <button type="submit" className="button button--primary">
            {t('people.createDesk')}
          </button>
        </form>
      </section>
    </AppModal>
  );
}
