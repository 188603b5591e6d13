/**
 * HelixLab browser app: open a cluster network (drag-and-drop, file picker or bundled sample),
 * see it coloured by helix role with ForceAtlas2, read the lock-in / coverage / ESCA panels,
 * filter, search, inspect actors and their ego networks, and explore scenario results.
 *
 * DOM code only: the view-model lives in `./model/*` (unit-tested), the measures in the library
 * (`../../src`, run in a web worker by `analysis.worker.ts`). Every text coming from a file is
 * set through text nodes (see `dom.ts`), never as HTML.
 */
import './styles.css';
import { $, append, clear, download, h, replace } from './dom.js';
import {
  HELIX_ROLES,
  InputError,
  formatDiagnostic,
  helixCoverage,
  loadNetwork,
  networkToDocument,
  writeGexf,
  writeNetworkJson,
  type Diagnostic,
  type HelixRole,
  type Network,
} from 'helixlab';
import { GraphView, MARK_COLORS } from './graph-view.js';
import { LayoutControl } from './layout.js';
import { buildDisplayGraph, sizeScale, topK, type DisplayGraph } from './model/display.js';
import { HELIX_COLORS, HELIX_LABELS, helixColor, legendEntries } from './model/palette.js';
import { MEASURES, fmt, markers as computeMarkers, measureDef, measureValues, type Markers } from './model/measures.js';
import { escaRows, perActorEI, type AnalysisView } from './model/analysis.js';
import { buildSearchIndex, suggest, type SearchIndex } from './model/search.js';
import { defaultFilters, sectorsOf, visibleEdges, visibleNodes, yearRange, type ViewFilters } from './model/viewstate.js';
import { filteredNetwork } from './model/subnetwork.js';
import { classifyInput, decodeBytes, filesLabel, type DecodedFile } from './model/files.js';
import { ScenarioView } from './scenario-view.js';

// ---------------------------------------------------------------- bundled samples
const SAMPLE_JSON = import.meta.glob('../../data/*.json', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;
const SAMPLE_CSV = import.meta.glob('../../data/tiny/*.csv', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

interface Sample {
  id: string;
  label: string;
  load: () => Promise<DecodedFile[]>;
}
function samples(): Sample[] {
  const out: Sample[] = Object.entries(SAMPLE_JSON)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, load]) => ({
      id: baseName(path),
      label: baseName(path).replace(/\.json$/, ''),
      load: async () => [{ name: baseName(path), text: await load() }],
    }));
  const csv = Object.entries(SAMPLE_CSV).sort(([a], [b]) => a.localeCompare(b));
  if (csv.length > 0)
    out.push({
      id: 'tiny-csv',
      label: 'tiny (CSV tables)',
      load: async () => Promise.all(csv.map(async ([p, load]) => ({ name: `tiny/${baseName(p)}`, text: await load() }))),
    });
  return out;
}

// ---------------------------------------------------------------- state
interface Loaded {
  net: Network;
  label: string;
  format: string;
  display: DisplayGraph;
  view: GraphView;
  layout: LayoutControl;
  search: SearchIndex;
  analysis: AnalysisView | null;
  coreNumber: Map<string, number> | undefined;
  filters: ViewFilters;
  measure: string;
  visible: Set<string>;
  markers: Markers;
}
let cur: Loaded | null = null;
let analysisWorker: Worker | null = null;
let analysisToken = 0;
let playTimer: ReturnType<typeof setInterval> | null = null;

// ---------------------------------------------------------------- shell
const app = $('#app');
const fileInput = h('input', { type: 'file', attrs: { multiple: '', 'data-testid': 'file-input', accept: '.json,.csv,.tsv,.txt,.gexf,.graphml,.xml' } });
const sampleSelect = h('select', { attrs: { 'data-testid': 'sample-select', 'aria-label': 'Open a bundled sample' } });
const layoutBtn = h('button', { attrs: { 'data-testid': 'layout-toggle' }, title: 'ForceAtlas2 layout (web worker); noverlap when stopped' }, '▶ Layout');
const exportSelect = h(
  'select',
  { attrs: { 'data-testid': 'export-select', 'aria-label': 'Export' } },
  h('option', { value: '' }, 'Export…'),
  h('option', { value: 'png' }, 'View as PNG'),
  h('option', { value: 'svg' }, 'View as SVG'),
  h('option', { value: 'gexf' }, 'Filtered network as GEXF'),
  h('option', { value: 'json' }, 'Filtered network as HelixLab JSON'),
);
const netName = h('span', { class: 'netname', attrs: { 'data-testid': 'network-name' } }, 'No network open');
const tabNet = h('button', { class: 'active', attrs: { 'data-testid': 'tab-network' } }, 'Network');
const tabScen = h('button', { attrs: { 'data-testid': 'tab-scenarios' } }, 'Scenarios');

const header = h(
  'header',
  { class: 'top' },
  h('span', { class: 'brand' }, h('span', { class: 'dots' }, ...(['industry', 'research-education', 'public'] as const).map((r) => h('i', { style: `background:${HELIX_COLORS[r]}` }))), 'HelixLab'),
  netName,
  h('span', { class: 'spacer' }),
  h('label', { class: 'btn', title: 'Open JSON, CSV (nodes + edges [+ affiliations]), GEXF, GraphML or CORDIS CSV — or drop files on the map' }, 'Open files…', fileInput),
  sampleSelect,
  layoutBtn,
  exportSelect,
  h('span', { class: 'tabs' }, tabNet, tabScen),
);

// left column
const legendBox = h('div', { attrs: { 'data-testid': 'legend' } });
const markLegend = h(
  'div',
  { class: 'legend-marks' },
  h('span', {}, h('i', { class: 'ring', style: `border-color:${MARK_COLORS.gatekeeper}` }), 'gatekeeper'),
  h('span', {}, h('i', { class: 'ring', style: `border-color:${MARK_COLORS.liaison}` }), 'liaison'),
  h('span', {}, h('i', { class: 'ring', style: `border-color:${MARK_COLORS.hotSpot};border-style:dashed` }), 'lock-in hot spot'),
);
const sizeSelect = h('select', { class: 'full', attrs: { 'data-testid': 'size-select', 'aria-label': 'Size by' } }, ...MEASURES.map((m) => h('option', { value: m.key, title: m.help }, m.label)));
const labelCount = h('input', { type: 'range', attrs: { min: '0', max: '60', value: '12', 'data-testid': 'label-count' } });
const labelCountOut = h('span', { class: 'muted' }, '12');
const searchInput = h('input', { type: 'search', class: 'full', attrs: { placeholder: 'Search actors…', 'data-testid': 'search', autocomplete: 'off' } });
const searchList = h('ul', { attrs: { 'data-testid': 'search-suggestions', role: 'listbox' } });
searchList.hidden = true;
const sectorBox = h('div', { class: 'sector-list', attrs: { 'data-testid': 'sector-filter' } });
const minDeg = h('input', { type: 'range', attrs: { min: '0', max: '20', value: '0', 'data-testid': 'min-degree' } });
const minDegOut = h('span', { class: 'muted' }, '0');
const kcore = h('input', { type: 'range', attrs: { min: '0', max: '10', value: '0', 'data-testid': 'k-core' } });
const kcoreOut = h('span', { class: 'muted' }, 'off');
const yearSlider = h('input', { type: 'range', attrs: { min: '0', max: '0', value: '0', 'data-testid': 'year-slider' } });
const yearOut = h('span', { class: 'muted', attrs: { 'data-testid': 'year-value' } }, 'all years');
const yearPlay = h('button', { attrs: { 'data-testid': 'year-play' } }, '▶ Play');
const yearAll = h('button', { attrs: { 'data-testid': 'year-all' } }, 'All years');
const timelinePanel = h('div', { class: 'panel' }, h('h2', {}, 'Timeline'), h('div', { class: 'field' }, h('label', {}, 'Network as of'), yearOut, yearSlider), h('div', { class: 'row' }, yearPlay, yearAll));

const left = h(
  'aside',
  { class: 'left' },
  h('div', { class: 'panel' }, h('h2', {}, 'Helix roles'), legendBox, markLegend),
  h(
    'div',
    { class: 'panel' },
    h('h2', {}, 'Appearance'),
    h('div', { class: 'field' }, h('label', {}, 'Size by'), h('span')),
    sizeSelect,
    h('div', { class: 'field' }, h('label', {}, 'Labels for the top actors'), labelCountOut, labelCount),
  ),
  h('div', { class: 'panel' }, h('h2', {}, 'Search'), h('div', { class: 'search' }, searchInput, searchList)),
  h(
    'div',
    { class: 'panel', attrs: { 'data-testid': 'filters' } },
    h('h2', {}, 'Filters'),
    h('div', { class: 'field' }, h('label', {}, 'Minimum degree'), minDegOut, minDeg),
    h('div', { class: 'field' }, h('label', { title: 'keep actors in the k-core (core number ≥ k)' }, 'k-core'), kcoreOut, kcore),
    h('h3', {}, 'Sectors'),
    sectorBox,
    h('div', { class: 'row', style: 'margin-top:8px' }, h('button', { attrs: { 'data-testid': 'reset-filters' }, onclick: () => resetFilters() }, 'Reset filters')),
  ),
  timelinePanel,
);

// centre
const sigmaBox = h('div', { id: 'sigma', attrs: { 'data-testid': 'graph' } });
const dropzone = h('div', { class: 'dropzone' }, 'Drop network files to open them');
const emptyState = h(
  'div',
  { class: 'empty-state' },
  h('strong', {}, 'Open a cluster network'),
  h('span', {}, 'Drop JSON, CSV (nodes + edges), GEXF, GraphML or CORDIS files here, or pick a bundled sample above.'),
);
const status = h('div', { class: 'statusbar', attrs: { 'data-testid': 'status' } }, 'Ready');
const busy = h('div', { class: 'busy', attrs: { 'data-testid': 'busy' } });
const errorsBox = h('div', { class: 'errors hidden', attrs: { 'data-testid': 'errors', role: 'alert' } });
const stageTools = h(
  'div',
  { class: 'stage-tools' },
  h('button', { title: 'Zoom in', onclick: () => cur?.view.zoom(1.5) }, '+'),
  h('button', { title: 'Zoom out', onclick: () => cur?.view.zoom(1 / 1.5) }, '−'),
  h('button', { title: 'Fit', onclick: () => cur?.view.resetCamera() }, '⤢'),
);
const stage = h('div', { class: 'stage' }, sigmaBox, emptyState, stageTools, status, busy, errorsBox, dropzone);

// right column
const summaryPanel = h('div', { class: 'panel', attrs: { 'data-testid': 'summary' } }, h('h2', {}, 'Network summary'), h('p', { class: 'muted' }, 'No network open.'));
const lockinPanel = h('div', { class: 'panel', attrs: { 'data-testid': 'lockin' } }, h('h2', {}, 'Lock-in risk'), h('p', { class: 'muted' }, '–'));
const escaPanel = h('div', { class: 'panel', attrs: { 'data-testid': 'esca' } }, h('h2', {}, 'ESCA check'), h('p', { class: 'muted' }, '–'));
const actorPanel = h('div', { class: 'panel', attrs: { 'data-testid': 'actor' } }, h('h2', {}, 'Actor'), h('p', { class: 'muted' }, 'Click an actor on the map.'));
const right = h('aside', { class: 'right' }, actorPanel, summaryPanel, lockinPanel, escaPanel);

const networkMain = h('main', { class: 'view' }, left, stage, right);
const scenarioSection = h('section', { class: 'scenario hidden', attrs: { 'data-testid': 'scenario-view' } });
append(app, header, networkMain, scenarioSection);

const scenarioView = new ScenarioView(scenarioSection, {
  currentNetwork: () => cur?.net ?? null,
  showErrors: (d) => showErrors(d, 'Could not read the scenario results'),
});

// ---------------------------------------------------------------- errors and status
function showErrors(diags: Diagnostic[], title = 'Could not open the file'): void {
  const errs = diags.filter((d) => d.severity === 'error');
  const list = h('ul', {}, ...diags.slice(0, 200).map((d) => h('li', { class: d.severity }, formatDiagnostic(d))));
  replace(
    errorsBox,
    h('button', { class: 'close', title: 'Close', onclick: () => errorsBox.classList.add('hidden') }, '×'),
    h('h2', {}, `${title} (${errs.length} error${errs.length === 1 ? '' : 's'})`),
    list,
    diags.length > 200 ? h('p', { class: 'muted' }, `… and ${diags.length - 200} more`) : null,
  );
  errorsBox.classList.remove('hidden');
}
function hideErrors(): void {
  errorsBox.classList.add('hidden');
  clear(errorsBox);
}
function setBusy(msg: string | null): void {
  busy.textContent = msg ?? '';
  busy.classList.toggle('on', !!msg);
}
function updateStatus(): void {
  if (!cur) return;
  const shownEdges = cur.view.state.visibleEdges?.size ?? cur.display.size;
  const parts = [
    `${cur.visible.size.toLocaleString('en-US')} of ${cur.display.order.toLocaleString('en-US')} actors`,
    `${shownEdges.toLocaleString('en-US')} of ${cur.display.size.toLocaleString('en-US')} connected pairs`,
    cur.format.toUpperCase(),
  ];
  if (cur.layout.running) parts.push('layout running');
  if (!cur.analysis) parts.push('analysing…');
  status.textContent = parts.join(' · ');
}

// ---------------------------------------------------------------- opening files
async function readFiles(list: FileList | File[]): Promise<void> {
  const files: DecodedFile[] = [];
  const errors: Diagnostic[] = [];
  for (const f of Array.from(list)) {
    const r = decodeBytes(f.name, new Uint8Array(await f.arrayBuffer()));
    if (r.error) errors.push(r.error);
    else if (r.file) files.push(r.file);
  }
  if (errors.length > 0) {
    showErrors(errors);
    return;
  }
  openFiles(files);
}

/** Timings of the last network opened (ms since the text was in memory), for the status bar and tests. */
let timings: { load: number; display: number; firstFrame: number } | null = null;

function openFiles(files: DecodedFile[]): void {
  if (files.length === 0) return;
  const t0 = performance.now();
  hideErrors();
  if (classifyInput(files) === 'scenario-results') {
    const ok = scenarioView.loadResults(files[0]!.text, files[0]!.name);
    if (ok) switchTab('scenarios');
    return;
  }
  let res;
  try {
    res = loadNetwork(files, {});
  } catch (e) {
    if (e instanceof InputError) showErrors(e.diagnostics);
    else showErrors([{ severity: 'error', code: 'internal', file: filesLabel(files), message: e instanceof Error ? e.message : String(e) }]);
    return;
  }
  const tLoad = performance.now();
  switchTab('network');
  showNetwork(res.network, res.network.name ?? filesLabel(files), res.format, t0, tLoad);
  if (res.warnings.length > 0) showErrors(res.warnings, 'Opened with warnings');
}

// ---------------------------------------------------------------- showing a network
function showNetwork(net: Network, label: string, format: string, t0 = performance.now(), tLoad = t0): void {
  stopPlay();
  if (cur) {
    cur.layout.kill();
    cur.view.kill();
  }
  clear(sigmaBox);
  emptyState.style.display = 'none';
  const display = buildDisplayGraph(net, label);
  const tDisplay = performance.now();
  const degrees = new Map<string, number | null>();
  display.forEachNode((id) => degrees.set(id, display.degree(id)));
  // The constructor draws the first frame, with the degree-based appearance.
  const view = new GraphView(sigmaBox, display, appearanceFor(display.order, degrees));
  timings = { load: tLoad - t0, display: tDisplay - tLoad, firstFrame: performance.now() - t0 };
  const search = buildSearchIndex(
    display.mapNodes((id, a) => ({ id, label: typeof a.label === 'string' ? a.label : id, helix: String(a.helix), degree: display.degree(id) })),
  );
  const loaded: Loaded = {
    net,
    label,
    format,
    display,
    view,
    layout: null as unknown as LayoutControl,
    search,
    analysis: null,
    coreNumber: undefined,
    filters: defaultFilters(HELIX_ROLES),
    measure: 'degree',
    visible: new Set(display.nodes()),
    markers: { gatekeepers: new Set(), liaisons: new Set(), hotSpots: new Set() },
  };
  loaded.layout = new LayoutControl(display, () => view.state.sizeOf);
  loaded.layout.onChange = (running) => {
    layoutBtn.textContent = running ? '■ Stop layout' : '▶ Layout';
    updateStatus();
  };
  cur = loaded;
  netName.textContent = label;
  searchInput.value = '';
  searchList.hidden = true;
  sizeSelect.value = 'degree';
  view.sigma.on('clickNode', ({ node }) => selectActor(node));
  view.sigma.on('clickStage', () => selectActor(null));
  sizeSelect.disabled = true;
  setupFilters();
  applyFilters();
  renderSummary();
  renderActor();
  if (display.order <= BIG_GRAPH) {
    // Layout: a few seconds of ForceAtlas2 in its worker, then noverlap; the analysis in its worker.
    loaded.layout.start(display.order > 500 ? 5000 : 2500);
    runAnalysis(loaded);
    return;
  }
  // Large graphs: the first frame comes first. The analysis (its document copy is built on this
  // thread) starts once that frame is on screen; ForceAtlas2 only on demand (▶ Layout): every
  // layout tick re-indexes the renderer, which makes panning and zooming stutter on 10,000 actors.
  // Until then the actors keep their seeded placement by helix role (see buildDisplayGraph).
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (cur === loaded) runAnalysis(loaded);
    }, 0),
  );
}

/** Above this many actors the layout is on demand and the analysis waits for the first frame. */
const BIG_GRAPH = 3000;

function runAnalysis(loaded: Loaded): void {
  const token = ++analysisToken;
  analysisWorker?.terminate();
  analysisWorker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
  setBusy('Analysing the network…');
  const doc = networkToDocument(loaded.net);
  const n = loaded.net.graph.order;
  analysisWorker.onmessage = (ev: MessageEvent<{ ok: true; result: AnalysisView } | { ok: false; message: string }>) => {
    if (token !== analysisToken || cur !== loaded) return;
    setBusy(null);
    const msg = ev.data;
    if (!msg.ok) {
      showErrors([{ severity: 'error', code: 'analysis', message: `analysis failed: ${msg.message}` }], 'Analysis failed');
      return;
    }
    loaded.analysis = msg.result;
    const core = measureValues(msg.result.nodes, 'coreNumber');
    loaded.coreNumber = new Map([...core].map(([k, v]) => [k, v ?? 0]));
    loaded.markers = computeMarkers(msg.result.nodes, perActorEI(msg.result));
    const maxCore = Math.max(0, ...loaded.coreNumber.values());
    kcore.max = String(maxCore);
    kcore.disabled = false;
    applyAppearance();
    applyFilters();
    renderSummary();
    renderActor();
  };
  analysisWorker.onerror = (ev) => {
    if (token !== analysisToken) return;
    setBusy(null);
    showErrors([{ severity: 'error', code: 'analysis', message: `analysis worker failed: ${ev.message}` }], 'Analysis failed');
  };
  // Exact betweenness up to a few thousand actors; sampled pivots beyond (documented in docs/app.md).
  const opts: { seed: number; approx?: number; permutations?: number } = { seed: 1 };
  if (n > 3000) {
    opts.approx = 200;
    opts.permutations = 200;
  }
  analysisWorker.postMessage({ doc, opts });
}

// ---------------------------------------------------------------- appearance
function currentMeasureValues(): Map<string, number | null> {
  if (!cur) return new Map();
  if (cur.analysis) return measureValues(cur.analysis.nodes, cur.measure);
  // Before the analysis arrives: degree from the display graph (distinct partners).
  const m = new Map<string, number | null>();
  cur.display.forEachNode((id) => m.set(id, cur!.display.degree(id)));
  return m;
}

/** Node sizes and forced labels for a measure (pure; used before and after the view exists). */
function appearanceFor(order: number, values: Map<string, number | null>): { sizeOf: (id: string) => number; forcedLabels: Set<string> } {
  const big = order > 2000;
  return { sizeOf: sizeScale(values, big ? 1 : 3, big ? 6 : 16), forcedLabels: new Set(topK(values, Number(labelCount.value))) };
}

function applyAppearance(): void {
  if (!cur) return;
  cur.view.setState({ ...appearanceFor(cur.display.order, currentMeasureValues()), markers: cur.markers });
  sizeSelect.disabled = !cur.analysis;
}

// ---------------------------------------------------------------- filters
function setupFilters(): void {
  if (!cur) return;
  const sectors = sectorsOf(cur.display);
  clear(sectorBox);
  for (const { sector, count } of sectors) {
    const cb = h('input', { type: 'checkbox', attrs: { 'data-sector': sector } });
    cb.checked = true;
    cb.addEventListener('change', () => {
      if (!cur) return;
      const on = new Set<string>();
      sectorBox.querySelectorAll<HTMLInputElement>('input[type=checkbox]').forEach((c) => {
        if (c.checked) on.add(c.dataset.sector!);
      });
      cur.filters = { ...cur.filters, sectors: on.size === sectors.length ? null : on };
      applyFilters();
    });
    sectorBox.appendChild(h('label', {}, cb, h('span', {}, sector), h('span', { class: 'muted' }, `(${count})`)));
  }
  if (sectors.length === 0) sectorBox.appendChild(h('span', { class: 'muted' }, 'no sectors in the data'));
  let maxDeg = 0;
  cur.display.forEachNode((id) => (maxDeg = Math.max(maxDeg, cur!.display.degree(id))));
  minDeg.max = String(Math.min(50, maxDeg));
  minDeg.value = '0';
  minDegOut.textContent = '0';
  kcore.value = '0';
  kcore.disabled = true;
  kcoreOut.textContent = 'off';
  const yr = yearRange(cur.display, cur.net.activities);
  timelinePanel.style.display = yr ? '' : 'none';
  if (yr) {
    yearSlider.min = String(yr.min);
    yearSlider.max = String(yr.max);
    yearSlider.value = String(yr.max);
  }
  yearOut.textContent = 'all years';
}

function resetFilters(): void {
  if (!cur) return;
  stopPlay();
  cur.filters = defaultFilters(HELIX_ROLES);
  setupFilters();
  kcore.disabled = !cur.analysis;
  if (cur.coreNumber) kcore.max = String(Math.max(0, ...cur.coreNumber.values()));
  applyFilters();
}

function applyFilters(): void {
  if (!cur) return;
  const vis = visibleNodes(cur.display, cur.filters, cur.coreNumber);
  cur.visible = vis;
  const allNodes = vis.size === cur.display.order;
  const edges = allNodes && cur.filters.year === null ? null : visibleEdges(cur.display, vis, cur.filters.year);
  cur.view.setState({ visibleNodes: allNodes ? null : vis, visibleEdges: edges });
  renderLegend();
  updateStatus();
}

function renderLegend(): void {
  if (!cur) return;
  const vis = cur.visible;
  const entries = legendEntries(cur.display, (id) => vis.has(id));
  const filtered = vis.size !== cur.display.order;
  replace(
    legendBox,
    ...entries.map((e) => {
      const cb = h('input', { type: 'checkbox', attrs: { 'data-role': e.role, 'aria-label': `Show ${e.label}` } });
      cb.checked = cur!.filters.roles.has(e.role);
      cb.addEventListener('change', () => {
        if (!cur) return;
        const roles = new Set(cur.filters.roles);
        if (cb.checked) roles.add(e.role);
        else roles.delete(e.role);
        cur.filters = { ...cur.filters, roles };
        applyFilters();
      });
      return h(
        'label',
        { class: `legend-row${e.count === 0 ? ' empty' : ''}`, dataset: { role: e.role } },
        cb,
        h('span', { class: 'swatch', style: `background:${e.color}` }),
        h('span', {}, e.label),
        h('span', { class: 'count', attrs: { 'data-testid': `legend-count-${e.role}` } }, filtered ? `${e.visible} / ${e.count}` : String(e.count)),
      );
    }),
    h('div', { class: 'legend-row', style: 'border-top:1px solid var(--line);margin-top:4px;padding-top:5px' }, h('span'), h('span'), h('strong', {}, 'All actors'), h('strong', { class: 'count', attrs: { 'data-testid': 'legend-total' } }, String(cur.display.order))),
  );
}

// ---------------------------------------------------------------- selection and actor panel
function selectActor(id: string | null): void {
  if (!cur) return;
  cur.view.setState({ selected: id });
  if (cur.filters.ego && id !== cur.filters.ego.node) {
    cur.filters = { ...cur.filters, ego: null };
    applyFilters();
  }
  renderActor();
}

function setEgo(depth: 0 | 1 | 2): void {
  if (!cur) return;
  const sel = cur.view.state.selected;
  cur.filters = { ...cur.filters, ego: sel && depth > 0 ? { node: sel, depth: depth as 1 | 2 } : null };
  applyFilters();
  renderActor();
}

function renderActor(): void {
  const c = cur;
  const id = c?.view.state.selected ?? null;
  if (!c || !id || !c.display.hasNode(id)) {
    replace(actorPanel, h('h2', {}, 'Actor'), h('p', { class: 'muted' }, 'Click an actor on the map, or search for one.'));
    return;
  }
  const attrs = c.display.getNodeAttributes(id);
  const role = String(attrs.helix) as HelixRole;
  const label = typeof attrs.label === 'string' ? attrs.label : id;
  const node = c.analysis?.nodes.find((n) => n.id === id);
  // Measures
  const kv = h('dl', { class: 'kv', attrs: { 'data-testid': 'actor-measures' } });
  if (node) {
    for (const m of MEASURES) append(kv, h('dt', { title: m.help }, m.label), h('dd', { dataset: { measure: m.key } }, fmt(m.get(node))));
    const b = node.brokerage;
    if (b) {
      const roles = (['coordinator', 'itinerant', 'representative', 'gatekeeper', 'liaison'] as const)
        .filter((r) => (b[r] ?? 0) > 0)
        .map((r) => `${r} ${fmt(b[r] ?? 0)}`)
        .join(', ');
      append(kv, h('dt', {}, 'Brokerage roles'), h('dd', {}, roles || 'none'));
    }
    if (node.community !== undefined && node.community !== null) append(kv, h('dt', {}, 'Community'), h('dd', {}, String(node.community)));
  } else {
    append(kv, h('dt', {}, 'Degree'), h('dd', { dataset: { measure: 'degree' } }, fmt(c.display.degree(id))), h('dt', {}, 'Measures'), h('dd', { class: 'muted' }, 'analysing…'));
  }
  // Attributes (text only)
  const attrList = h('dl', { class: 'kv', attrs: { 'data-testid': 'actor-attributes' } });
  append(attrList, h('dt', {}, 'id'), h('dd', {}, id));
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'x' || k === 'y' || k === 'label' || k === 'helix' || v === undefined || v === null) continue;
    append(attrList, h('dt', {}, k), h('dd', {}, String(v)));
  }
  // Neighbours by role
  const byRole = new Map<string, Array<{ id: string; label: string; w: number }>>();
  c.display.forEachNeighbor(id, (nid, na) => {
    const e = c.display.edge(id, nid)!;
    const w = c.display.getEdgeAttribute(e, 'weight');
    const r = String(na.helix);
    if (!byRole.has(r)) byRole.set(r, []);
    byRole.get(r)!.push({ id: nid, label: typeof na.label === 'string' ? na.label : nid, w });
  });
  const neigh = h('div', { class: 'neighbours', attrs: { 'data-testid': 'actor-neighbours' } });
  for (const r of HELIX_ROLES) {
    const list = byRole.get(r);
    if (!list) continue;
    list.sort((a, b) => b.w - a.w || a.label.localeCompare(b.label));
    append(
      neigh,
      h('h3', {}, h('span', { class: 'badge role', style: `background:${HELIX_COLORS[r]}` }, HELIX_LABELS[r]), ` ${list.length}`),
      ...list.slice(0, 30).map((n) => h('div', {}, h('a', { onclick: () => (selectActor(n.id), c.view.focus(n.id)) }, n.label), h('span', { class: 'muted' }, n.w !== 1 ? ` (weight ${fmt(n.w)})` : ''))),
      list.length > 30 ? h('div', { class: 'muted' }, `… ${list.length - 30} more`) : null,
    );
  }
  if (byRole.size === 0) append(neigh, h('p', { class: 'muted' }, 'No ties (isolate).'));
  const egoDepth = c.filters.ego?.node === id ? c.filters.ego.depth : 0;
  const egoBtn = (d: 0 | 1 | 2, text: string) =>
    h('button', { class: egoDepth === d ? 'primary' : '', attrs: { 'data-testid': `ego-${d}` }, onclick: () => setEgo(d) }, text);
  const marks: string[] = [];
  if (c.markers.gatekeepers.has(id)) marks.push('gatekeeper broker');
  if (c.markers.liaisons.has(id)) marks.push('liaison broker');
  if (c.markers.hotSpots.has(id)) marks.push('lock-in hot spot');
  replace(
    actorPanel,
    h('h2', {}, 'Actor'),
    h('p', { class: 'actor-title', attrs: { 'data-testid': 'actor-label' } }, label),
    h('p', {}, h('span', { class: 'badge role', style: `background:${helixColor(role)}` }, HELIX_LABELS[role] ?? role), marks.length ? h('span', { class: 'muted' }, `  ${marks.join(' · ')}`) : null),
    h('div', { class: 'row', style: 'margin:8px 0' }, h('span', { class: 'muted' }, 'Ego network:'), egoBtn(0, 'Off'), egoBtn(1, '1 step'), egoBtn(2, '2 steps')),
    h('h3', {}, 'Measures'),
    kv,
    h('h3', {}, 'Attributes'),
    attrList,
    h('h3', { attrs: { 'data-testid': 'actor-partners' } }, `Partners (${c.display.degree(id)})`),
    neigh,
  );
}

// ---------------------------------------------------------------- summary, lock-in, ESCA
function renderSummary(): void {
  const c = cur;
  if (!c) return;
  const entries = legendEntries(c.display);
  const counts: Partial<Record<HelixRole, number>> = {};
  for (const e of entries) counts[e.role] = e.count;
  const cov = helixCoverage(counts);
  const chip = (name: string, ok: boolean, missing: string[]) =>
    h('span', { class: `chip ${ok ? 'yes' : 'no'}`, title: ok ? 'all strands present' : `missing: ${missing.join(', ')}` }, `${ok ? '✓' : '✗'} ${name}`);
  const missingText = (m: string[]) => m.map((r) => HELIX_LABELS[r as HelixRole] ?? r).join(', ');
  const g: Record<string, unknown> = { ...(c.analysis?.graph ?? {}) };
  const num = (k: string) => (typeof g[k] === 'number' ? (g[k] as number) : null);
  replace(
    summaryPanel,
    h('h2', {}, 'Network summary'),
    c.net.description ? h('p', { class: 'muted small' }, c.net.description) : null,
    h(
      'dl',
      { class: 'kv' },
      h('dt', {}, 'Actors'),
      h('dd', {}, fmt(c.display.order)),
      h('dt', {}, 'Connected pairs'),
      h('dd', {}, fmt(c.display.size)),
      h('dt', {}, 'Activities'),
      h('dd', {}, fmt(c.net.activities.length)),
      h('dt', {}, 'Density'),
      h('dd', {}, fmt(num('density'))),
      h('dt', {}, 'Components'),
      h('dd', {}, fmt(num('components'))),
      h('dt', {}, 'Transitivity'),
      h('dd', {}, fmt(num('transitivity'))),
    ),
    h('h3', {}, 'Helix coverage'),
    h('div', { class: 'coverage', attrs: { 'data-testid': 'coverage' } }, chip('Triple', cov.triple, cov.missing.triple), chip('Quadruple', cov.quadruple, cov.missing.quadruple), chip('Penta', cov.penta, cov.missing.penta)),
    cov.missing.penta.length || cov.missing.quadruple.length
      ? h('p', { class: 'small muted', attrs: { 'data-testid': 'coverage-missing' } }, `Missing: ${missingText([...new Set([...cov.missing.quadruple, ...cov.missing.penta])])}.`)
      : h('p', { class: 'small muted' }, 'Every strand of the penta and quadruple helix is present.'),
    c.net.source ? h('p', { class: 'small muted' }, c.net.source) : null,
  );
  // Lock-in
  const li = c.analysis?.lockIn;
  if (!li) replace(lockinPanel, h('h2', {}, 'Lock-in risk'), h('p', { class: 'muted' }, c.analysis ? 'not available' : 'analysing…'));
  else {
    replace(
      lockinPanel,
      h('h2', {}, 'Lock-in risk'),
      h('div', { class: 'score' }, h('span', { class: 'big', attrs: { 'data-testid': 'lockin-score' } }, li.score.toFixed(2)), h('span', { class: `badge ${li.level}`, attrs: { 'data-testid': 'lockin-level' } }, li.level), h('span', { class: 'muted small' }, 'score 0–1, higher = more locked in')),
      h(
        'div',
        { attrs: { 'data-testid': 'lockin-components' } },
        ...Object.entries(li.components).map(([k, v]) =>
          h('div', { class: 'comp' }, h('span', {}, k.replace(/([A-Z])/g, ' $1').toLowerCase()), h('div', { class: 'bar' }, h('span', { style: `width:${v === null ? 0 : Math.round(v * 100)}%` })), h('span', { class: 'v' }, v === null ? 'n/a' : v.toFixed(2))),
        ),
      ),
      h('ul', { class: 'reasons', attrs: { 'data-testid': 'lockin-reasons' } }, ...li.reasons.map((r) => h('li', {}, r))),
    );
  }
  // ESCA
  if (!c.analysis) replace(escaPanel, h('h2', {}, 'ESCA check'), h('p', { class: 'muted' }, 'analysing…'));
  else {
    const e = escaRows(c.analysis.esca);
    replace(
      escaPanel,
      h('h2', {}, 'ESCA check'),
      e.rows.length === 0
        ? h('p', { class: 'muted' }, e.note ?? 'No organisation profile in the data: the ESCA criteria need staff, activities and focus areas.')
        : h(
            'table',
            { class: 't', attrs: { 'data-testid': 'esca-table' } },
            h('thead', {}, h('tr', {}, h('th', {}, 'Criterion'), h('th', { class: 'n' }, 'Value'), h('th', { class: 'n' }, 'Needed'), h('th', {}, ''))),
            h('tbody', {}, ...e.rows.map((r) => h('tr', {}, h('td', {}, r.label), h('td', { class: 'n' }, r.value), h('td', { class: 'n' }, r.required), h('td', {}, r.pass === null ? '' : h('span', { class: `badge ${r.pass ? 'pass' : 'fail'}` }, r.pass ? 'pass' : 'fail'))))),
          ),
      e.overall !== null ? h('p', {}, 'Overall: ', h('span', { class: `badge ${e.overall ? 'pass' : 'fail'}` }, e.overall ? 'meets the ESCA basics' : 'does not meet them yet')) : null,
      e.rows.length && e.note ? h('p', { class: 'small muted' }, e.note) : null,
    );
  }
}

// ---------------------------------------------------------------- search
let activeSuggestion = -1;
function renderSuggestions(): void {
  if (!cur) return;
  const hits = suggest(cur.search, searchInput.value, 8);
  activeSuggestion = -1;
  replace(
    searchList,
    ...hits.map((it) =>
      h(
        'li',
        { role: 'option', dataset: { id: it.id }, onclick: () => pickSuggestion(it.id) },
        h('span', { class: 'swatch', style: `background:${helixColor(it.helix)}` }),
        h('span', {}, it.label),
        h('span', { class: 'muted' }, ` ${it.degree}`),
      ),
    ),
  );
  searchList.hidden = hits.length === 0;
}
function pickSuggestion(id: string): void {
  if (!cur) return;
  searchList.hidden = true;
  const a = cur.display.getNodeAttributes(id);
  searchInput.value = typeof a.label === 'string' ? a.label : id;
  selectActor(id);
  cur.view.focus(id);
}
searchInput.addEventListener('input', renderSuggestions);
searchInput.addEventListener('keydown', (ev) => {
  const items = [...searchList.querySelectorAll('li')];
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    ev.preventDefault();
    if (items.length === 0) return;
    activeSuggestion = (activeSuggestion + (ev.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
    items.forEach((li, i) => li.classList.toggle('active', i === activeSuggestion));
  } else if (ev.key === 'Enter') {
    const li = items[Math.max(0, activeSuggestion)];
    if (li?.dataset.id) pickSuggestion(li.dataset.id);
  } else if (ev.key === 'Escape') searchList.hidden = true;
});
searchInput.addEventListener('blur', () => setTimeout(() => (searchList.hidden = true), 150));

// ---------------------------------------------------------------- controls
sizeSelect.addEventListener('change', () => {
  if (!cur) return;
  cur.measure = measureDef(sizeSelect.value)?.key ?? 'degree';
  applyAppearance();
});
labelCount.addEventListener('input', () => {
  labelCountOut.textContent = labelCount.value;
  applyAppearance();
});
minDeg.addEventListener('input', () => {
  if (!cur) return;
  minDegOut.textContent = minDeg.value;
  cur.filters = { ...cur.filters, minDegree: Number(minDeg.value) };
  applyFilters();
});
kcore.addEventListener('input', () => {
  if (!cur) return;
  kcoreOut.textContent = kcore.value === '0' ? 'off' : `≥ ${kcore.value}`;
  cur.filters = { ...cur.filters, kCore: Number(kcore.value) };
  applyFilters();
});
function setYear(y: number | null): void {
  if (!cur) return;
  yearOut.textContent = y === null ? 'all years' : String(y);
  if (y !== null) yearSlider.value = String(y);
  cur.filters = { ...cur.filters, year: y };
  applyFilters();
}
yearSlider.addEventListener('input', () => {
  stopPlay();
  setYear(Number(yearSlider.value));
});
yearAll.addEventListener('click', () => {
  stopPlay();
  setYear(null);
});
function stopPlay(): void {
  if (playTimer) clearInterval(playTimer);
  playTimer = null;
  yearPlay.textContent = '▶ Play';
}
yearPlay.addEventListener('click', () => {
  if (playTimer) return stopPlay();
  if (!cur) return;
  const min = Number(yearSlider.min);
  const max = Number(yearSlider.max);
  let y = cur.filters.year === null || cur.filters.year >= max ? min : cur.filters.year;
  setYear(y);
  yearPlay.textContent = '❚❚ Pause';
  playTimer = setInterval(() => {
    y += 1;
    if (y > max) return stopPlay();
    setYear(y);
  }, 600);
});
layoutBtn.addEventListener('click', () => {
  if (!cur) return;
  if (cur.layout.running) cur.layout.stop();
  else cur.layout.start();
});
exportSelect.addEventListener('change', () => {
  const kind = exportSelect.value;
  exportSelect.value = '';
  if (!cur || !kind) return;
  void exportAs(kind);
});

function slug(s: string): string {
  return s.replace(/\.[a-z]+$/i, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase() || 'network';
}

async function exportAs(kind: string): Promise<void> {
  const c = cur;
  if (!c) return;
  const legend = legendEntries(c.display, (id) => c.visible.has(id))
    .filter((e) => e.visible > 0)
    .map((e) => ({ label: `${e.label} (${e.visible})`, color: e.color }));
  const name = slug(c.label);
  try {
    if (kind === 'svg') download(`${name}.svg`, new Blob([c.view.toSvg(c.label, legend)], { type: 'image/svg+xml' }));
    else if (kind === 'png') download(`${name}.png`, await c.view.toPng(c.label, legend));
    else {
      const filtered = c.visible.size !== c.display.order || c.filters.year !== null;
      const net = filtered ? filteredNetwork(c.net, c.visible, c.filters.year, 'filtered in the HelixLab app') : c.net;
      if (kind === 'gexf') download(`${name}${filtered ? '-filtered' : ''}.gexf`, new Blob([writeGexf(net)], { type: 'application/xml' }));
      else download(`${name}${filtered ? '-filtered' : ''}.json`, new Blob([writeNetworkJson(net)], { type: 'application/json' }));
    }
  } catch (e) {
    showErrors([{ severity: 'error', code: 'export', message: e instanceof Error ? e.message : String(e) }], 'Export failed');
  }
}

function switchTab(tab: 'network' | 'scenarios'): void {
  const net = tab === 'network';
  tabNet.classList.toggle('active', net);
  tabScen.classList.toggle('active', !net);
  networkMain.classList.toggle('hidden', !net);
  scenarioSection.classList.toggle('hidden', net);
  if (net) cur?.view.sigma.resize(true).refresh();
  else scenarioView.shown();
}
tabNet.addEventListener('click', () => switchTab('network'));
tabScen.addEventListener('click', () => switchTab('scenarios'));

fileInput.addEventListener('change', () => {
  if (fileInput.files && fileInput.files.length > 0) void readFiles(fileInput.files);
  fileInput.value = '';
});

// Samples
const sampleList = samples();
append(sampleSelect, h('option', { value: '' }, sampleList.length ? 'Open a sample…' : 'No bundled samples'), ...sampleList.map((s) => h('option', { value: s.id }, s.label)));
sampleSelect.addEventListener('change', () => {
  const s = sampleList.find((x) => x.id === sampleSelect.value);
  sampleSelect.value = '';
  if (!s) return;
  setBusy(`Opening ${s.label}…`);
  void s.load().then(
    (files) => {
      setBusy(null);
      openFiles(files);
    },
    (e: unknown) => {
      setBusy(null);
      showErrors([{ severity: 'error', code: 'sample', message: String(e) }]);
    },
  );
});

// Drag and drop anywhere on the window
let dragDepth = 0;
window.addEventListener('dragenter', (ev) => {
  ev.preventDefault();
  dragDepth++;
  dropzone.classList.add('on');
});
window.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) dropzone.classList.remove('on');
});
window.addEventListener('dragover', (ev) => ev.preventDefault());
window.addEventListener('drop', (ev) => {
  ev.preventDefault();
  dragDepth = 0;
  dropzone.classList.remove('on');
  if (ev.dataTransfer?.files && ev.dataTransfer.files.length > 0) void readFiles(ev.dataTransfer.files);
});

// ---------------------------------------------------------------- test / automation hooks (read-only views)
declare global {
  interface Window {
    __helixlab?: {
      ready: boolean;
      state(): {
        actors: number;
        visible: number;
        analysed: boolean;
        layoutRunning: boolean;
        selected: string | null;
        timings: { load: number; display: number; firstFrame: number } | null;
      };
      nodeScreenPosition(id: string): { x: number; y: number } | null;
      openText(files: Array<{ name: string; text: string }>): void;
      svg(): string;
      /** A scripted camera tour (pan, zoom in, zoom out; `ms` in all), with the requestAnimationFrame timestamps seen meanwhile (benchmarks). */
      cameraTour(ms: number): Promise<number[]>;
      /** The map's render statistics (main-thread ms per sigma frame, moving or not); `reset` starts a new count (benchmarks). */
      renderStats(reset?: boolean): ReturnType<GraphView['renderStats']> | null;
      /** Waits until the GPU has finished the map's submitted frames; returns the wait in ms (benchmarks). */
      gpuSync(): number;
    };
  }
}
window.__helixlab = {
  ready: true,
  state: () => ({
    actors: cur?.display.order ?? 0,
    visible: cur?.visible.size ?? 0,
    analysed: !!cur?.analysis,
    layoutRunning: cur?.layout.running ?? false,
    selected: cur?.view.state.selected ?? null,
    timings,
  }),
  nodeScreenPosition: (id) => {
    const p = cur?.view.nodeViewport(id);
    if (!p) return null;
    const r = sigmaBox.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  },
  openText: (files) => openFiles(files),
  svg: () => (cur ? cur.view.toSvg(cur.label, []) : ''),
  cameraTour: async (ms) => {
    const frames: number[] = [];
    if (!cur) return frames;
    let on = true;
    const tick = (ts: number) => {
      frames.push(ts);
      if (on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const cam = cur.view.sigma.getCamera();
    const start = cam.getState();
    const step = ms / 4;
    await cam.animate({ x: start.x + 0.2 * start.ratio, y: start.y + 0.1 * start.ratio }, { duration: step });
    await cam.animate({ ratio: start.ratio / 3 }, { duration: step });
    await cam.animate({ x: start.x - 0.1 * start.ratio }, { duration: step });
    await cam.animate({ x: start.x, y: start.y, ratio: start.ratio }, { duration: step });
    on = false;
    return frames;
  },
  renderStats: (reset = false) => cur?.view.renderStats(reset) ?? null,
  gpuSync: () => cur?.view.gpuSync() ?? 0,
};
