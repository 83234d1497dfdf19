/**
 * The editor pane of one story: its headline fields and body, with autosave. Mount it with
 * `key={story.id}`; the owner calls the registered flush before switching stories.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/workflow/model';
import type { Story, StoryBody } from '../../../shared/story/schema';
import { BodyEditor } from '../editor/BodyEditor';
import { commentHighlights } from '../editor/comment-highlights';
import { proofingExtensions } from '../proofing';
import { StoryForm, type FormValues } from '../story-form/StoryForm';
import { ReturnedNotice } from '../story-form/ReturnedNotice';
import { useDesks } from '../story-body/use-desks';
import { useRecoveryJournal } from '../recovery/use-recovery-journal';
import { SaveStatus } from './SaveStatus';
import { useDetailsSlot } from '../review/details-slot';
import { TaggingPanel } from '../tagging/TaggingPanel';
import { draftOf, useAutosave, type Autosave } from './use-autosave';

export interface StoryEditorProps {
  story: Story;
  onSaved: (story: Story) => void;
  /** hands the owner this editor's autosave, so it can flush before the story goes away */
  registerAutosave: (autosave: Autosave | null) => void;
  autoFocusHeadline?: boolean;
  /** a new story not stored yet: its first edit stores it */
  unstored?: boolean;
  /** the role of the user at the keyboard (null until the session is known) */
  role?: Role | null;
}

export function StoryEditor({
  story,
  onSaved,
  registerAutosave,
  autoFocusHeadline,
  unstored = false,
  role = null,
}: StoryEditorProps) {
  const { t } = useTranslation();
  // What is typed also goes to the recovery journal, so a crash or a full disk loses nothing.
  const autosave = useRecoveryJournal(story, useAutosave(story, onSaved, unstored));
  const { change, flush } = autosave;
  // Proofing (spelling, find, counts, typing aids): one set per story editor, read at mount.
  // Comment highlights: the words each open comment is about, chosen with the comment list.
  const [extensions] = useState(() => [...proofingExtensions(), commentHighlights(story.id)]);
  const [values, setValues] = useState<FormValues>(() => draftOf(story));
  const desks = useDesks();
  const detailsTarget = useDetailsSlot();

  useEffect(() => {
    registerAutosave(autosave);
  });
  useEffect(() => () => registerAutosave(null), [registerAutosave]);

  const onFields = useCallback(
    (patch: Partial<FormValues>) => {
      setValues((current) => ({ ...current, ...patch }));
      change(patch);
    },
    [change],
  );

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

  return (
    <article className="story-editor" aria-label={values.headline || t('list.untitled')}>
      <div className="story-editor__bar">
        <SaveStatus state={autosave.state} onRetry={() => void flush()} />
      </div>
      <ReturnedNotice story={story} />
      <StoryForm
        values={values}
        onChange={onFields}
        desks={desks}
        dir={story.direction}
        lang={story.language}
        autoFocusHeadline={autoFocusHeadline}
        detailsTarget={detailsTarget}
        body={
          <BodyEditor
            value={story.body}
            onChange={onBodyChange}
            dir={story.direction}
            lang={story.language}
            extensions={extensions}
          />
        }
        tagging={
          <TaggingPanel
            story={story}
            headline={values.headline}
            getBody={getBody}
            onChange={change}
            role={role}
          />
        }
      />
    </article>
  );
}
