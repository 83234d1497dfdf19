/**
 * The command line's password for the server it was told to use: the address comes from its own
 * arguments (or the PG* variables), so PGPASSWORD goes there (see passwordFor).
 */
import { passwordFor, targetOf } from '../core/team/credentials';

export function ownPassword(url: string | undefined): Promise<string | undefined> {
  const target = targetOf({ ...(url ? { url } : {}) });
  return passwordFor(null, target, { startedFor: target });
}
