/** People's names in the interface's language, for lines that recorded a name at the time. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personLabel } from '../../../shared/workflow/desks';
import type { PublicUser } from '../../../shared/workflow/model';
import { getApi } from '../api/client';

/** `(id, recorded)` → the person's name in the interface's language, or `recorded` if not listed. */
export function usePersonName(): (id: string | undefined, recorded: string) => string {
  const { i18n } = useTranslation();
  const [people, setPeople] = useState<PublicUser[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void getApi()
      .getSession({})
      .then((result) => {
        if (live && result.ok) setPeople(result.value.users);
      });
    return () => {
      live = false;
    };
  }, []);
  return useCallback(
    (id: string | undefined, recorded: string) => personLabel(people, id, recorded, i18n.language),
    [people, i18n.language],
  );
}
