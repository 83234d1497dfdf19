/** The newsroom's desks (id, names, checklist), read once per component that needs them. */
import { useEffect, useState } from 'react';
import { DEFAULT_CHECKLIST } from '../../../shared/workflow/checklist';
import type { ChecklistConfig, Desk } from '../../../shared/workflow/model';
import { getApi } from '../api/client';

export interface DeskDirectory {
  desks: Desk[];
  /** the checklist of stories without a desk */
  noDeskChecklist: ChecklistConfig;
  /** false until the session answered (the levels shown are then not yet the newsroom's) */
  loaded: boolean;
}

export function useDeskDirectory(): DeskDirectory {
  const [directory, setDirectory] = useState<DeskDirectory>({
    desks: [],
    noDeskChecklist: DEFAULT_CHECKLIST,
    loaded: false,
  });
  useEffect(() => {
    let live = true;
    void getApi()
      .getSession({})
      .then(
        (result) =>
          live &&
          result.ok &&
          setDirectory({
            desks: result.value.desks,
            noDeskChecklist: result.value.noDeskChecklist,
            loaded: true,
          }),
      );
    return () => {
      live = false;
    };
  }, []);
  return directory;
}

export function useDesks(): Desk[] {
  return useDeskDirectory().desks;
}
