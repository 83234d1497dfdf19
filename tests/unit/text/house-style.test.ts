import { describe, expect, it } from 'vitest';
import { convertDigits, guillemetFor, scriptBefore, toggledDigitStyle } from '../../../shared/text/digits';
import {
  DEFAULT_SETTINGS,
  formatDate,
  formatNumber,
  NewsroomSettings,
} from '../../../shared/text/house-style';

// 1 March 2025 was 1 Ramadan 1446 in the Umm al-Qura calendar.
const date = new Date(Date.UTC(2025, 2, 1, 12));
const utc = { timeZone: 'UTC' };

describe('formatDate in each house style', () => {
  it('Gregorian, Egyptian/Gulf month names, Western digits', () => {
    expect(formatDate(date, { digits: 'latn', calendar: 'gregorian', months: 'egyptian-gulf' }, utc)).toBe(
      '1 مارس 2025',
    );
  });
  it('Gregorian, Levantine month names, Arabic-Indic digits', () => {
    expect(formatDate(date, { digits: 'arab', calendar: 'gregorian', months: 'levantine' }, utc)).toBe(
      '١ آذار ٢٠٢٥',
    );
  });
  it('Hijri (Umm al-Qura), both digit styles', () => {
    expect(formatDate(date, { digits: 'latn', calendar: 'hijri', months: 'egyptian-gulf' }, utc)).toBe(
      '1 رمضان 1446 هـ',
    );
    expect(formatDate(date, { digits: 'arab', calendar: 'hijri', months: 'levantine' }, utc)).toBe(
      '١ رمضان ١٤٤٦ هـ',
    );
  });
  it('both calendars side by side', () => {
    expect(formatDate(date, { digits: 'arab', calendar: 'both', months: 'levantine' }, utc)).toBe(
      '١ آذار ٢٠٢٥ م الموافق ١ رمضان ١٤٤٦ هـ',
    );
  });
  it('adds the time in the house digits', () => {
    const text = formatDate(
      date,
      { digits: 'arab', calendar: 'gregorian', months: 'egyptian-gulf' },
      { ...utc, time: true },
    );
    expect(text.startsWith('١ مارس ٢٠٢٥ ١٢:٠٠')).toBe(true);
  });
});

describe('numbers and digits', () => {
  it('formats numbers in the house digits', () => {
    expect(formatNumber(1234, { digits: 'latn' })).toBe('1,234');
    expect(formatNumber(1234, { digits: 'arab' })).toBe('١٬٢٣٤');
  });
  it('converts digits both ways, Persian digits included, keeping the length', () => {
    expect(convertDigits('عام 2026 و۱۲', 'arab')).toBe('عام ٢٠٢٦ و١٢');
    expect(convertDigits('٣٫٨٪ و٤٨', 'latn')).toBe('3٫8٪ و48');
    expect(toggledDigitStyle('12 و٣')).toBe('arab');
    expect(toggledDigitStyle('١٢')).toBe('latn');
  });
  it('decides the script and the guillemet from the text before the caret', () => {
    expect(scriptBefore('قال الوزير', 10)).toBe('arabic');
    expect(scriptBefore('CNN 2026 ', 9)).toBe('latin');
    expect(scriptBefore('٣٤ ', 3)).toBeUndefined();
    expect(guillemetFor('قال ', 4)).toBe('«');
    expect(guillemetFor('«نعم', 4)).toBe('»');
  });
});

describe('settings', () => {
  it('fills defaults and refuses unknown values', () => {
    expect(NewsroomSettings.parse({})).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.houseStyle).toEqual({
      digits: 'latn',
      calendar: 'gregorian',
      months: 'egyptian-gulf',
    });
    expect(NewsroomSettings.safeParse({ houseStyle: { digits: 'roman' } }).success).toBe(false);
  });
});
