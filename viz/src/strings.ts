/**
 * The app's words and number formats in the language it shows: a thin accessor over the library's
 * one message catalogue (`messages(locale).app`, kept in `src/i18n/messages/app-en.ts` and
 * `app-fi.ts`) and its number formats (`numberFormats(locale)`: `75 000 €`, `0,35`, `73 %` in
 * Finnish). No text for people is written anywhere else in `viz/src` (a test scans for strays).
 *
 * `S` (the words) and `NF` (the number formats) are live bindings: {@link setLang} swaps both, and
 * every module that reads `S.…` or `NF.…` when it renders gets the new language. Texts that must
 * follow a switch without a re-render are bound with `dom.ts`'s `Txt` (`() => S.…`); panels
 * re-render on the bus topic `lang` (`language.ts` does the switching).
 *
 * Which language the app opens in ({@link initialLang}): the link's `lang=`, else the user's last
 * choice (kept in this browser), else the first of the browser's languages that is Finnish or
 * English (`navigator.languages`), else English.
 */
import { messages, numberFormats, parseLocale, resolveLocale, type Locale, type Messages, type NumberFormats } from 'helixlab';

/** The app's words (the catalogue's section `app`). */
export type Strings = Messages['app'];

/** The app's words in the current language. */
export let S: Strings = messages('en').app;
/** The number, money and date formats of the current language. */
export let NF: NumberFormats = numberFormats('en');
let current: Locale = 'en';

/** The language the app shows now. */
export function lang(): Locale {
  return current;
}

/** Show the app's words and numbers in a language from now on (`language.ts` re-renders). */
export function setLang(l: Locale): void {
  current = l;
  S = messages(l).app;
  NF = numberFormats(l);
}

/** A language's own name in that language (`suomi`, `English`), for the switch. */
export function languageName(l: Locale): string {
  return messages(l).languageName;
}

/** The language to open in: the link's `lang=`, else the stored choice, else the browser's languages, else English. */
export function initialLang(search: string, stored: string | null, browser: readonly string[]): Locale {
  return parseLocale(new URLSearchParams(search).get('lang')) ?? parseLocale(stored) ?? resolveLocale(browser);
}
