/** The newsroom roles as the server's database roles. */
import type { Role } from '../../../shared/workflow/model';

/** Database role of each newsroom role. */
export const DB_ROLE: Record<Role, string> = {
  editor: 'mihbara_editor',
  'desk-chief': 'mihbara_desk_chief',
  admin: 'mihbara_admin',
};
