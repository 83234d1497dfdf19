/**
 * The newsroom-server password: typed once in the team settings, kept encrypted by the system's
 * secret store (a test vault stands in for Electron's safeStorage), never in the settings file
 * or the logs; used at the next start; a wrong one is refused with the localized message; without
 * a secret store (the bridge) nothing is kept and PGPASSWORD is used. A real PostgreSQL whose
 * test logins need their password (scram-sha-256 over loopback).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import ar from '../../../shared/i18n/ar.json';
import en from '../../../shared/i18n/en.json';
import type { ApiResult } from '../../../shared/api/errors';
import { type Dispatch } from '../../../electron/core/api/dispatch';
import { addNewsroomLogin } from '../../../electron/core/team/admin';
import {
  passwordFile,
  setCredentialVault,
  type CredentialVault,
} from '../../../electron/core/team/credentials';
import { openConfiguredTeam } from '../../../electron/core/team/start';
import { createStoryService } from '../../../electron/core/stories/service';
import type { Team } from '../../../electron/core/team/open';
import { newsroom, type Newsroom } from './fixture';
import { PASSWORD_GROUP, skipReason } from './pg-cluster';
import { openWorkstation, type Workstation } from '../../../electron/core/workstation';
import { silentLogger } from '../../../electron/core/log';

const reason = skipReason();
const PASSWORD = 'كلمة-سرّ-rana-42!';

/** AES-256-GCM under a key only this process knows: what safeStorage does with the OS's key. */
function testVault(): CredentialVault {
  const key = randomBytes(32);
  return {
    available: () => true,
    encrypt(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe.skipIf(reason !== null)(`team password${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let room: Newsroom;
  const folders: string[] = [];
  const teams: Team[] = [];
  const logged: string[] = [];
  beforeAll(async () => {
    room = await newsroom();
    await room.owner.query(`CREATE ROLE ${PASSWORD_GROUP} NOLOGIN`);
    await addNewsroomLogin(room.owner, { id: 'rana', name: 'رنا يوسف', role: 'editor', password: PASSWORD });
    await room.owner.query(`GRANT ${PASSWORD_GROUP} TO mihbara_rana`);
    // Everything written to the console or stderr during these tests, to look for the password.
    for (const method of ['log', 'error', 'warn', 'info'] as const)
      vi.spyOn(console, method).mockImplementation(
        (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
      );
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
  }, 60_000);
  afterEach(async () => {
    for (const team of teams.splice(0)) await team.close();
    setCredentialVault(null);
    for (const name of ['PGPASSWORD', 'PGHOST', 'PGPORT', 'PGUSER']) delete process.env[name];
  });
  afterAll(async () => {
    for (const workstation of opened) await workstation.close();
    vi.restoreAllMocks();
    await room?.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  const folder = () => {
    const root = mkdtempSync(join(tmpdir(), 'mihbara-password-'));
    folders.push(root);
    return root;
  };
  /** A local-mode workstation on `root`: where the team settings are typed and tested. */
  const opened: Workstation[] = [];
  const dispatchFor = async (root: string): Promise<Dispatch> => {
    const workstation = await openWorkstation({ root, backend: 'local', log: silentLogger });
    opened.push(workstation);
    return workstation.dispatch;
  };
  const value = <T>(result: ApiResult<unknown>): T => {
    expect(result.ok, JSON.stringify(result)).toBe(true);
    return (result as { ok: true; value: T }).value;
  };
  const settings = () => ({
    backend: 'team' as const,
    url: room.urlAs('rana').replace('mihbara_rana@', ''),
    user: 'mihbara_rana',
    tls: 'off' as const,
    caFile: '',
  });

  it('without the password the server refuses the login (the test cluster really asks for it)', async () => {
    const root = folder();
    const dispatch = await dispatchFor(root);
    const tried = value<{ ok: boolean; problem: string }>(
      await dispatch('testTeamConnection', { settings: settings() }),
    );
    expect(tried).toMatchObject({ ok: false, problem: 'login' });
  });

  it('a password typed in the settings is kept encrypted, never in the settings file, and used at the next start', async () => {
    setCredentialVault(testVault());
    const root = folder();
    const dispatch = await dispatchFor(root);
    expect(value<{ passwordKept: string }>(await dispatch('getTeamSettings', {})).passwordKept).toBe('none');
    const tried = value<{ ok: boolean; user: string }>(
      await dispatch('testTeamConnection', { settings: settings(), password: PASSWORD }),
    );
    expect(tried).toMatchObject({ ok: true, user: 'rana' });
    const saved = value<{ passwordKept: string }>(
      await dispatch('saveTeamSettings', { settings: settings(), password: PASSWORD }),
    );
    expect(saved.passwordKept).toBe('encrypted');

    const settingsText = readFileSync(join(root, 'team', 'settings.json'), 'utf8');
    expect(settingsText).toContain('mihbara_rana');
    expect(settingsText).not.toContain(PASSWORD);
    const kept = readFileSync(passwordFile(root));
    for (const form of [PASSWORD, Buffer.from(PASSWORD).toString('base64'), 'rana-42'])
      expect(kept.includes(Buffer.from(form)), form).toBe(false);
    expect(value<{ passwordKept: string }>(await dispatch('getTeamSettings', {})).passwordKept).toBe(
      'encrypted',
    );
    // The test button now works without typing it again.
    expect(value<{ ok: boolean }>(await dispatch('testTeamConnection', { settings: settings() })).ok).toBe(
      true,
    );

    // The next start: team mode opens with the kept password.
    const team = await openConfiguredTeam(root);
    expect(team).not.toBeNull();
    teams.push(team!);
    expect(team!.store.status().online).toBe(true);
    expect((await team!.workflow.currentUser()).id).toBe('rana');

    // Forgetting it removes the file.
    const forgotten = value<{ passwordKept: string }>(
      await dispatch('saveTeamSettings', { settings: settings(), forgetPassword: true }),
    );
    expect(forgotten.passwordKept).toBe('none');
    expect(existsSync(passwordFile(root))).toBe(false);
    expect(logged.join('\n')).not.toContain(PASSWORD);
  });

  it('a wrong password is refused with the localized message, in Arabic and English', async () => {
    setCredentialVault(testVault());
    const root = folder();
    const dispatch = await dispatchFor(root);
    const tried = value<{ ok: boolean; problem: string }>(
      await dispatch('testTeamConnection', { settings: settings(), password: 'ليست-هي' }),
    );
    expect(tried).toMatchObject({ ok: false, problem: 'login' });
    // What the dialog shows for that problem, and when it declines to keep the password.
    expect(ar.team.problem.login).toMatch(/[\u0600-\u06FF]/);
    expect(en.team.problem.login).toMatch(/password/);
    expect(ar.team.passwordRefused).toMatch(/[\u0600-\u06FF]/);
    expect(en.team.passwordRefused).toMatch(/password/);
    // A wrong kept password at start opens team mode offline (below), not a hang, a crash or the local store.
    value(await dispatch('saveTeamSettings', { settings: settings(), password: 'ليست-هي' }));
    const team = await openConfiguredTeam(root);
    teams.push(team!);
    expect(team!.store.status()).toMatchObject({ online: false, refused: 'login' });
    expect(logged.join('\n')).not.toContain('ليست-هي');
  });

  it('a wrong kept password at start: offline on the cached copy, the refusal in the status, saves wait and reach the server once the password is right', async () => {
    setCredentialVault(testVault());
    const root = folder();
    const dispatch = await dispatchFor(root);
    // A first start with the right password: the story is read and saved, so this folder caches it.
    value(await dispatch('saveTeamSettings', { settings: settings(), password: PASSWORD }));
    const first = (await openConfiguredTeam(root))!;
    const stories = createStoryService(first.store);
    const created = await stories.create('ar', await first.workflow.service.newStoryFields('rana'));
    const saved = await stories.save(created.id, created.version, { headline: 'عنوان محفوظ على الخادم' });
    expect((await first.workflow.currentUser()).id).toBe('rana');
    await first.close();

    // The password kept here is now wrong (changed on the server, or mistyped in the settings).
    value(await dispatch('saveTeamSettings', { settings: settings(), password: 'ليست-هي' }));
    const refused = (await openConfiguredTeam(root))!;
    teams.push(refused);
    expect(refused.store.status()).toMatchObject({ online: false, refused: 'login', pending: 0 });
    // What the renderer is told: the team status answer carries the refusal.
    const told = value<{ backend: string; refused?: string }>(
      await (
        await openWorkstation({ root, log: silentLogger }, { team: refused })
      ).dispatch('getTeamStatus', {}),
    );
    expect(told).toMatchObject({ backend: 'team', online: false, refused: 'login' });
    // The newsroom's list and text as last seen, and the same person at the keyboard.
    expect((await refused.store.listPage({ limit: 500 })).items.map((s) => s.id)).toContain(created.id);
    expect((await refused.store.get(created.id)).headline).toBe('عنوان محفوظ على الخادم');
    expect((await refused.workflow.currentUser()).id).toBe('rana');
    // A save waits in the outbox; nothing is dropped or sent as a conflict.
    const offline = createStoryService(refused.store);
    await offline.save(created.id, saved.version, { headline: 'عنوان كُتب والدخول مرفوض' });
    expect(refused.store.status()).toMatchObject({
      online: false,
      refused: 'login',
      pending: 1,
      conflicts: [],
    });
    await refused.close();
    teams.splice(teams.indexOf(refused), 1);

    // The settings fixed: the next start sends the waiting save.
    value(await dispatch('saveTeamSettings', { settings: settings(), password: PASSWORD }));
    const fixed = (await openConfiguredTeam(root))!;
    teams.push(fixed);
    expect(fixed.store.status()).toMatchObject({ online: true, pending: 0, conflicts: [] });
    expect(fixed.store.status().refused).toBeUndefined();
    const row = await room.owner.query<{ headline: string }>(
      "SELECT doc ->> 'headline' AS headline FROM mihbara.stories WHERE id = $1",
      [created.id],
    );
    expect(row.rows[0]!.headline).toBe('عنوان كُتب والدخول مرفوض');
    expect(logged.join('\n')).not.toContain('ليست-هي');
  });

  it('without a secret store nothing is kept and PGPASSWORD is used (the bridge and the command line)', async () => {
    const root = folder();
    const dispatch = await dispatchFor(root);
    const saved = value<{ passwordKept: string }>(
      await dispatch('saveTeamSettings', { settings: settings(), password: PASSWORD }),
    );
    expect(saved.passwordKept).toBe('unavailable');
    expect(existsSync(passwordFile(root))).toBe(false);
    expect(readFileSync(join(root, 'team', 'settings.json'), 'utf8')).not.toContain(PASSWORD);
    // PGPASSWORD goes to the server, port and login the PG* variables name, and nowhere else.
    const address = new URL(settings().url);
    Object.assign(process.env, { PGHOST: address.hostname, PGPORT: address.port, PGUSER: 'mihbara_rana' });
    process.env.PGPASSWORD = PASSWORD;
    const team = await openConfiguredTeam(root);
    teams.push(team!);
    expect((await team!.workflow.currentUser()).id).toBe('rana');
    expect(logged.join('\n')).not.toContain(PASSWORD);
  });
});
