/**
 * Publishing's part of the workstation window, kept out of App: the sidebar entries (the
 * Incoming queue with its count of new items; the channels screen for administrators), the
 * screen shown in place of the story while one is chosen, and the delivery log under the open
 * story.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../i18n';
import type { Story } from '../../../shared/story/schema';
import { getApi } from '../api/client';
import { IncomingQueue } from '../incoming/IncomingQueue';
import { ChannelsScreen } from './ChannelsScreen';
import { DeliveryLog } from './DeliveryLog';
import './publishing.css';

type View = 'incoming' | 'channels';

/** How often the sidebar's count and the user's role are refreshed. */
const REFRESH_MS = 5000;

export interface PublishingAppOptions {
  /** saves whatever is pending in the open story; false: stay where you are */
  flush: () => Promise<boolean>;
  /** back from a screen to the open story (reload it: it may have moved on meanwhile) */
  onReturn: () => void;
  /** a draft was opened from the Incoming queue: list it and show it */
  onDraftOpened: (story: Story) => void;
  /** shows a story (leaving the publishing screens) */
  onShowStory: (id: string) => void;
}

export function usePublishingApp({ flush, onReturn, onDraftOpened, onShowStory }: PublishingAppOptions) {
  const { t } = useTranslation();
  const [view, setView] = useState<View | null>(null);
  const [fresh, setFresh] = useState(0);
  const [admin, setAdmin] = useState(false);

  const refresh = useCallback(async () => {
    const api = getApi();
    const [incoming, session] = await Promise.all([api.listIncoming({}), api.getSession({})]);
    if (incoming.ok) setFresh(incoming.value.items.filter((item) => item.status === 'new').length);
    if (session.ok) setAdmin(session.value.user.role === 'admin');
  }, []);
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);
  // The channels screen is an administrator's: switching to another user leaves it.
  useEffect(() => {
    if (view === 'channels' && !admin) {
      setView(null);
      onReturn();
    }
  }, [view, admin, onReturn]);

  // The open story's editor goes away while a screen is shown: its text is saved first.
  const toggle = async (next: View) => {
    if (view === next) {
      setView(null);
      onReturn();
      return;
    }
    if (view === null && !(await flush())) return;
    setView(next);
  };

  const nav = (
    <nav className="publishing-nav" aria-label={t('publishing.nav')}>
      <button
        type="button"
        className="queues__item"
        aria-pressed={view === 'incoming'}
        onClick={() => void toggle('incoming')}
      >
        <span>{t('incoming.title')}</span>
        <span className="queues__count" aria-label={t('incoming.newCount', { count: fresh })}>
          {formatCount(fresh)}
        </span>
      </button>
      {admin ? (
        <button
          type="button"
          className="queues__item"
          aria-pressed={view === 'channels'}
          onClick={() => void toggle('channels')}
        >
          {t('publishing.channelsButton')}
        </button>
      ) : null}
    </nav>
  );

  const screen: ReactNode =
    view === 'incoming' ? (
      <IncomingQueue
        onOpened={(story) => {
          setView(null);
          onDraftOpened(story);
        }}
        onShowStory={(id) => {
          setView(null);
          onShowStory(id);
        }}
        onChanged={() => void refresh()}
      />
    ) : view === 'channels' && admin ? (
      <ChannelsScreen />
    ) : null;

  /** The delivery log under the open story (a story never published shows nothing). */
  const storyDeliveries = (story: Story): ReactNode =>
    !story.publishedAt ? null : (
      <DeliveryLog key={story.id} storyId={story.id} refreshKey={story.version} headingLevel={3} />
    );

  return { nav, screen, storyDeliveries, showStory: () => setView(null) };
}
