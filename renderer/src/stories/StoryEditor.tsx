/**
 * The editor pane of one story: its headline fields and body, with autosave. Mount it with
 * `key={story.id}`; the owner calls the registered flush before switching stories.
 */
import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Story, StoryBody } from '../../../shared/story/schema';
import { BodyEditor } from '../editor/BodyEditor';
import { commentHighlights } from '../editor/comment-highlights';
import { HeadlineGuide, proofingExtensions } from '../proofing';
import { useRecoveryJournal } from '../recovery/use-recovery-journal';
import { SaveStatus } from './SaveStatus';
import { TaggingPanel } from '../tagging/TaggingPanel';
import { draftOf, useAutosave, type Autosave } from './use-autosave';

export interface StoryEditorProps {
  story: Story;
  onSaved: (story: Story) => void;
  /** hands the owner this editor's autosave, so it can flush before the story goes away */
  registerAutosave: (autosave: Autosave | null) => void;
  autoFocusHeadline?: boolean;
}

type FieldName = 'headline' | 'subheadline' | 'byline' | 'place';

export function StoryEditor({ story, onSaved, registerAutosave, autoFocusHeadline }: StoryEditorProps) {
  const { t } = useTranslation();
  // What is typed also goes to the recovery journal, so a crash or a full disk loses nothing.
  const autosave = useRecoveryJournal(story, useAutosave(story, onSaved));
  const { change, flush } = autosave;
  const idPrefix = useId();
  // Proofing (spelling, find, counts, typing aids): one set per story editor, read at mount.
  // Comment highlights: the words each open comment is about, chosen with the comment list.
  const [extensions] = useState(() => [...proofingExtensions(), commentHighlights(story.id)]);
  const [fields, setFields] = useState(() => {
    const draft = draftOf(story);
    return {
      headline: draft.headline,
      subheadline: draft.subheadline,
      byline: draft.byline,
      place: draft.dateline.place,
    };
  });

  useEffect(() => {
    registerAutosave(autosave);
  });
  useEffect(() => () => registerAutosave(null), [registerAutosave]);

  const onField = (name: FieldName) => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value;
    setFields((current) => ({ ...current, [name]: value }));
    change(name === 'place' ? { dateline: { ...story.dateline, place: value } } : { [name]: value });
  };

  // The tagging panel reads the body as typed (for suggestions and the duplicate warning).
  const bodyRef = useRef(story.body);
  const getBody = useCallback(() => bodyRef.current, []);
  const onBodyChange = useCallback(
    (body: StoryBody) => {
      bodyRef.current = body;
      change({ body });
    },
    [change],
  );

  // Story text has its own direction and language, independent of the UI's.
  const content = { dir: story.direction, lang: story.language };
  const field = (name: FieldName, label: string, className = '') => (
    <div className={`story-field ${className}`}>
      <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
      <input
        id={`${idPrefix}-${name}`}
        type="text"
        {...content}
        value={fields[name]}
        onChange={onField(name)}
        autoFocus={name === 'headline' && autoFocusHeadline}
        autoComplete="off"
      />
    </div>
  );

  return (
    <article className="story-editor" aria-label={fields.headline || t('list.untitled')}>
      <div className="story-editor__bar">
        <SaveStatus state={autosave.state} onRetry={() => void flush()} />
      </div>
      <div className="story-fields">
        {field('headline', t('editor.headline'), 'story-field--headline')}
        <HeadlineGuide headline={fields.headline} />
        {field('subheadline', t('editor.subheadline'), 'story-field--wide')}
        {field('byline', t('editor.byline'))}
        {field('place', t('editor.datelinePlace'))}
      </div>
      <BodyEditor
        value={story.body}
        onChange={onBodyChange}
        dir={story.direction}
        lang={story.language}
        extensions={extensions}
      />
      <TaggingPanel story={story} headline={fields.headline} getBody={getBody} onChange={change} />
    </article>
  );
}
