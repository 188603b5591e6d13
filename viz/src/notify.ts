/**
 * Messages to the user on the map: the red problems panel (the importer's diagnostics, one line
 * each, `file:line:column: error: field: message`, as the CLI prints them), the busy pill, and
 * short notes (link problems, "link copied"). The elements are created here and placed by the shell.
 */
import { formatDiagnostic, type Diagnostic } from 'helixlab';
import { clear, h, replace, type Txt } from './dom.js';
import { bus } from './state.js';
import { S } from './strings.js';

export const errorsBox = h('div', { class: 'errors hidden', attrs: { 'data-testid': 'errors', role: 'alert' } });
export const busyBox = h('div', { class: 'busy', attrs: { 'data-testid': 'busy', role: 'status', 'aria-live': 'polite' } });
export const noteBox = h('div', { class: 'note hidden', attrs: { 'data-testid': 'note', role: 'status', 'aria-live': 'polite' } });

/** What the problems panel shows, to show it again in another language. */
let shown: { diags: readonly Diagnostic[]; title: Txt } | null = null;

/**
 * The problems panel: a title and one line per diagnostic. The title and the panel's own words follow
 * a language switch; the lines keep the words they were made with (the importer's are English).
 */
export function showErrors(diags: readonly Diagnostic[], title: Txt = () => S.errors.openTitle): void {
  shown = { diags, title };
  const errs = diags.filter((d) => d.severity === 'error');
  const heading = typeof title === 'string' ? title : title();
  const list = h('ul', {}, ...diags.slice(0, 200).map((d) => h('li', { class: d.severity }, formatDiagnostic(d))));
  replace(
    errorsBox,
    h('button', { class: 'close', title: S.errors.close, attrs: { 'aria-label': S.errors.close }, onclick: hideErrors }, '×'),
    h('h2', {}, errs.length > 0 ? S.errors.count(heading, errs.length) : heading),
    list,
    diags.length > 200 ? h('p', { class: 'muted' }, S.errors.more(diags.length - 200)) : null,
  );
  errorsBox.classList.remove('hidden');
}

/** One or more plain messages as an error panel. */
export function showMessages(title: Txt, messages: readonly string[], severity: 'error' | 'warning' = 'error'): void {
  showErrors(
    messages.map((message) => ({ severity, code: 'app', message })),
    title,
  );
}

export function hideErrors(): void {
  shown = null;
  errorsBox.classList.add('hidden');
  clear(errorsBox);
}

bus.on('lang', () => {
  if (shown) showErrors(shown.diags, shown.title);
});

export function setBusy(msg: string | null): void {
  busyBox.textContent = msg ?? '';
  busyBox.classList.toggle('on', !!msg);
}

let noteTimer: ReturnType<typeof setTimeout> | null = null;
/** A short note at the top of the map, gone after a few seconds. */
export function note(text: string, ms = 4000): void {
  noteBox.textContent = text;
  noteBox.classList.remove('hidden');
  if (noteTimer) clearTimeout(noteTimer);
  noteTimer = setTimeout(() => noteBox.classList.add('hidden'), ms);
}
