/**
 * The newsroom's people and desks, kept in `workflow/users.json`. The first start creates an
 * administrator. PINs are stored only as salted scrypt hashes.
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { ChecklistConfig, Desk, Pin, User, type PublicUser, type Role } from '../../../shared/workflow/model';
import { DEFAULT_CHECKLIST } from '../../../shared/workflow/checklist';
import { findDesk } from '../../../shared/workflow/desks';
import type { WorkflowFiles } from './files';
import { consoleLogger, type Logger } from '../log';

export const USERS_FILE = 'workflow/users.json';

/** The shape of `workflow/users.json` (verify checks it too). */
export const Directory = z.object({
  format: z.literal('mihbara-users'),
  users: z.array(User),
  desks: z.array(Desk),
  /** the checklist of stories without a desk; the built-in defaults until an administrator saves one */
  noDeskChecklist: ChecklistConfig.optional(),
});
type Directory = z.infer<typeof Directory>;

/** The administrator the first start creates; the first thing they should do is set a PIN. */
export const FIRST_ADMIN = {
  id: 'admin',
  name: 'المدير',
  latinName: 'Administrator',
  initials: 'م',
} as const;

/** The desks a new store starts with. */
const FIRST_DESKS: Array<Pick<Desk, 'id' | 'name' | 'latinName'>> = [
  { id: 'politics', name: 'سياسة', latinName: 'Politics' },
  { id: 'economy', name: 'اقتصاد', latinName: 'Economy' },
  { id: 'sports', name: 'رياضة', latinName: 'Sports' },
];

export interface NewUser {
  name: string;
  role: Role;
  latinName?: string;
  initials?: string;
  id?: string;
  desks?: string[];
  pin?: string;
}

/** Wrong PINs allowed in a row before the waits begin. */
export const PIN_FREE_TRIES = 5;
/** The first wait, doubled at every further wrong PIN, up to `PIN_MAX_WAIT_MS`. */
export const PIN_FIRST_WAIT_MS = 30_000;
export const PIN_MAX_WAIT_MS = 15 * 60_000;
/** The hash-chained log of refused PINs and the waits they caused (not a story id: no API reads it). */
export const SIGN_IN_LOG = 'history/_sign-in.ndjson';

function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(pin, salt, 32).toString('hex')}`;
}

function pinMatches(pin: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'hex');
  const actual = scryptSync(pin, Buffer.from(salt, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** A user id from a Latin name (`Yasin Ahmed` → `yasin-ahmed`), or a short random one. */
function idFrom(latinName: string, taken: (id: string) => boolean): string {
  const base =
    latinName
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || `user-${randomBytes(3).toString('hex')}`;
  let id = base;
  for (let n = 2; taken(id); n += 1) id = `${base}-${n}`;
  return id;
}

/** First letters of the first two words: "ياسين أحمد" → "يأ". */
function initialsOf(name: string): string {
  return (
    name
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .map((word) => [...word][0] ?? '')
      .join('') || '?'
  );
}

export function publicUser(user: User): PublicUser {
  const { pinHash, ...rest } = user;
  return { ...rest, hasPin: pinHash !== undefined };
}

export interface UserDirectory {
  list(): Promise<User[]>;
  desks(): Promise<Desk[]>;
  /** the user with this id or name (Arabic or Latin); `not-found` otherwise */
  find(idOrName: string): Promise<User>;
  add(user: NewUser): Promise<User>;
  setPin(id: string, pin: string): Promise<void>;
  /**
   * true when the user has no PIN or the PIN matches. After `PIN_FREE_TRIES` wrong PINs in a row
   * every try is refused (`forbidden`, reason `pin-wait`) until a wait that doubles with each
   * further failure; each wrong PIN and each wait is written to the sign-in log.
   */
  checkPin(id: string, pin: string | undefined): Promise<boolean>;
  /** the desk's checklist; for a story without a desk (or a desk since removed), the no-desk one */
  checklistFor(deskId: string | undefined): Promise<ChecklistConfig>;
  /** the checklist of stories without a desk */
  noDeskChecklist(): Promise<ChecklistConfig>;
  /** replaces the checklist of stories without a desk */
  setNoDeskChecklist(checklist: ChecklistConfig): Promise<ChecklistConfig>;
  setDeskMembers(deskId: string, userIds: string[]): Promise<Desk[]>;
  /** changes a user's role, desks or names (not the PIN: `setPin`) */
  updateUser(id: string, change: UserChange): Promise<User>;
  /** creates a desk (its id from `id`, else from the name) */
  addDesk(name: string, id?: string, latinName?: string): Promise<Desk>;
  /** renames a desk and/or replaces its checklist configuration */
  updateDesk(id: string, change: DeskChange): Promise<Desk>;
}

/** What an administrator may change about a desk. */
export interface DeskChange {
  name?: string;
  latinName?: string;
  checklist?: ChecklistConfig;
}

/** What an administrator may change about a user besides the PIN. */
export interface UserChange {
  role?: Role;
  active?: boolean;
  desks?: string[];
  name?: string;
  latinName?: string;
  initials?: string;
}

export function createUserDirectory(
  files: WorkflowFiles,
  now: () => Date,
  log: Logger = consoleLogger,
): UserDirectory {
  let loaded: Promise<Directory> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** wrong PINs in a row per user, and until when every try is refused */
  const failures = new Map<string, { count: number; until: number }>();
  /** each line carries the hash of the one before, so a line removed by hand shows */
  let lastSignIn: string | null = null;
  const logSignIn = async (entry: Record<string, unknown>) => {
    if (!files.writable) return;
    try {
      if (lastSignIn === null) {
        const lines = ((await files.readText(SIGN_IN_LOG)) ?? '').split('\n').filter((l) => l.trim());
        lastSignIn = lines.length ? createHash('sha256').update(lines.at(-1)!).digest('hex') : '0'.repeat(64);
      }
      const line = JSON.stringify({ ...entry, prev: lastSignIn });
      await files.appendLine(SIGN_IN_LOG, line);
      lastSignIn = createHash('sha256').update(line).digest('hex');
    } catch (error) {
      // The back-off holds without the log; the log must not turn a wrong PIN into a crash.
      lastSignIn = null;
      log.error(`[workflow] could not log a refused PIN: ${String(error)}`);
    }
  };

  const load = (): Promise<Directory> => {
    // Another workstation may have changed the people since: ask again (the server answers, or
    // its cached copy when offline). Changes still go through the queue below one at a time.
    if (files.shared) loaded = null;
    loaded ??= (async () => {
      const raw = await files.readJson(USERS_FILE);
      if (raw !== null) {
        const parsed = Directory.safeParse(raw);
        if (!parsed.success) throw new ApiError('store-damaged', `${USERS_FILE} is not a user list`);
        return parsed.data;
      }
      const first: Directory = {
        format: 'mihbara-users',
        users: [User.parse({ ...FIRST_ADMIN, role: 'admin', desks: [], createdAt: now().toISOString() })],
        desks: FIRST_DESKS.map((desk) => Desk.parse(desk)),
      };
      if (files.writable) await files.writeJson(USERS_FILE, first);
      return first;
    })();
    loaded.catch(() => (loaded = null));
    return loaded;
  };

  /** Changes are serialized and written before the in-memory copy moves on. */
  const change = <T>(apply: (directory: Directory) => T): Promise<T> => {
    const run = queue.then(async () => {
      const current = await load();
      const next = structuredClone(current);
      const result = apply(next);
      await files.writeJson(USERS_FILE, Directory.parse(next));
      loaded = Promise.resolve(next);
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const findIn = (directory: Directory, key: string): User | undefined => {
    const wanted = key.trim();
    return (
      directory.users.find((user) => user.id === wanted) ??
      directory.users.find(
        (user) => user.name === wanted || user.latinName.toLowerCase() === wanted.toLowerCase(),
      )
    );
  };

  return {
    list: async () => (await load()).users,
    desks: async () => (await load()).desks,
    async find(key) {
      const user = findIn(await load(), key);
      if (!user) throw new ApiError('not-found', `there is no user "${key}"`);
      return user;
    },
    add(input) {
      return change((directory) => {
        if (findIn(directory, input.name) || (input.latinName && findIn(directory, input.latinName))) {
          throw new ApiError('conflict', `a user named "${input.name}" exists already`);
        }
        const taken = (id: string) => directory.users.some((user) => user.id === id);
        if (input.id && taken(input.id)) throw new ApiError('conflict', `the user id ${input.id} is taken`);
        if (input.pin !== undefined && !Pin.safeParse(input.pin).success) {
          throw new ApiError('invalid-request', 'a PIN is 4 to 8 digits');
        }
        const user = User.parse({
          id: input.id ?? idFrom(input.latinName || input.name, taken),
          name: input.name.trim(),
          latinName: input.latinName?.trim() ?? '',
          initials: input.initials ?? initialsOf(input.name),
          role: input.role,
          desks: input.desks ?? [],
          ...(input.pin ? { pinHash: hashPin(input.pin) } : {}),
          createdAt: now().toISOString(),
        });
        for (const desk of user.desks) {
          if (!directory.desks.some((d) => d.id === desk))
            throw new ApiError('not-found', `there is no desk ${desk}`);
        }
        directory.users.push(user);
        return user;
      });
    },
    setPin(id, pin) {
      if (!Pin.safeParse(pin).success)
        return Promise.reject(new ApiError('invalid-request', 'a PIN is 4 to 8 digits'));
      return change((directory) => {
        const user = directory.users.find((u) => u.id === id);
        if (!user) throw new ApiError('not-found', `there is no user ${id}`);
        user.pinHash = hashPin(pin);
      });
    },
    async checkPin(id, pin) {
      const user = findIn(await load(), id);
      if (!user) return false;
      if (user.pinHash === undefined) return true;
      const at = now().getTime();
      const record = failures.get(user.id) ?? { count: 0, until: 0 };
      if (at < record.until) {
        const seconds = Math.ceil((record.until - at) / 1000);
        throw new ApiError('forbidden', `too many wrong PINs for ${user.name}: wait ${seconds} s`, [
          { path: 'reason', message: 'pin-wait' },
          { path: 'retryAfter', message: String(seconds) },
        ]);
      }
      if (pin !== undefined && pinMatches(pin, user.pinHash)) {
        failures.delete(user.id);
        return true;
      }
      record.count += 1;
      const waits = record.count - PIN_FREE_TRIES;
      record.until = waits >= 0 ? at + Math.min(PIN_FIRST_WAIT_MS * 2 ** waits, PIN_MAX_WAIT_MS) : 0;
      failures.set(user.id, record);
      await logSignIn({
        at: new Date(at).toISOString(),
        user: user.id,
        event: 'wrong-pin',
        failures: record.count,
        ...(record.until ? { waitUntil: new Date(record.until).toISOString() } : {}),
      });
      return false;
    },
    async checklistFor(deskId) {
      const directory = await load();
      const desk = deskId ? directory.desks.find((d) => d.id === deskId) : undefined;
      return desk?.checklist ?? directory.noDeskChecklist ?? DEFAULT_CHECKLIST;
    },
    async noDeskChecklist() {
      return (await load()).noDeskChecklist ?? DEFAULT_CHECKLIST;
    },
    setNoDeskChecklist(checklist) {
      return change((directory) => {
        directory.noDeskChecklist = ChecklistConfig.parse(checklist);
        return directory.noDeskChecklist;
      });
    },
    setDeskMembers(deskId, userIds) {
      return change((directory) => {
        if (!directory.desks.some((d) => d.id === deskId))
          throw new ApiError('not-found', `there is no desk ${deskId}`);
        for (const user of directory.users) {
          const member = userIds.includes(user.id);
          user.desks = member
            ? [...new Set([...user.desks, deskId])]
            : user.desks.filter((desk) => desk !== deskId);
        }
        return directory.desks;
      });
    },
    updateUser(id, input) {
      return change((directory) => {
        const user = directory.users.find((u) => u.id === id);
        if (!user) throw new ApiError('not-found', `there is no user ${id}`);
        if (input.name !== undefined) {
          const other = findIn(directory, input.name);
          if (other && other.id !== id)
            throw new ApiError('conflict', `a user named "${input.name}" exists already`);
          user.name = input.name.trim();
        }
        if (input.latinName !== undefined) user.latinName = input.latinName.trim();
        if (input.initials !== undefined) user.initials = input.initials.trim() || initialsOf(user.name);
        if (input.desks !== undefined) {
          for (const desk of input.desks) {
            if (!directory.desks.some((d) => d.id === desk))
              throw new ApiError('not-found', `there is no desk ${desk}`);
          }
          user.desks = [...new Set(input.desks)];
        }
        const role = input.role ?? user.role;
        const active = input.active ?? user.active;
        // The newsroom must keep one active administrator, or nobody could manage it any more.
        if (user.role === 'admin' && (role !== 'admin' || !active)) {
          const admins = directory.users.filter((u) => u.role === 'admin' && u.active && u.id !== id);
          if (admins.length === 0) {
            throw new ApiError('conflict', 'the last active administrator cannot be demoted or deactivated', [
              { path: 'reason', message: 'last-admin' },
            ]);
          }
        }
        user.role = role;
        user.active = active;
        return User.parse(user);
      });
    },
    addDesk(name, id, latinName) {
      return change((directory) => {
        const trimmed = name.trim();
        if (findDesk(directory.desks, trimmed) || (latinName?.trim() && findDesk(directory.desks, latinName)))
          throw new ApiError('conflict', `a desk named "${trimmed}" exists already`);
        const taken = (candidate: string) => directory.desks.some((d) => d.id === candidate);
        if (id && taken(id)) throw new ApiError('conflict', `the desk id ${id} is taken`);
        const desk = Desk.parse({
          id: id ?? idFrom(latinName?.trim() || trimmed, taken).replace(/^user-/, 'desk-'),
          name: trimmed,
          latinName: latinName?.trim() ?? '',
        });
        directory.desks.push(desk);
        return desk;
      });
    },
    updateDesk(id, input) {
      return change((directory) => {
        const desk = directory.desks.find((d) => d.id === id);
        if (!desk) throw new ApiError('not-found', `there is no desk ${id}`);
        if (input.name !== undefined) {
          const trimmed = input.name.trim();
          const other = findDesk(directory.desks, trimmed);
          if (other && other.id !== id)
            throw new ApiError('conflict', `a desk named "${trimmed}" exists already`);
          desk.name = trimmed;
        }
        if (input.latinName !== undefined) {
          const trimmed = input.latinName.trim();
          const other = trimmed ? findDesk(directory.desks, trimmed) : undefined;
          if (other && other.id !== id)
            throw new ApiError('conflict', `a desk named "${trimmed}" exists already`);
          desk.latinName = trimmed;
        }
        if (input.checklist !== undefined) desk.checklist = input.checklist;
        return Desk.parse(desk);
      });
    },
  };
}
