/**
 * Languages of HelixLab's reports and app: the message catalogue ({@link messages}), the number,
 * money and date formats ({@link numberFormats}) and the choice of a language ({@link resolveLocale}).
 * One catalogue serves both faces: the CLI's reports are built with it in the library, and the
 * browser app takes its words from it. English is the source catalogue (`messages/en.ts`); Finnish
 * (`messages/fi.ts`) must fill every key (the type-checker enforces it). Browser-safe.
 */
import { en, type Messages } from './messages/en.js';
import { fi } from './messages/fi.js';
import type { Locale } from './locale.js';

export { LOCALES, parseLocale, resolveLocale, type Locale } from './locale.js';
export { decimalText, numberFormats, type NumberFormats } from './format.js';
export type { Messages } from './messages/en.js';

const CATALOGUES: Record<Locale, Messages> = { en, fi };

/** The message catalogue of a language. */
export function messages(locale: Locale): Messages {
  return CATALOGUES[locale];
}
