/** The headline-length guide: characters used against the house limit, warning past it. */
import { useTranslation } from 'react-i18next';
import { countCharacters } from '../../../shared/text/count';
import { formatNumber } from '../../../shared/text/house-style';
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
        used: formatNumber(used, settings.houseStyle),
        limit: formatNumber(limit, settings.houseStyle),
      })}
    </span>
  );
}
