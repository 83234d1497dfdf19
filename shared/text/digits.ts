/**
 * Digits and punctuation: conversion between Western and Arabic-Indic digits, and the Arabic
 * forms of the comma, semicolon and question mark used by the typing aids.
 */

/** The house's two digit styles, named after their Unicode numbering systems. */
export type DigitStyle = 'latn' | 'arab';

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/** Converts one digit (Western, Arabic-Indic or Persian) to `style`. */
function convertDigit(digit: string, style: DigitStyle): string {
  const code = digit.charCodeAt(0);
  const value =
    code <= 0x39 ? code - 0x30 : code >= PERSIAN_ZERO ? code - PERSIAN_ZERO : code - ARABIC_INDIC_ZERO;
  return style === 'latn' ? String(value) : String.fromCharCode(ARABIC_INDIC_ZERO + value);
}

/**
 * A run of characters that hangs together without spaces: Latin letters, digits of any script and
 * the joiners of codes and numbers. A run holding a Latin letter is a Latin token (G20, COVID-19,
 * ISO-8601, en-US, MP3, a URL): its digits are part of a name and never change.
 */
const RUN = /[A-Za-zÀ-ɏ0-9٠-٩۰-۹%٪٫٬_.,:/#+-]+/g;
const LATIN_IN_RUN = /[A-Za-zÀ-ɏ]/;
const DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9]/;

/**
 * Converts the digits of `text` to `style`, the way the house writes numbers: digits inside Latin
 * tokens (G20, COVID-19, ISO codes, URLs) stay as they are; towards Arabic-Indic digits a percent
 * sign beside a number becomes ٪ and a decimal point between digits becomes ٫. Length is kept, so
 * offsets into the text stay valid.
 */
export function convertDigits(text: string, style: DigitStyle): string {
  return text.replace(RUN, (run) => {
    if (LATIN_IN_RUN.test(run)) return run;
    let out = '';
    for (let i = 0; i < run.length; i += 1) {
      const char = run[i]!;
      const before = run[i - 1] ?? '';
      const after = run[i + 1] ?? '';
      if (DIGIT.test(char)) out += convertDigit(char, style);
      else if (style === 'arab' && char === '%' && (DIGIT.test(before) || DIGIT.test(after))) out += '\u066a';
      else if (style === 'arab' && char === '.' && DIGIT.test(before) && DIGIT.test(after)) out += '\u066b';
      else out += char;
    }
    return out;
  });
}

/**
 * The style a digit conversion command should produce for a selection: Arabic-Indic when it holds
 * any Western digit, Western otherwise (so the command toggles).
 */
export function toggledDigitStyle(text: string): DigitStyle {
  return /[0-9]/.test(text) ? 'arab' : 'latn';
}

/** Latin punctuation that has an Arabic form. */
export const ARABIC_PUNCTUATION: Readonly<Record<string, string>> = {
  ',': '\u060c', // ،
  ';': '\u061b', // ؛
  '?': '\u061f', // ؟
};

const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;
const LATIN_LETTER = /[A-Za-z\u00c0-\u024f]/u;

/**
 * The script of the last strong letter before `offset`: decides whether a typed comma is Arabic.
 * Digits and punctuation are neutral; `undefined` when there is no letter before.
 */
export function scriptBefore(text: string, offset: number): 'arabic' | 'latin' | undefined {
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i -= 1) {
    const char = text[i]!;
    if (ARABIC_LETTER.test(char) && !/[\u0660-\u0669\u06f0-\u06f9\u060c\u061b\u061f]/.test(char)) {
      return 'arabic';
    }
    if (LATIN_LETTER.test(char)) return 'latin';
  }
  return undefined;
}

/**
 * The guillemet a straight double quote becomes at `offset`: an opening « at the start of the text
 * or after white space or an opening bracket, a closing » otherwise. Stored in logical order.
 */
export function guillemetFor(text: string, offset: number): '«' | '»' {
  const before = offset > 0 ? text[offset - 1]! : '';
  return before === '' || /[\s([{«]/u.test(before) ? '«' : '»';
}
