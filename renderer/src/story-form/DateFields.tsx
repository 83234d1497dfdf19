/**
 * Date controls of the form: the dateline's date (shown again in the house style) and the
 * embargo (date and time, in the machine's time zone). Digits follow the house style.
 */
import { useMemo, useState, type ReactNode } from 'react';
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
import {
  getLocalTimeZone,
  now,
  parseAbsoluteToLocal,
  toZoned,
  type DateValue,
  parseDate,
  type CalendarDate,
  type ZonedDateTime,
} from '@internationalized/date';
import { formatDate } from '../../../shared/text/house-style';
import { useNewsroomSettings } from '../proofing/settings-store';

/** The locale the date controls speak: the interface's language with the house's digits. */
export function useFormLocale(): string {
  const { i18n } = useTranslation();
  const { houseStyle } = useNewsroomSettings();
  return i18n.language === 'ar' ? `ar-EG-u-nu-${houseStyle.digits}` : 'en-GB';
}

export function FormI18n({ children }: { children: ReactNode }) {
  return <I18nProvider locale={useFormLocale()}>{children}</I18nProvider>;
}

function PickerParts({ label, calendarLabel }: { label: string; calendarLabel: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Label>{label}</Label>
      <Group className="story-form__date">
        <DateInput className="story-form__date-input">
          {(segment) => <DateSegment className="story-form__segment" segment={segment} />}
        </DateInput>
        <Button className="story-form__date-button" aria-label={calendarLabel}>
          ▾
        </Button>
      </Group>
      <Popover className="story-form__popover">
        <Dialog className="story-form__calendar-dialog" aria-label={calendarLabel}>
          <Calendar className="story-form__calendar">
            <header>
              <Button slot="previous" aria-label={t('storyForm.previousMonth')}>
                ‹
              </Button>
              <Heading />
              <Button slot="next" aria-label={t('storyForm.nextMonth')}>
                ›
              </Button>
            </header>
            <CalendarGrid>{(date) => <CalendarCell className="story-form__day" date={date} />}</CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </>
  );
}

/** A dateline's date is a day: kept as noon UTC of that day, so no time zone moves it. */
export function datelineIso(date: CalendarDate): string {
  return `${date.toString()}T12:00:00Z`;
}

export function DatelineDateField({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (iso: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const { houseStyle } = useNewsroomSettings();
  const parsed = useMemo(() => (value ? parseDate(value.slice(0, 10)) : null), [value]);
  return (
    <div className="story-form__field story-form__dateline-date">
      <DatePicker
        value={parsed}
        onChange={(date) => onChange(date ? datelineIso(date) : undefined)}
        granularity="day"
      >
        <PickerParts label={t('storyForm.datelineDate')} calendarLabel={t('storyForm.pickDate')} />
      </DatePicker>
      {value ? (
        <span className="story-form__house-date" data-testid="dateline-house-date">
          {i18n.language === 'ar'
            ? formatDate(new Date(value), houseStyle, { timeZone: 'UTC' })
            : new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
                new Date(value),
              )}
        </span>
      ) : null}
    </div>
  );
}

export function EmbargoField({
  value,
  onChange,
  disabled,
}: {
  value: string | undefined;
  /** sets (an ISO time) or clears (null) the embargo; the story comes back with a new version */
  onChange: (iso: string | null) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const saved = useMemo(() => (value ? parseAbsoluteToLocal(value) : null), [value]);
  const [draft, setDraft] = useState<ZonedDateTime | null>(saved);
  const [placeholder] = useState(() => now(getLocalTimeZone()).set({ hour: 10, minute: 0, second: 0 }));
  const changed = (draft?.toAbsoluteString() ?? null) !== (saved?.toAbsoluteString() ?? null);
  return (
    <div className="story-form__field story-form__embargo">
      <DatePicker<DateValue>
        value={draft}
        placeholderValue={placeholder}
        granularity="minute"
        hourCycle={24}
        hideTimeZone
        isDisabled={disabled}
        onChange={(date) =>
          // Typed from an empty field the picker may hand back a time without a zone: this machine's.
          setDraft(
            date ? ('timeZone' in date ? (date as ZonedDateTime) : toZoned(date, getLocalTimeZone())) : null,
          )
        }
      >
        <PickerParts label={t('storyForm.embargo')} calendarLabel={t('storyForm.pickEmbargo')} />
      </DatePicker>
      <div className="story-form__row">
        <Button
          className="button"
          isDisabled={disabled || !draft || !changed}
          onPress={() => draft && onChange(draft.toAbsoluteString())}
        >
          {t('storyForm.setEmbargo')}
        </Button>
        {value ? (
          <Button className="button" isDisabled={disabled} onPress={() => onChange(null)}>
            {t('storyForm.clearEmbargo')}
          </Button>
        ) : null}
        <span className="story-form__zone">{getLocalTimeZone()}</span>
      </div>
    </div>
  );
}
