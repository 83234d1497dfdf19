/**
 * Dates as the house style wants them, wherever the interface shows one: in Arabic the
 * newsroom's digits, calendar (Gregorian, Hijri Umm al-Qura or both) and month names; in
 * English the same calendar with English words.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/text/house-style';
import { useNewsroomSettings } from '../proofing/settings-store';

/** Returns a formatter of ISO times (date and time of day) that follows the house style. */
export function useDateFormat(): (iso: string) => string {
  const { i18n } = useTranslation();
  const { houseStyle } = useNewsroomSettings();
  return useMemo(() => {
    if (i18n.language === 'ar') return (iso: string) => formatDate(new Date(iso), houseStyle, { time: true });
    const calendar = houseStyle.calendar === 'hijri' ? 'islamic-umalqura' : 'gregory';
    const english = new Intl.DateTimeFormat(`en-GB-u-ca-${calendar}-nu-latn`, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    return (iso: string) => english.format(new Date(iso));
  }, [i18n.language, houseStyle]);
}
