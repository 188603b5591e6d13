/**
 * Messages to the user on the map: the red problems panel (the importer's diagnostics, one line
 * each, `file:line:column: error: field: message`, as the CLI prints them), the busy pill, and
 * short notes (link problems, "link copied"). The elements are created here and placed by the shell.
 */
import { formatDiagnostic, type Diagnostic } from 'helixlab';
import { clear, h, replace } from './dom.js';
import { S } from './strings.js';

export const errorsBox = h('div', { class: 'errors hidden', attrs: { 'data-testid': 'errors', role: 'alert' } });
export const busyBox = h('div', { class: 'busy', attrs: { 'data-testid': 'busy', role: 'status', 'aria-live': 'polite' } });
export const noteBox = h('div', { class: 'note hidden', attrs: { 'data-testid': 'note', role: 'status', 'aria-live': 'polite' } });

export function showErrors(diags: readonly Diagnostic[], title: string = S.errors.openTitle): void {
  const errs = diags.filter((d) => d.severity === 'error');
  const list = h('ul', {}, ...diags.slice(0, 200).map((d) => h('li', { class: d.severity }, formatDiagnostic(d))));
  replace(
    errorsBox,
    h('button', { class: 'close', title: S.errors.close, attrs: { 'aria-label': S.errors.close }, onclick: hideErrors }, '×'),
    h('h2', {}, errs.length > 0 ? S.errors.count(title, errs.length) : title),
    list,
    diags.length > 200 ? h('p', { class: 'muted' }, S.errors.more(diags.length - 200)) : null,
  );
  errorsBox.classList.remove('hidden');
}

/** One or more plain messages as an error panel. */
export function showMessages(title: string, messages: readonly string[], severity: 'error' | 'warning' = 'error'): void {
  showErrors(
    messages.map((message) => ({ severity, code: 'app', message })),
    title,
  );
}

export function hideErrors(): void {
  errorsBox.classList.add('hidden');
  clear(errorsBox);
}

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
