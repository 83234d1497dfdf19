/**
 * Who is at the keyboard: the session from the main process, and switching identity with a PIN.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiErrorShape } from '../../../shared/api/errors';
import type { ResponseOf } from '../../../shared/api/contract';
import { getApi } from '../api/client';

export type Session = ResponseOf<'getSession'>;

export function useSession() {
  const [session, setSession] = useState<Session | null>(null);
  const refresh = useCallback(async () => {
    const result = await getApi().getSession({});
    if (result.ok) setSession(result.value);
  }, []);
  useEffect(() => void refresh(), [refresh]);
  const switchUser = useCallback(async (userId: string, pin: string): Promise<ApiErrorShape | null> => {
    const result = await getApi().switchUser({ userId, ...(pin ? { pin } : {}) });
    if (!result.ok) return result.error;
    setSession(result.value);
    return null;
  }, []);
  return { session, refresh, switchUser };
}
