/**
 * Team mode's API operations: the workstation's choice of backend and its connection to the
 * newsroom server, the link's state (online, saves waiting in the outbox, conflicts to settle),
 * and the feed of changes other workstations make, which the renderer long-polls so lists and
 * lock badges follow within a second. Spread into the one contract (shared/api/contract.ts).
 */
import { z } from 'zod';
import type { OperationSpec, Policy } from '../api/policy';
import { StorySummary } from '../story/schema';
import { StoryLock } from '../workflow/model';

export const Backend = z.enum(['local', 'team']);
export type Backend = z.infer<typeof Backend>;

export const TlsMode = z.enum(['off', 'require', 'no-verify']);
export type TlsMode = z.infer<typeof TlsMode>;

/** What a workstation remembers about team mode. The password is never stored. */
export const TeamSettings = z.object({
  backend: Backend.default('local'),
  /** postgres://host:port/database (empty: the PG* environment variables) */
  url: z
    .string()
    .max(2000)
    .refine((url) => url === '' || /^postgres(ql)?:\/\//.test(url), 'not a postgres:// address')
    .refine(
      (url) => url === '' || !/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(url),
      'no password in the address',
    )
    .default(''),
  /** the user's database login */
  user: z
    .string()
    .max(63)
    .regex(/^$|^[a-z_][a-z0-9_]*$/, 'not a database login')
    .default(''),
  tls: TlsMode.default('require'),
  /** a CA certificate file for a server signed by the newsroom's own authority */
  caFile: z.string().max(4000).default(''),
  /**
   * an administrator's choice to reach a server beyond this machine without TLS (a closed newsroom
   * network); without it `tls: off` is for a server on this machine only
   */
  plainTextAllowed: z.boolean().default(false),
});
export type TeamSettings = z.infer<typeof TeamSettings>;

/**
 * The settings as the dialog sees them, with how the password is kept: encrypted by the
 * system's secret store (the app), not kept, or not possible here (no secret store, as in the
 * browser bridge: PGPASSWORD or the pgpass file). Never the password itself.
 */
export const TeamSettingsView = TeamSettings.extend({
  passwordKept: z.enum(['encrypted', 'none', 'unavailable']),
});
export type TeamSettingsView = z.infer<typeof TeamSettingsView>;

export const TeamStatus = z.object({
  /** the backend this session runs on (a change of settings takes effect at the next start) */
  backend: Backend,
  online: z.boolean(),
  /** saves waiting in the outbox for the server */
  pending: z.number().int().min(0),
  /** stories whose queued save met a newer server version: both texts kept, the user decides */
  conflicts: z.array(z.string()),
  /** the server and login, without any password, when in team mode */
  server: z.string().optional(),
  /**
   * `login`: the server refused this workstation's login (a wrong kept password); work goes on
   * offline on the cached copy and saves wait, until the team settings are fixed
   */
  refused: z.enum(['login']).optional(),
});
export type TeamStatus = z.infer<typeof TeamStatus>;

/** One change another workstation (or this one) made. */
export const ChangeEvent = z.discriminatedUnion('kind', [
  z.object({ seq: z.number().int(), kind: z.literal('story'), summary: StorySummary }),
  z.object({
    seq: z.number().int(),
    kind: z.literal('lock'),
    storyId: z.string(),
    lock: StoryLock.nullable(),
  }),
  z.object({ seq: z.number().int(), kind: z.literal('workflow'), storyId: z.string() }),
  /** a newsroom document (tags, gazetteer, saved searches, channels, delivery log) changed */
  z.object({ seq: z.number().int(), kind: z.literal('shared'), path: z.string() }),
  z.object({ seq: z.number().int(), kind: z.literal('connection'), status: TeamStatus }),
]);
export type ChangeEvent = z.infer<typeof ChangeEvent>;

export const teamContract = {
  getTeamSettings: { request: z.object({}).strict(), response: TeamSettingsView, policy: 'signed-in' },
  /**
   * Saves the choice of backend and the connection (used from the next start); a `password` is
   * kept encrypted where the system allows it, never in the settings; `forgetPassword` removes it.
   */
  saveTeamSettings: {
    request: z
      .object({
        settings: TeamSettings,
        password: z.string().max(1000).optional(),
        forgetPassword: z.boolean().optional(),
      })
      .strict(),
    response: TeamSettingsView,
    policy: 'signed-in',
    // Allowing a password to travel unencrypted is an administrator's decision.
    policyOf: (request: { settings?: { plainTextAllowed?: boolean } }): Policy =>
      request.settings?.plainTextAllowed ? 'admin' : 'signed-in',
  },
  /** tries to reach the server with these settings and this password: which role the login has */
  testTeamConnection: {
    request: z.object({ settings: TeamSettings, password: z.string().max(1000).optional() }).strict(),
    response: z.object({
      ok: z.boolean(),
      role: z.enum(['editor', 'desk-chief', 'admin']).nullable(),
      user: z.string().nullable(),
      schemaVersion: z.number().int().nullable(),
      problem: z.enum(['unreachable', 'login', 'not-migrated', 'not-newsroom-user', 'tls']).nullable(),
      detail: z.string(),
    }),
    policy: 'signed-in',
    // Allowing a password to travel unencrypted is an administrator's decision.
    policyOf: (request: { settings?: { plainTextAllowed?: boolean } }): Policy =>
      request.settings?.plainTextAllowed ? 'admin' : 'signed-in',
  },
  getTeamStatus: { request: z.object({}).strict(), response: TeamStatus, policy: 'signed-in' },
  /**
   * Changes after `since` (a `seq` from an earlier answer; 0 at first). Waits up to `waitMs` for
   * one when there is none yet (a long poll); `live: false` means this backend has no feed.
   */
  waitForChanges: {
    request: z
      .object({ since: z.number().int().min(0), waitMs: z.number().int().min(0).max(30_000).default(25_000) })
      .strict(),
    response: z.object({ seq: z.number().int(), live: z.boolean(), events: z.array(ChangeEvent) }),
    policy: 'signed-in',
  },
} as const satisfies Record<string, OperationSpec>;
