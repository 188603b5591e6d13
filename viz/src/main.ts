/**
 * HelixLab browser app: wiring and boot. Builds the frame (`shell.ts`) and the panels
 * (`panels/*`), connects the header, the map's tools, drag and drop and the tabs to the actions,
 * and opens what the address or the last visit asks for (`url-sync.ts`).
 *
 * Where things live: the app state in `state.ts` (changed only by `actions.ts` and
 * `network-session.ts`), opening files and links in `open.ts`, the map in `graph-view.ts`, the
 * layout in `layout.ts` / `layout.worker.ts`, the analysis in `analysis-runner.ts`, the view-model
 * (pure, unit-tested) in `model/*`, the language in `language.ts`, and every text for people comes
 * from the library's message catalogue through `strings.ts`. The measures come from
 * the library (`helixlab`); the app computes none. Text from files is only ever set as text
 * (`dom.ts`), never as HTML.
 */
import './styles.css';
import { $, append, h, replace } from './dom.js';
import { fitShown, selectActor } from './actions.js';
import { installAutomation } from './automation.js';
import { exportAs } from './exports.js';
import { fmt } from './model/measures.js';
import { legendEntries } from './model/palette.js';
import { note, showErrors } from './notify.js';
import { askUrl, openFileList, openSample, samples, setScenarioHandler } from './open.js';
import { setMapContainer } from './network-session.js';
import { createActorPanel } from './panels/actor.js';
import { createAppearancePanel } from './panels/appearance.js';
import { createFiltersPanel } from './panels/filters.js';
import { createLayoutPanel } from './panels/layout-panel.js';
import { createLegendPanel } from './panels/legend.js';
import { createSearchPanel } from './panels/search.js';
import { createSummaryPanels } from './panels/summary.js';
import { createTablePanel } from './panels/table.js';
import { createTimelinePanel } from './panels/timeline.js';
import { ScenarioView } from './scenario-view.js';
import { bootLanguage } from './language.js';
import { buildShell, fillExportSelect } from './shell.js';
import { app, bus } from './state.js';
import { S } from './strings.js';
import { boot, currentLink, installUrlSync, startFresh } from './url-sync.js';

bootLanguage(); // before anything is built: the words and numbers of the first render
const shell = buildShell();
append($('#app'), shell.root);
setMapContainer(shell.sigmaBox);

// ------------------------------------------------------------------ panels
const layout = createLayoutPanel();
append(
  shell.left,
  createLegendPanel(),
  createAppearancePanel(),
  createSearchPanel(),
  createFiltersPanel(),
  createTimelinePanel(),
  layout.panel,
);
append(shell.right, createActorPanel(), ...createSummaryPanels());
shell.stage.appendChild(layout.progress);
const table = createTablePanel(() => setTable(false));
shell.centre.appendChild(table.panel);

function setTable(open: boolean): void {
  const c = app.cur;
  if (c) c.tableOpen = open;
  bus.emit('table');
}
bus.on('table', () => {
  const open = !!app.cur?.tableOpen;
  shell.centre.classList.toggle('with-table', open);
  table.panel.hidden = !open;
  shell.tableBtn.setAttribute('aria-pressed', String(open));
  app.cur?.view.sigma.resize(true);
});

const scenarioView = new ScenarioView(shell.scenarioSection, {
  currentNetwork: () => app.cur?.net ?? null,
  showErrors: (d) => showErrors(d, () => S.errors.scenarioTitle),
});
setScenarioHandler((text, name) => {
  const ok = scenarioView.loadResults(text, name);
  if (ok) switchTab('scenarios');
  return ok;
});

// ------------------------------------------------------------------ status line and map summary
function updateStatus(): void {
  const c = app.cur;
  shell.emptyState.hidden = !!c;
  shell.netName.textContent = c ? c.label : S.header.noNetwork;
  shell.exportSelect.disabled = shell.tableBtn.disabled = shell.linkBtn.disabled = !c;
  if (!c) {
    shell.status.textContent = S.stage.ready;
    shell.mapSummary.textContent = '';
    return;
  }
  const shownEdges = c.view.state.visibleEdges?.size ?? c.display.size;
  const parts = [S.stage.status(fmt(c.visible.size), fmt(c.display.order), fmt(shownEdges), fmt(c.display.size), c.format.toUpperCase())];
  if (c.layout.running) parts.push(S.stage.layoutRunning);
  if (!c.analysis && !c.analysisFailed) parts.push(S.stage.analysing);
  shell.status.textContent = parts.join(' · ');
  const roles = legendEntries(c.display, (id) => c.visible.has(id))
    .filter((e) => e.visible > 0)
    .map((e) => `${e.label} ${fmt(e.visible)}`)
    .join(', ');
  const sel = c.view.state.selected;
  const selLabel = sel && c.display.hasNode(sel) ? String(c.display.getNodeAttribute(sel, 'label') ?? sel) : null;
  shell.mapSummary.textContent = S.stage.mapSummary(
    fmt(c.visible.size),
    fmt(shownEdges),
    roles,
    selLabel,
    c.visible.size !== c.display.order,
  );
}
for (const t of ['network', 'filters', 'analysis', 'layout', 'selection', 'lang'] as const) bus.on(t, updateStatus);
bus.on('network', () => {
  const c = app.cur;
  if (!c) return;
  c.view.sigma.on('clickNode', ({ node }) => selectActor(node));
  c.view.sigma.on('clickStage', () => selectActor(null));
});

// ------------------------------------------------------------------ header and map tools
const sampleList = samples();
const fillSamples = () =>
  replace(
    shell.sampleSelect,
    h('option', { value: '' }, sampleList.length ? S.header.sample : S.header.noSamples),
    ...sampleList.map((s) => h('option', { value: s.id }, s.label())),
  );
fillSamples();
bus.on('lang', () => {
  fillSamples();
  fillExportSelect(shell.exportSelect);
});
shell.sampleSelect.addEventListener('change', () => {
  const id = shell.sampleSelect.value;
  shell.sampleSelect.value = '';
  if (!id) return;
  switchTab('network');
  void openSample(id);
});
shell.fileInput.addEventListener('change', () => {
  if (shell.fileInput.files && shell.fileInput.files.length > 0)
    void openFileList(shell.fileInput.files).then((l) => l && switchTab('network'));
  shell.fileInput.value = '';
});
shell.exportSelect.addEventListener('change', () => {
  const kind = shell.exportSelect.value;
  shell.exportSelect.value = '';
  if (kind) void exportAs(kind, (dialect) => table.csv(dialect));
});
shell.urlBtn.addEventListener('click', () => {
  switchTab('network');
  askUrl();
});
shell.tableBtn.addEventListener('click', () => setTable(!app.cur?.tableOpen));
shell.linkBtn.addEventListener('click', () => {
  const link = currentLink();
  const local = app.cur?.source.kind === 'files';
  const copied = () => note(local ? S.header.linkNotShareable : S.header.linkCopied, 6000);
  // No clipboard (a page served over plain http) or no permission: show the link to copy by hand.
  const shown = () => note(S.header.linkHere(link), 15000);
  if (navigator.clipboard) navigator.clipboard.writeText(link).then(copied, shown);
  else shown();
});
shell.freshBtn.addEventListener('click', () => void startFresh());
const zoom = (f: number) => {
  const c = app.cur;
  if (!c) return;
  c.cameraIntent = null; // the user moves the camera
  c.view.zoom(f);
};
shell.zoomIn.addEventListener('click', () => zoom(1.5));
shell.zoomOut.addEventListener('click', () => zoom(1 / 1.5));
shell.fit.addEventListener('click', () => {
  if (app.cur) fitShown(app.cur);
});

function switchTab(tab: 'network' | 'scenarios'): void {
  const net = tab === 'network';
  shell.tabNet.classList.toggle('active', net);
  shell.tabScen.classList.toggle('active', !net);
  shell.tabNet.setAttribute('aria-selected', String(net));
  shell.tabScen.setAttribute('aria-selected', String(!net));
  shell.networkMain.classList.toggle('hidden', !net);
  shell.scenarioSection.classList.toggle('hidden', net);
  if (net) app.cur?.view.sigma.resize(true).refresh();
  else scenarioView.shown();
}
shell.tabNet.addEventListener('click', () => switchTab('network'));
shell.tabScen.addEventListener('click', () => switchTab('scenarios'));

// ------------------------------------------------------------------ drag and drop anywhere on the window
let dragDepth = 0;
window.addEventListener('dragenter', (ev) => {
  ev.preventDefault();
  dragDepth++;
  shell.dropzone.classList.add('on');
});
window.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) shell.dropzone.classList.remove('on');
});
window.addEventListener('dragover', (ev) => ev.preventDefault());
window.addEventListener('drop', (ev) => {
  ev.preventDefault();
  dragDepth = 0;
  shell.dropzone.classList.remove('on');
  if (ev.dataTransfer?.files && ev.dataTransfer.files.length > 0) void openFileList(ev.dataTransfer.files);
});

// ------------------------------------------------------------------ boot
installUrlSync();
installAutomation(shell.sigmaBox);
bus.emit('network', 'table');
const hooks = window.__helixlab;
if (hooks) hooks.ready = false; // ready once the link or the last visit has been opened
void boot().finally(() => {
  if (hooks) hooks.ready = true;
});
