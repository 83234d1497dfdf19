/**
 * The newsroom's house style for numbers and dates, and the settings that carry it. Every place
 * that shows a date or a number formats it through here, with the numbering system and calendar
 * spelled out in the locale (`-u-nu-…`, `-u-ca-…`): ICU's defaults differ by region and version
 * (`ar` gives Western digits, `ar-EG` Arabic-Indic; `ar-SA` alone is Gregorian in Node).
 */
import { z } from 'zod';
import type { DigitStyle } from './digits';

export const DigitStyleSchema = z.enum(['latn', 'arab']);
/** Gregorian, Hijri (Umm al-Qura) or both side by side. */
export const CalendarStyle = z.enum(['gregorian', 'hijri', 'both']);
export type CalendarStyle = z.infer<typeof CalendarStyle>;
/** Egyptian/Gulf month names (مارس) or Levantine ones (آذار). */
export const MonthNames = z.enum(['egyptian-gulf', 'levantine']);
export type MonthNames = z.infer<typeof MonthNames>;

export const HouseStyle = z
  .object({
    digits: DigitStyleSchema.default('latn'),
    calendar: CalendarStyle.default('gregorian'),
    months: MonthNames.default('egyptian-gulf'),
  })
  .strict();
export type HouseStyle = z.infer<typeof HouseStyle>;

/** Typing aids, each switchable. */
export const TypingAids = z
  .object({
    /** in an Arabic context , ; ? become ، ؛ ؟ */
    arabicPunctuation: z.boolean().default(true),
    /** straight double quotes become « » */
    guillemets: z.boolean().default(true),
  })
  .strict();
export type TypingAids = z.infer<typeof TypingAids>;

/** The newsroom's proofing and house-style settings, kept in the store folder. */
export const NewsroomSettings = z
  .object({
    houseStyle: HouseStyle.default({ digits: 'latn', calendar: 'gregorian', months: 'egyptian-gulf' }),
    typingAids: TypingAids.default({ arabicPunctuation: true, guillemets: true }),
    spellCheck: z.boolean().default(true),
    /** headline-length guide, in characters */
    headlineLimit: z.number().int().min(10).max(300).default(80),
  })
  .strict();
export type NewsroomSettings = z.infer<typeof NewsroomSettings>;

export const DEFAULT_SETTINGS: NewsroomSettings = NewsroomSettings.parse({});

/**
 * A word of the newsroom's own list: a name or transliteration the dictionaries lack. One word,
 * letters and marks only, so the list cannot smuggle in phrases or markup.
 */
export const NewsroomWord = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{M}'’-]+$/u, 'a single word of letters');

/** The region whose month names the house uses; the numbering system is always explicit. */
function gregorianLocale(style: HouseStyle): string {
  return `${style.months === 'levantine' ? 'ar-SY' : 'ar-EG'}-u-ca-gregory-nu-${style.digits}`;
}

function hijriLocale(digits: DigitStyle): string {
  return `ar-SA-u-ca-islamic-umalqura-nu-${digits}`;
}

export interface DateFormatOptions {
  /** include the time of day */
  time?: boolean;
  /** IANA time zone; the machine's own by default */
  timeZone?: string;
}

const DATE_PARTS = { day: 'numeric', month: 'long', year: 'numeric' } as const;
const TIME_PARTS = { hour: 'numeric', minute: '2-digit' } as const;

/**
 * Formats a date in the house style, in Arabic: "١ مارس ٢٠٢٥", "1 آذار 2025",
 * "1 رمضان 1446 هـ", or both calendars ("1 مارس 2025 م الموافق 1 رمضان 1446 هـ").
 */
export function formatDate(date: Date, style: HouseStyle, options: DateFormatOptions = {}): string {
  const parts = { ...DATE_PARTS, ...(options.timeZone ? { timeZone: options.timeZone } : {}) };
  const gregorian = new Intl.DateTimeFormat(gregorianLocale(style), parts).format(date);
  const hijri = new Intl.DateTimeFormat(hijriLocale(style.digits), parts).format(date);
  let text =
    style.calendar === 'gregorian'
      ? gregorian
      : style.calendar === 'hijri'
        ? hijri
        : `${gregorian} م الموافق ${hijri}`;
  if (options.time) {
    const time = new Intl.DateTimeFormat(`ar-u-nu-${style.digits}`, {
      ...TIME_PARTS,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    }).format(date);
    text += ` ${time}`;
  }
  return text;
}

/** Formats a number in the house's digits ("١٬٢٣٤" or "1,234"). */
export function formatNumber(
  value: number,
  style: Pick<HouseStyle, 'digits'>,
  options?: Intl.NumberFormatOptions,
): string {
  return new Intl.NumberFormat(`ar-u-nu-${style.digits}`, options).format(value);
}
