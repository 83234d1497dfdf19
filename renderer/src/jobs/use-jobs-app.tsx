/**
 * Long work's part of the workstation window, kept out of App: the sidebar entry (with the
 * number of jobs running) and the Maintenance screen shown in place of the story while chosen.
 * The desktop menu's "Back up" starts a job on the main side and asks the page to show it.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LIST_PAGE_MAX } from '../../../shared/story/list';
import type { StorySummary } from '../../../shared/story/schema';
import { getApi } from '../api/client';
import { formatCount } from '../i18n';
import { JobsScreen } from './JobsScreen';
import { useJobs } from './use-jobs';

/** The page event the desktop shell raises for the menu's "show the jobs" command. */
export const SHOW_JOBS_EVENT = 'mihbara:show-jobs';

export interface JobsAppOptions {
  /** saves whatever is pending in the open story; false: stay where you are */
  flush: () => Promise<boolean>;
  /** back from the screen to the open story */
  onReturn: () => void;
  /** another screen (publishing) is shown: this one gives way */
  otherScreenShown: boolean;
  /** closes the other screens when this one opens */
  closeOthers: () => void;
  storePath: string | null;
  /** the story open in the editor: choosing another one in the list leaves this screen */
  openStoryId: string | null;
}

export function useJobsApp({
  flush,
  onReturn,
  otherScreenShown,
  closeOthers,
  storePath,
  openStoryId,
}: JobsAppOptions) {
  const { t } = useTranslation();
  const jobs = useJobs();
  const [shown, setShown] = useState(false);
  const { refresh } = jobs;
  // The stories an export may choose from: the newest page the backend gives, asked for when the
  // screen opens (older ones are exported through a search or "all").
  const [stories, setStories] = useState<{ items: StorySummary[]; more: boolean }>({
    items: [],
    more: false,
  });
  useEffect(() => {
    if (!shown) return;
    let cancelled = false;
    void getApi()
      .listStories({ limit: LIST_PAGE_MAX })
      .then((result) => {
        if (!cancelled && result.ok)
          setStories({ items: result.value.items, more: result.value.items.length < result.value.total });
      });
    return () => {
      cancelled = true;
    };
  }, [shown]);

  const show = useCallback(async () => {
    void refresh();
    if (shown) return;
    if (!otherScreenShown && !(await flush())) return;
    closeOthers();
    setShown(true);
  }, [shown, otherScreenShown, flush, closeOthers, refresh]);

  useEffect(() => {
    if (otherScreenShown) setShown(false);
  }, [otherScreenShown]);
  useEffect(() => setShown(false), [openStoryId]);

  useEffect(() => {
    const onShow = () => void show();
    window.addEventListener(SHOW_JOBS_EVENT, onShow);
    return () => window.removeEventListener(SHOW_JOBS_EVENT, onShow);
  }, [show]);

  const toggle = () => {
    if (shown) {
      setShown(false);
      onReturn();
    } else void show();
  };

  const nav = (
    <nav className="jobs-nav" aria-label={t('jobs.nav')}>
      <button type="button" className="queues__item" aria-pressed={shown} onClick={toggle}>
        <span>
          {jobs.running > 0 ? t('jobs.navRunning', { n: formatCount(jobs.running) }) : t('jobs.nav')}
        </span>
      </button>
    </nav>
  );

  const screen: ReactNode = shown ? (
    <JobsScreen jobs={jobs} storePath={storePath} stories={stories.items} moreStories={stories.more} />
  ) : null;

  return { nav, screen, hide: () => setShown(false) };
}
