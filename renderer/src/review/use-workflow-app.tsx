/**
 * The workflow's part of the workstation window, kept out of App: the current user and the PIN
 * switch, the queues and their counts, story locks (who holds what; read-only for the others;
 * a desk chief's takeover), and the workflow panel under the open story.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorShape } from '../../../shared/api/errors';
import { summarize, type Story, type StorySummary } from '../../../shared/story/schema';
import type { QueueId, StoryLock } from '../../../shared/workflow/model';
import { QUEUES } from '../../../shared/workflow/model';
import { queueFilter, type QueueUser } from '../../../shared/workflow/queues';
import type { StoryListFilter } from '../../../shared/story/list';
import { mayEdit } from '../../../shared/workflow/transitions';
import { chiefOfDesk, roleAllows } from '../../../shared/api/policy';
import { personLabel } from '../../../shared/workflow/desks';
import { getApi } from '../api/client';
import { ariaWorkflowShortcut, workflowShortcutLabel } from '../app/app-shortcuts';
import { useWorkflowShortcuts } from '../app/use-workflow-shortcut';
import { IdentityBar } from '../queues/IdentityBar';
import { QueueNav } from '../queues/QueueNav';
import { useSession } from '../queues/use-session';
import { ReadOnlyStory } from './ReadOnlyStory';
import { WorkflowPanel } from './WorkflowPanel';
import { TakeoverNotice, type Takeover } from './TakeoverNotice';
import { useTeamLive } from '../settings/team/use-team-live';

/** How often the list, the queues and the locks are refreshed from the main process. */
const REFRESH_MS = 4000;
/** Stories a page of the list adds ("more"); the list never asks for more than `LIST_SHOWN_MAX`. */
export const LIST_PAGE = 50;
export const LIST_SHOWN_MAX = 500;

/** A queue's count, as the backend gave it. */
export interface QueueCount {
  total: number;
  totalAtLeast?: boolean;
}

/** What the list pane shows of the list or the chosen queue: the backend's page. */
export interface ShownList {
  total: number;
  totalAtLeast?: boolean;
  /** the backend could not be reached: only the stories kept on this workstation */
  offline?: boolean;
}

/** The filter of what the list shows: the whole list, or a queue (null: a queue empty for this user). */
function shownFilter(queue: QueueId | null, user: QueueUser | null): StoryListFilter | null {
  if (!queue) return {};
  return user ? queueFilter(queue, user, new Date()) : null;
}

/** The story in the middle pane; `unstored`: a new story its first edit has not stored yet. */
export interface OpenStory {
  story: Story;
  fresh: boolean;
  unstored?: boolean;
}

export interface WorkflowAppOptions {
  open: OpenStory | null;
  setOpen: (open: OpenStory | null) => void;
  stories: StorySummary[] | null;
  setStories: (update: (current: StorySummary[] | null) => StorySummary[] | null) => void;
  /** saves whatever is pending in the open story; false: stay where you are */
  flush: () => Promise<boolean>;
  report: (error: ApiErrorShape | null) => void;
}

export function useWorkflowApp({ open, setOpen, stories, setStories, flush, report }: WorkflowAppOptions) {
  const { t, i18n } = useTranslation();
  const { session, switchUser, refresh: refreshSession } = useSession();
  const [queue, setQueue] = useState<QueueId | null>(null);
  const [limit, setLimit] = useState(LIST_PAGE);
  const [shown, setShown] = useState<ShownList | null>(null);
  const [counts, setCounts] = useState<Record<QueueId, QueueCount> | null>(null);
  /** the open story's latest saved version (it may be in no page shown) */
  const [saved, setSaved] = useState<{ id: string; version: number } | null>(null);
  const [locks, setLocks] = useState<StoryLock[]>([]);
  // `asked`: how many refreshes had started when this lock was learnt; only a list of locks asked for
  // later can say it was taken over (an older list still shows whoever held it before).
  const [lock, setLock] = useState<{
    storyId: string;
    mine: boolean;
    lock: StoryLock | null;
    asked: number;
  } | null>(null);
  const refreshes = useRef(0);
  const locksAsked = useRef(0);
  const [takeover, setTakeover] = useState<Takeover | null>(null);
  const user = session?.user ?? null;
  const openId = open?.story.id ?? null;
  const unstored = open?.unstored ?? false;
  const signedIn = useRef<string | null>(null);
  signedIn.current = user?.id ?? null;

  // Only what is shown is asked for: the page of the list or queue shown, and each queue's count.
  const listAsked = useRef(0);
  // The queues follow who the user is, not each new copy of the session.
  const userKey = user ? JSON.stringify([user.id, user.role, user.desks]) : null;
  const queueUser = useMemo<QueueUser | null>(
    () => (userKey ? (([id, role, desks]) => ({ id, role, desks }))(JSON.parse(userKey)) : null),
    [userKey],
  );
  const refresh = useCallback(async () => {
    const api = getApi();
    const asked = ++refreshes.current;
    const user = queueUser;
    const filter = shownFilter(queue, user);
    const queueFilters = user ? QUEUES.map((id) => queueFilter(id, user, new Date())) : [];
    const counted = queueFilters.filter((f): f is StoryListFilter => f !== null);
    const [list, held, numbers] = await Promise.all([
      filter ? api.listStories({ filter, limit }) : null,
      api.listLocks({}),
      counted.length ? api.countStories({ filters: counted }) : null,
    ]);
    // A later refresh (another queue chosen meanwhile) wins.
    if (asked > listAsked.current) {
      listAsked.current = asked;
      if (!filter) {
        setStories(() => []);
        setShown({ total: 0 });
      } else if (list?.ok) {
        const { items, ...rest } = list.value;
        setStories(() => items);
        setShown(rest);
      }
      if (numbers?.ok) {
        let at = 0;
        setCounts(
          Object.fromEntries(
            QUEUES.map((id, i) => [id, queueFilters[i] ? numbers.value.counts[at++]! : { total: 0 }]),
          ) as Record<QueueId, QueueCount>,
        );
      }
    }
    if (held.ok && asked > locksAsked.current) {
      locksAsked.current = asked;
      setLocks(held.value);
    }
  }, [setStories, queue, queueUser, limit]);

  // At start, when the queue, the user or the page's length change, and every few seconds.
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const chooseQueue = useCallback(
    (next: QueueId | null) => {
      setQueue(next);
      setLimit(LIST_PAGE);
      setStories(() => null);
      setShown(null);
    },
    [setStories],
  );
  const more = useCallback(() => setLimit((now) => Math.min(now + LIST_PAGE, LIST_SHOWN_MAX)), []);
  // Team mode: another workstation's change refreshes at once, not at the next tick.
  useTeamLive(
    useCallback(
      (events) => {
        if (events.some((event) => event.kind !== 'connection')) void refresh();
      },
      [refresh],
    ),
  );

  // Opening a story takes its lock (or learns who holds it); leaving it gives the lock back.
  // A new story nobody else can see needs none until its first edit stores it (and locks it):
  // it stays editable across that moment, then the lock is learnt as for any story.
  useEffect(() => {
    if (!openId || !user) return;
    if (unstored) {
      setLock({ storyId: openId, mine: true, lock: null, asked: refreshes.current });
      return;
    }
    let cancelled = false;
    void getApi()
      .lockStory({ id: openId })
      .then((result) => {
        if (cancelled) return;
        const asked = refreshes.current;
        setLock(
          result.ok
            ? { storyId: openId, ...result.value, asked }
            : { storyId: openId, mine: false, lock: null, asked },
        );
        void refresh();
      });
    return () => {
      cancelled = true;
      // After a switch of user the lock was given back by `onSwitch`, as its holder; a release sent
      // now would go out as the new user and could undo the lock they are about to take.
      if (signedIn.current === user.id) void getApi().releaseStory({ id: openId });
    };
  }, [openId, user, refresh, unstored]);

  // The lock this workstation's user held was taken over (seen on the next refresh of the locks):
  // say by whom, keep their unsaved text for them (a save now is refused and kept), offer it to
  // copy, and show the story read-only from now on.
  useEffect(() => {
    if (!openId || !user || !lock?.mine || lock.storyId !== openId) return;
    if (locksAsked.current <= lock.asked) return;
    const now = locks.find((held) => held.storyId === openId);
    if (!now || now.holder === user.id) return;
    let cancelled = false;
    void (async () => {
      const api = getApi();
      // What was typed since the last save goes out now: refused for the lock, it is kept for
      // this user with the rest of their unsaved text (never written into the story).
      await flush();
      // The new holder's lock shows before the take-over's history line is written (the unsaved
      // text is kept in between): ask again for a few seconds before telling less than it knows.
      const takenOverLine = async () => {
        for (let attempt = 0; attempt < 10 && !cancelled; attempt += 1) {
          const past = await api.getHistory({ id: openId });
          const line = past.ok
            ? [...past.value.entries].reverse().find(
                (e) =>
                  e.kind === 'lock-taken-over' &&
                  e.detail?.from === user.id &&
                  // this take-over's line, not one of an earlier take-over of the same story
                  Date.parse(e.at) >= Date.parse(now.since) - 5_000,
              )
            : undefined;
          if (line) return line;
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return undefined;
      };
      const entry = await takenOverLine();
      const [fresh, kept] = await Promise.all([
        api.getStory({ id: openId }),
        api.getTakenOverDraft({ id: openId }),
      ]);
      if (cancelled) return;
      setTakeover({
        storyId: openId,
        // Names in the interface's language; those recorded at the time for someone no longer listed.
        byName: personLabel(
          session?.users,
          entry?.actor ?? now.holder,
          entry?.actorName ?? now.holderName,
          i18n.language,
        ),
        fromName: personLabel(
          [...(session?.users ?? []), user],
          typeof entry?.detail?.from === 'string' ? entry.detail.from : user.id,
          (typeof entry?.detail?.fromName === 'string' && entry.detail.fromName) || user.name,
          i18n.language,
        ),
        at: entry?.at ?? now.since,
        byRole: session?.users.find((u) => u.id === (entry?.actor ?? now.holder))?.role ?? 'desk-chief',
        kept: kept.ok,
      });
      setLock({ storyId: openId, mine: false, lock: now, asked: refreshes.current });
      if (fresh.ok) setOpen({ story: fresh.value, fresh: false });
    })();
    return () => {
      cancelled = true;
    };
  }, [locks, lock, openId, user, session, setOpen, flush]);

  const onSwitch = useCallback(
    async (userId: string, pin: string) => {
      if (!(await flush())) return 'conflict';
      // Give the lock back as the user who holds it, before the identity changes.
      if (openId && !unstored) await getApi().releaseStory({ id: openId });
      const error = await switchUser(userId, pin);
      if (error) return error.issues?.find((issue) => issue.path === 'reason')?.message ?? error.code;
      setLock(null);
      setTakeover(null);
      chooseQueue(null);
      // A new story the first user left untouched was theirs, and is gone with them.
      if (openId && unstored) setOpen(null);
      else if (openId) {
        const result = await getApi().getStory({ id: openId });
        if (result.ok) setOpen({ story: result.value, fresh: false });
      }
      await refresh();
      return null;
    },
    [flush, switchUser, openId, unstored, setOpen, refresh, chooseQueue],
  );

  const onChanged = useCallback(
    (story: Story) => {
      setStories((current) =>
        current ? current.map((entry) => (entry.id === story.id ? summarize(story) : entry)) : current,
      );
      setSaved({ id: story.id, version: story.version });
      setOpen({ story, fresh: false });
    },
    [setOpen, setStories],
  );

  const takeOver = useCallback(async () => {
    if (!openId) return;
    const result = await getApi().takeOverLock({ id: openId });
    if (!result.ok) return report(result.error);
    const fresh = await getApi().getStory({ id: openId });
    if (fresh.ok) setOpen({ story: fresh.value, fresh: false });
    setLock({ storyId: openId, mine: true, lock: result.value, asked: refreshes.current });
  }, [openId, report, setOpen]);

  // The take-over button's shortcut works while the button is shown (a lock held by someone else).
  // Offered only to whom the contract's `takeOverLock` policy allows: a chief of the story's desk.
  const mayTakeOver = Boolean(
    user &&
    open &&
    roleAllows('desk-chief', user.role) &&
    (user.role === 'admin' || chiefOfDesk(user, open.story.desk)) &&
    lock &&
    lock.storyId === openId &&
    lock.lock &&
    lock.lock.holder !== user.id,
  );
  useWorkflowShortcuts(mayTakeOver ? ['take-over'] : [], () => void takeOver());

  const lockNames = useMemo(
    () =>
      Object.fromEntries(
        locks
          .filter((l) => l.holder !== user?.id)
          .map((l) => [l.storyId, personLabel(session?.users, l.holder, l.holderName, i18n.language)]),
      ),
    [locks, user, session, i18n.language],
  );

  /** The open story: the editor when this user holds the lock and may edit, a read-only view otherwise. */
  const renderStory = (story: Story, editor: ReactNode): ReactNode => {
    if (!user || !lock || lock.storyId !== story.id) return null;
    const editable = lock.mine && mayEdit(story, user).ok;
    const heldByOther = lock.lock && lock.lock.holder !== user.id;
    return (
      <>
        {editable ? (
          editor
        ) : (
          <ReadOnlyStory
            story={story}
            notice={
              <>
                {takeover?.storyId === story.id ? <TakeoverNotice takeover={takeover} /> : null}
                <p>
                  {heldByOther
                    ? `${t('workflow.lockedBy', {
                        name: personLabel(
                          session?.users,
                          lock.lock!.holder,
                          lock.lock!.holderName,
                          i18n.language,
                        ),
                      })} — ${t('workflow.readOnly')}`
                    : t('workflow.readOnlyState')}
                </p>
              </>
            }
          />
        )}
        {heldByOther && mayTakeOver ? (
          <button
            type="button"
            className="button"
            title={`${t('workflow.takeOver')} (${workflowShortcutLabel('take-over')})`}
            aria-keyshortcuts={ariaWorkflowShortcut('take-over')}
            onClick={() => void takeOver()}
          >
            {t('workflow.takeOver')}
          </button>
        ) : null}
      </>
    );
  };

  /** The side panel of the open story: its workflow, review, checklist and history. */
  const renderPanel = (story: Story): ReactNode => {
    if (!user || !lock || lock.storyId !== story.id) return null;
    return (
      <WorkflowPanel
        key={story.id}
        story={story}
        unstored={unstored && story.id === openId}
        heldByOther={Boolean(lock?.storyId === story.id && lock.lock && lock.lock.holder !== user.id)}
        user={user}
        flush={flush}
        onChanged={onChanged}
        savedVersion={Math.max(
          saved?.id === story.id ? saved.version : 0,
          stories?.find((entry) => entry.id === story.id)?.version ?? 0,
        )}
      />
    );
  };

  return {
    identity: (
      <IdentityBar session={session} onSwitch={onSwitch} onPeopleChanged={() => void refreshSession()} />
    ),
    queueNav: <QueueNav counts={user ? counts : null} selected={queue} onSelect={chooseQueue} />,
    visibleStories: stories,
    /** the list's total and state, and `more` while the list has more to show */
    shown,
    more:
      shown && stories && stories.length < shown.total && limit < LIST_SHOWN_MAX && stories.length >= limit
        ? more
        : undefined,
    /** the list shows as much as it ever asks for: search finds the older stories */
    limitReached: Boolean(shown && limit >= LIST_SHOWN_MAX && (stories?.length ?? 0) < shown.total),
    /** the open story was saved (autosave): its version for the panel's history */
    storySaved: (story: Story) => setSaved({ id: story.id, version: story.version }),
    lockNames,
    renderStory,
    renderPanel,
    userId: user?.id ?? null,
    /** the role of the user at the keyboard, for controls that follow the contract's policies */
    userRole: user?.role ?? null,
  };
}
