/**
 * Search in the sidebar: free text (any spelling: احمد finds أحمد), filters, relevance or date
 * order, results with the matched words highlighted, and the newsroom's saved searches.
 */
import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { X } from 'lucide-react';
import { DateTimePicker } from '../design/DateTimePicker';
import type { Highlight, SavedSearch, SearchFilters, SearchResponse } from '../../../shared/search/api';
import { StoryStatus } from '../../../shared/story/schema';
import type { MediaTopic } from '../../../shared/vocab/mediatopics';
import { getApi } from '../api/client';
import { Combobox, type ComboOption } from '../tagging/Combobox';
import { roleMayCall } from '../../../shared/api/contract';
import type { Role } from '../../../shared/workflow/model';
import { TagAdmin } from '../tagging/TagAdmin';
import type { ChangeEvent } from '../../../shared/team/contract';
import { useTeamLive } from '../settings/team/use-team-live';
import './search.css';

export interface SearchPanelProps {
  onOpen: (id: string) => void;
  /** an administrator changed tags across stories: the open story must be reloaded */
  onTagsChanged?: () => void;
  /** closes the search screen */
  onClose?: () => void;
  /** the role of the user at the keyboard: managing tags is offered as the contract's policy allows */
  role?: Role | null;
}

const SEARCH_DELAY_MS = 200;

/** Text with its highlighted ranges in <mark>; nothing is parsed as HTML. */
export function Marked({ text, highlights }: { text: string; highlights: Highlight[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  highlights.forEach(({ start, end }, index) => {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={index}>{text.slice(start, end)}</mark>);
    at = end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

const hasFilter = (filters: SearchFilters) => Object.values(filters).some((v) => v !== undefined && v !== '');

export function SearchPanel({ onOpen, onTagsChanged, onClose, role = null }: SearchPanelProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const language = i18n.language === 'en' ? 'en' : 'ar';
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<SearchFilters>({});
  const [subjectLabel, setSubjectLabel] = useState('');
  const [sort, setSort] = useState<'relevance' | 'date'>('relevance');
  const [showFilters, setShowFilters] = useState(false);
  const [result, setResult] = useState<SearchResponse | null>(null);
  const [failed, setFailed] = useState(false);
  const [saved, setSaved] = useState<SavedSearch[]>([]);
  const [saveName, setSaveName] = useState<string | null>(null);

  useEffect(() => {
    void getApi()
      .listSavedSearches({})
      .then((r) => r.ok && setSaved(r.value));
  }, []);
  // In team mode the saved searches are the newsroom's: another workstation's change shows here.
  useTeamLive(
    useCallback((events: ChangeEvent[]) => {
      if (!events.some((e) => e.kind === 'shared' && e.path === 'newsroom/saved-searches.json')) return;
      void getApi()
        .listSavedSearches({})
        .then((r) => r.ok && setSaved(r.value));
    }, []),
  );

  const active = query.trim() !== '' || hasFilter(filters);
  useEffect(() => {
    if (!active) {
      setResult(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      void getApi()
        .searchStories({ query, filters, sort, limit: 30 })
        .then((r) => {
          if (cancelled) return;
          setFailed(!r.ok);
          setResult(r.ok ? r.value : null);
        });
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, filters, sort, active]);

  const setFilter = (name: keyof SearchFilters, value: string) =>
    setFilters((current) => {
      const next = { ...current, [name]: value || undefined };
      return next;
    });

  const loadTopics = useCallback(
    async (text: string): Promise<ComboOption<MediaTopic>[]> => {
      if (!text.trim()) return [];
      const r = await getApi().searchMediaTopics({ query: text, language, limit: 10 });
      return (r.ok ? r.value : []).map((topic) => ({
        key: topic.code,
        value: topic,
        label: topic.path.join(' › '),
        content: <span lang={topic.labelLang}>{topic.path.join(' › ')}</span>,
      }));
    },
    [language],
  );

  const runSaved = (search: SavedSearch) => {
    setQuery(search.query);
    setFilters(search.filters);
    setSort(search.sort);
    setShowFilters(hasFilter(search.filters));
  };

  return (
    <section className="search-panel" aria-labelledby={`${id}-heading`}>
      <div className="search-panel__head">
        <h2 id={`${id}-heading`} className="search-panel__heading">
          {t('search.heading')}
        </h2>
        {onClose ? (
          <button
            type="button"
            className="icon-button"
            aria-label={t('layout.closeSearch')}
            onClick={onClose}
          >
            <X aria-hidden="true" size={18} />
          </button>
        ) : null}
      </div>
      <form role="search" onSubmit={(e) => e.preventDefault()} className="search-panel__form">
        <label htmlFor={`${id}-q`} className="visually-hidden">
          {t('search.queryLabel')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          dir="auto"
          maxLength={10_000}
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="search-panel__row">
          <button
            type="button"
            className="button"
            aria-expanded={showFilters}
            onClick={() => setShowFilters((s) => !s)}
          >
            {t('search.filters')}
          </button>
          <label>
            {t('search.sort')}{' '}
            <select value={sort} onChange={(e) => setSort(e.target.value as 'relevance' | 'date')}>
              <option value="relevance">{t('search.byRelevance')}</option>
              <option value="date">{t('search.byDate')}</option>
            </select>
          </label>
        </div>
        {showFilters ? (
          <fieldset className="search-panel__filters">
            <legend className="visually-hidden">{t('search.filters')}</legend>
            <label>
              {t('search.status')}
              <select value={filters.status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
                <option value="">{t('search.any')}</option>
                {StoryStatus.options.map((status) => (
                  <option key={status} value={status}>
                    {t(`status.${status}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('search.author')}
              <input
                type="text"
                dir="auto"
                value={filters.author ?? ''}
                onChange={(e) => setFilter('author', e.target.value)}
              />
            </label>
            <label>
              {t('search.desk')}
              <input
                type="text"
                dir="auto"
                value={filters.desk ?? ''}
                onChange={(e) => setFilter('desk', e.target.value)}
              />
            </label>
            <label>
              {t('search.tag')}
              <input
                type="text"
                dir="auto"
                value={filters.tag ?? ''}
                onChange={(e) => setFilter('tag', e.target.value)}
              />
            </label>
            <Combobox
              label={t('search.subject')}
              load={loadTopics}
              onPick={(topic: MediaTopic) => {
                setSubjectLabel(topic.path.join(' › '));
                setFilter('subject', topic.code);
              }}
            />
            {filters.subject ? (
              <p className="chip">
                <span>{subjectLabel || filters.subject}</span>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={t('search.clearSubject')}
                  onClick={() => setFilter('subject', '')}
                >
                  ×
                </button>
              </p>
            ) : null}
            <DateTimePicker
              label={t('search.from')}
              granularity="day"
              value={filters.from ?? ''}
              onChange={(value) => setFilter('from', value)}
            />
            <DateTimePicker
              label={t('search.to')}
              granularity="day"
              value={filters.to ?? ''}
              onChange={(value) => setFilter('to', value)}
            />
          </fieldset>
        ) : null}
      </form>

      {role !== null && roleMayCall('renameTag', role) ? (
        <TagAdmin onChanged={() => onTagsChanged?.()} />
      ) : null}

      {saved.length > 0 ? (
        <nav aria-label={t('search.saved')} className="search-panel__saved">
          <h3 className="search-panel__subheading">{t('search.saved')}</h3>
          <ul>
            {saved.map((search) => (
              <li key={search.id} className="search-panel__saved-item">
                <button type="button" className="link-button" onClick={() => runSaved(search)}>
                  <bdi>{search.name}</bdi>
                </button>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={t('search.deleteSaved', { name: search.name })}
                  onClick={() =>
                    void getApi()
                      .deleteSavedSearch({ id: search.id })
                      .then((r) => r.ok && setSaved(r.value))
                  }
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      {active ? (
        <div className="search-panel__results">
          <div className="search-panel__row">
            <p role="status" className="search-panel__count">
              {failed
                ? t('search.failed')
                : result
                  ? t(result.totalAtLeast ? 'search.countAtLeast' : 'search.count', { count: result.total })
                  : t('search.searching')}
            </p>
            {saveName === null ? (
              <button type="button" className="button" onClick={() => setSaveName('')}>
                {t('search.save')}
              </button>
            ) : null}
          </div>
          {result?.scope === 'cached' ? (
            <p className="search-panel__notice" role="note">
              {t('search.cachedOnly')}
            </p>
          ) : null}
          {saveName !== null ? (
            <form
              className="search-panel__row"
              onSubmit={(e) => {
                e.preventDefault();
                const name = saveName.trim();
                if (!name) return;
                void getApi()
                  .saveSearch({ name, query, filters, sort })
                  .then((r) => {
                    if (r.ok) setSaved(r.value);
                    setSaveName(null);
                  });
              }}
            >
              <label>
                {t('search.saveName')}
                <input
                  type="text"
                  dir="auto"
                  autoFocus
                  value={saveName}
                  onChange={(e) => setSaveName(e.target.value)}
                />
              </label>
              <button type="submit" className="button button--primary">
                {t('search.saveConfirm')}
              </button>
              <button type="button" className="button" onClick={() => setSaveName(null)}>
                {t('search.cancel')}
              </button>
            </form>
          ) : null}
          <ul className="search-results" aria-label={t('search.results')}>
            {(result?.hits ?? []).map((hit) => (
              <li key={hit.id}>
                <button type="button" className="search-result" onClick={() => onOpen(hit.id)}>
                  <span className="search-result__headline" dir="auto" lang={hit.language}>
                    <Marked
                      text={hit.headline || t('list.untitled')}
                      highlights={hit.headline ? hit.headlineHighlights : []}
                    />
                  </span>
                  <span className="search-result__snippet" dir="auto" lang={hit.language}>
                    <Marked text={hit.snippet.text} highlights={hit.snippet.highlights} />
                  </span>
                  <span className="story-list__meta">
                    <span className={`status-badge status-badge--${hit.status}`}>
                      {t(`status.${hit.status}`)}
                    </span>
                    {hit.byline ? <bdi>{hit.byline}</bdi> : null}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
