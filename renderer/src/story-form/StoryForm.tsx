/**
 * The story form's fields, in the order an Arabic newsroom fills them in: slug, desk, headline
 * and sub-headline, byline, dateline (place and date), lead image, [body], [tags and Media
 * Topics], urgency, the note to the desk. (The embargo is a workflow step: the workflow panel
 * holds its one control.) Each section is its own component so a
 * layout can place it where it likes: the workstation keeps headline, sub-headline, byline, body
 * and tags in the middle pane and draws the details in the side panel's details tab.
 */
import { useId, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { LeadImage, StoryEdit } from '../../../shared/story/schema';
import type { Desk } from '../../../shared/workflow/model';
import { HeadlineGuide } from '../proofing';
import { DateTimePicker } from '../design/DateTimePicker';
import { UiI18n } from '../design/locale';
import { DeskPicker } from './DeskPicker';
import { LeadImageField } from './LeadImageField';
import { UrgencyPicker } from './UrgencyPicker';
import './story-form.css';

/** What the form edits; a cleared desk or note is `''`, a cleared urgency `null`. */
export type FormValues = Required<
  Pick<
    StoryEdit,
    | 'slugline'
    | 'desk'
    | 'headline'
    | 'subheadline'
    | 'byline'
    | 'dateline'
    | 'leadImage'
    | 'urgency'
    | 'edNote'
  >
>;

export interface StoryFormProps {
  values: FormValues;
  onChange: (patch: Partial<FormValues>) => void;
  desks: readonly Desk[];
  /** the story's text direction and language (independent of the interface's) */
  dir: 'rtl' | 'ltr';
  lang: string;
  /** the body editor, placed after the lead image */
  body: ReactNode;
  /** tags and Media Topics, placed after the body */
  tagging: ReactNode;
  autoFocusHeadline?: boolean;
  /**
   * where the detail fields (slug, desk, dateline, lead image, urgency, note) are drawn:
   * an element of the side panel, or null when it is closed; omitted, they stay in the form
   */
  detailsTarget?: HTMLElement | null;
}

interface TextProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  dir: 'rtl' | 'ltr';
  lang: string;
  className?: string;
  autoFocus?: boolean;
  multiline?: boolean;
  name: string;
}

/** A dateline's date is a day: kept as noon UTC of that day, so no time zone moves it. */
export function datelineIso(day: string): string {
  return `${day}T12:00:00Z`;
}

/** One labelled text input (or text area) of the form. */
export function FormText({
  label,
  value,
  onChange,
  dir,
  lang,
  className = '',
  autoFocus,
  multiline,
  name,
}: TextProps) {
  const id = useId();
  return (
    <div className={`story-form__field story-field ${className}`} data-field={name}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          dir={dir}
          lang={lang}
          value={value}
          rows={3}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id={id}
          type="text"
          dir={dir}
          lang={lang}
          value={value}
          autoComplete="off"
          autoFocus={autoFocus}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}

export function StoryForm(props: StoryFormProps) {
  const { t } = useTranslation();
  const { values, onChange, dir, lang } = props;
  const text = (name: keyof FormValues & string, label: string, extra: Partial<TextProps> = {}) => (
    <FormText
      name={name}
      label={label}
      value={String(values[name] ?? '')}
      onChange={(value) => onChange({ [name]: value })}
      dir={dir}
      lang={lang}
      {...extra}
    />
  );
  const details = (
    <div className="story-form story-form--details">
      <div className="story-form__row story-form__row--top">
        {text('slugline', t('storyForm.slug'), { className: 'story-form__slug' })}
        <DeskPicker desks={props.desks} value={values.desk} onChange={(desk) => onChange({ desk })} />
      </div>
      <div className="story-form__row">
        <FormText
          name="place"
          label={t('editor.datelinePlace')}
          value={values.dateline.place}
          onChange={(place) => onChange({ dateline: { ...values.dateline, place } })}
          dir={dir}
          lang={lang}
        />
        <DateTimePicker
          className="story-form__field story-form__dateline-date"
          label={t('storyForm.datelineDate')}
          granularity="day"
          value={values.dateline.date?.slice(0, 10) ?? ''}
          onChange={(day) => {
            const { date: _old, ...rest } = values.dateline;
            onChange({ dateline: day ? { ...rest, date: datelineIso(day) } : rest });
          }}
        />
      </div>
      <LeadImageField
        value={values.leadImage}
        onChange={(leadImage: LeadImage | null) => onChange({ leadImage })}
        dir={dir}
        lang={lang}
      />
      <div className="story-form__row">
        <UrgencyPicker value={values.urgency ?? undefined} onChange={(urgency) => onChange({ urgency })} />
      </div>
      {text('edNote', t('storyForm.edNote'), { multiline: true, className: 'story-form__note' })}
    </div>
  );
  const inPanel = props.detailsTarget !== undefined;
  return (
    <UiI18n>
      <div className="story-form">
        {text('headline', t('editor.headline'), {
          className: 'story-field--headline',
          autoFocus: props.autoFocusHeadline,
        })}
        <HeadlineGuide headline={values.headline} />
        {text('subheadline', t('editor.subheadline'), { className: 'story-field--wide' })}
        {text('byline', t('editor.byline'))}
        {props.body}
        {props.tagging}
      </div>
      {inPanel ? (props.detailsTarget ? createPortal(details, props.detailsTarget) : null) : details}
    </UiI18n>
  );
}
