/** The newsroom's desks (id and name), read once per component that needs them. */
import { useEffect, useState } from 'react';
import type { Desk } from '../../../shared/workflow/model';
import { getApi } from '../api/client';

export function useDesks(): Desk[] {
  const [desks, setDesks] = useState<Desk[]>([]);
  useEffect(() => {
    let live = true;
    void getApi()
      .getSession({})
      .then((result) => live && result.ok && setDesks(result.value.desks));
    return () => {
      live = false;
    };
  }, []);
  return desks;
}
