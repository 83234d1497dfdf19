/**
 * The administrator's publishing screen: the channels (a folder a web server serves, or a
 * webhook that receives ninjs), each with the desks it serves, enable/disable, a Test button and
 * its result, and delete; a form to add one; the watched wire folder; and the delivery log of every channel.
 */
import { Fragment, useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelTestResult, PublicChannel } from '../../../shared/publishing/model';
import type { Desk } from '../../../shared/workflow/model';
import { getApi } from '../api/client';
import { DeliveryLog } from './DeliveryLog';
import { choiceOf, DeskChooser, desksOf, useDesksLabel, type DeskChoice } from './DeskChooser';
import { errorMessage, reasonMessage } from './messages';
import { PlaceField } from '../jobs/PlaceField';
import { WatchFolderForm } from './WatchFolderForm';
import { OutletEditor } from './OutletEditor';
import './publishing.css';

type TestState = { running: true } | { running: false; result: ChannelTestResult };

/** A channel as the form sends it back: the secret empty, so the one set is kept. */
function inputOf(channel: PublicChannel, changes: Partial<ChannelInput>): ChannelInput {
  const { http, ...rest } = channel;
  return {
    ...rest,
    ...(http ? { http: { url: http.url, timeoutMs: http.timeoutMs, secret: '' } } : {}),
    ...changes,
  } as ChannelInput;
}

export function ChannelsScreen() {
  const { t } = useTranslation();
  const [channels, setChannels] = useState<PublicChannel[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  const [desks, setDesks] = useState<Desk[]>([]);
  /** the channel whose desks are being chosen, with the choice so far */
  const [editing, setEditing] = useState<{ id: string; choice: DeskChoice } | null>(null);
  /** the folder channel whose outlet (name and logo) is being set */
  const [outlet, setOutlet] = useState<string | null>(null);
  const desksLabel = useDesksLabel(desks);

  const load = useCallback(async () => {
    const [result, session] = await Promise.all([getApi().listChannels({}), getApi().getSession({})]);
    if (session.ok) setDesks(session.value.desks);
    if (!result.ok) return setProblem(errorMessage(t, result.error));
    setChannels(result.value);
  }, [t]);
  useEffect(() => void load(), [load]);

  const update = async (channel: PublicChannel, change: Partial<ChannelInput>) => {
    const result = await getApi().updateChannel({ channel: inputOf(channel, change) });
    setProblem(result.ok ? null : errorMessage(t, result.error));
    await load();
    return result.ok;
  };

  const saveDesks = async (channel: PublicChannel) => {
    if (!editing) return;
    const value = desksOf(editing.choice);
    if (value === null) return; // the chooser already says a desk must be ticked
    if (await update(channel, { desks: value })) setEditing(null);
  };

  const test = async (channel: PublicChannel) => {
    setTests((current) => ({ ...current, [channel.id]: { running: true } }));
    const result = await getApi().testChannel({ id: channel.id });
    if (!result.ok) {
      setProblem(errorMessage(t, result.error));
      setTests(({ [channel.id]: _, ...rest }) => rest);
      return;
    }
    setTests((current) => ({ ...current, [channel.id]: { running: false, result: result.value } }));
  };

  const remove = async (channel: PublicChannel) => {
    if (confirming !== channel.id) return setConfirming(channel.id);
    setConfirming(null);
    const result = await getApi().deleteChannel({ id: channel.id });
    setProblem(result.ok ? null : errorMessage(t, result.error));
    await load();
  };

  return (
    <section className="publishing" aria-labelledby="channels-title">
      <h2 id="channels-title">{t('publishing.channelsTitle')}</h2>
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      {channels && channels.length === 0 ? <p>{t('publishing.noChannels')}</p> : null}
      {channels && channels.length > 0 ? (
        <table className="publishing-table" aria-label={t('publishing.channelsTable')}>
          <thead>
            <tr>
              <th scope="col">{t('publishing.col.name')}</th>
              <th scope="col">{t('publishing.col.kind')}</th>
              <th scope="col">{t('publishing.col.target')}</th>
              <th scope="col">{t('publishing.col.desks')}</th>
              <th scope="col">{t('publishing.col.internal')}</th>
              <th scope="col">{t('publishing.col.enabled')}</th>
              <th scope="col">{t('publishing.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((channel) => {
              const state = tests[channel.id];
              const choosing = editing?.id === channel.id ? editing : null;
              return (
                <Fragment key={channel.id}>
                  <tr data-channel={channel.id}>
                    <th scope="row">
                      <bdi>{channel.name}</bdi>
                    </th>
                    <td>{t(`publishing.kind.${channel.kind}`)}</td>
                    <td>
                      <bdi dir="ltr" className="publishing__technical">
                        {channel.folder?.path ?? channel.http?.url}
                      </bdi>
                    </td>
                    <td data-desks>
                      <bdi>{desksLabel(channel.desks)}</bdi>
                    </td>
                    <td>{channel.internal ? t('publishing.yes') : t('publishing.no')}</td>
                    <td>{channel.enabled ? t('publishing.yes') : t('publishing.no')}</td>
                    <td>
                      <div className="publishing__actions">
                        <button
                          type="button"
                          className="button"
                          aria-label={t('publishing.testLabel', { name: channel.name })}
                          disabled={state?.running}
                          onClick={() => void test(channel)}
                        >
                          {state?.running ? t('publishing.testing') : t('publishing.test')}
                        </button>
                        <button
                          type="button"
                          className="button"
                          aria-expanded={Boolean(choosing)}
                          aria-label={t('publishing.desks.editLabel', { name: channel.name })}
                          onClick={() =>
                            setEditing(choosing ? null : { id: channel.id, choice: choiceOf(channel.desks) })
                          }
                        >
                          {t('publishing.desks.edit')}
                        </button>
                        {channel.folder ? (
                          <button
                            type="button"
                            className="button"
                            aria-expanded={outlet === channel.id}
                            aria-label={t('publishing.outlet.editLabel', { name: channel.name })}
                            onClick={() => setOutlet(outlet === channel.id ? null : channel.id)}
                          >
                            {t('publishing.outlet.edit')}
                          </button>
                        ) : null}
                        <button
                          type="button"
                          className="button"
                          aria-label={t(
                            channel.enabled ? 'publishing.disableLabel' : 'publishing.enableLabel',
                            {
                              name: channel.name,
                            },
                          )}
                          onClick={() => void update(channel, { enabled: !channel.enabled })}
                        >
                          {channel.enabled ? t('publishing.disable') : t('publishing.enable')}
                        </button>
                        <button
                          type="button"
                          className="button button--danger"
                          aria-label={t(
                            confirming === channel.id ? 'publishing.deleteConfirm' : 'publishing.deleteLabel',
                            {
                              name: channel.name,
                            },
                          )}
                          onClick={() => void remove(channel)}
                        >
                          {confirming === channel.id
                            ? t('publishing.deleteConfirmShort')
                            : t('publishing.delete')}
                        </button>
                      </div>
                      <p
                        className="publishing__test"
                        role="status"
                        data-test-result={state && !state.running ? String(state.result.ok) : undefined}
                      >
                        {state && !state.running
                          ? state.result.ok
                            ? t('publishing.testOk')
                            : t('publishing.testFailed', {
                                reason: reasonMessage(t, state.result.reason ?? 'channel-io'),
                              })
                          : ''}
                      </p>
                    </td>
                  </tr>
                  {choosing ? (
                    <tr data-desks-editor={channel.id}>
                      <td colSpan={7}>
                        <DeskChooser
                          desks={desks}
                          value={choosing.choice}
                          legend={t('publishing.desks.legendOf', { name: channel.name })}
                          onChange={(choice) => setEditing({ id: channel.id, choice })}
                        />
                        <div className="publishing__actions">
                          <button
                            type="button"
                            className="button button--primary"
                            disabled={desksOf(choosing.choice) === null}
                            onClick={() => void saveDesks(channel)}
                          >
                            {t('publishing.desks.save')}
                          </button>
                          <button type="button" className="button" onClick={() => setEditing(null)}>
                            {t('publishing.desks.cancel')}
                          </button>
                        </div>
                      </td>
                    </tr>
                  ) : null}
                  {outlet === channel.id && channel.folder ? (
                    <tr data-outlet-editor={channel.id}>
                      <td colSpan={7}>
                        <OutletEditor
                          channel={channel}
                          onSave={async (folder) => {
                            if (await update(channel, { folder })) setOutlet(null);
                          }}
                          onCancel={() => setOutlet(null)}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <AddChannelForm
        desks={desks}
        onAdded={() => {
          setChanges((n) => n + 1);
          void load();
        }}
      />
      <WatchFolderForm />
      <DeliveryLog canRetry refreshKey={changes} />
    </section>
  );
}

function AddChannelForm({ desks, onAdded }: { desks: Desk[]; onAdded: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<'folder' | 'http'>('folder');
  const [fields, setFields] = useState({
    id: '',
    name: '',
    path: '',
    baseUrl: '',
    siteTitle: '',
    url: '',
    secret: '',
  });
  const [internal, setInternal] = useState(false);
  const [enabled, setEnabled] = useState(true);
  const [deskChoice, setDeskChoice] = useState<DeskChoice>({ mode: 'all', chosen: [] });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (name: keyof typeof fields) => (value: string) =>
    setFields((current) => ({ ...current, [name]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosenDesks = desksOf(deskChoice);
    if (chosenDesks === null) {
      setMessage({ ok: false, text: t('publishing.desks.noneChosen') });
      return;
    }
    const channel: ChannelInput = {
      id: fields.id.trim(),
      name: fields.name.trim(),
      kind,
      internal,
      enabled,
      desks: chosenDesks,
      ...(kind === 'folder'
        ? {
            folder: {
              path: fields.path.trim(),
              baseUrl: fields.baseUrl.trim() || 'https://example.invalid/',
              siteTitle: fields.siteTitle.trim() || fields.name.trim() || 'Mihbara',
            },
          }
        : { http: { url: fields.url.trim(), secret: fields.secret, timeoutMs: 15_000 } }),
    };
    const result = await getApi().createChannel({ channel });
    if (!result.ok) {
      const invalid =
        result.error.code === 'invalid-request' && !result.error.issues?.some((i) => i.path === 'reason');
      setMessage({
        ok: false,
        text: invalid ? t('publishing.add.invalid') : errorMessage(t, result.error),
      });
      return;
    }
    setMessage({ ok: true, text: t('publishing.add.added', { name: result.value.name }) });
    setFields({ id: '', name: '', path: '', baseUrl: '', siteTitle: '', url: '', secret: '' });
    setDeskChoice({ mode: 'all', chosen: [] });
    onAdded();
  };

  const text = (name: keyof typeof fields, label: string, options: { ltr?: boolean; type?: string } = {}) => (
    <div className="publishing-form__field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type={options.type ?? 'text'}
        dir={options.ltr ? 'ltr' : 'auto'}
        value={fields[name]}
        onChange={(event) => set(name)(event.target.value)}
      />
    </div>
  );

  return (
    <form
      className="publishing-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={`${id}-title`}>{t('publishing.add.title')}</h3>
      <div className="publishing-form__field">
        <label htmlFor={`${id}-kind`}>{t('publishing.add.kind')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(event) => setKind(event.target.value as 'folder' | 'http')}
        >
          <option value="folder">{t('publishing.kind.folder')}</option>
          <option value="http">{t('publishing.kind.http')}</option>
        </select>
      </div>
      {text('id', t('publishing.add.id'), { ltr: true })}
      {text('name', t('publishing.add.name'))}
      {kind === 'folder' ? (
        <>
          <PlaceField
            id={`${id}-path`}
            className="publishing-form__field"
            label={t('publishing.add.path')}
            use="channel-folder"
            value={fields.path}
            onChange={set('path')}
          />
          {text('baseUrl', t('publishing.add.baseUrl'), { ltr: true, type: 'url' })}
          {text('siteTitle', t('publishing.add.siteTitle'))}
        </>
      ) : (
        <>
          {text('url', t('publishing.add.url'), { ltr: true, type: 'url' })}
          {text('secret', t('publishing.add.secret'), { ltr: true, type: 'password' })}
        </>
      )}
      <DeskChooser
        desks={desks}
        value={deskChoice}
        legend={t('publishing.desks.legend')}
        onChange={setDeskChoice}
      />
      <div className="publishing-form__check">
        <input
          id={`${id}-internal`}
          type="checkbox"
          checked={internal}
          onChange={(event) => setInternal(event.target.checked)}
        />
        <label htmlFor={`${id}-internal`}>{t('publishing.add.internal')}</label>
      </div>
      <div className="publishing-form__check">
        <input
          id={`${id}-enabled`}
          type="checkbox"
          checked={enabled}
          onChange={(event) => setEnabled(event.target.checked)}
        />
        <label htmlFor={`${id}-enabled`}>{t('publishing.add.enabled')}</label>
      </div>
      <button type="submit" className="button button--primary">
        {t('publishing.add.submit')}
      </button>
      <p role="status" className={message && !message.ok ? 'problem' : undefined}>
        {message?.text ?? ''}
      </p>
    </form>
  );
}
