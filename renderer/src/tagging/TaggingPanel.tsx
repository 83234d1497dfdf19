/**
 * The story's tags, subjects (IPTC Media Topics), people, places and organisations, and the
 * duplicate warning. Every change goes through the story's autosave, like its text.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntitySuggestion, SimilarStory } from '../../../shared/search/api';
import type { Story, StoryBody, StoryEdit, StoryEntity } from '../../../shared/story/schema';
import type { MediaTopic } from '../../../shared/vocab/mediatopics';
import { bodyToText } from '../../../shared/format/body-to-html';
import { roleMayCall } from '../../../shared/api/contract';
import type { Role } from '../../../shared/workflow/model';
import { getApi } from '../api/client';
import { Combobox, type ComboOption } from './Combobox';
import { normalizeArabic } from '../../../shared/text/normalize';
import './tagging.css';

export interface TaggingPanelProps {
  story: Story;
  headline: string;
  /** the body as the editor holds it now (it may not be saved yet) */
  getBody: () => StoryBody;
  onChange: (patch: Pick<StoryEdit, 'tags' | 'subjects' | 'entities'>) => void;
  /** the role of the user at the keyboard: the gazetteer's controls follow the contract's policy */
  role?: Role | null;
}

const same = (a: string, b: string) => normalizeArabic(a.trim()) === normalizeArabic(b.trim());
const DUPLICATE_CHECK_MS = 800;

function leadOf(body: StoryBody): string {
  for (const block of body) {
    const text = bodyToText([block]).trim();
    if (text) return text;
  }
  return '';
}

export function TaggingPanel({ story, headline, getBody, onChange, role = null }: TaggingPanelProps) {
  const { t, i18n } = useTranslation();
  // Adding a name to the gazetteer is offered only to whom the contract's policy allows it.
  const mayAddNames = role !== null && roleMayCall('addEntity', role);
  const language = i18n.language === 'en' ? 'en' : 'ar';
  const [tags, setTags] = useState<string[]>(story.tags);
  const [subjects, setSubjects] = useState<MediaTopic[]>([]);
  const [entities, setEntities] = useState<StoryEntity[]>(story.entities ?? []);
  const [suggestions, setSuggestions] = useState<EntitySuggestion[] | null>(null);
  const [similar, setSimilar] = useState<SimilarStory[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [newEntity, setNewEntity] = useState<{ name: string; kind: StoryEntity['kind'] }>({
    name: '',
    kind: 'person',
  });

  // Labels of the story's subjects in the UI language.
  useEffect(() => {
    const codes = story.subjects ?? [];
    if (codes.length === 0) return;
    void getApi()
      .getMediaTopics({ codes, language })
      .then((result) => result.ok && setSubjects(result.value));
  }, [story.subjects, language]);

  // The latest lists, for changes that finish after an await: two quick clicks must not both build
  // on the list as it was before either of them.
  const tagsRef = useRef(tags);
  const entitiesRef = useRef(entities);
  const setTagList = (next: string[]) => {
    tagsRef.current = next;
    setTags(next);
    onChange({ tags: next });
  };
  const setEntityList = (next: StoryEntity[]) => {
    entitiesRef.current = next;
    setEntities(next);
    onChange({ entities: next });
  };

  const loadTags = useCallback(
    async (text: string): Promise<ComboOption<{ name: string; create: boolean }>[]> => {
      const result = await getApi().suggestTags({ query: text, limit: 8 });
      const found = result.ok ? result.value : [];
      const options = found.map((tag) => ({
        key: tag.name,
        value: { name: tag.name, create: false },
        label: tag.name,
        content: (
          <>
            <bdi>{tag.name}</bdi>{' '}
            <span className="combobox__meta">{t('tagging.tagCount', { count: tag.count })}</span>
          </>
        ),
      }));
      const typed = text.trim();
      // Creating is its own, last option: never what Enter picks while a match is listed first.
      if (typed && !found.some((tag) => same(tag.name, typed))) {
        options.push({
          key: `create:${typed}`,
          value: { name: typed, create: true },
          label: t('tagging.createTag', { name: typed }),
          content: <span className="combobox__create">{t('tagging.createTag', { name: typed })}</span>,
        });
      }
      return options;
    },
    [t],
  );

  const pickTag = async ({ name, create }: { name: string; create: boolean }) => {
    setNotice(null);
    let final = name;
    if (create) {
      const result = await getApi().createTag({ name });
      if (!result.ok) return setNotice(t('tagging.tagRefused'));
      final = result.value.name;
    }
    const current = tagsRef.current;
    if (!current.some((tag) => same(tag, final))) setTagList([...current, final]);
  };

  const loadTopics = useCallback(
    async (text: string): Promise<ComboOption<MediaTopic>[]> => {
      if (!text.trim()) return [];
      const result = await getApi().searchMediaTopics({ query: text, language, limit: 12 });
      return (result.ok ? result.value : []).map((topic) => ({
        key: topic.code,
        value: topic,
        label: topic.path.join(' › '),
        content: (
          <span lang={topic.labelLang}>
            {topic.path.join(' › ')}
            {topic.labelLang !== language ? (
              <span className="combobox__meta"> ({t('tagging.englishOnly')})</span>
            ) : null}
          </span>
        ),
      }));
    },
    [language, t],
  );

  const pickTopic = (topic: MediaTopic) => {
    if (subjects.some((s) => s.code === topic.code)) return;
    const next = [...subjects, topic];
    setSubjects(next);
    onChange({ subjects: next.map((s) => s.code) });
  };

  const refreshSuggestions = useCallback(async () => {
    const body = bodyToText(getBody());
    const text = [headline, story.subheadline, story.byline, body].join('\n');
    const result = await getApi().suggestEntities({ text, accepted: entities });
    setSuggestions(result.ok ? result.value : []);
  }, [getBody, headline, story.subheadline, story.byline, entities]);

  useEffect(() => {
    void refreshSuggestions();
    // Suggestions are computed at open and on request, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const accept = async (entity: StoryEntity) => {
    // A name the gazetteer lacks joins it (for whom may add names); one it has is left as it is.
    if (mayAddNames) await getApi().addEntity({ kind: entity.kind, name: entity.name, aliases: [] });
    const current = entitiesRef.current;
    if (current.some((e) => e.kind === entity.kind && same(e.name, entity.name))) return;
    setEntityList([...current, entity]);
    setSuggestions(
      (current) => current?.filter((s) => !(s.kind === entity.kind && same(s.name, entity.name))) ?? null,
    );
  };

  // The duplicate warning: only for stories not yet submitted.
  useEffect(() => {
    if (story.status !== 'draft') return;
    const timer = setTimeout(() => {
      const lead = leadOf(getBody());
      if (!headline.trim()) return setSimilar([]);
      void getApi()
        .findSimilarStories({ id: story.id, headline, lead })
        .then((result) => setSimilar(result.ok ? result.value : []));
    }, DUPLICATE_CHECK_MS);
    return () => clearTimeout(timer);
  }, [headline, story.id, story.status, getBody]);

  return (
    <section className="tagging" aria-label={t('tagging.heading')}>
      {similar.length > 0 ? (
        <div className="tagging__duplicate" role="alert">
          <p>{t('tagging.duplicateWarning')}</p>
          <ul>
            {similar.map((s) => (
              <li key={s.id}>
                <bdi>{s.headline}</bdi>{' '}
                <span className="combobox__meta">
                  {t('tagging.similarity', { percent: Math.round(s.similarity * 100) })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="tagging__group">
        <Combobox
          label={t('tagging.tags')}
          placeholder={t('tagging.tagPlaceholder')}
          load={loadTags}
          onPick={(v) => void pickTag(v)}
        />
        {notice ? (
          <p className="tagging__notice" role="alert">
            {notice}
          </p>
        ) : null}
        <ul className="chips" aria-label={t('tagging.storyTags')}>
          {tags.map((tag) => (
            <li key={tag} className="chip">
              <bdi>{tag}</bdi>
              <button
                type="button"
                className="chip__remove"
                aria-label={t('tagging.removeTag', { name: tag })}
                onClick={() => setTagList(tags.filter((x) => x !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      </div>

      <div className="tagging__group">
        <Combobox
          label={t('tagging.subjects')}
          placeholder={t('tagging.subjectPlaceholder')}
          load={loadTopics}
          onPick={pickTopic}
        />
        <ul className="chips" aria-label={t('tagging.storySubjects')}>
          {subjects.map((topic) => (
            <li key={topic.code} className="chip" title={topic.path.join(' › ')}>
              <span lang={topic.labelLang}>{topic.path.join(' › ')}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={t('tagging.removeSubject', { name: topic.label })}
                onClick={() => {
                  const next = subjects.filter((s) => s.code !== topic.code);
                  setSubjects(next);
                  onChange({ subjects: next.map((s) => s.code) });
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <p className="tagging__credit">{t('tagging.iptcCredit')}</p>
      </div>

      <div className="tagging__group">
        <h3 className="tagging__title">{t('tagging.entities')}</h3>
        <ul className="chips" aria-label={t('tagging.storyEntities')}>
          {entities.map((entity) => (
            <li key={`${entity.kind}:${entity.name}`} className={`chip chip--${entity.kind}`}>
              <span className="chip__kind">{t(`tagging.kind.${entity.kind}`)}</span> <bdi>{entity.name}</bdi>
              <button
                type="button"
                className="chip__remove"
                aria-label={t('tagging.removeEntity', { name: entity.name })}
                onClick={() => setEntityList(entities.filter((e) => e !== entity))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="tagging__suggestions">
          <div className="tagging__row">
            <h4 className="tagging__subtitle">{t('tagging.suggested')}</h4>
            <button type="button" className="button" onClick={() => void refreshSuggestions()}>
              {t('tagging.refreshSuggestions')}
            </button>
          </div>
          {suggestions && suggestions.length === 0 ? (
            <p className="tagging__note">{t('tagging.noSuggestions')}</p>
          ) : null}
          <ul className="suggestions" aria-label={t('tagging.suggested')}>
            {(suggestions ?? []).map((s) => (
              <li key={`${s.kind}:${s.name}`}>
                {/* A new name joins the story (and, for a chief, the gazetteer) with its kind, in one click. */}
                <button
                  type="button"
                  className={s.isNew ? 'button suggestion suggestion--new' : 'button suggestion'}
                  aria-label={
                    s.isNew
                      ? t(mayAddNames ? 'tagging.acceptNew' : 'tagging.acceptNewStoryOnly', {
                          name: s.name,
                          kind: t(`tagging.kind.${s.kind}`),
                        })
                      : t('tagging.accept', { name: s.name })
                  }
                  onClick={() => void accept({ kind: s.kind, name: s.name })}
                >
                  {s.isNew ? <span className="suggestion__new">{t('tagging.new')}</span> : null}{' '}
                  <span className="chip__kind">{t(`tagging.kind.${s.kind}`)}</span> <bdi>{s.name}</bdi>{' '}
                  <span className="combobox__meta">{t('tagging.mentions', { count: s.mentions })}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        {/* A new name joins the gazetteer: offered only to desk chiefs and administrators. */}
        {mayAddNames ? (
          <form
            className="tagging__row"
            onSubmit={(event) => {
              event.preventDefault();
              const name = newEntity.name.trim();
              if (!normalizeArabic(name).replace(/[\s\p{P}]/gu, '')) return;
              void accept({ kind: newEntity.kind, name });
              setNewEntity({ ...newEntity, name: '' });
            }}
          >
            <label>
              {t('tagging.newEntityName')}
              <input
                type="text"
                dir="auto"
                value={newEntity.name}
                onChange={(e) => setNewEntity({ ...newEntity, name: e.target.value })}
              />
            </label>
            <label>
              {t('tagging.newEntityKind')}
              <select
                value={newEntity.kind}
                onChange={(e) => setNewEntity({ ...newEntity, kind: e.target.value as StoryEntity['kind'] })}
              >
                <option value="person">{t('tagging.kind.person')}</option>
                <option value="place">{t('tagging.kind.place')}</option>
                <option value="organisation">{t('tagging.kind.organisation')}</option>
              </select>
            </label>
            <button type="submit" className="button">
              {t('tagging.addEntity')}
            </button>
          </form>
        ) : null}
      </div>
    </section>
  );
}
