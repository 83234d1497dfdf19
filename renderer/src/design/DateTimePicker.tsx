/**
 * The workstation's one date and date-and-time picker, on React Aria: the dateline's date, the
 * embargo, the publication time and the search dates all use it. In the Arabic UI it shows the
 * Hijri (Umm al-Qura) calendar in Arabic, with the house digits, and the Gregorian date beside it;
 * in English the Gregorian calendar. Values are instants (ISO strings) in the machine's time zone,
 * so "today" and the Hijri day follow the local evening, never UTC's; a day picker gives a plain
 * Gregorian date `YYYY-MM-DD`, whatever calendar it was picked in.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  Group,
  Heading,
  I18nProvider,
  Label,
  Popover,
} from 'react-aria-components';
import { ChevronLeft, ChevronRight, CalendarDays } from 'lucide-react';
import {
  CalendarDate,
  GregorianCalendar,
  IslamicUmalquraCalendar,
  toCalendar,
  fromDate,
  getLocalTimeZone,
  toCalendarDate,
  type DateValue,
  type ZonedDateTime,
} from '@internationalized/date';
import { useNewsroomSettings } from '../proofing/settings-store';
import { formatDate } from '../../../shared/text/house-style';

export interface DateTimePickerProps {
  label: string;
  /** an ISO instant (date and time) or a plain date `YYYY-MM-DD` (day pickers); '' when empty */
  value: string;
  onChange: (value: string) => void;
  /** `minute` and `second` pick an instant, `day` a calendar date */
  granularity?: 'day' | 'minute' | 'second';
  /** the earliest instant that may be picked */
  min?: Date;
  className?: string;
  isDisabled?: boolean;
}

/** The locale the picker speaks: Hijri Umm al-Qura in Arabic with the house digits, Gregorian in English. */
export function pickerLocale(language: string, digits: 'latn' | 'arab'): string {
  return language === 'ar' ? `ar-SA-u-ca-islamic-umalqura-nu-${digits}` : 'en-GB-u-ca-gregory-nu-latn';
}

function toValue(value: string, granularity: DateTimePickerProps['granularity']): DateValue | null {
  if (!value) return null;
  const zone = getLocalTimeZone();
  if (granularity === 'day') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return match ? new CalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : fromDate(new Date(time), zone);
}

function fromValue(value: DateValue | null, granularity: DateTimePickerProps['granularity']): string {
  if (!value) return '';
  if (granularity === 'day') {
    // Stored in the Gregorian calendar, whatever calendar it was picked in.
    return toCalendarDate(toCalendar(value, new GregorianCalendar())).toString().slice(0, 10);
  }
  return (value as ZonedDateTime).toDate().toISOString();
}

export function DateTimePicker({
  label,
  value,
  onChange,
  granularity = 'minute',
  min,
  className,
  isDisabled,
}: DateTimePickerProps) {
  const { t, i18n } = useTranslation();
  const { houseStyle } = useNewsroomSettings();
  const locale = pickerLocale(i18n.language, houseStyle.digits);
  const hijri = i18n.language === 'ar';
  const inCalendar = useMemo(
    () =>
      <T extends DateValue>(date: T): T =>
        hijri ? (toCalendar(date, new IslamicUmalquraCalendar()) as T) : date,
    [hijri],
  );
  // The value and the placeholder stay Gregorian (the picker converts them for display and gives
  // back the same calendar); the lower bound is given in the picker's calendar, which its grid follows.
  const current = useMemo(() => toValue(value, granularity), [value, granularity]);
  const minTime = min?.getTime();
  const minValue = useMemo(() => {
    if (minTime === undefined) return undefined;
    const zoned = fromDate(new Date(minTime), getLocalTimeZone());
    return inCalendar(granularity === 'day' ? toCalendarDate(zoned) : zoned);
  }, [minTime, granularity, inCalendar]);
  const placeholder = useMemo(() => {
    const now = fromDate(new Date(), getLocalTimeZone()).set({ second: 0, millisecond: 0 });
    return granularity === 'day' ? toCalendarDate(now) : now;
  }, [granularity]);
  // The other calendar, written out, so a Hijri pick is never misread (and the reverse).
  const other = useMemo(() => {
    if (!current) return null;
    const date =
      granularity === 'day' ? current.toDate(getLocalTimeZone()) : (current as ZonedDateTime).toDate();
    if (i18n.language !== 'ar') return null;
    return formatDate(date, { ...houseStyle, calendar: 'gregorian' }, { time: granularity !== 'day' });
  }, [current, granularity, houseStyle, i18n.language]);

  return (
    <I18nProvider locale={locale}>
      <DatePicker
        className={`date-field${className ? ` ${className}` : ''}`}
        value={current}
        onChange={(next) => onChange(fromValue(next, granularity))}
        granularity={granularity}
        hourCycle={24}
        hideTimeZone
        shouldForceLeadingZeros
        isDisabled={isDisabled}
        placeholderValue={placeholder}
        {...(minValue ? { minValue } : {})}
      >
        <Label>{label}</Label>
        <Group className="date-field__group">
          <DateInput className="date-field__input">
            {(segment) => <DateSegment segment={segment} className="date-field__segment" />}
          </DateInput>
          <Button className="icon-button" aria-label={t('datePicker.open')}>
            <CalendarDays aria-hidden="true" size={18} />
          </Button>
        </Group>
        {other ? (
          <span className="calendar__secondary" dir="rtl" lang="ar" data-testid="date-other-calendar">
            {other}
          </span>
        ) : null}
        <Popover className="popover" placement="bottom start">
          <Dialog className="modal__dialog" aria-label={label}>
            <Calendar className="calendar">
              <header>
                <Button slot="previous" className="icon-button" aria-label={t('datePicker.previous')}>
                  <ChevronLeft aria-hidden="true" size={18} className="icon--directional" />
                </Button>
                <Heading />
                <Button slot="next" className="icon-button" aria-label={t('datePicker.next')}>
                  <ChevronRight aria-hidden="true" size={18} className="icon--directional" />
                </Button>
              </header>
              <CalendarGrid>{(date) => <CalendarCell date={date} className="calendar__cell" />}</CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </DatePicker>
    </I18nProvider>
  );
}
