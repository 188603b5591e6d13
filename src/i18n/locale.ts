/**
 * The languages of HelixLab's reports and app, and how one is chosen.
 *
 * Two languages: English (`en`, the default and the language of every machine-readable output) and
 * Finnish (`fi`). A language tag is read leniently ({@link parseLocale}): `fi`, `FI`, `fi-FI`,
 * `fi_FI.UTF-8`, `en-GB`; only the language part counts (`sv-FI` is Swedish, not Finnish; `C.UTF-8`
 * is no language). {@link resolveLocale} takes candidates in order of preference (the CLI: `--lang`,
 * `HELIXLAB_LANG`, then the POSIX locale, i.e. the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
 * set; the app: the user's choice, then `navigator.languages`) and returns the first one it
 * recognises, else English. Browser-safe.
 */

/** The supported languages. */
export const LOCALES = ['en', 'fi'] as const;
/** A supported language: `en` (English) or `fi` (Finnish). */
export type Locale = (typeof LOCALES)[number];

/** The language of a tag such as `fi`, `fi-FI`, `fi_FI.UTF-8` or `en-GB`; undefined for `C`, `POSIX` or another language. */
export function parseLocale(tag: string | undefined | null): Locale | undefined {
  if (tag === undefined || tag === null) return undefined;
  const lang =
    tag
      .trim()
      .toLowerCase()
      .split(/[-_.@]/)[0] ?? '';
  return (LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : undefined;
}

/** The first recognised language among the candidates (most preferred first), else `en`. */
export function resolveLocale(candidates: ReadonlyArray<string | undefined | null>): Locale {
  for (const c of candidates) {
    if (c === undefined || c === null || c.trim() === '') continue;
    const l = parseLocale(c);
    if (l !== undefined) return l;
  }
  return 'en';
}
