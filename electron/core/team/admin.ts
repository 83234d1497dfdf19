/**
 * Administrator tasks on the newsroom database, run with an owner's login (the same one that
 * migrates): creating a person's database login in the role of their newsroom role.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Role } from '../../../shared/workflow/model';
import { DB_ROLE } from './matrix';
import { rollback } from './query';

export interface NewLogin {
  /** newsroom user id (`yasin-ahmed`) */
  id: string;
  name: string;
  role: Role;
  /** the database login; defaults to `mihbara_<id>` with dashes as underscores */
  login?: string;
  password?: string;
  latinName?: string;
  desks?: string[];
}

/** The login name for a user id. */
export const loginFor = (id: string) => `mihbara_${id.replace(/-/g, '_')}`;

/**
 * Creates (or updates) the person: a LOGIN role that is a member of exactly their newsroom
 * role, and their row in mihbara.users mapped to that login.
 */
export async function addNewsroomLogin(client: pg.ClientBase, person: NewLogin): Promise<{ login: string }> {
  const login = person.login ?? loginFor(person.id);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(login)) throw new Error(`${login} is not a valid database login`);
  const password = person.password ?? null;
  await client.query('BEGIN');
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login]);
    // Identifiers cannot be parameters: the login was checked against a strict pattern above.
    if (exists.rowCount === 0) await client.query(`CREATE ROLE ${login} LOGIN`);
    if (password !== null) {
      const quoted = (await client.query<{ q: string }>('SELECT quote_literal($1) AS q', [password])).rows[0]!
        .q;
      await client.query(`ALTER ROLE ${login} PASSWORD ${quoted}`);
    }
    for (const role of Object.values(DB_ROLE)) await client.query(`REVOKE ${role} FROM ${login}`);
    await client.query(`GRANT ${DB_ROLE[person.role]} TO ${login}`);
    await client.query(
      `INSERT INTO mihbara.users (id, name, latin_name, initials, role, desks, db_login)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, desks = excluded.desks,
         latin_name = excluded.latin_name, db_login = excluded.db_login`,
      [
        person.id,
        person.name,
        person.latinName ?? '',
        [...person.name.trim()].slice(0, 2).join('') || '?',
        person.role,
        person.desks ?? [],
        login,
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await rollback(client);
    throw error;
  }
  return { login };
}

/** A random password for a new login (printed once by the command line). */
export const newPassword = () => randomBytes(18).toString('base64url');
