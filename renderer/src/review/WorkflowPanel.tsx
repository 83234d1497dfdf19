/**
 * The workflow panel of the open story: its status, the actions the current user may take
 * (every one is checked again by the main process), the checklist when it blocks, and the
 * desk chief's review: the word diff since submission or since their last review, the comments
 * anchored in the text, and the story's history.
 */
import { useDateFormat } from '../app/use-date-format';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiErrorShape } from '../../../shared/api/errors';
import type { Story } from '../../../shared/story/schema';
import { ACTIONS, type Comment, type PublicUser, type WorkflowAction } from '../../../shared/workflow/model';
import { judgeTransition, mayEdit } from '../../../shared/workflow/transitions';
import { runChecklist } from '../../../shared/workflow/checklist';
import { deskLabel } from '../../../shared/workflow/desks';
import { useNewsroomSettings } from '../proofing/settings-store';
import { useDeskDirectory } from '../story-body/use-desks';
import { CHECKLIST_ITEMS } from '../../../shared/workflow/model';
import { DateTimePicker } from '../design/DateTimePicker';
import { ariaWorkflowShortcut, workflowShortcutLabel } from '../app/app-shortcuts';
import { useWorkflowShortcuts } from '../app/use-workflow-shortcut';
import { StoryDetails } from './StoryDetails';
import { DetailsSlot } from './details-slot';
import { getApi } from '../api/client';
import { formatCount } from '../i18n';
import { usePersonName } from '../queues/use-person-name';
import { selectComment, setStoryComments, useCommentFocus } from './comment-focus';
import { DiffView, selectionRange } from './DiffView';
import './review.css';

type Revision = ResponseOf<'listRevisions'>[number];
type History = ResponseOf<'getHistory'>;
type HistoryLine = History['entries'][number];

export interface WorkflowPanelProps {
  story: Story;
  user: PublicUser;
  /** saves whatever is pending in the editor; false means the save failed (do nothing) */
  flush: () => Promise<boolean>;
  /** the story changed through the workflow (new status and version) */
  onChanged: (story: Story) => void;
  /** the latest saved version (autosave moves it on); the diff follows it */
  savedVersion?: number;
  /** a new story not stored yet (its first edit stores it): no workflow, history or review yet */
  unstored?: boolean;
  /**
   * someone else has the story open (its lock): no step of the workflow and no embargo is offered,
   * since the main process refuses them until they leave it or it is taken over
   */
  heldByOther?: boolean;
}

/** The side panel's tab last chosen: the next story opens on the same one. */
let lastTab = 'review';

/** Actions shown for this user and story: those a role has at all from this state. */
function visibleActions(story: Story, user: PublicUser): WorkflowAction[] {
  return ACTIONS.filter((action) => {
    const verdict = judgeTransition({
      story,
      action,
      actor: user,
      note: 'x',
      at: new Date(Date.now() + 86_400_000).toISOString(),
      now: new Date(),
    });
    return verdict.ok || !['role', 'state', 'not-author'].includes(verdict.reason);
  });
}

/**
 * The default base of the diff, from the story's history: the version I last reviewed (marked
 * reviewed, returned or approved), else the version last submitted. Both are store revisions.
 */
function defaultBase(entries: HistoryLine[], user: PublicUser, current: number) {
  // The current version counts too: just reviewed (or just submitted) means nothing changed since.
  const earlier = entries.filter((e) => e.version !== undefined && e.version <= current);
  const reviewed = [...earlier]
    .reverse()
    .find(
      (e) =>
        e.actor === user.id &&
        (e.kind === 'reviewed' ||
          (e.kind === 'transition' && ['return', 'approve'].includes(e.action ?? ''))),
    );
  if (reviewed) return { version: reviewed.version!, kind: 'reviewed' as const };
  const submitted = [...earlier].reverse().find((e) => e.kind === 'transition' && e.action === 'submit');
  return submitted ? { version: submitted.version!, kind: 'submitted' as const } : null;
}

/** What happened at a version, for the revision pickers: the workflow event, if any. */
function eventAt(entries: HistoryLine[], version: number): HistoryLine | undefined {
  return [...entries].reverse().find((e) => e.version === version && e.kind !== 'comment');
}

export function WorkflowPanel({
  story,
  user,
  flush,
  onChanged,
  savedVersion,
  unstored = false,
  heldByOther = false,
}: WorkflowPanelProps) {
  const { t, i18n } = useTranslation();
  const nameOf = usePersonName();
  const directory = useDeskDirectory();
  const settings = useNewsroomSettings();
  const id = useId();
  const [note, setNote] = useState('');
  const [publishAt, setPublishAt] = useState('');
  const [problem, setProblem] = useState<{ action?: WorkflowAction; error: ApiErrorShape } | null>(null);
  const [revisions, setRevisions] = useState<Revision[]>([]);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [base, setBase] = useState<Story | null>(null);
  // The newer side of the diff: null is the latest saved version (comments can be added then).
  const [toVersion, setToVersion] = useState<number | null>(null);
  const [target, setTarget] = useState<Story | null>(null);
  const [embargoAt, setEmbargoAt] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const focus = useCommentFocus(story.id);
  const commentList = useRef<HTMLUListElement>(null);
  const [comments, setComments] = useState<Comment[]>([]);
  const [history, setHistory] = useState<History | null>(null);
  // The text as last saved, which the diff and the comments are about.
  const [current, setCurrent] = useState<Story>(story);
  const [commentText, setCommentText] = useState('');
  const [replies, setReplies] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const diffRoot = useRef<HTMLDivElement>(null);
  // The last words selected in the diff: typing the comment moves the page selection away.
  const [picked, setPicked] = useState<{ block: number; start: number; end: number; quote: string } | null>(
    null,
  );
  useEffect(() => {
    const onSelection = () => {
      const range = selectionRange(diffRoot.current);
      if (range) setPicked({ ...range, quote: window.getSelection()?.toString() ?? '' });
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, []);
  const formatTime = useDateFormat();
  // A new story opens on its details (slug and desk come first), the tab it keeps once stored.
  const [tab, setTab] = useState(unstored ? 'details' : lastTab);
  const chooseTab = (key: string) => {
    lastTab = key;
    setTab(key);
  };

  const reload = useCallback(async () => {
    const api = getApi();
    const [points, notes, past, latest] = await Promise.all([
      api.listRevisions({ id: story.id }),
      api.listComments({ id: story.id }),
      api.getHistory({ id: story.id }),
      api.getStory({ id: story.id }),
    ]);
    if (latest.ok) setCurrent(latest.value);
    if (points.ok) setRevisions(points.value);
    if (notes.ok) {
      setComments(notes.value);
      setStoryComments(story.id, notes.value);
    }
    if (past.ok) setHistory(past.value);
  }, [story.id]);

  useEffect(() => {
    if (!unstored) void reload();
  }, [reload, story.version, savedVersion, unstored]);

  const entries = useMemo(() => history?.entries ?? [], [history]);
  const chosen = useMemo(() => {
    if (baseVersion !== null) return { version: baseVersion, kind: 'chosen' as const };
    return defaultBase(entries, user, current.version);
  }, [baseVersion, entries, user, current.version]);

  // The chosen comment (in the text or the list) is brought into view in the list.
  useEffect(() => {
    if (focus.selected && focus.from === 'text') {
      commentList.current
        ?.querySelector(`[data-comment="${focus.selected}"]`)
        ?.scrollIntoView({ block: 'nearest' });
    }
  }, [focus.selected, focus.from]);

  useEffect(() => {
    if (toVersion === null || toVersion >= current.version) {
      setTarget(null);
      return;
    }
    let cancelled = false;
    void getApi()
      .getRevision({ id: story.id, version: toVersion })
      .then((result) => {
        if (!cancelled && result.ok) setTarget(result.value);
      });
    return () => {
      cancelled = true;
    };
  }, [toVersion, current.version, story.id]);

  useEffect(() => {
    const version = chosen?.version;
    if (!version) {
      setBase(null);
      return;
    }
    let cancelled = false;
    void getApi()
      .getRevision({ id: story.id, version })
      .then((result) => {
        if (!cancelled && result.ok) setBase(result.value);
      });
    return () => {
      cancelled = true;
    };
  }, [chosen?.version, story.id]);

  const act = async (action: WorkflowAction) => {
    if (busy) return;
    setBusy(true);
    try {
      if (!(await flush())) return;
      const scheduling = action === 'schedule' || (action === 'approve' && publishAt !== '');
      const result = await getApi().transitionStory({
        id: story.id,
        action,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(scheduling && publishAt ? { at: new Date(publishAt).toISOString() } : {}),
      });
      if (!result.ok) {
        setProblem({ action, error: result.error });
        return;
      }
      setProblem(null);
      setNote('');
      setPublishAt('');
      // Items the checklist only warns about are said once the step is done (the history keeps them).
      const past = await getApi().getHistory({ id: story.id });
      const step = past.ok ? past.value.entries.findLast((entry) => entry.kind === 'transition') : undefined;
      const warnings = typeof step?.detail?.warnings === 'string' ? step.detail.warnings.split(',') : [];
      setNotice(
        warnings.length
          ? t('workflow.doneWithWarnings', {
              action: t(`workflow.action.${action}`),
              items: warnings.map((item) => t(`workflow.item.${item}`)).join(t('editing.listSeparator')),
            })
          : null,
      );
      onChanged(result.value);
    } finally {
      setBusy(false);
    }
  };

  const markReviewed = async () => {
    if (!(await flush())) return;
    const result = await getApi().markReviewed({ id: story.id });
    if (!result.ok) return setProblem({ error: result.error });
    setProblem(null);
    // The diff starts again from what was just read.
    setBaseVersion(null);
    setToVersion(null);
    setNotice(
      t('reviewing.markedReviewed', { version: formatCount(result.value.version ?? current.version) }),
    );
    await reload();
  };

  const changeEmbargo = async (until: string | null) => {
    if (busy) return;
    if (until !== null && Number.isNaN(Date.parse(until))) {
      setProblem({
        error: {
          code: 'invalid-request',
          detail: 'time',
          issues: [{ path: 'reason', message: 'time-required' }],
        },
      });
      return;
    }
    setBusy(true);
    try {
      if (!(await flush())) return;
      const result = await getApi().setEmbargo({
        id: story.id,
        until: until === null ? null : new Date(until).toISOString(),
      });
      if (!result.ok) {
        setProblem({ error: result.error });
        return;
      }
      setProblem(null);
      setEmbargoAt('');
      setNotice(until === null ? t('reviewing.embargoCleared') : t('reviewing.embargoSet'));
      onChanged(result.value);
    } finally {
      setBusy(false);
    }
  };

  const addComment = async () => {
    const range = picked;
    if (!range) {
      setProblem({
        error: { code: 'invalid-request', detail: 'select', issues: [{ path: 'reason', message: 'select' }] },
      });
      return;
    }
    const { block, start, end } = range;
    const result = await getApi().addComment({ id: story.id, block, start, end, text: commentText });
    // Comments are anchored in the saved text: the diff shows the saved text too.
    if (!result.ok) return setProblem({ error: result.error });
    setProblem(null);
    setCommentText('');
    setPicked(null);
    await reload();
  };

  const reply = async (commentId: string) => {
    const text = replies[commentId]?.trim();
    if (!text) return;
    const result = await getApi().replyToComment({ id: story.id, commentId, text });
    if (!result.ok) return setProblem({ error: result.error });
    setReplies((current) => ({ ...current, [commentId]: '' }));
    await reload();
  };

  const setResolved = async (commentId: string, resolved: boolean) => {
    const result = await getApi().setCommentResolved({ id: story.id, commentId, resolved });
    if (!result.ok) return setProblem({ error: result.error });
    await reload();
  };

  const actions = unstored || heldByOther ? [] : visibleActions(story, user);
  // The levels that apply to this story: its desk's, or those of stories without a desk; the
  // headline limit is the newsroom's one setting, the number the proofing guide shows.
  const storyDesk = current.desk ? directory.desks.find((d) => d.id === current.desk) : undefined;
  const checklist = runChecklist(
    current,
    storyDesk?.checklist ?? directory.noDeskChecklist,
    'approve',
    settings.headlineLimit,
  );
  const after = target ?? current;
  const revisionLabel = (revision: Revision) => {
    const event = eventAt(entries, revision.version);
    return event
      ? t('workflow.diffVersion', {
          version: formatCount(revision.version),
          event:
            event.kind === 'transition' && event.action
              ? t(`workflow.action.${event.action}`)
              : t(`workflow.event.${event.kind}`),
          name: nameOf(event.actor, event.actorName),
        })
      : t('reviewing.revisionSaved', {
          version: formatCount(revision.version),
          time: formatTime(revision.at),
        });
  };
  // An embargo changes the story: offered to whom may change it now (the contract's `story-editor`
  // rule), in a state where an embargo still means something (not once the story is out).
  const embargoable =
    !unstored &&
    !heldByOther &&
    mayEdit(story, user).ok &&
    !['published', 'corrected', 'correction', 'killed', 'unpublished'].includes(story.status);
  const reason = problem?.error.issues?.find((issue) => issue.path === 'reason')?.message;
  const blocking =
    problem?.error.issues?.filter((issue) => issue.path === 'checklist').map((issue) => issue.message) ?? [];
  const open = comments.filter((comment) => !comment.resolved).length;
  const actionLabel = (action: WorkflowAction) =>
    action === 'approve' && publishAt ? t('workflow.approveAndSchedule') : t(`workflow.action.${action}`);
  // Each action shown here also answers its shortcut (listed in the shortcuts sheet).
  useWorkflowShortcuts(busy ? [] : [...actions, 'mark-reviewed'], (shortcut) => {
    if (shortcut === 'mark-reviewed') void markReviewed();
    else if (shortcut !== 'take-over') void act(shortcut);
  });

  return (
    <section className="workflow" aria-labelledby={`${id}-title`} data-testid="workflow-panel">
      <h2 id={`${id}-title`} className="workflow__title">
        {t('workflow.panel')}
        <span className={`status-badge status-badge--${story.status}`} data-testid="workflow-status">
          {t(`status.${story.status}`)}
        </span>
      </h2>
      {story.publishAt ? (
        <p className="workflow__fact">{t('workflow.scheduledFor', { time: formatTime(story.publishAt) })}</p>
      ) : null}
      {story.embargo ? (
        <p className="workflow__fact">
          <span className="embargo-badge" data-testid="embargo-badge">
            {t('reviewing.embargoBadge', { time: formatTime(story.embargo) })}
          </span>
        </p>
      ) : null}
      {notice && !problem ? (
        <p className="workflow__fact" aria-live="polite" data-testid="workflow-notice">
          {notice}
        </p>
      ) : null}
      {story.correction ? (
        <p className="workflow__fact" dir={story.direction} lang={story.language}>
          {t('workflow.correctionNote', { sequence: story.correction.sequence, note: story.correction.note })}
        </p>
      ) : null}

      {unstored ? (
        <p className="workflow__fact" data-testid="workflow-unstored">
          {t('workflow.unstored')}
        </p>
      ) : null}
      {actions.length > 0 ? (
        <div className="workflow__actions" role="group" aria-label={t('workflow.actions')}>
          <label htmlFor={`${id}-note`}>{t('workflow.note')}</label>
          <textarea
            id={`${id}-note`}
            dir="auto"
            rows={2}
            value={note}
            placeholder={t('workflow.noteHint')}
            onChange={(event) => setNote(event.target.value)}
          />
          {actions.includes('schedule') || actions.includes('approve') ? (
            <>
              <DateTimePicker
                label={t('workflow.publishAt')}
                value={publishAt}
                min={new Date()}
                granularity="second"
                onChange={setPublishAt}
              />
            </>
          ) : null}
          <div className="workflow__buttons">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                className={`button${action === 'submit' || action === 'approve' || action === 'publish' ? ' button--primary' : ''}`}
                disabled={busy}
                title={`${actionLabel(action)} (${workflowShortcutLabel(action)})`}
                aria-keyshortcuts={ariaWorkflowShortcut(action)}
                onClick={() => void act(action)}
              >
                {actionLabel(action)}
              </button>
            ))}
          </div>
        </div>
      ) : null}

      {embargoable ? (
        <div className="workflow__embargo" role="group" aria-label={t('reviewing.embargoGroup')}>
          <DateTimePicker
            label={t('reviewing.embargoUntil')}
            value={embargoAt}
            granularity="second"
            onChange={setEmbargoAt}
          />
          <button
            type="button"
            className="button"
            disabled={busy || !embargoAt}
            onClick={() => void changeEmbargo(embargoAt)}
          >
            {t('workflow.setEmbargo')}
          </button>
          {story.embargo ? (
            <button type="button" className="button" disabled={busy} onClick={() => void changeEmbargo(null)}>
              {t('workflow.clearEmbargo')}
            </button>
          ) : null}
        </div>
      ) : story.status === 'scheduled' ? (
        <p className="workflow__hint" data-testid="embargo-unavailable">
          {t('workflow.reason.embargo-and-schedule')}
        </p>
      ) : null}
      {problem ? (
        <div className="problem" role="alert" data-testid="workflow-problem">
          <p>
            {reason === 'select'
              ? t('workflow.selectFirst')
              : reason
                ? t(`workflow.reason.${reason}`)
                : t(`errors.${problem.error.code}`)}
            {reason === 'embargoed' && story.embargo
              ? ` ${t('reviewing.embargoedUntil', { time: formatTime(story.embargo) })}`
              : null}
            {reason === 'embargo-and-schedule' ? ` ${t('reviewing.embargoAndSchedule')}` : null}
          </p>
          {blocking.length > 0 && problem.action ? (
            <>
              <p>{t('workflow.checklistBlocked', { action: t(`workflow.action.${problem.action}`) })}</p>
              <ul className="workflow__checklist" aria-label={t('workflow.checklist')}>
                {blocking.map((item) => (
                  <li key={item} data-item={item}>
                    {t(`workflow.item.${item}`)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}

      <Tabs
        className="tabs workflow__tabs"
        selectedKey={tab}
        onSelectionChange={(key: Key) => chooseTab(String(key))}
        // A story not stored yet has no versions to compare and no history.
        disabledKeys={unstored ? ['review', 'history'] : []}
      >
        <TabList className="tabs__list" aria-label={t('layout.tabs')}>
          <Tab id="details" className="tabs__tab">
            {t('layout.tab.details')}
          </Tab>
          <Tab id="review" className="tabs__tab">
            {t('layout.tab.review')}
          </Tab>
          <Tab id="checklist" className="tabs__tab">
            {t('layout.tab.checklist')}
          </Tab>
          <Tab id="history" className="tabs__tab">
            {t('layout.tab.history')}
          </Tab>
        </TabList>
        <TabPanel id="details" className="tabs__panel">
          <DetailsSlot />
          <StoryDetails story={current} />
        </TabPanel>
        <TabPanel id="review" className="tabs__panel">
          <section className="review" aria-labelledby={`${id}-review`}>
            <h3 id={`${id}-review`}>{t('workflow.review')}</h3>
            <div className="review__pick">
              <label htmlFor={`${id}-base`}>{t('workflow.diffSince')}</label>{' '}
              <select
                id={`${id}-base`}
                value={chosen?.version ?? ''}
                onChange={(event) => setBaseVersion(event.target.value ? Number(event.target.value) : null)}
              >
                {!chosen ? <option value="">—</option> : null}
                {revisions
                  .filter((r) => r.version <= (toVersion ?? current.version))
                  .map((r) => (
                    <option key={r.version} value={r.version}>
                      {chosen?.version === r.version && chosen.kind === 'submitted'
                        ? t('workflow.diffSinceSubmitted', { version: formatCount(r.version) })
                        : chosen?.version === r.version && chosen.kind === 'reviewed'
                          ? t('workflow.diffSinceReviewed', { version: formatCount(r.version) })
                          : revisionLabel(r)}
                    </option>
                  ))}
              </select>{' '}
              <label htmlFor={`${id}-to`}>{t('reviewing.diffTo')}</label>{' '}
              <select
                id={`${id}-to`}
                value={toVersion ?? ''}
                onChange={(event) => setToVersion(event.target.value ? Number(event.target.value) : null)}
              >
                <option value="">{t('reviewing.latest', { version: formatCount(current.version) })}</option>
                {revisions
                  .filter((r) => r.version > (chosen?.version ?? 0) && r.version < current.version)
                  .map((r) => (
                    <option key={r.version} value={r.version}>
                      {revisionLabel(r)}
                    </option>
                  ))}
              </select>{' '}
              <button
                type="button"
                className="button"
                title={`${t('reviewing.markReviewed')} (${workflowShortcutLabel('mark-reviewed')})`}
                aria-keyshortcuts={ariaWorkflowShortcut('mark-reviewed')}
                onClick={() => void markReviewed()}
              >
                {t('reviewing.markReviewed')}
              </button>
            </div>
            <div ref={diffRoot}>
              {base ? <DiffView before={base} after={after} /> : <p>{t('workflow.noBase')}</p>}
            </div>
          </section>
          <section className="comments" aria-labelledby={`${id}-comments`}>
            <h3 id={`${id}-comments`}>
              {t('workflow.comments')}{' '}
              <span className="comments__count">
                {t('workflow.commentCount', { open, total: comments.length })}
              </span>
            </h3>
            {base && after === current ? (
              <div className="comments__new">
                <p className="comments__hint" dir="auto">
                  {picked ? t('workflow.quote', { quote: picked.quote }) : t('workflow.commentHint')}
                </p>
                <label htmlFor={`${id}-comment`}>{t('workflow.commentText')}</label>
                <textarea
                  id={`${id}-comment`}
                  dir="auto"
                  rows={2}
                  value={commentText}
                  onChange={(event) => setCommentText(event.target.value)}
                />
                <button
                  type="button"
                  className="button"
                  disabled={!commentText.trim()}
                  // Keep the text selection: a mouse down on the button would clear it first.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => void addComment()}
                >
                  {t('workflow.addComment')}
                </button>
              </div>
            ) : null}
            {comments.length === 0 ? <p>{t('workflow.noComments')}</p> : null}
            <ul className="comments__list" ref={commentList}>
              {comments.map((comment) => (
                <li
                  key={comment.id}
                  className={`comment${comment.resolved ? ' comment--resolved' : ''}${focus.selected === comment.id ? ' comment--selected' : ''}`}
                  data-testid="comment"
                  data-comment={comment.id}
                  aria-current={focus.selected === comment.id ? 'true' : undefined}
                >
                  <p className="comment__quote" dir={story.direction} lang={story.language}>
                    {comment.detached || comment.resolved ? (
                      comment.detached ? (
                        t('workflow.detached')
                      ) : (
                        t('workflow.quote', { quote: comment.anchor.quote })
                      )
                    ) : (
                      // Shows the words in the text (highlighted there, and chosen).
                      <button
                        type="button"
                        className="comment__goto"
                        aria-pressed={focus.selected === comment.id}
                        onClick={() => selectComment(comment.id, 'list')}
                      >
                        {t('workflow.quote', { quote: comment.anchor.quote })}
                      </button>
                    )}
                  </p>
                  <p className="comment__text" dir="auto">
                    <strong>{comment.authorName}</strong>: {comment.text}
                  </p>
                  {comment.replies.map((r) => (
                    <p key={r.id} className="comment__reply" dir="auto">
                      <strong>{r.authorName}</strong>: {r.text}
                    </p>
                  ))}
                  <div className="comment__actions">
                    <label className="visually-hidden" htmlFor={`${id}-reply-${comment.id}`}>
                      {t('workflow.replyText')}
                    </label>
                    <input
                      id={`${id}-reply-${comment.id}`}
                      dir="auto"
                      value={replies[comment.id] ?? ''}
                      placeholder={t('workflow.replyText')}
                      onChange={(event) =>
                        setReplies((current) => ({ ...current, [comment.id]: event.target.value }))
                      }
                    />
                    <button type="button" className="button" onClick={() => void reply(comment.id)}>
                      {t('workflow.reply')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => void setResolved(comment.id, !comment.resolved)}
                    >
                      {comment.resolved ? t('workflow.reopen') : t('workflow.resolve')}
                    </button>
                    {comment.resolved ? (
                      <span className="comment__state">{t('workflow.resolved')}</span>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        </TabPanel>
        <TabPanel id="checklist" className="tabs__panel">
          <p className="workflow__fact">{t('layout.checklistIntro')}</p>
          <p className="workflow__fact" data-testid="checklist-source">
            {storyDesk
              ? t('layout.checklistOfDesk', { desk: deskLabel(storyDesk, i18n.language) })
              : t('layout.checklistNoDesk')}{' '}
            {t('layout.checklistHeadlineLimit', {
              limit: t('proofing.characters', {
                count: settings.headlineLimit,
                n: formatCount(settings.headlineLimit),
              }),
            })}
          </p>
          <ul className="checklist" aria-label={t('workflow.checklist')}>
            {CHECKLIST_ITEMS.map((item) => {
              const result = checklist.results.find((entry) => entry.item === item);
              const ok = result?.ok ?? true;
              return (
                <li
                  key={item}
                  className={`checklist__item checklist__item--${ok ? 'ok' : 'missing'}`}
                  data-item={item}
                >
                  <span className="checklist__mark" aria-hidden="true">
                    {ok ? '✓' : '✗'}
                  </span>
                  <span className="checklist__name">{t(`workflow.item.${item}`)}</span>
                  <span className="checklist__state">
                    {ok ? t('layout.checklistOk') : t('layout.checklistMissing')} —{' '}
                    {t(`layout.checklistLevel.${result?.level ?? 'off'}`)}
                  </span>
                </li>
              );
            })}
          </ul>
        </TabPanel>
        <TabPanel id="history" className="tabs__panel">
          <section className="history" aria-labelledby={`${id}-history`}>
            <h3 id={`${id}-history`}>{t('workflow.history')}</h3>
            {history && !history.intact ? <p role="alert">{t('workflow.historyAltered')}</p> : null}
            <ol className="history__list">
              {history?.entries.map((entry, index) => (
                <li key={index}>
                  <time dateTime={entry.at}>{formatTime(entry.at)}</time>{' '}
                  <strong>
                    {entry.actor === 'scheduler'
                      ? t('workflow.scheduler')
                      : nameOf(entry.actor, entry.actorName)}
                  </strong>{' '}
                  {entry.kind === 'transition' && entry.action
                    ? t(`workflow.action.${entry.action}`)
                    : t(`workflow.event.${entry.kind}`)}
                  {entry.note ? (
                    <>
                      {' — '}
                      <q dir="auto">{entry.note}</q>
                    </>
                  ) : null}
                  {entry.kind === 'lock-taken-over' && entry.detail?.fromName ? (
                    <>
                      {' — '}
                      {entry.detail.keptDraft === true
                        ? t('reviewing.takenFromKept', { name: String(entry.detail.fromName) })
                        : // a take-over recorded before kept drafts: the text went into a revision
                          typeof entry.detail.rescuedVersion === 'number'
                          ? t('reviewing.takenFromRescued', {
                              name: String(entry.detail.fromName),
                              version: formatCount(entry.detail.rescuedVersion),
                            })
                          : t('reviewing.takenFrom', { name: String(entry.detail.fromName) })}
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        </TabPanel>
      </Tabs>
    </section>
  );
}
