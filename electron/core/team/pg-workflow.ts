/**
 * The workflow's repositories on the newsroom server. The workflow module keeps its data
 * through `WorkflowFiles` (paths such as `history/<id>.ndjson`) and its locks through
 * `LockTable`; these implementations put each path in its table and every write through the
 * server's checked functions, so the workflow service runs unchanged on either backend.
 *
 * People are known by their database login: the session's user is the login's user, and a
 * switch to another user is refused (their PIN is the server's password, not a local hash).
 */
import type pg from 'pg';
import { ApiError } from '../../../shared/api/errors';
import { createHash } from 'node:crypto';
import type { Comment, Desk, HistoryEntry, StoryLock, User } from '../../../shared/workflow/model';
import type { WorkflowFiles } from '../workflow/files';
import { GENESIS } from '../workflow/history';
import { createLockTable, DEFAULT_LOCK_IDLE_MS, type LockTable } from '../workflow/locks';
import { isUnreachable } from '../errors';
import { consoleLogger, type Logger } from '../log';
import { rows as query } from './query';

/** Where the last answers about people and the signed-in login are kept for offline starts. */
export const DIRECTORY_CACHE = 'team/cache/directory.json';
export const IDENTITY_CACHE = 'team/cache/identity.json';

/** Stands in for the PIN hash of every user: no PIN matches it, so nobody switches to another login. */
export const SERVER_LOGIN_PIN = 'server-login:';

type Row = Record<string, unknown>;

/**
 * The entry with `prev` set to `prev` and its hash recomputed the way the workflow's history
 * does (sha256 of the entry's JSON without `hash`, keys in the order written).
 */
export function relink(entry: HistoryEntry, prev: string): HistoryEntry {
  const { hash: _old, ...rest } = entry;
  const body = { ...rest, prev };
  return { ...body, hash: createHash('sha256').update(JSON.stringify(body), 'utf8').digest('hex') };
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

interface UserRow extends Row {
  id: string;
  name: string;
  latin_name: string;
  initials: string;
  role: User['role'];
  desks: string[];
  active: boolean;
  created_at: Date;
}

/** The fields `put_user` stores, in a fixed order, so a user read back compares equal to itself. */
const USER_FIELDS = [
  'id',
  'name',
  'latinName',
  'initials',
  'role',
  'desks',
  'pinHash',
  'active',
  'createdAt',
] as const;

/**
 * Whether the workflow changed this user. Users read from the server and users parsed by the
 * workflow differ in key order and defaults (`active` absent means active), so a plain JSON
 * comparison would put every user again on each change of the directory.
 */
export function sameUser(a: Partial<User> | undefined, b: Partial<User>): boolean {
  if (!a) return false;
  const norm = (user: Partial<User>) =>
    JSON.stringify(
      USER_FIELDS.map((key) => (key === 'active' ? user.active !== false : (user[key] ?? null))),
    );
  return norm(a) === norm(b);
}

/** The desks row that keeps the checklist of stories without a desk (migration 11); never a desk. */
const NO_DESK_ROW = '_no-desk';

/**
 * `WorkflowFiles` over the server's tables; paths the server does not keep (rescued texts)
 * go to `local`, the workstation's own folder.
 */
export function pgWorkflowFiles(pool: pg.Pool, local: WorkflowFiles): WorkflowFiles {
  /**
   * Answers from the server, remembered in the workstation's folder at each answer, so an app
   * started while the server is unreachable still knows the newsroom's people and desks and who
   * is signed in (the last time it connected), and editing can continue on local copies.
   */
  const cached = async <T>(file: string, ask: () => Promise<T>): Promise<T> => {
    try {
      const answer = await ask();
      // Only an offline start misses this copy, and it then uses the one before.
      // eslint-disable-next-line no-restricted-syntax -- see above
      await local.writeJson(file, answer).catch(() => undefined);
      return answer;
    } catch (error) {
      if (!isUnreachable(error) && !(error instanceof ApiError && error.code === 'io')) throw error;
      const saved = (await local.readJson(file).catch(() => null)) as T | null;
      if (saved === null) throw error;
      return saved;
    }
  };

  const me = () =>
    cached(IDENTITY_CACHE, async () => ({
      userId: (await query<{ id: string }>(pool, 'SELECT (mihbara.me()).id AS id'))[0]!.id,
    }));

  const directory = () => cached(DIRECTORY_CACHE, askDirectory);

  const askDirectory = async () => {
    const users = await query<UserRow>(
      pool,
      'SELECT id, name, latin_name, initials, role, desks, active, created_at FROM mihbara.users ORDER BY created_at, id',
    );
    const rows = await query<{
      id: string;
      name: string;
      latin_name: string;
      checklist: Desk['checklist'];
    }>(pool, 'SELECT id, name, latin_name, checklist FROM mihbara.desks ORDER BY id');
    const desks = rows.filter((row) => row.id !== NO_DESK_ROW);
    const noDesk = rows.find((row) => row.id === NO_DESK_ROW);
    return {
      format: 'mihbara-users',
      users: users.map((row) => ({
        id: row.id,
        name: row.name,
        latinName: row.latin_name,
        initials: row.initials,
        role: row.role,
        desks: row.desks,
        pinHash: SERVER_LOGIN_PIN,
        active: row.active,
        createdAt: iso(row.created_at),
      })),
      desks: desks.map((row) => ({
        id: row.id,
        name: row.name,
        latinName: row.latin_name,
        ...(Object.keys(row.checklist).length ? { checklist: row.checklist } : {}),
      })),
      ...(noDesk ? { noDeskChecklist: noDesk.checklist } : {}),
    };
  };

  const route = (relative: string) => {
    let match: RegExpExecArray | null;
    if (relative === 'workflow/users.json') return { kind: 'users' as const };
    if (relative === 'workflow/session.json') return { kind: 'session' as const };
    if ((match = /^history\/(.+)\.ndjson$/.exec(relative)))
      return { kind: 'history' as const, id: match[1]! };
    if ((match = /^workflow\/comments\/(.+)\.json$/.exec(relative)))
      return { kind: 'comments' as const, id: match[1]! };
    if ((match = /^workflow\/checkpoints\/([^/]+)\/(\d+)\.json$/.exec(relative)))
      return { kind: 'checkpoint' as const, id: match[1]!, version: Number(match[2]) };
    if ((match = /^published\/(.+)\.json$/.exec(relative))) return { kind: 'live' as const, id: match[1]! };
    return { kind: 'local' as const };
  };

  return {
    writable: true,
    shared: true,
    async readJson(relative) {
      const where = route(relative);
      switch (where.kind) {
        case 'users':
          return directory();
        case 'session':
          return me();
        case 'comments': {
          const rows = await query<{ doc: Comment }>(
            pool,
            'SELECT doc FROM mihbara.comments WHERE story_id = $1 ORDER BY doc ->> $2, id',
            [where.id, 'at'],
          );
          return rows.map((row) => row.doc);
        }
        case 'checkpoint': {
          const rows = await query<{ doc: unknown }>(
            pool,
            'SELECT doc FROM mihbara.checkpoints WHERE story_id = $1 AND version = $2',
            [where.id, where.version],
          );
          return rows[0]?.doc ?? null;
        }
        case 'live': {
          const rows = await query<{ doc: unknown }>(
            pool,
            'SELECT doc FROM mihbara.live WHERE story_id = $1',
            [where.id],
          );
          return rows[0]?.doc ?? null;
        }
        default:
          return local.readJson(relative);
      }
    },
    async writeJson(relative, value) {
      const where = route(relative);
      switch (where.kind) {
        case 'session':
          // Who is at the keyboard is the database login; nothing to remember locally.
          return;
        case 'users': {
          const next = value as {
            users: Array<User & { dbLogin?: string }>;
            desks: Desk[];
            noDeskChecklist?: Desk['checklist'];
          };
          const current = (await directory()) as unknown as {
            users: User[];
            desks: Desk[];
            noDeskChecklist?: Desk['checklist'];
          };
          if (
            next.noDeskChecklist &&
            JSON.stringify(next.noDeskChecklist) !== JSON.stringify(current.noDeskChecklist)
          ) {
            await query(pool, 'SELECT mihbara.put_desk($1)', [
              { id: NO_DESK_ROW, name: NO_DESK_ROW, checklist: next.noDeskChecklist },
            ]);
          }
          for (const desk of next.desks) {
            const before = current.desks.find((d) => d.id === desk.id);
            if (JSON.stringify(before) !== JSON.stringify(desk))
              await query(pool, 'SELECT mihbara.put_desk($1)', [desk]);
          }
          for (const user of next.users) {
            const before = current.users.find((u) => u.id === user.id);
            if (sameUser(before, user)) continue;
            const { pinHash, ...rest } = user;
            await query(pool, 'SELECT mihbara.put_user($1)', [
              pinHash && pinHash !== SERVER_LOGIN_PIN ? { ...rest, pinHash } : rest,
            ]);
          }
          return;
        }
        case 'comments': {
          const before = new Map(
            ((await this.readJson(relative)) as Comment[]).map((comment) => [
              comment.id,
              JSON.stringify(comment),
            ]),
          );
          for (const comment of value as Comment[]) {
            if (before.get(comment.id) !== JSON.stringify(comment))
              await query(pool, 'SELECT mihbara.put_comment($1)', [comment]);
          }
          return;
        }
        case 'checkpoint':
          await query(pool, 'SELECT mihbara.put_checkpoint($1, $2, $3)', [where.id, where.version, value]);
          return;
        case 'live':
          await query(pool, 'SELECT mihbara.set_live($1, $2)', [where.id, value]);
          return;
        case 'history':
          throw new ApiError('internal', 'history is appended line by line, never rewritten');
        default:
          return local.writeJson(relative, value);
      }
    },
    async appendLine(relative, line) {
      const where = route(relative);
      if (where.kind !== 'history') return local.appendLine(relative, line);
      let entry = JSON.parse(line) as HistoryEntry;
      // Other workstations append to the same story: the workflow's remembered last line may be
      // stale. The server checks the chain; relink this line to the server's last one and retry.
      for (let attempt = 0; ; attempt += 1) {
        try {
          await query(pool, 'SELECT mihbara.append_history($1, $2)', [where.id, JSON.stringify(entry)]);
          return;
        } catch (error) {
          if (!(error instanceof ApiError && error.code === 'conflict') || attempt >= 5) throw error;
          const last = await query<{ hash: string | null }>(
            pool,
            'SELECT entry ->> $2 AS hash FROM mihbara.history WHERE story_id = $1 ORDER BY seq DESC LIMIT 1',
            [where.id, 'hash'],
          );
          entry = relink(entry, last[0]?.hash ?? GENESIS);
        }
      }
    },
    async readText(relative) {
      const where = route(relative);
      if (where.kind !== 'history') return local.readText(relative);
      const rows = await query<{ line: string }>(
        pool,
        'SELECT line FROM mihbara.history WHERE story_id = $1 ORDER BY seq',
        [where.id],
      );
      return rows.length ? rows.map((row) => row.line).join('\n') + '\n' : null;
    },
    async list(relative) {
      const match = /^workflow\/checkpoints\/([^/]+)$/.exec(relative);
      if (!match) return local.list(relative);
      const rows = await query<{ version: number }>(
        pool,
        'SELECT version FROM mihbara.checkpoints WHERE story_id = $1',
        [match[1]],
      );
      return rows.map((row) => `${row.version}.json`);
    },
    async remove(relative) {
      const where = route(relative);
      if (where.kind === 'live') {
        await query(pool, 'SELECT mihbara.set_live($1, NULL)', [where.id]);
        return;
      }
      return local.remove(relative);
    },
  };
}

/**
 * The workflow's `LockTable` with the locks held by the server. The table's calls are
 * synchronous, so it answers from a mirror of the server's locks (loaded at start, kept current
 * by NOTIFY) and sends each change to the server, whose answer corrects the mirror: the server
 * decides who holds a lock, and a save made in the instant before the mirror learns of another
 * holder is still guarded by the story's version.
 */
export function pgLockTable(
  pool: pg.Pool,
  initial: StoryLock[],
  options: { now?: () => Date; idleMs?: number; log?: Logger } = {},
): LockTable & { apply(storyId: string, lock: StoryLock | null): void; settled(): Promise<void> } {
  const now = options.now ?? (() => new Date());
  const idleMs = options.idleMs ?? DEFAULT_LOCK_IDLE_MS;
  const log = options.log ?? consoleLogger;
  // The same rules as a local store's table, over a mirror of the server's locks.
  const mirror = createLockTable(now, idleMs, initial);
  let pending: Promise<unknown> = Promise.resolve();
  const send = (
    text: string,
    values: unknown[],
    then?: (row: Row) => void,
    refused?: (error: unknown) => void,
  ) => {
    const run = pending.then(() =>
      query(pool, text, values).then(
        (rows) => then?.(rows[0] ?? {}),
        (error: unknown) => {
          log.warn(`[team] lock change refused: ${(error as Error).message}`);
          refused?.(error);
        },
      ),
    );
    pending = run;
  };
  const fromServer = (row: Row) => {
    const result = row.r as { lock?: StoryLock } | undefined;
    if (result?.lock) mirror.put(result.lock);
  };
  return {
    ...mirror,
    // Another workstation's change, from NOTIFY.
    apply: (storyId, lock) => mirror.observe(storyId, lock),
    settled: async () => {
      await pending;
    },
    acquire(storyId, user) {
      const answer = mirror.acquire(storyId, user);
      if (!answer.mine) return answer;
      send('SELECT mihbara.acquire_lock($1, $2) AS r', [storyId, idleMs], fromServer, (error) => {
        // The server decides: a lock it refused (the story is not this user's to edit) is no lock here either.
        if (
          error instanceof ApiError &&
          error.code === 'forbidden' &&
          mirror.get(storyId)?.holder === user.id
        )
          mirror.drop(storyId);
      });
      return answer;
    },
    release(storyId, user) {
      if (mirror.get(storyId)?.holder !== user.id) return;
      mirror.release(storyId, user);
      send('SELECT mihbara.release_lock($1)', [storyId]);
    },
    takeOver(storyId, user) {
      const answer = mirror.takeOver(storyId, user);
      send('SELECT mihbara.take_over_lock($1, $2) AS r', [storyId, idleMs], fromServer);
      return answer;
    },
  };
}
