/**
 * The workflow's domain service: every change of a story's status, embargo, lock and comments
 * goes through here, and every permission is checked here, where the data lives. The Electron
 * shell, the browser bridge and the command line all call this one service.
 */
import { ApiError } from '../../../shared/api/errors';
import { Story, applyStoryEdit, type StoryEdit } from '../../../shared/story/schema';
import { runChecklist } from '../../../shared/workflow/checklist';
import { DEFAULT_SETTINGS } from '../../../shared/text/house-style';
import type { Comment, HistoryEntry, StoryLock, User, WorkflowAction } from '../../../shared/workflow/model';
import { judgeTransition, mayEdit, type RefusalReason } from '../../../shared/workflow/transitions';
import { draftMatches, editOf } from '../store/recovery';
import type { StoryStore } from '../store/types';
import { createCommentBook, type CommentBook } from './comments';
import type { WorkflowFiles } from './files';
import { createHistoryLog, type HistoryLog, type StoryHistory } from './history';
import { createLockTable, DEFAULT_LOCK_IDLE_MS, type LockTable } from './locks';
import { createUserDirectory, type UserDirectory } from './users';
import { oneAtATimePer } from '../one-at-a-time';
import { consoleLogger, type Logger } from '../log';
import { createSettingsService } from '../settings/settings';

/** The actor id the scheduler acts under when it publishes on time. */
export const SCHEDULER = 'scheduler';

export const checkpointFile = (id: string, version: number) => `workflow/checkpoints/${id}/${version}.json`;
export const liveFile = (id: string) => `published/${id}.json`;
export const rescuedFile = (id: string, at: string, user: string) =>
  `workflow/rescued/${id}/${at.replace(/[:.]/g, '-')}-${user}.json`;

/** A copy of the story at a workflow event; the review screen diffs any two of them. */
export interface Checkpoint {
  version: number;
  at: string;
  actor: string;
  actorName: string;
  event: WorkflowAction | 'reviewed' | 'lock-taken-over';
}

export interface TransitionOptions {
  note?: string;
  /** the publish time of `schedule` (or of `approve`, which then schedules) */
  at?: string;
}

/**
 * What other capabilities do around a transition (publishing: electron/core/publishing). `before`
 * runs before the change is committed and may refuse it by throwing (a publication whose channel
 * folder is missing stays approved); `after` runs once it is committed and recorded.
 */
export interface TransitionHooks {
  before?(story: Story, action: WorkflowAction, actor: { id: string; role: User['role'] }): Promise<void>;
  after?(
    story: Story,
    action: WorkflowAction,
    details: { actor: { id: string; name: string }; note?: string },
  ): Promise<unknown>;
}

export interface WorkflowOptions {
  now?: () => Date;
  /** idle time after which a story lock lapses */
  lockIdleMs?: number;
  log?: Logger;
  /** where locks are held (team mode: the newsroom server); default an in-memory table */
  locks?: LockTable;
}

export interface WorkflowService {
  readonly users: UserDirectory;
  readonly locks: LockTable;
  readonly comments: CommentBook;
  readonly history: HistoryLog;
  /** adds hooks run around every transition (publishing registers one) */
  addTransitionHooks(hooks: TransitionHooks): void;
  /** moves a story through the workflow as `actorId`; refused with a reason when not allowed */
  transition(
    id: string,
    action: WorkflowAction,
    actorId: string,
    options?: TransitionOptions,
  ): Promise<Story>;
  /** the scheduler's publication of a scheduled story whose time has come */
  publishScheduled(id: string, caughtUp: boolean): Promise<Story>;
  /** sets or clears the embargo; refused on a scheduled story (embargo and schedule do not combine) */
  setEmbargo(id: string, until: string | null, actorId: string): Promise<Story>;
  /**
   * checks that `actorId` may change this story now (the permission matrix and the lock), taking
   * or refreshing the lock. With `text` (a save's edit), text refused for the lock is kept aside.
   * Every operation that changes a story passes here, through the dispatcher's `story-editor` policy.
   */
  beforeChange(id: string, actorId: string, text?: { baseVersion: number; edit: StoryEdit }): Promise<void>;
  /** checks that `actorId` may save this story now, taking or refreshing the lock */
  beforeSave(id: string, baseVersion: number, edit: StoryEdit, actorId: string): Promise<void>;
  /** the fields a story created by `actorId` starts with (authors, desk) */
  newStoryFields(actorId: string): Promise<Pick<Story, 'authors'> & Partial<Pick<Story, 'desk'>>>;
  /** takes the story's lock for `actorId` when they may edit it; otherwise reports who holds it */
  lockFor(id: string, actorId: string): Promise<{ lock: StoryLock | null; mine: boolean }>;
  /**
   * Gives the lock to a desk chief or administrator. The former holder's unsaved text (their
   * recovery draft) is kept for them, out of the story; the history says so.
   */
  takeOverLock(id: string, actorId: string): Promise<StoryLock>;
  /** `actorId` has reviewed the story as it is now: their next diff starts at this version */
  markReviewed(id: string, actorId: string): Promise<HistoryEntry>;
  releaseLock(id: string, actorId: string): Promise<void>;
  addComment(
    id: string,
    range: { block: number; start: number; end: number },
    text: string,
    actorId: string,
  ): Promise<Comment>;
  replyToComment(id: string, commentId: string, text: string, actorId: string): Promise<Comment>;
  setCommentResolved(id: string, commentId: string, resolved: boolean, actorId: string): Promise<Comment>;
  listComments(id: string): Promise<Comment[]>;
  readHistory(id: string): Promise<StoryHistory>;
  checkpoints(id: string): Promise<Checkpoint[]>;
  checkpoint(id: string, version: number): Promise<Story>;
  /** the copy of the story that is live (published), or null */
  live(id: string): Promise<Story | null>;
}

const REFUSAL_CODE: Record<RefusalReason, 'forbidden' | 'checklist-failed'> = {
  role: 'forbidden',
  state: 'forbidden',
  'not-author': 'forbidden',
  'note-required': 'forbidden',
  'time-required': 'forbidden',
  'time-in-past': 'forbidden',
  embargoed: 'forbidden',
  'embargo-and-schedule': 'forbidden',
  checklist: 'checklist-failed',
};

/** A refusal the renderer can put in the user's language: `issues[0].message` is the reason code. */
export function refusal(
  reason: RefusalReason,
  detail: string,
  extra: Array<{ path: string; message: string }> = [],
) {
  return new ApiError(REFUSAL_CODE[reason], detail, [{ path: 'reason', message: reason }, ...extra]);
}

export function createWorkflowService(
  store: StoryStore,
  files: WorkflowFiles,
  options: WorkflowOptions = {},
): WorkflowService {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? consoleLogger;
  // The checklist reads the newsroom's one headline limit, the setting the proofing guide shows,
  // from the store's own settings document at each run (on the server in team mode).
  const settings = createSettingsService(store);
  const users = createUserDirectory(files, now, log);
  const history = createHistoryLog(files);
  const locks = options.locks ?? createLockTable(now, options.lockIdleMs ?? DEFAULT_LOCK_IDLE_MS);
  const comments = createCommentBook(files, now);

  const record = (id: string, entry: Omit<HistoryEntry, 'prev' | 'hash' | 'at'> & { at?: string }) =>
    history.append(id, { at: now().toISOString(), ...entry });

  const saveCheckpoint = async (
    story: Story,
    actor: { id: string; name: string },
    event: Checkpoint['event'],
  ) => {
    const checkpoint: Checkpoint & { story: Story } = {
      version: story.version,
      at: now().toISOString(),
      actor: actor.id,
      actorName: actor.name,
      event,
      story,
    };
    await files.writeJson(checkpointFile(story.id, story.version), checkpoint);
  };

  /** What publishing does besides the status: the live copy is replaced by this version. */
  const goLive = (story: Story) => files.writeJson(liveFile(story.id), story);

  const hooks: TransitionHooks[] = [];

  /**
   * Per story, taking a lock (which first asks whether the user may edit the story) and a
   * transition (which changes who may edit it, and gives back the locks it no longer allows) happen
   * one at a time. Otherwise a lock asked for on a story read just before a submit could land just
   * after the submit gave the editor's lock back, and the desk chief would find the story locked.
   */
  const lockDecision = oneAtATimePer();

  /**
   * The text the lock holder typed but had not saved is in the store's recovery journal (the
   * editor writes it there on a short debounce). At a take-over it is kept for them, out of the
   * story the desk chief now edits: their whole text as they had it, offered to them to copy.
   * The desk chief's own drafts then start from the story as it is.
   */
  const keepHoldersDraft = async (id: string, previous: StoryLock, actor: User): Promise<boolean> => {
    const archive = store.archive;
    if (!archive) return false;
    const draft = await archive.getRecoveryDraft(id);
    // Someone else's draft (typed by another user of this workstation) is not theirs to get.
    if (!draft || (draft.author && draft.author !== previous.holder)) return false;
    const current = await store.get(id);
    if (draftMatches(draft.draft, current)) return false;
    await archive.keepTakenOverDraft(
      id,
      previous.holder,
      draft.baseVersion,
      editOf(applyStoryEdit(current, draft.draft)),
      { by: actor.id, byName: actor.name, at: now().toISOString() },
    );
    await archive.discardRecoveryDraft(id);
    return true;
  };

  const applyTransition = async (
    id: string,
    action: WorkflowAction,
    actor: { id: string; name: string; role: User['role'] },
    options: TransitionOptions & { system?: boolean; detail?: HistoryEntry['detail'] },
  ): Promise<Story> => {
    let from: Story['status'] = 'draft';
    let checklistWarnings: string[] = [];
    const deskConfigs = new Map<string, Awaited<ReturnType<UserDirectory['checklistFor']>>>();
    // The desk's checklist is read before the update so the change callback stays synchronous.
    const before = await store.get(id);
    deskConfigs.set(before.desk ?? '', await users.checklistFor(before.desk));
    const headlineLimit = await settings
      .getSettings()
      .then((saved) => saved.headlineLimit)
      .catch((error: unknown) => {
        log.warn(`[workflow] the headline limit could not be read, the default is used: ${String(error)}`);
        return DEFAULT_SETTINGS.headlineLimit;
      });
    for (const hook of hooks) {
      await hook.before?.(before, action, options.system ? { id: SCHEDULER, role: 'desk-chief' } : actor);
    }

    // The new state and the locks it allows are one decision: a lock asked for meanwhile waits for it.
    const story = await lockDecision(id, async () => {
      // A story someone else has open is theirs until they leave it or it is taken over: a step of
      // the workflow now would leave their unsaved text out of what is submitted, approved or
      // published. (The scheduler publishes scheduled stories, which nobody edits.)
      const open = locks.get(id);
      if (!options.system && open && open.holder !== actor.id) {
        throw new ApiError('locked', `${open.holderName} is editing this story`, [
          { path: 'holder', message: open.holderName },
        ]);
      }
      const committed = await store.update(id, (current) => {
        if (!current) throw new ApiError('not-found', `no story with id ${id}`);
        from = current.status;
        const at = now();
        const verdict = judgeTransition({
          story: current,
          action,
          // The scheduler acts with the authority of the desk chief who scheduled the story.
          actor: options.system ? { id: SCHEDULER, role: 'desk-chief' } : actor,
          note: options.note,
          at: options.at,
          now: at,
        });
        if (!verdict.ok) throw refusal(verdict.reason, verdict.detail);
        if (verdict.rule.checklist && !options.system) {
          const config = deskConfigs.get(current.desk ?? '') ?? deskConfigs.values().next().value;
          const report = runChecklist(
            current,
            config,
            action === 'submit' ? 'submit' : 'approve',
            headlineLimit,
          );
          if (report.blocking.length > 0) {
            throw refusal(
              'checklist',
              `the checklist blocks ${action}: ${report.blocking.join(', ')}`,
              report.blocking.map((item) => ({ path: 'checklist', message: item })),
            );
          }
          checklistWarnings = report.warnings;
        }
        const next: Story = {
          ...current,
          status: verdict.to,
          version: current.version + 1,
          updatedAt: at.toISOString(),
        };
        if (action === 'submit' && !(current.authors ?? []).length) next.authors = [actor.id];
        if (verdict.to === 'scheduled') next.publishAt = new Date(Date.parse(options.at!)).toISOString();
        else delete next.publishAt;
        if (verdict.to === 'published' || verdict.to === 'corrected') next.publishedAt = at.toISOString();
        if (action === 'correct') {
          next.correction = { note: options.note!.trim(), sequence: (current.correction?.sequence ?? 0) + 1 };
        }
        return Story.parse(next);
      });

      // A lock held by someone the new state no longer lets edit (the editor who just submitted)
      // would only make the desk chief look at a read-only story: it is given back. So is the
      // desk's, when the story goes back to its writer: the story is theirs to resubmit.
      const held = locks.get(id);
      if (held) {
        const holder = await users.find(held.holder).catch(() => null);
        if (holder && (!mayEdit(committed, holder).ok || action === 'return'))
          await locks.release(id, holder);
      }
      return committed;
    });
    if (story.status === 'published' || story.status === 'corrected') await goLive(story);
    if (story.status === 'unpublished' || story.status === 'killed') await files.remove(liveFile(id));
    await saveCheckpoint(story, actor, action);
    const detail: Record<string, string | number | boolean> = { ...(options.detail ?? {}) };
    if (story.publishAt) detail.publishAt = story.publishAt;
    if (story.correction && (action === 'correct' || story.status === 'corrected')) {
      detail.correctionSequence = story.correction.sequence;
    }
    if (checklistWarnings.length) detail.warnings = checklistWarnings.join(',');
    await record(id, {
      actor: actor.id,
      actorName: actor.name,
      kind: 'transition',
      action,
      from,
      to: story.status,
      ...(options.note?.trim() ? { note: options.note.trim() } : {}),
      version: story.version,
      ...(Object.keys(detail).length ? { detail } : {}),
    });
    for (const hook of hooks) {
      try {
        await hook.after?.(story, action, {
          actor,
          ...(options.note?.trim() ? { note: options.note.trim() } : {}),
        });
      } catch (error) {
        // The transition is committed; a hook's failure is its own to report (deliveries retry).
        log.error(`[workflow] after-transition hook failed for ${id}: ${(error as Error).message}`);
      }
    }
    return story;
  };

  const service: WorkflowService = {
    users,
    locks,
    comments,
    history,
    addTransitionHooks: (added) => void hooks.push(added),

    async transition(id, action, actorId, transitionOptions = {}) {
      const actor = await users.find(actorId);
      return applyTransition(id, action, actor, transitionOptions);
    },

    async publishScheduled(id, caughtUp) {
      const story = await store.get(id);
      const published = await applyTransition(
        id,
        'publish',
        { id: SCHEDULER, name: 'scheduler', role: 'desk-chief' },
        { system: true, detail: { scheduledFor: story.publishAt ?? '', caughtUp } },
      );
      log.info(
        `[workflow] published ${id} scheduled for ${story.publishAt}${caughtUp ? ' (caught up after a restart)' : ''}`,
      );
      return published;
    },

    async setEmbargo(id, until, actorId) {
      // Who may change the story now (its state, their role, its lock) the dispatcher checked
      // (policy `story-editor`); what an embargo means in each state is checked here.
      const actor = await users.find(actorId);
      if (until !== null && Number.isNaN(Date.parse(until))) {
        throw refusal('time-required', `${until} is not a time`);
      }
      const story = await store.update(id, (current) => {
        if (!current) throw new ApiError('not-found', `no story with id ${id}`);
        if (['published', 'corrected', 'correction', 'killed', 'unpublished'].includes(current.status)) {
          throw refusal('state', `a ${current.status} story is already out; an embargo no longer applies`);
        }
        if (until !== null && (current.status === 'scheduled' || current.publishAt)) {
          throw refusal('embargo-and-schedule', 'a scheduled story cannot also be under embargo');
        }
        const next: Story = { ...current, version: current.version + 1, updatedAt: now().toISOString() };
        if (until === null) delete next.embargo;
        else next.embargo = new Date(Date.parse(until)).toISOString();
        return Story.parse(next);
      });
      await record(id, {
        actor: actor.id,
        actorName: actor.name,
        kind: 'embargo',
        version: story.version,
        detail: { until: story.embargo ?? 'none' },
      });
      return story;
    },

    beforeSave(id, baseVersion, edit, actorId) {
      return service.beforeChange(id, actorId, { baseVersion, edit });
    },

    async beforeChange(id, actorId, text) {
      const actor = await users.find(actorId);
      const lock = locks.get(id);
      if (!text && (locks.takenFrom(id, actor.id) || (lock && lock.holder !== actor.id))) {
        throw new ApiError('locked', `${lock?.holderName ?? 'another user'} is editing this story`, [
          { path: 'holder', message: lock?.holderName ?? '' },
        ]);
      }
      if (text && (locks.takenFrom(id, actor.id) || (lock && lock.holder !== actor.id))) {
        const { baseVersion, edit } = text;
        // The text of someone whose lock was taken (or who never had it) is kept aside, never
        // dropped: kept for them as a recovery draft where the store keeps a journal.
        const at = now().toISOString();
        const archive = store.archive;
        let kept: string;
        if (archive) {
          const current = await store.get(id);
          await archive.keepTakenOverDraft(id, actor.id, baseVersion, editOf(applyStoryEdit(current, edit)), {
            by: lock?.holder ?? '',
            byName: lock?.holderName ?? '',
            at,
          });
          kept = 'recovery';
          // Their own draft of the story (a workstation of theirs keeps one) is in the kept text
          // now: it is set aside, so it is never offered to restore into the story.
          const live = await archive.getRecoveryDraft(id);
          if (live?.author === actor.id) await archive.discardRecoveryDraft(id);
        } else {
          kept = rescuedFile(id, at, actor.id);
          await files.writeJson(kept, { storyId: id, baseVersion, at, author: actor.id, edit });
        }
        await record(id, {
          actor: actor.id,
          actorName: actor.name,
          kind: 'rescued-text',
          detail: archive ? { kept, baseVersion } : { file: kept, baseVersion },
        });
        locks.forgetTakenFrom(id, actor.id);
        throw new ApiError(
          'locked',
          `${lock?.holderName ?? 'another user'} is editing this story; your text was kept in ${kept}`,
          [
            { path: 'holder', message: lock?.holderName ?? '' },
            { path: 'rescued', message: kept },
          ],
        );
      }
      await lockDecision(id, async () => {
        const story = await store.get(id);
        const allowed = mayEdit(story, actor);
        if (!allowed.ok) throw refusal(allowed.reason, allowed.detail);
        locks.acquire(id, actor);
      });
    },

    async newStoryFields(actorId) {
      const actor = await users.find(actorId);
      return { authors: [actor.id], ...(actor.desks[0] ? { desk: actor.desks[0] } : {}) };
    },

    async lockFor(id, actorId) {
      const actor = await users.find(actorId);
      return lockDecision(id, async () => {
        const story = await store.get(id);
        // Someone who may not edit the story reads it without locking it.
        if (!mayEdit(story, actor).ok) return { lock: locks.get(id), mine: false };
        return locks.acquire(id, actor);
      });
    },

    async takeOverLock(id, actorId) {
      const actor = await users.find(actorId);
      await store.get(id);
      const { lock, previous } = await lockDecision(id, async () => locks.takeOver(id, actor));
      if (previous) {
        const kept = await keepHoldersDraft(id, previous, actor);
        await record(id, {
          actor: actor.id,
          actorName: actor.name,
          kind: 'lock-taken-over',
          detail: {
            from: previous.holder,
            fromName: previous.holderName,
            since: previous.since,
            ...(kept ? { keptDraft: true } : {}),
          },
        });
      }
      return lock;
    },

    async markReviewed(id, actorId) {
      const actor = await users.find(actorId);
      const story = await store.get(id);
      return record(id, { actor: actor.id, actorName: actor.name, kind: 'reviewed', version: story.version });
    },

    async releaseLock(id, actorId) {
      locks.release(id, await users.find(actorId));
    },

    async addComment(id, range, text, actorId) {
      const actor = await users.find(actorId);
      const story = await store.get(id);
      const comment = await comments.add(id, story.body, range, text, actor);
      await record(id, {
        actor: actor.id,
        actorName: actor.name,
        kind: 'comment',
        note: comment.text,
        detail: { comment: comment.id, quote: comment.anchor.quote },
      });
      return comment;
    },

    async replyToComment(id, commentId, text, actorId) {
      const actor = await users.find(actorId);
      const comment = await comments.reply(id, commentId, text, actor);
      await record(id, {
        actor: actor.id,
        actorName: actor.name,
        kind: 'reply',
        note: text.trim(),
        detail: { comment: commentId },
      });
      return comment;
    },

    async setCommentResolved(id, commentId, resolved, actorId) {
      const actor = await users.find(actorId);
      const comment = await comments.setResolved(id, commentId, resolved, actor);
      await record(id, {
        actor: actor.id,
        actorName: actor.name,
        kind: resolved ? 'resolve' : 'reopen',
        detail: { comment: commentId },
      });
      return comment;
    },

    async listComments(id) {
      const story = await store.get(id);
      return comments.list(id, story.body);
    },

    readHistory: (id) => history.read(id),

    async checkpoints(id) {
      const names = await files.list(`workflow/checkpoints/${id}`);
      const versions = names
        .map((name) => /^(\d+)\.json$/.exec(name)?.[1])
        .filter((v): v is string => v !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
      const list: Checkpoint[] = [];
      for (const version of versions) {
        const raw = (await files.readJson(checkpointFile(id, version))) as
          (Checkpoint & { story: unknown }) | null;
        if (raw)
          list.push({
            version: raw.version,
            at: raw.at,
            actor: raw.actor,
            actorName: raw.actorName,
            event: raw.event,
          });
      }
      return list;
    },

    async checkpoint(id, version) {
      const raw = (await files.readJson(checkpointFile(id, version))) as { story: unknown } | null;
      if (!raw) throw new ApiError('not-found', `story ${id} has no checkpoint at version ${version}`);
      return Story.parse(raw.story);
    },

    async live(id) {
      const raw = await files.readJson(liveFile(id));
      return raw === null ? null : Story.parse(raw);
    },
  };
  return service;
}
