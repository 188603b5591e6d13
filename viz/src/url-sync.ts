/**
 * The view in the address bar and the network kept for the next visit.
 *
 * - The address follows the view (`history.replaceState`, no new history entries): the source
 *   (`?sample=` / `?file=`, and `country=` for CORDIS) when the network came from a sample or the
 *   web, the view (colouring, filters, selection: `model/urlstate.ts`) and the language (`lang=`).
 *   "Copy link" copies it.
 * - On opening the page: a `?sample=` or `?file=` link is opened with its view; otherwise the
 *   network kept from the last visit (`persist.ts`) is opened with its view and positions. Parts of
 *   a link's view that the network does not have are reported and skipped; the network opens.
 * - Every opened network is kept (files, source, view; positions once the layout has finished).
 */
import { applyView, currentView } from './actions.js';
import { note, showMessages } from './notify.js';
import { openDecoded, openSample, openUrl } from './open.js';
import { clearSession, loadSession, saveSession, updateSession } from './persist.js';
import { closeNetwork } from './network-session.js';
import { encodeUrlState, parseUrlState, type SourceSpec, type ViewSpec } from './model/urlstate.js';
import { app, bus, type Loaded } from './state.js';
import { S, lang } from './strings.js';

function sourceSpec(c: Loaded): SourceSpec {
  const s: SourceSpec = {};
  if (c.source.kind === 'sample') s.sample = c.source.name;
  else if (c.source.kind === 'url') s.file = c.source.name;
  if (c.source.country) s.country = c.source.country;
  return s;
}

/** The link of the current view (absolute URL). */
export function currentLink(): string {
  const c = app.cur;
  const base = location.href.replace(/[?#].*$/, '');
  return c ? base + encodeUrlState(sourceSpec(c), currentView(c), lang()) : base;
}

let urlTimer: ReturnType<typeof setTimeout> | null = null;
let saveTimer: ReturnType<typeof setTimeout> | null = null;
/** While a link or the last visit is being applied, the address is not rewritten. */
let applying = false;

function syncUrl(): void {
  if (applying) return;
  if (urlTimer) clearTimeout(urlTimer);
  urlTimer = setTimeout(() => {
    urlTimer = null;
    const c = app.cur;
    const q = c ? encodeUrlState(sourceSpec(c), currentView(c), lang()) : '';
    const url = location.pathname + q + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(null, '', url);
    if (c) scheduleSave(() => updateSession({ view: encodeUrlState({}, currentView(c)) }));
  }, 150);
}

function scheduleSave(f: () => Promise<void>): void {
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    saveTimer = null;
    f().catch((e: unknown) => note(S.errors.storeFailed(e instanceof Error ? e.message : String(e)), 6000));
  }, 300);
}

/** Positions in graph order (for the next visit). */
function positionsOf(c: Loaded): Float64Array {
  const p = new Float64Array(c.display.order * 2);
  let i = 0;
  c.display.forEachNode((_id, a) => {
    p[2 * i] = a.x;
    p[2 * i + 1] = a.y;
    i++;
  });
  return p;
}

let keptFor: Loaded | null = null;

function keepNetwork(): void {
  const c = app.cur;
  if (!c || applying || keptFor === c) return;
  keptFor = c;
  saveSession({
    version: 1,
    files: c.files,
    source: c.source,
    view: encodeUrlState({}, currentView(c)),
    positions: c.layout.running ? null : c.positionsFromFile ? positionsOf(c) : null,
    savedAt: Date.now(),
  }).catch((e: unknown) => note(S.errors.storeFailed(e instanceof Error ? e.message : String(e)), 6000));
}

/** Wire the address and the keeping to the bus. */
export function installUrlSync(): void {
  bus.on('network', () => {
    keepNetwork();
    syncUrl();
  });
  for (const t of ['filters', 'appearance', 'selection', 'table', 'lang'] as const) bus.on(t, syncUrl);
  bus.on('layout', () => {
    const c = app.cur;
    if (!c || c.layout.running || applying) return;
    if (c.layout.progress.total > 0) scheduleSave(() => updateSession({ positions: positionsOf(c) }));
  });
}

/** Apply a view after opening; report what could not be applied. */
function applyAndReport(view: ViewSpec, problems: string[]): void {
  const more = applyView(view);
  const all = [...problems, ...more];
  if (all.length > 0) showMessages(() => S.errors.linkViewTitle, all, 'warning');
}

/** Open what the address asks for, else the last visit's network. */
export async function boot(): Promise<void> {
  const { source, view, problems } = parseUrlState(location.search);
  applying = true;
  try {
    if (source.sample || source.file) {
      const opts = source.country ? { country: source.country } : {};
      const loaded = source.sample ? await openSample(source.sample, opts) : await openUrl(source.file!, opts); // one of them is set
      if (loaded) {
        applyAndReport(view, problems);
        return;
      }
      // The link failed (its message is shown): the network of the last visit opens as usual.
    }
    const linkFailed = !!(source.sample || source.file);
    let saved;
    try {
      saved = await loadSession();
    } catch {
      saved = null; // no IndexedDB (private mode): start empty
    }
    if (!saved) return;
    // The address has a view of its own (not just `lang=`, nor a link that failed): it wins over the kept one.
    const hasView = !linkFailed && (Object.keys(view).length > 0 || problems.length > 0);
    const kept = parseUrlState(hasView ? location.search : saved.view);
    const opts: Parameters<typeof openDecoded>[2] = { positions: saved.positions, keepMessages: linkFailed };
    if (saved.source.country !== undefined) opts.country = saved.source.country;
    const loaded = await openDecoded(saved.files, saved.source, opts);
    if (!loaded) {
      showMessages(() => S.errors.restoreTitle, [S.errors.restoreFailed('')]);
      return;
    }
    keptFor = loaded;
    applyAndReport(kept.view, kept.problems);
  } finally {
    applying = false;
    keepNetwork(); // a network opened from a link is kept like any other
    syncUrl();
  }
}

/** Forget the kept network and show an empty app. */
export async function startFresh(): Promise<void> {
  try {
    await clearSession();
  } catch {
    /* nothing kept */
  }
  keptFor = null;
  closeNetwork();
  history.replaceState(null, '', location.pathname);
  bus.emit('network', 'filters', 'appearance', 'selection', 'analysis', 'scope', 'layout', 'table');
}
