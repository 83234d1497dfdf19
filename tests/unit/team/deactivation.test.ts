/**
 * A person deactivated by the administrator on one workstation stays deactivated: the flag is
 * kept by the server (schema 5), another workstation sees it on its next look at the people and
 * refuses to switch them in, the server refuses the person's own login, and a change to one
 * person writes that person's row only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import { openTeam, type Team } from '../../../electron/core/team/open';
import { sameUser } from '../../../electron/core/team/pg-workflow';
import { peopleAdmin } from '../../../electron/core/workflow/people';
import { newsroom, type Newsroom } from './fixture';
import { skipReason } from './pg-cluster';
import { silentLogger } from '../../../electron/core/log';

const reason = skipReason();

describe('sameUser (which users the directory writes again)', () => {
  const read = {
    id: 'yasin',
    name: 'ياسين أحمد',
    latinName: '',
    initials: 'ي أ',
    role: 'editor' as const,
    desks: ['politics'],
    pinHash: 'server-login:',
    createdAt: '2026-05-04T08:00:00.000Z',
  };
  it('a user read from an older cache (no flag) equals the parsed one, in any key order', () => {
    const { createdAt, ...rest } = read;
    expect(sameUser(read, { createdAt, active: true, ...rest })).toBe(true);
  });
  it('a changed flag, role, desk or name is a change; an unknown user is one too', () => {
    expect(sameUser(read, { ...read, active: false })).toBe(false);
    expect(sameUser(read, { ...read, role: 'desk-chief' })).toBe(false);
    expect(sameUser(read, { ...read, desks: [] })).toBe(false);
    expect(sameUser(read, { ...read, name: 'ياسين' })).toBe(false);
    expect(sameUser(undefined, read)).toBe(false);
  });
});

describe.skipIf(reason !== null)(
  `user deactivation on a real PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let room: Newsroom;
    const teams: Team[] = [];
    const folders: string[] = [];
    const workstation = async (person: string) => {
      const folder = mkdtempSync(join(tmpdir(), 'mihbara-ws-'));
      folders.push(folder);
      const team = await openTeam({ url: room.urlAs(person) }, { localRoot: folder, log: silentLogger });
      teams.push(team);
      return team;
    };
    /** Each user row's transaction id: a row written again gets a new one. */
    const rowVersions = async () =>
      new Map(
        (
          await room.owner.query<{ id: string; xmin: string }>('SELECT id, xmin::text FROM mihbara.users')
        ).rows.map((row) => [row.id, row.xmin]),
      );
    const refusal = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ApiError);
      return error as ApiError;
    };

    beforeAll(async () => {
      room = await newsroom();
    }, 60_000);
    afterAll(async () => {
      for (const team of teams) await team.close();
      await room?.close();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });

    it('deactivated on workstation A: refused switch-in on B, refused login, one row written; reactivation undoes it', async () => {
      const a = await workstation('amal');
      const b = await workstation('huda');
      // B has looked at the people before the change (its directory is loaded).
      expect((await b.workflow.session()).users.map((u) => u.id)).toContain('yasin');

      const before = await rowVersions();
      const admin = peopleAdmin(a.workflow.service.users);
      const changed = await admin.updateUser('yasin', { active: false });
      expect(changed.active).toBe(false);

      // Only yasin's row was written: the others, read back from the server, compare unchanged.
      const after = await rowVersions();
      for (const [id, version] of before) {
        if (id === 'yasin') expect(after.get(id)).not.toBe(version);
        else expect(after.get(id), id).toBe(version);
      }
      const stored = await room.owner.query<{ active: boolean }>(
        'SELECT active FROM mihbara.users WHERE id = $1',
        ['yasin'],
      );
      expect(stored.rows[0]!.active).toBe(false);

      // Workstation B: not offered, and refused as inactive (not merely for the PIN).
      expect((await b.workflow.session()).users.map((u) => u.id)).not.toContain('yasin');
      const switched = await refusal(b.workflow.switchUser('yasin'));
      expect(switched.code).toBe('forbidden');
      expect(switched.issues?.[0]?.message).toBe('inactive');
      // A later change on A (another person) does not bring yasin back.
      await admin.updateUser('salma', { initials: 'س ع' });
      expect((await b.workflow.service.users.find('yasin')).active).toBe(false);

      // The server itself refuses the deactivated login.
      const yasin = await room.as('yasin');
      await expect(yasin.query('SELECT (mihbara.me()).id')).rejects.toMatchObject({ detail: 'inactive' });

      // Reactivated: offered again, the switch now only asks for the server login's PIN.
      await admin.updateUser('yasin', { active: true });
      expect((await b.workflow.session()).users.map((u) => u.id)).toContain('yasin');
      const again = await refusal(b.workflow.switchUser('yasin'));
      expect(again.issues?.[0]?.message).toBe('pin');
      expect((await yasin.query<{ id: string }>('SELECT (mihbara.me()).id AS id')).rows[0]!.id).toBe('yasin');
    });

    it('a person cannot change their own active flag through the server', async () => {
      const salma = await room.as('salma');
      const row = (
        await salma.query<Record<string, unknown>>(
          'SELECT id, name, latin_name, initials, role, desks FROM mihbara.users WHERE id = $1',
          ['salma'],
        )
      ).rows[0]!;
      const doc = { id: row.id, name: row.name, initials: row.initials, role: row.role, desks: row.desks };
      // Their own record unchanged is accepted; with the flag flipped it is refused.
      await salma.query('SELECT mihbara.put_user($1)', [{ ...doc, active: true }]);
      await expect(
        salma.query('SELECT mihbara.put_user($1)', [{ ...doc, active: false }]),
      ).rejects.toMatchObject({
        code: 'MH403',
      });
    });
  },
);
