/**
 * The workstation window: top bar, story list and the open story. Switching or creating a
 * story first flushes the open story's pending save; if that fails the story stays open, so
 * unsaved text is never thrown away.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorShape } from '../../../shared/api/errors';
import { summarize, type Story, type StorySummary } from '../../../shared/story/schema';
import { getApi } from '../api/client';
import { ImportDocxButton } from '../editor/ImportDocxButton';
import { setUiLanguage, uiLanguage } from '../i18n';
import { StoreNotices } from '../recovery/StoreNotices';
import { StoryEditor } from '../stories/StoryEditor';
import { useDesktopShell } from './desktop-shell';
import { StoryList } from '../stories/StoryList';
import { SearchPanel } from '../search/SearchPanel';
import type { Autosave } from '../stories/use-autosave';
import { useWorkflowApp } from '../review/use-workflow-app';
import { usePublishingApp } from '../publishing/use-publishing-app';
import { TeamStatusButton } from '../settings/team/TeamStatusButton';
import { useJobsApp } from '../jobs/use-jobs-app';

const LAST_STORY_KEY = 'mihbara.lastStory';

function rememberStory(id: string): void {
  try {
    window.sessionStorage.setItem(LAST_STORY_KEY, id);
  } catch {
    // Only a convenience for reloads.
  }
}

function lastStory(): string | null {
  try {
    return window.sessionStorage.getItem(LAST_STORY_KEY);
  } catch {
    return null;
  }
}

/** Ctrl/Cmd+Alt+N by physical key, so it works under any keyboard layout. */
function isNewStoryShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.altKey && !event.shiftKey && event.code === 'KeyN';
}

export function App() {
  const { t } = useTranslation();
  const [storePath, setStorePath] = useState<string | null>(null);
  const [stories, setStories] = useState<StorySummary[] | null>(null);
  const [open, setOpen] = useState<{ story: Story; fresh: boolean } | null>(null);
  const [problem, setProblem] = useState<ApiErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const autosave = useRef<Autosave | null>(null);
  const registerAutosave = useCallback((value: Autosave | null) => {
    autosave.current = value;
  }, []);

  const report = useCallback((error: ApiErrorShape | null) => setProblem(error), []);
  useDesktopShell();

  /** Saves whatever is pending in the open story; false means "stay where you are". */
  const flushOpenStory = useCallback(async () => (autosave.current ? autosave.current.flush() : true), []);
  const workflow = useWorkflowApp({ open, setOpen, stories, setStories, flush: flushOpenStory, report });

  const openStory = useCallback(
    async (id: string) => {
      if (!(await flushOpenStory())) return;
      const result = await getApi().getStory({ id });
      if (!result.ok) return report(result.error);
      report(null);
      rememberStory(id);
      setOpen({ story: result.value, fresh: false });
    },
    [flushOpenStory, report],
  );

  const createStory = useCallback(async () => {
    if (busy) return;
    setBusy(true);
    try {
      if (!(await flushOpenStory())) return;
      const result = await getApi().createStory({ language: 'ar' });
      if (!result.ok) return report(result.error);
      report(null);
      const story = result.value;
      setStories((current) => [summarize(story), ...(current ?? [])]);
      rememberStory(story.id);
      setOpen({ story, fresh: true });
    } finally {
      setBusy(false);
    }
  }, [busy, flushOpenStory, report]);

  const onSaved = useCallback((story: Story) => {
    const summary = summarize(story);
    setStories((current) =>
      current ? current.map((entry) => (entry.id === story.id ? summary : entry)) : [summary],
    );
  }, []);

  // Back from a publishing screen, the open story is read again (it may have moved on meanwhile).
  const returnToStory = useCallback(() => {
    if (open) void openStory(open.story.id);
  }, [open, openStory]);
  const publishing = usePublishingApp({
    flush: flushOpenStory,
    onReturn: returnToStory,
    onDraftOpened: (story) => {
      setStories((current) => [summarize(story), ...(current ?? [])]);
      rememberStory(story.id);
      setOpen({ story, fresh: false });
    },
    onShowStory: (id) => void openStory(id),
  });
  // Long work (backups, checks, exports, imports) and its screen, which takes turns with publishing's.
  const jobs = useJobsApp({
    flush: flushOpenStory,
    onReturn: returnToStory,
    otherScreenShown: publishing.screen !== null,
    closeOthers: publishing.showStory,
    storePath,
    stories: stories ?? [],
    openStoryId: open?.story.id ?? null,
  });
  const screen = jobs.screen ?? publishing.screen;

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const api = getApi();
      const [info, list] = await Promise.all([api.getStoreInfo({}), api.listStories({})]);
      if (cancelled) return;
      if (info.ok) setStorePath(info.value.path);
      if (!list.ok) {
        setStories([]);
        return report(list.error);
      }
      setStories(list.value);
      const last = lastStory();
      if (last && list.value.some((story) => story.id === last)) await openStory(last);
    })();
    return () => {
      cancelled = true;
    };
    // Runs once at start; openStory is stable enough for that purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isNewStoryShortcut(event)) return;
      event.preventDefault();
      void createStory();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [createStory]);

  const otherLanguage = uiLanguage() === 'ar' ? 'en' : 'ar';

  return (
    <div className="app">
      <header className="top-bar">
        <h1 className="top-bar__name">{t('app.name')}</h1>
        <p className="top-bar__store">
          {storePath ? (
            <>
              {t('app.storePath', { path: '' })}
              <bdi dir="ltr" className="top-bar__path">
                {storePath}
              </bdi>
            </>
          ) : (
            t('app.storeUnknown')
          )}
        </p>
        {workflow.identity}
        <TeamStatusButton />
        <button
          type="button"
          className="button top-bar__language"
          lang={otherLanguage}
          aria-label={t('app.switchLanguageLabel')}
          onClick={() => setUiLanguage(otherLanguage)}
        >
          {t('app.switchLanguage')}
        </button>
        <ImportDocxButton
          onImported={(story) => {
            setStories((current) => [summarize(story), ...(current ?? [])]);
            void openStory(story.id);
          }}
        />
      </header>
      <StoreNotices
        onRestored={(story) => {
          onSaved(story);
          void openStory(story.id);
        }}
      />
      <div className="workspace">
        <StoryList
          stories={workflow.visibleStories}
          lockNames={workflow.lockNames}
          selectedId={open?.story.id ?? null}
          onSelect={(id) => void openStory(id)}
          onCreate={() => void createStory()}
          top={
            <>
              {workflow.queueNav}
              {publishing.nav}
              {jobs.nav}
              <SearchPanel
                onOpen={(id) => void openStory(id)}
                onTagsChanged={() => {
                  if (open) void openStory(open.story.id);
                }}
              />
            </>
          }
        />
        <main className="editor-pane" aria-label={t('editor.mainLabel')}>
          {problem ? (
            <p className="problem" role="alert">
              {t(`errors.${problem.code}`)}
            </p>
          ) : null}
          {screen}
          {screen ? null : open ? (
            workflow.renderStory(
              open.story,
              // A workflow step gives the story a new version: the editor starts again from it.
              <StoryEditor
                key={`${open.story.id}:${open.story.version}`}
                story={open.story}
                onSaved={onSaved}
                onReplaced={(story) => {
                  onSaved(story);
                  setOpen({ story, fresh: false });
                }}
                registerAutosave={registerAutosave}
                autoFocusHeadline={open.fresh}
              />,
            )
          ) : (
            <p className="editor-pane__empty">{t('editor.noStory')}</p>
          )}
          {!screen && open ? publishing.storyDeliveries(open.story) : null}
        </main>
      </div>
    </div>
  );
}
