/**
 * The app's language: which one it opens in, the FI / EN switch in the header, and what a switch
 * does. The words and number formats come from the library's catalogue (`strings.ts`).
 *
 * - Opening: the link's `lang=`, else the choice made here before (kept in this browser's
 *   `localStorage`), else the browser's languages (`navigator.languages`: Finnish → Finnish), else
 *   English (`initialLang`). `<html lang>` and the page title follow.
 * - The switch: two buttons (FI, EN) in a labelled group; the pressed one is the language shown
 *   (`aria-pressed`), each named in its own language (`FI suomi`, `EN English`, with `lang`), so
 *   a reader of either language finds it. A switch is remembered for the next visit, and the address
 *   carries it (`lang=`, `url-sync.ts`), so a copied link opens in the same language.
 * - Switching changes nothing but words and number formats: the open network, its layout, the
 *   camera, the selection, filters, appearance, the table's sort and filter, scenario results and
 *   anything typed stay. Bound texts are set again (`dom.ts` `relabel`), the state's words (the
 *   legend's role names) are rebuilt, and every panel re-renders on the bus topic `lang`.
 */
import type { Locale } from 'helixlab';
import { h, relabel } from './dom.js';
import { relabelState } from './actions.js';
import { app, bus } from './state.js';
import { S, initialLang, lang, languageName, setLang } from './strings.js';

const KEY = 'helixlab.lang';
/** The switch's order: Finnish first (the app's first users are Finnish city staff). */
const ORDER: readonly Locale[] = ['fi', 'en'];

function stored(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage blocked: the browser's language decides
  }
}

function remember(l: Locale): void {
  try {
    localStorage.setItem(KEY, l);
  } catch {
    /* storage blocked: the choice lasts until the page is closed */
  }
}

function applyDocument(): void {
  document.documentElement.lang = lang();
  document.title = S.title;
}

/** Choose the language the app opens in (call before building anything). */
export function bootLanguage(): void {
  const browser = navigator.languages && navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  setLang(initialLang(location.search, stored(), browser));
  applyDocument();
}

/** Show the app in a language (remembered for the next visit); the view stays as it is. */
export function switchLanguage(l: Locale): void {
  remember(l);
  if (l === lang()) return;
  setLang(l);
  applyDocument();
  relabel();
  if (app.cur) relabelState(app.cur);
  bus.emit('lang');
}

/** The header's FI / EN switch. */
export function languageSwitch(): HTMLElement {
  const buttons = ORDER.map((l) =>
    h(
      'button',
      {
        class: 'lang-btn',
        title: languageName(l),
        attrs: { lang: l, 'data-testid': `lang-${l}` },
        onclick: () => switchLanguage(l),
      },
      l.toUpperCase(),
      // the name read out: "FI suomi", "EN English" (the visible code first, then the language's own name)
      h('span', { class: 'sr-only' }, ` ${languageName(l)}`),
    ),
  );
  const update = () => {
    buttons.forEach((b, i) => {
      const on = ORDER[i] === lang();
      b.setAttribute('aria-pressed', String(on));
      b.classList.toggle('active', on);
    });
  };
  update();
  bus.on('lang', update);
  return h(
    'span',
    { class: 'lang-switch', attrs: { role: 'group', 'aria-label': () => S.header.language, 'data-testid': 'lang-switch' } },
    ...buttons,
  );
}
