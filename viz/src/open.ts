/**
 * Opening networks: dropped or picked files, bundled samples and web links (`?file=`), into the
 * library's loader (`loadNetwork`, the code behind `helixlab info`) and onto the map. Bytes are
 * read in the page (gzip decompressed there); nothing is uploaded. A CORDIS file with more than
 * {@link CORDIS_ASK_ABOVE} organisations asks which country to open (as `import cordis --country`).
 * Any failure (a bad file, a link that does not load) shows a message and leaves the network
 * already open as it was.
 */
import { InputError, looksLikeCordis, loadNetwork, type Diagnostic, type FormatOptions } from 'helixlab';
import { h } from './dom.js';
import { fmt } from './model/measures.js';
import { classifyInput, cordisCountries, filesLabel, readBytes, type DecodedFile } from './model/files.js';
import { hideErrors, setBusy, showErrors } from './notify.js';
import { showNetwork, type ShowOptions } from './network-session.js';
import type { Loaded, NetworkSource } from './state.js';
import { S } from './strings.js';

/** CORDIS files with more organisations than this ask for a country. */
export const CORDIS_ASK_ABOVE = 5000;
/** Above this many organisations "all countries" is not offered. */
const CORDIS_ALL_LIMIT = 20000;

// ------------------------------------------------------------------ bundled samples
const SAMPLE_JSON = import.meta.glob('../../data/*.json', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;
const SAMPLE_CSV = import.meta.glob('../../data/tiny/*.csv', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export interface Sample {
  id: string;
  /** Its name in the menu (in the current language). */
  label: () => string;
  load: () => Promise<DecodedFile[]>;
}

export function samples(): Sample[] {
  const out: Sample[] = Object.entries(SAMPLE_JSON)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, load]) => ({
      id: baseName(path),
      label: () => baseName(path).replace(/\.json$/, ''),
      load: async () => [{ name: baseName(path), text: await load() }],
    }));
  const csv = Object.entries(SAMPLE_CSV).sort(([a], [b]) => a.localeCompare(b));
  if (csv.length > 0)
    out.push({
      id: 'tiny-csv',
      label: () => S.samples.tinyCsv,
      load: async () => Promise.all(csv.map(async ([p, load]) => ({ name: `tiny/${baseName(p)}`, text: await load() }))),
    });
  return out;
}

// ------------------------------------------------------------------ the host (scenario view)
let scenarioHandler: ((text: string, name: string) => boolean) | null = null;
/** Where scenario result files go (the Scenarios tab), and the tab switch. */
export function setScenarioHandler(fn: (text: string, name: string) => boolean): void {
  scenarioHandler = fn;
}

// ------------------------------------------------------------------ CORDIS country chooser

/** Ask which country to open; resolves to its code, '' for all, or null when cancelled. */
function chooseCountry(list: NonNullable<ReturnType<typeof cordisCountries>>): Promise<string | null> {
  return new Promise((resolve) => {
    const select = h(
      'select',
      { attrs: { 'data-testid': 'cordis-country', 'aria-label': S.cordis.country } },
      ...list.countries.map((c) => h('option', { value: c.code }, S.cordis.option(c.code, fmt(c.organisations)))),
      h('option', { value: '' }, list.total > CORDIS_ALL_LIMIT ? S.cordis.allTooMany(fmt(list.total)) : S.cordis.all(fmt(list.total))),
    );
    // Every country at once: only while the map can take it (the whole H2020 table: 35,871
    // organisations and 796,670 ties would not open in a tab; the CLI reads it).
    const all = select.options[select.options.length - 1];
    if (all && list.total > CORDIS_ALL_LIMIT) all.disabled = true;
    const dialog = h(
      'dialog',
      { class: 'dialog', attrs: { 'data-testid': 'cordis-dialog', 'aria-labelledby': 'cordis-title' } },
      h('h2', { id: 'cordis-title' }, S.cordis.title),
      h('p', {}, S.cordis.explain(fmt(list.total), list.countries.length)),
      h('label', { class: 'field-inline' }, h('span', {}, S.cordis.country), select),
      h(
        'div',
        { class: 'row end' },
        h('button', { attrs: { 'data-testid': 'cordis-cancel' }, onclick: () => done(null) }, S.cordis.cancel),
        h('button', { class: 'primary', attrs: { 'data-testid': 'cordis-open' }, onclick: () => done(select.value) }, S.cordis.open),
      ),
    );
    const done = (v: string | null) => {
      dialog.close();
      dialog.remove();
      resolve(v);
    };
    dialog.addEventListener('cancel', () => done(null));
    document.body.appendChild(dialog);
    dialog.showModal();
    select.focus();
  });
}

// ------------------------------------------------------------------ opening

/**
 * Open decoded files: scenario results go to the Scenarios tab, networks to the map. `country`
 * for CORDIS (asked when needed and not given). Returns the network shown, or null.
 */
export async function openDecoded(
  files: DecodedFile[],
  source: NetworkSource,
  opts: ShowOptions & { country?: string; keepMessages?: boolean } = {},
): Promise<Loaded | null> {
  if (files.length === 0) return null;
  if (!opts.keepMessages) hideErrors();
  const first = files[0]!; // not empty
  if (classifyInput(files) === 'scenario-results') {
    scenarioHandler?.(first.text, first.name);
    return null;
  }
  const fo: FormatOptions = {};
  let country = opts.country;
  // Only what could be a CSV table is sniffed (a JSON or XML file is one long line to scan).
  const csvLike = /\.(csv|tsv|txt)(\.gz)?$/i.test(first.name) || !/^\s*[{<]/.test(first.text.slice(0, 64));
  if (files.length === 1 && country === undefined && csvLike && looksLikeCordis(first.text)) {
    const list = cordisCountries(first.text);
    if (list && list.total > CORDIS_ASK_ABOVE) {
      const chosen = await chooseCountry(list);
      if (chosen === null) return null;
      country = chosen;
    }
  }
  if (country) fo.country = country;
  const t0 = opts.t0 ?? performance.now();
  let res;
  try {
    res = loadNetwork(files, fo);
  } catch (e) {
    if (e instanceof InputError) showErrors(e.diagnostics);
    else
      showErrors([{ severity: 'error', code: 'internal', file: filesLabel(files), message: e instanceof Error ? e.message : String(e) }]);
    return null;
  }
  const tLoad = performance.now();
  const src: NetworkSource = country ? { ...source, country } : source;
  const label = res.network.name ?? filesLabel(files);
  const loaded = showNetwork(res.network, label, res.format, src, files, { ...opts, t0, tLoad });
  if (res.warnings.length > 0) showErrors(res.warnings, () => S.errors.warningsTitle);
  return loaded;
}

/** Read the bytes of picked or dropped files (gzip decompressed), then open them. */
export async function openFileList(list: FileList | File[]): Promise<Loaded | null> {
  const files: DecodedFile[] = [];
  const errors: Diagnostic[] = [];
  for (const f of Array.from(list)) {
    const r = await readBytes(f.name, new Uint8Array(await f.arrayBuffer()));
    if (r.error) errors.push(r.error);
    else if (r.file) files.push(r.file);
  }
  if (errors.length > 0) {
    showErrors(errors);
    return null;
  }
  return openDecoded(files, { kind: 'files', name: filesLabel(files) });
}

export async function openSample(id: string, opts: ShowOptions & { country?: string } = {}): Promise<Loaded | null> {
  const list = samples();
  const s = list.find((x) => x.id === id || x.label() === id);
  if (!s) {
    showErrors(
      [{ severity: 'error', code: 'unknown-sample', message: S.errors.unknownSample(id, list.map((x) => x.id).join(', ')) }],
      () => S.errors.linkTitle,
    );
    return null;
  }
  setBusy(S.stage.opening(s.label()));
  try {
    const files = await s.load();
    setBusy(null);
    return await openDecoded(files, { kind: 'sample', name: s.id }, opts);
  } catch (e) {
    setBusy(null);
    showErrors([{ severity: 'error', code: 'sample', message: String(e) }]);
    return null;
  }
}

/** The file name of a URL (its last path segment, without the query). */
function urlName(url: URL): string {
  const seg = url.pathname.split('/').filter(Boolean).pop();
  return seg ? decodeURIComponent(seg) : url.hostname;
}

/**
 * Fetch a network from the web (same origin, or a server that allows it with CORS) and open it.
 * Network errors, refused CORS, HTTP errors and unreadable files each get a message.
 */
export async function openUrl(raw: string, opts: ShowOptions & { country?: string } = {}): Promise<Loaded | null> {
  let url: URL;
  try {
    url = new URL(raw, location.href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    showErrors([{ severity: 'error', code: 'bad-url', message: S.errors.badUrl(raw) }], () => S.errors.linkTitle);
    return null;
  }
  setBusy(S.stage.fetching(url.href));
  let bytes: Uint8Array;
  try {
    const res = await fetch(url.href, { credentials: 'omit', cache: 'no-cache' });
    if (!res.ok) {
      setBusy(null);
      showErrors(
        [{ severity: 'error', code: 'http', file: url.href, message: S.errors.fetchStatus(url.href, res.status, res.statusText) }],
        () => S.errors.linkTitle,
      );
      return null;
    }
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    setBusy(null);
    showErrors(
      [{ severity: 'error', code: 'fetch', message: S.errors.fetchFailed(url.href, e instanceof Error ? e.message : String(e)) }],
      () => S.errors.linkTitle,
    );
    return null;
  }
  setBusy(null);
  const name = urlName(url);
  const r = await readBytes(name, bytes);
  if (r.error || !r.file) {
    showErrors(r.error ? [r.error] : [], () => S.errors.linkTitle);
    return null;
  }
  return openDecoded([r.file], { kind: 'url', name: url.href }, opts);
}

/** Ask for a web address and open it (a failure leaves the open network as it is). */
export function askUrl(): void {
  const input = h('input', {
    type: 'url',
    attrs: { 'data-testid': 'url-input', placeholder: 'https://…/network.gexf', autocomplete: 'url' },
  });
  input.id = 'url-input';
  const dialog = h(
    'dialog',
    { class: 'dialog', attrs: { 'data-testid': 'url-dialog', 'aria-labelledby': 'url-title' } },
    h('h2', { id: 'url-title' }, S.header.openUrlTitle),
    h('p', { class: 'small muted' }, S.header.openUrlHint),
    h('label', { class: 'field-inline', for: 'url-input' }, h('span', {}, S.header.openUrlLabel)),
    input,
    h(
      'div',
      { class: 'row end', style: 'margin-top:10px' },
      h('button', { onclick: () => close() }, S.cordis.cancel),
      h('button', { class: 'primary', attrs: { 'data-testid': 'url-open' }, onclick: () => go() }, S.cordis.open),
    ),
  );
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  const go = () => {
    const v = input.value.trim();
    close();
    if (v) void openUrl(v);
  };
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') go();
  });
  dialog.addEventListener('cancel', close);
  document.body.appendChild(dialog);
  dialog.showModal();
  input.focus();
}
