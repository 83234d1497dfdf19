/**
 * A story the desk returned says why at its top: the desk's note, who returned it and when,
 * until the editor sends it again (the notice follows the story's status).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Story } from '../../../shared/story/schema';
import type { HistoryEntry } from '../../../shared/workflow/model';
import { getApi } from '../api/client';
import { useDateFormat } from '../app/use-date-format';
import { usePersonName } from '../queues/use-person-name';

export function ReturnedNotice({ story }: { story: Pick<Story, 'id' | 'status' | 'version'> }) {
  const { t } = useTranslation();
  const nameOf = usePersonName();
  const formatTime = useDateFormat();
  const [entry, setEntry] = useState<HistoryEntry | null>(null);
  const returned = story.status === 'returned';
  useEffect(() => {
    if (!returned) return;
    let live = true;
    void getApi()
      .getHistory({ id: story.id })
      .then((result) => {
        if (!live || !result.ok) return;
        setEntry(
          result.value.entries.findLast((e) => e.kind === 'transition' && e.action === 'return') ?? null,
        );
      });
    return () => {
      live = false;
    };
  }, [returned, story.id, story.version]);
  if (!returned || !entry) return null;
  return (
    <section
      className="returned-notice"
      role="note"
      aria-label={t('storyForm.returnedTitle')}
      data-testid="returned-notice"
    >
      <strong>
        {t('storyForm.returnedBy', {
          name: nameOf(entry.actor, entry.actorName),
          time: formatTime(entry.at),
        })}
      </strong>
      {entry.note ? <p dir="auto">{entry.note}</p> : null}
    </section>
  );
}
