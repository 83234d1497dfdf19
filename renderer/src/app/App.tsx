/**
 * The workstation window: top bar, then three panes (queues and story list, the story or a
 * screen, the story panel). Switching or creating a story first flushes the open story's pending
 * save; if that fails the story stays open, so unsaved text is never thrown away. A new story is
 * held here until its first edit stores it (then it joins the list); left untouched, it leaves
 * nothing behind.
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
import { useWorkflowApp, type OpenStory } from '../review/use-workflow-app';
import { usePublishingApp } from '../publishing/use-publishing-app';
import { TeamStatusButton } from '../settings/team/TeamStatusButton';
import { useJobsApp } from '../jobs/use-jobs-app';
import {
  Keyboard,
  PanelLeftClose,
  PanelLeftOpen,
  PanelRightClose,
  PanelRightOpen,
  Search,
} from 'lucide-react';
import { appActionOf, appShortcutLabel, ariaAppShortcut, type AppAction } from './app-shortcuts';
import { ShortcutsSheet } from './ShortcutsSheet';
import { usePaneLayout, Workspace } from './Workspace';
import { SWITCH_USER_EVENT } from '../queues/IdentityBar';

const LAST_STORY_KEY = 'mihbara.lastStory';
const SEARCH_OPEN_KEY = 'mihbara.searchOpen';

function searchWasOpen(): boolean {
  try {
    return window.sessionStorage.getItem(SEARCH_OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

/** Focuses the first control inside `id` once React has drawn it. */
function focusInside(id: string): void {
  requestAnimationFrame(() => {
    const root = document.getElementById(id);
    // A field first (the search box), else the first control.
    const target =
      root?.querySelector<HTMLElement>('input[type="search"], input:not([type="hidden"]), textarea') ??
      root?.querySelector<HTMLElement>('button, select, [href], [tabindex="0"]');
    (target ?? root)?.focus();
  });
}

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

export function App() {
  const { t } = useTranslation();
  const [storePath, setStorePath] = useState<string | null>(null);
  const [stories, setStories] = useState<StorySummary[] | null>(null);
  const [open, setOpen] = useState<OpenStory | null>(null);
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
      // Not stored yet: the editor's first edit stores it (and it joins the list then).
      const result = await getApi().newStory({ language: 'ar' });
      if (!result.ok) return report(result.error);
      report(null);
      setOpen({ story: result.value, fresh: true, unstored: true });
    } finally {
      setBusy(false);
    }
  }, [busy, flushOpenStory, report]);

  const storySaved = workflow.storySaved;
  const onSaved = useCallback(
    (story: Story) => {
      const summary = summarize(story);
      // The page shown follows (a new story's first save puts it at the top; the next refresh
      // asks the backend for the page again).
      setStories((current) =>
        current?.some((entry) => entry.id === story.id)
          ? current.map((entry) => (entry.id === story.id ? summary : entry))
          : [summary, ...(current ?? [])],
      );
      // The new story's first edit stored it: from now on it is a story like any other.
      setOpen((current) =>
        current?.unstored && current.story.id === story.id ? { ...current, unstored: false } : current,
      );
      rememberStory(story.id);
      storySaved(story);
    },
    [storySaved],
  );

  // Back from a publishing screen, the open story is read again (it may have moved on meanwhile).
  const returnToStory = useCallback(() => {
    if (open && !open.unstored) void openStory(open.story.id);
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
    openStoryId: open && !open.unstored ? open.story.id : null,
  });
  const screen = jobs.screen ?? publishing.screen;

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const api = getApi();
      // The list itself is the workflow's to ask for (the page or queue shown).
      const info = await api.getStoreInfo({});
      if (cancelled) return;
      if (info.ok) setStorePath(info.value.path);
      else report(info.error);
      // The story open before a reload, when it is still there (it may be on no page shown).
      const last = lastStory();
      const reopened = last ? await api.getStory({ id: last }) : null;
      if (reopened?.ok && !cancelled) setOpen({ story: reopened.value, fresh: false });
    })();
    return () => {
      cancelled = true;
    };
  }, [report]);

  const { layout, update: updateLayout } = usePaneLayout(workflow.userId);
  const [searchOpen, setSearchOpenState] = useState(searchWasOpen);
  const [sheet, setSheet] = useState(false);
  const setSearchOpen = useCallback(
    (value: boolean) => {
      setSearchOpenState(value);
      try {
        window.sessionStorage.setItem(SEARCH_OPEN_KEY, value ? '1' : '0');
      } catch {
        // Only a convenience for reloads.
      }
      if (value) {
        publishing.showStory();
        jobs.hide();
        focusInside('search-screen');
      } else requestAnimationFrame(() => document.getElementById('main-content')?.focus());
    },
    [publishing, jobs],
  );

  // A pane that closes with the focus inside gives it to the main pane; one opened by keyboard takes it.
  const togglePane = useCallback(
    (side: 'start' | 'end') => {
      const id = side === 'start' ? 'pane-start' : 'pane-end';
      const closing = side === 'start' ? !layout.startCollapsed : !layout.endCollapsed;
      const hadFocus = document.getElementById(id)?.contains(document.activeElement) ?? false;
      updateLayout((current) =>
        side === 'start'
          ? { ...current, startCollapsed: !current.startCollapsed }
          : { ...current, endCollapsed: !current.endCollapsed },
      );
      if (closing && hadFocus) requestAnimationFrame(() => document.getElementById('main-content')?.focus());
      if (!closing) focusInside(id);
    },
    [layout, updateLayout],
  );

  const runAction = useCallback(
    (action: AppAction) => {
      if (action === 'new-story') void createStory();
      else if (action === 'search') {
        if (searchOpen) focusInside('search-screen');
        else setSearchOpen(true);
      } else if (action === 'toggle-start') togglePane('start');
      else if (action === 'toggle-end') togglePane('end');
      else if (action === 'switch-user') window.dispatchEvent(new Event(SWITCH_USER_EVENT));
      else setSheet((shown) => !shown);
    },
    [createStory, searchOpen, setSearchOpen, togglePane],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = appActionOf(event);
      if (!action) return;
      event.preventDefault();
      runAction(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [runAction]);

  const otherLanguage = uiLanguage() === 'ar' ? 'en' : 'ar';
  const paneToggle = (side: 'start' | 'end') => {
    const collapsed = side === 'start' ? layout.startCollapsed : layout.endCollapsed;
    const action: AppAction = side === 'start' ? 'toggle-start' : 'toggle-end';
    // The start side is on the right in RTL: the icons follow the side, not the word.
    const rtl = uiLanguage() === 'ar';
    const onLeft = (side === 'start') !== rtl;
    const Icon = onLeft
      ? collapsed
        ? PanelLeftOpen
        : PanelLeftClose
      : collapsed
        ? PanelRightOpen
        : PanelRightClose;
    return (
      <button
        type="button"
        className="icon-button"
        aria-label={t(side === 'start' ? 'layout.toggleStart' : 'layout.toggleEnd')}
        title={`${t(side === 'start' ? 'layout.toggleStart' : 'layout.toggleEnd')} (${appShortcutLabel(action)})`}
        aria-pressed={!collapsed}
        aria-keyshortcuts={ariaAppShortcut(action)}
        onClick={() => togglePane(side)}
      >
        <Icon aria-hidden="true" size={20} />
      </button>
    );
  };

  const storyView = open ? (
    <>
      {workflow.renderStory(
        open.story,
        // A workflow step gives the story a new version: the editor starts again from it.
        <StoryEditor
          key={`${open.story.id}:${open.story.version}`}
          story={open.story}
          onSaved={onSaved}
          registerAutosave={registerAutosave}
          autoFocusHeadline={open.fresh}
          unstored={open.unstored ?? false}
          role={workflow.userRole}
        />,
      )}
      {publishing.storyDeliveries(open.story)}
    </>
  ) : (
    <p className="editor-pane__empty">{t('editor.noStory')}</p>
  );

  return (
    <div className="app">
      <a
        href="#main-content"
        className="skip-link"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        {t('layout.skip')}
      </a>
      <header className="top-bar">
        {paneToggle('start')}
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
        <button
          type="button"
          className="icon-button"
          aria-label={t('layout.shortcuts')}
          title={`${t('layout.shortcuts')} (${appShortcutLabel('shortcuts')})`}
          aria-keyshortcuts={ariaAppShortcut('shortcuts')}
          onClick={() => setSheet(true)}
        >
          <Keyboard aria-hidden="true" size={20} />
        </button>
        {paneToggle('end')}
      </header>
      <StoreNotices
        onRestored={(story) => {
          onSaved(story);
          void openStory(story.id);
        }}
      />
      <Workspace
        layout={layout}
        update={updateLayout}
        mainLabel={t('editor.mainLabel')}
        start={
          <StoryList
            stories={workflow.visibleStories}
            shown={workflow.shown}
            onMore={workflow.more}
            limitReached={workflow.limitReached}
            lockNames={workflow.lockNames}
            selectedId={open?.story.id ?? null}
            onSelect={(id) => void openStory(id)}
            onCreate={() => void createStory()}
            top={
              <>
                <div className="pane-search">
                  <button
                    type="button"
                    className="queues__item pane-search__button"
                    aria-pressed={searchOpen}
                    aria-keyshortcuts={ariaAppShortcut('search')}
                    title={`${t('layout.searchOpen')} (${appShortcutLabel('search')})`}
                    onClick={() => setSearchOpen(!searchOpen)}
                  >
                    <Search aria-hidden="true" size={18} />
                    <span>{t('layout.search')}</span>
                  </button>
                </div>
                {workflow.queueNav}
                {publishing.nav}
                {jobs.nav}
              </>
            }
          />
        }
        main={
          <>
            {problem ? (
              <p className="problem" role="alert">
                {t(`errors.${problem.code}`)}
              </p>
            ) : null}
            {screen ??
              (searchOpen ? (
                <div className="search-layout" data-story={open ? 'open' : 'none'}>
                  <div className="search-layout__list" id="search-screen">
                    <SearchPanel
                      role={workflow.userRole}
                      onClose={() => setSearchOpen(false)}
                      onOpen={(id) => void openStory(id)}
                      onTagsChanged={() => {
                        if (open && !open.unstored) void openStory(open.story.id);
                      }}
                    />
                  </div>
                  {open ? <div className="search-layout__story">{storyView}</div> : null}
                </div>
              ) : (
                storyView
              ))}
          </>
        }
        // While searching, the result opened beside the list takes the room of the side panel.
        end={!screen && open && !searchOpen ? workflow.renderPanel(open.story) : null}
      />
      {sheet ? <ShortcutsSheet onClose={() => setSheet(false)} /> : null}
    </div>
  );
}
