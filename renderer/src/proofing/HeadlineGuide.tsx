/** The headline-length guide: characters used against the house limit, warning past it. */
import { useTranslation } from 'react-i18next';
import { formatCount } from '../i18n';
import { countCharacters } from '../../../shared/text/count';
import { useNewsroomSettings } from './settings-store';

export function HeadlineGuide({ headline, id }: { headline: string; id?: string }) {
  const { t } = useTranslation();
  const settings = useNewsroomSettings();
  const used = countCharacters(headline, true);
  const limit = settings.headlineLimit;
  const over = used > limit;
  return (
    <span id={id} className="headline-guide" data-over={over || undefined}>
      {t(over ? 'proofing.headlineOver' : 'proofing.headlineLength', {
        used: formatCount(used),
        limit: formatCount(limit),
      })}
    </span>
  );
}
