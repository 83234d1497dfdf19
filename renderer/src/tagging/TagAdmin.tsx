/**
 * The administrator's tag list: rename, merge or delete a tag across every story in one step,
 * and undo the last such step.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagChange, TagInfo } from '../../../shared/search/api';
import { getApi } from '../api/client';
import type { ChangeEvent } from '../../../shared/team/contract';
import { useTeamLive } from '../settings/team/use-team-live';
import './tagging.css';

export interface TagAdminProps {
  /** stories' tags changed (the open story must be reloaded) */
  onChanged: () => void;
}

type Action = 'rename' | 'merge' | 'delete';

export function TagAdmin({ onChanged }: TagAdminProps) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [tags, setTags] = useState<TagInfo[]>([]);
  const [last, setLast] = useState<TagChange | null>(null);
  const [action, setAction] = useState<Action>('rename');
  const [source, setSource] = useState('');
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await getApi().listTags({});
    if (result.ok) {
      setTags(result.value.tags);
      setLast(result.value.lastChange);
    }
  }, []);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);
  // In team mode the tags are the newsroom's: another workstation's change shows here.
  useTeamLive(
    useCallback(
      (events: ChangeEvent[]) => {
        if (open && events.some((e) => e.kind === 'shared' && e.path.startsWith('newsroom/tag'))) void load();
      },
      [open, load],
    ),
  );

  const done = async (result: Awaited<ReturnType<ReturnType<typeof getApi>['renameTag']>>) => {
    if (!result.ok) return setMessage(t(`errors.${result.error.code}`));
    setMessage(t('tagAdmin.done', { count: result.value.storiesChanged }));
    setSource('');
    setTarget('');
    await load();
    onChanged();
  };

  const apply = async () => {
    if (!source) return;
    const api = getApi();
    if (action === 'delete') return done(await api.deleteTag({ name: source }));
    if (!target.trim()) return;
    return done(
      action === 'rename'
        ? await api.renameTag({ from: source, to: target })
        : await api.mergeTags({ from: [source], into: target }),
    );
  };

  return (
    <div className="tag-admin">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((o) => !o)}
      >
        {t('tagAdmin.open')}
      </button>
      {open ? (
        <section id={`${id}-panel`} className="tag-admin__panel" aria-label={t('tagAdmin.heading')}>
          <ul className="tag-admin__list" aria-label={t('tagAdmin.all')}>
            {tags.map((tag) => (
              <li key={tag.name}>
                <bdi>{tag.name}</bdi>{' '}
                <span className="combobox__meta">{t('tagging.tagCount', { count: tag.count })}</span>
              </li>
            ))}
          </ul>
          <form
            className="tag-admin__form"
            onSubmit={(event) => {
              event.preventDefault();
              void apply();
            }}
          >
            <label>
              {t('tagAdmin.action')}
              <select value={action} onChange={(e) => setAction(e.target.value as Action)}>
                <option value="rename">{t('tagAdmin.rename')}</option>
                <option value="merge">{t('tagAdmin.merge')}</option>
                <option value="delete">{t('tagAdmin.delete')}</option>
              </select>
            </label>
            <label>
              {t('tagAdmin.source')}
              <select value={source} onChange={(e) => setSource(e.target.value)}>
                <option value="">—</option>
                {tags.map((tag) => (
                  <option key={tag.name} value={tag.name}>
                    {tag.name}
                  </option>
                ))}
              </select>
            </label>
            {action !== 'delete' ? (
              <label>
                {action === 'rename' ? t('tagAdmin.newName') : t('tagAdmin.into')}
                <input
                  type="text"
                  dir="auto"
                  value={target}
                  onChange={(e) => setTarget(e.target.value)}
                  list={`${id}-tags`}
                />
                <datalist id={`${id}-tags`}>
                  {tags.map((tag) => (
                    <option key={tag.name} value={tag.name} />
                  ))}
                </datalist>
              </label>
            ) : null}
            <button type="submit" className="button button--primary">
              {t('tagAdmin.apply')}
            </button>
          </form>
          {message ? <p role="status">{message}</p> : null}
          {last && !last.undone ? (
            <button
              type="button"
              className="button"
              onClick={() => void getApi().undoTagChange({ id: last.id }).then(done)}
            >
              {t('tagAdmin.undo', { what: t(`tagAdmin.${last.kind}`), name: last.from.join('، ') })}
            </button>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
