/**
 * The page's frame: the header (open, samples, export, table, link, start fresh, tabs), the three
 * columns of the network view (panels left, the map and the actor table in the middle, analysis
 * panels right), the map's tools and messages, the text summary of the map for screen readers, and
 * the language switch (`language.ts`). Texts built here follow a language switch (`dom.ts`'s `Txt`).
 * It builds elements and places the panels; what the controls do is wired in `main.ts`.
 */
import { h, replace } from './dom.js';
import { errorsBox, busyBox, noteBox } from './notify.js';
import { HELIX_COLORS } from './model/palette.js';
import { languageSwitch } from './language.js';
import { S, lang } from './strings.js';

/**
 * The export menu's entries, in the current language; the actor table's CSV in the language's own
 * dialect first (Finnish: for Excel in Finnish, `;` and decimal comma), the other one after it.
 */
export function fillExportSelect(select: HTMLSelectElement): void {
  const csv = [h('option', { value: 'csv' }, S.header.exportCsv), h('option', { value: 'csv-excel-fi' }, S.header.exportCsvExcelFi)];
  replace(
    select,
    h('option', { value: '' }, S.header.export),
    h('option', { value: 'png' }, S.header.exportPng),
    h('option', { value: 'svg' }, S.header.exportSvg),
    h('option', { value: 'gexf' }, S.header.exportGexf),
    h('option', { value: 'json' }, S.header.exportJson),
    ...(lang() === 'fi' ? csv.reverse() : csv),
  );
}

export interface Shell {
  root: HTMLElement;
  fileInput: HTMLInputElement;
  urlBtn: HTMLButtonElement;
  sampleSelect: HTMLSelectElement;
  exportSelect: HTMLSelectElement;
  tableBtn: HTMLButtonElement;
  linkBtn: HTMLButtonElement;
  freshBtn: HTMLButtonElement;
  netName: HTMLElement;
  tabNet: HTMLButtonElement;
  tabScen: HTMLButtonElement;
  networkMain: HTMLElement;
  scenarioSection: HTMLElement;
  left: HTMLElement;
  right: HTMLElement;
  centre: HTMLElement;
  stage: HTMLElement;
  sigmaBox: HTMLElement;
  emptyState: HTMLElement;
  dropzone: HTMLElement;
  status: HTMLElement;
  mapSummary: HTMLElement;
  zoomIn: HTMLButtonElement;
  zoomOut: HTMLButtonElement;
  fit: HTMLButtonElement;
}

export function buildShell(): Shell {
  const fileInput = h('input', {
    type: 'file',
    attrs: {
      multiple: '',
      'data-testid': 'file-input',
      accept: '.json,.csv,.tsv,.txt,.gexf,.graphml,.xml,.gz',
      'aria-label': () => S.header.openFiles,
    },
  });
  const urlBtn = h('button', { attrs: { 'data-testid': 'open-url' } }, () => S.header.openUrl);
  const sampleSelect = h('select', { attrs: { 'data-testid': 'sample-select', 'aria-label': () => S.header.sampleLabel } });
  const exportSelect = h('select', { attrs: { 'data-testid': 'export-select', 'aria-label': () => S.header.exportLabel } });
  fillExportSelect(exportSelect);
  const tableBtn = h(
    'button',
    { title: () => S.header.tableTitle, attrs: { 'data-testid': 'table-toggle', 'aria-pressed': 'false' } },
    () => S.header.table,
  );
  const linkBtn = h('button', { title: () => S.header.copyLinkTitle, attrs: { 'data-testid': 'copy-link' } }, () => S.header.copyLink);
  const freshBtn = h(
    'button',
    { title: () => S.header.startFreshTitle, attrs: { 'data-testid': 'start-fresh' } },
    () => S.header.startFresh,
  );
  const netName = h('span', { class: 'netname', attrs: { 'data-testid': 'network-name' } }, S.header.noNetwork);
  const tabNet = h(
    'button',
    { class: 'active', attrs: { 'data-testid': 'tab-network', role: 'tab', 'aria-selected': 'true' } },
    () => S.header.tabNetwork,
  );
  const tabScen = h(
    'button',
    { attrs: { 'data-testid': 'tab-scenarios', role: 'tab', 'aria-selected': 'false' } },
    () => S.header.tabScenarios,
  );
  const header = h(
    'header',
    { class: 'top' },
    h(
      'span',
      { class: 'brand' },
      h(
        'span',
        { class: 'dots', attrs: { 'aria-hidden': 'true' } },
        ...(['industry', 'research-education', 'public'] as const).map((r) => h('i', { style: `background:${HELIX_COLORS[r]}` })),
      ),
      () => S.appName,
    ),
    netName,
    h('span', { class: 'spacer' }),
    h('label', { class: 'btn', title: () => S.header.openFilesTitle }, () => S.header.openFiles, fileInput),
    urlBtn,
    sampleSelect,
    exportSelect,
    tableBtn,
    linkBtn,
    freshBtn,
    h('span', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': () => S.header.tabs } }, tabNet, tabScen),
    languageSwitch(),
  );

  const sigmaBox = h('div', {
    id: 'sigma',
    attrs: { 'data-testid': 'graph', role: 'img', 'aria-label': () => S.stage.mapLabel, 'aria-describedby': 'map-summary' },
  });
  const mapSummary = h('p', { id: 'map-summary', class: 'sr-only', attrs: { 'data-testid': 'map-summary' } });
  const dropzone = h('div', { class: 'dropzone', attrs: { 'aria-hidden': 'true' } }, () => S.stage.drop);
  const emptyState = h(
    'div',
    { class: 'empty-state' },
    h('strong', {}, () => S.stage.empty),
    h('span', {}, () => S.stage.emptyHint),
  );
  const status = h('div', { class: 'statusbar', attrs: { 'data-testid': 'status', role: 'status' } }, S.stage.ready);
  const zoomIn = h('button', { title: () => S.stage.zoomIn, attrs: { 'aria-label': () => S.stage.zoomIn } }, '+');
  const zoomOut = h('button', { title: () => S.stage.zoomOut, attrs: { 'aria-label': () => S.stage.zoomOut } }, '−');
  const fit = h('button', { title: () => S.stage.fit, attrs: { 'aria-label': () => S.stage.fit, 'data-testid': 'fit' } }, '⤢');
  const stage = h(
    'div',
    { class: 'stage' },
    sigmaBox,
    mapSummary,
    emptyState,
    h('div', { class: 'stage-tools' }, zoomIn, zoomOut, fit),
    status,
    busyBox,
    noteBox,
    errorsBox,
    dropzone,
  );
  const left = h('aside', { class: 'left', attrs: { 'aria-label': () => S.panels.appearance } });
  const right = h('aside', { class: 'right', attrs: { 'aria-label': () => S.summary.title } });
  const centre = h('div', { class: 'centre' }, stage);
  const networkMain = h('main', { class: 'view' }, left, centre, right);
  const scenarioSection = h('section', {
    class: 'scenario hidden',
    attrs: { 'data-testid': 'scenario-view', 'aria-label': () => S.header.tabScenarios },
  });
  const root = h('div', { class: 'shell' }, header, networkMain, scenarioSection);
  return {
    root,
    fileInput,
    urlBtn,
    sampleSelect,
    exportSelect,
    tableBtn,
    linkBtn,
    freshBtn,
    netName,
    tabNet,
    tabScen,
    networkMain,
    scenarioSection,
    left,
    right,
    centre,
    stage,
    sigmaBox,
    emptyState,
    dropzone,
    status,
    mapSummary,
    zoomIn,
    zoomOut,
    fit,
  };
}
