/**
 * Scenario view: load the JSON written by `helixlab simulate` / `compare`, or run a small Monte
 * Carlo in a web worker (`sim.worker.ts`, the CLI's engine), then compare scenarios on fan charts
 * (mean line, 5–95% band) with a year slider and a play button that walk through the years.
 * When a result carries the recorded network of a run (`network`: `--network-run`, or run 0 of a
 * browser run), a network panel (its own sigma.js instance) shows that network at the slider's
 * year: which actors and ties are drawn comes from `networkAtYear` (model/network-history.ts), the
 * positions are computed once per recorded network, so nodes stay put from year to year.
 *
 * (About 520 lines: one tab — its controls, charts, year table and network panel share the year,
 * the loaded series and the worker; splitting them would spread that state over modules.)
 */
import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js';
import Sigma, { DEPTHLESS_STYLES } from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { append, clear, field, h, replace } from './dom.js';
import { HELIX_ROLES, networkToDocument, type Diagnostic, type Network } from 'helixlab';
import { commonMetrics, fanData, metricLabel, parseScenarioResults, valuesAtYear, type ScenarioSeries } from './model/scenario.js';
import { fmt } from './model/measures.js';
import { decodeBytes } from './model/files.js';
import type { SimMessage, SimRequest } from './sim.worker.js';
import {
  actorLabel,
  historyGraph,
  networkAtYear,
  networkCaption,
  tieAppearance,
  type HistoryEdgeAttributes,
  type HistoryGraph,
  type HistoryNodeAttributes,
  type NetworkHistory,
  type YearNetwork,
} from './model/network-history.js';
import { HELIX_COLORS, HELIX_LABELS, helixColor, seriesStyle } from './model/palette.js';
import { bus } from './state.js';
import { NF, S, lang } from './strings.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Legend, Tooltip);

const PRESETS = import.meta.glob('../../scenarios/*.json', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;
/** Metrics that are shares (shown as percentages) and amounts of money (shown in euros). */
const SHARES = new Set(['crossHelixShare']);
const MONEY = new Set(['rdiInvestment', 'euFunding', 'publicCost']);

/** A metric's value for people, in the current language: `56 %`, `1 620 000 €`, else as the panels show numbers. */
function valueText(metric: string, x: number | null): string {
  if (x === null) return '–';
  return SHARES.has(metric) ? NF.pct(x) : MONEY.has(metric) ? NF.money(x) : fmt(x);
}

const KEY_METRICS = ['members', 'meanTrust', 'partnerships', 'lockIn', 'crossHelixShare', 'coordinatorFte', 'jointProjects', 'publicCost'];

/** A legend swatch for series i: its colour and its dash pattern. */
function seriesSwatch(i: number): SVGSVGElement {
  const { color, dash } = seriesStyle(i);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '10');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('series-swatch');
  const line = document.createElementNS(ns, 'line');
  line.setAttribute('x1', '1');
  line.setAttribute('y1', '5');
  line.setAttribute('x2', '21');
  line.setAttribute('y2', '5');
  line.setAttribute('stroke', color);
  line.setAttribute('stroke-width', '2.5');
  if (dash.length) line.setAttribute('stroke-dasharray', dash.join(' '));
  svg.appendChild(line);
  return svg;
}

function alpha(hex: string, a: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

export interface ScenarioHost {
  currentNetwork(): Network | null;
  showErrors(d: Diagnostic[]): void;
}

export class ScenarioView {
  private series: ScenarioSeries[] = [];
  private charts: Chart[] = [];
  private year = 0;
  private maxYear = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private worker: Worker | null = null;
  private readonly chartsBox: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly yearLabel: HTMLElement;
  private readonly playBtn: HTMLButtonElement;
  private readonly readout: HTMLElement;
  private readonly seriesBox: HTMLElement;
  private readonly presetBox: HTMLElement;
  private readonly runs: HTMLInputElement;
  private readonly years: HTMLInputElement;
  private readonly seed: HTMLInputElement;
  private readonly runBtn: HTMLButtonElement;
  private readonly fromMap: HTMLInputElement;
  private readonly fromMapLabel: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly progressText: HTMLElement;
  private presetsLoaded = false;
  /** The run's status line, as a function of the language. */
  private progressMsg: (() => string) | null = null;
  private readonly netCard: HTMLElement;
  private readonly netSelect: HTMLSelectElement;
  private readonly netTitle: HTMLElement;
  private readonly netCaption: HTMLElement;
  private readonly netLegend: HTMLElement;
  private readonly netBox: HTMLElement;
  /** The network shown: which series, its graph (positions computed once) and sigma. */
  private net: {
    series: number;
    history: NetworkHistory;
    graph: HistoryGraph;
    sigma: Sigma<HistoryNodeAttributes, HistoryEdgeAttributes>;
  } | null = null;
  private netView: YearNetwork | null = null;
  private netVisible = new Set<string>();
  private readonly layouts = new WeakMap<NetworkHistory, HistoryGraph>();

  constructor(
    root: HTMLElement,
    private host: ScenarioHost,
  ) {
    const fileInput = h('input', { type: 'file', attrs: { accept: '.json', 'data-testid': 'scenario-file' } });
    fileInput.addEventListener('change', async () => {
      const f = fileInput.files?.[0];
      fileInput.value = '';
      if (!f) return;
      const r = decodeBytes(f.name, new Uint8Array(await f.arrayBuffer()));
      if (r.error) host.showErrors([r.error]);
      else if (r.file) this.loadResults(r.file.text, r.file.name);
    });
    this.presetBox = h('div', { class: 'sector-list', attrs: { 'data-testid': 'scenario-presets' } });
    this.runs = h('input', { type: 'number', class: 'full', attrs: { min: '1', max: '2000', value: '100', 'data-testid': 'sim-runs' } });
    this.years = h('input', {
      type: 'number',
      class: 'full',
      attrs: { min: '1', max: '100', placeholder: () => S.scenarios.yearsPlaceholder, 'data-testid': 'sim-years' },
    });
    this.seed = h('input', { type: 'text', class: 'full', attrs: { value: '1', 'data-testid': 'sim-seed' } });
    this.fromMap = h('input', { type: 'checkbox', attrs: { 'data-testid': 'sim-from-map' } });
    this.fromMapLabel = h('span', {}, S.scenarios.fromMap);
    this.runBtn = h(
      'button',
      { class: 'primary', attrs: { 'data-testid': 'sim-run' }, onclick: () => this.run() },
      () => S.scenarios.runButton,
    );
    this.progress = h('span');
    this.progressText = h('span', { class: 'muted small', attrs: { 'data-testid': 'sim-progress' } });
    this.seriesBox = h(
      'div',
      { attrs: { 'data-testid': 'scenario-series' } },
      h('p', { class: 'muted' }, () => S.scenarios.nothing),
    );
    const left = h(
      'aside',
      { class: 'left' },
      h(
        'div',
        { class: 'panel' },
        h('h2', {}, () => S.scenarios.results),
        h('p', { class: 'small muted' }, () => S.scenarios.resultsHint),
        h('label', { class: 'btn' }, () => S.scenarios.openResults, fileInput),
      ),
      h(
        'div',
        { class: 'panel' },
        h('h2', {}, () => S.scenarios.run),
        h('p', { class: 'small muted' }, () => S.scenarios.runHint),
        this.presetBox,
        h('label', { class: 'row check', style: 'margin-top:6px', title: () => S.scenarios.fromMapTitle }, this.fromMap, this.fromMapLabel),
        field(() => S.scenarios.runs, this.runs),
        field(() => S.scenarios.years, this.years),
        field(() => S.scenarios.seed, this.seed),
        h('div', { class: 'row' }, this.runBtn),
        h('div', { class: 'progress' }, this.progress),
        this.progressText,
      ),
      h(
        'div',
        { class: 'panel' },
        h('h2', {}, () => S.scenarios.loaded),
        this.seriesBox,
      ),
    );
    this.slider = h('input', {
      type: 'range',
      attrs: { min: '0', max: '0', value: '0', 'data-testid': 'scenario-year', 'aria-label': () => S.scenarios.yearSlider },
    });
    this.yearLabel = h('span', { class: 'year', attrs: { 'data-testid': 'scenario-year-label' } }, S.scenarios.year(0));
    this.playBtn = h('button', { attrs: { 'data-testid': 'scenario-play' }, onclick: () => this.togglePlay() }, S.panels.play);
    this.slider.addEventListener('input', () => {
      this.stop();
      this.setYear(Number(this.slider.value));
    });
    this.readout = h('div', { class: 'chart-card', attrs: { 'data-testid': 'scenario-readout' } });
    this.chartsBox = h('div', {
      attrs: { 'data-testid': 'scenario-charts' },
      style: 'display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:14px',
    });
    this.netSelect = h('select', { attrs: { 'data-testid': 'scenario-network-select', 'aria-label': () => S.scenarios.networkSelect } });
    this.netSelect.addEventListener('change', () => this.showNetwork(Number(this.netSelect.value)));
    this.netTitle = h('h3', {}, S.scenarios.simulatedNetwork);
    this.netCaption = h('div', { class: 'net-caption', attrs: { 'data-testid': 'scenario-network-caption' } });
    this.netLegend = h('div', { class: 'net-legend', attrs: { 'data-testid': 'scenario-network-legend' } });
    this.netBox = h('div', { class: 'net-canvas', attrs: { 'data-testid': 'scenario-network-graph' } });
    this.netCard = h(
      'div',
      { class: 'chart-card network-panel hidden', attrs: { 'data-testid': 'scenario-network' } },
      h('div', { class: 'net-head' }, this.netTitle, this.netSelect),
      this.netCaption,
      this.netBox,
      this.netLegend,
      h('p', { class: 'small muted' }, () => S.scenarios.networkNote),
    );
    const main = h(
      'div',
      { class: 'charts' },
      h('div', { class: 'timeline' }, this.playBtn, this.yearLabel, this.slider),
      this.readout,
      this.netCard,
      this.chartsBox,
    );
    append(root, left, main);
    this.renderEmpty();
    bus.on('lang', () => this.relabel());
  }

  /** Called when the tab is shown: fill the preset list lazily. */
  shown(): void {
    const net = this.host.currentNetwork();
    this.fromMap.disabled = !net;
    if (!net) this.fromMap.checked = false;
    this.renderFromMap();
    // the network panel may have been filled while the tab was hidden (zero-size container)
    if (this.net) {
      this.net.sigma.resize(true);
      this.net.sigma.refresh();
    }
    if (this.presetsLoaded) return;
    this.presetsLoaded = true;
    const entries = Object.keys(PRESETS).sort();
    clear(this.presetBox);
    if (entries.length === 0)
      append(
        this.presetBox,
        h('span', { class: 'muted' }, () => S.scenarios.noPresets),
      );
    for (const p of entries) {
      const name = p.slice(p.lastIndexOf('/') + 1);
      const cb = h('input', { type: 'checkbox', attrs: { 'data-preset': name } });
      cb.checked = name === 'project-driven.json' || name === 'permanent.json';
      append(this.presetBox, h('label', {}, cb, h('span', {}, name.replace(/\.json$/, ''))));
    }
  }

  private renderFromMap(): void {
    const net = this.host.currentNetwork();
    this.fromMapLabel.textContent = net
      ? S.scenarios.fromMapNamed(net.name ?? S.scenarios.unnamed, net.graph.order)
      : S.scenarios.fromMapNone;
  }

  /**
   * The language changed: everything with words or numbers is drawn again — the series list, the
   * charts (titles, axis, number format), the year's table, the network's title, caption, legend and
   * hover labels — at the same year, with the same results and settings.
   */
  private relabel(): void {
    this.renderFromMap();
    this.playBtn.textContent = this.timer ? S.panels.pause : S.panels.play;
    if (this.progressMsg) this.progressText.textContent = this.progressMsg();
    if (this.series.length === 0) {
      this.yearLabel.textContent = S.scenarios.year(this.year);
      this.renderEmpty();
      return;
    }
    this.renderSeriesList();
    this.buildCharts();
    if (this.net) this.showNetwork(this.net.series);
    this.setYear(this.year);
  }

  /** Set the run's status line (kept as a function, so that it follows a language switch). */
  private status(msg: (() => string) | null): void {
    this.progressMsg = msg;
    this.progressText.textContent = msg ? msg() : '';
  }

  private renderEmpty(): void {
    replace(this.readout, h('p', { class: 'muted' }, S.scenarios.empty));
  }

  /** Load simulate / compare JSON. Returns false (and shows the problems) when nothing usable was found. */
  loadResults(text: string, file: string): boolean {
    const r = parseScenarioResults(text, file);
    if (r.series.length === 0 || r.diagnostics.some((d) => d.severity === 'error')) {
      this.host.showErrors(r.diagnostics);
      if (r.series.length === 0) return false;
    }
    this.setSeries(r.series);
    return true;
  }

  private setSeries(series: ScenarioSeries[]): void {
    this.stop();
    this.series = series;
    this.renderSeriesList();
    this.maxYear = Math.max(0, ...series.flatMap((s) => [...s.metrics.values()].flatMap((rows) => rows.map((r) => r.year))));
    this.slider.max = String(this.maxYear);
    this.year = this.maxYear;
    this.slider.value = String(this.year);
    this.setNetworks();
    this.buildCharts();
    this.setYear(this.year);
  }

  private renderSeriesList(): void {
    replace(
      this.seriesBox,
      ...this.series.map((s, i) =>
        h(
          'div',
          { class: 'legend-row', style: 'grid-template-columns:14px 1fr auto' },
          seriesSwatch(i),
          h('span', {}, s.name),
          h('span', { class: 'count' }, S.scenarios.runsSeed(s.runs, s.seed === null ? null : String(s.seed))),
        ),
      ),
    );
  }

  /** One fan chart per metric, in the current language (titles, axis) and number format (Chart.js `locale`). */
  private buildCharts(): void {
    const series = this.series;
    for (const c of this.charts) c.destroy();
    this.charts = [];
    clear(this.chartsBox);
    const metrics = commonMetrics(series);
    const ordered = [...KEY_METRICS.filter((m) => metrics.includes(m)), ...metrics.filter((m) => !KEY_METRICS.includes(m))];
    const marker: Plugin<'line'> = {
      id: 'yearMarker',
      afterDatasetsDraw: (chart) => {
        const x = chart.scales.x!.getPixelForValue(this.year);
        const { top, bottom } = chart.chartArea;
        const ctx = chart.ctx;
        ctx.save();
        ctx.strokeStyle = 'rgba(29,36,51,.55)';
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.stroke();
        ctx.restore();
      },
    };
    for (const m of ordered) {
      const fans = fanData(series, m);
      const canvas = h('canvas', { attrs: { 'data-metric': m, role: 'img', 'aria-label': S.scenarios.chartLabel(metricLabel(m)) } });
      this.chartsBox.appendChild(
        h('div', { class: 'chart-card' }, h('h3', {}, metricLabel(m)), h('div', { class: 'chart-wrap', style: 'height:240px' }, canvas)),
      );
      const pts = (ys: Array<number | null>, xs: number[]) => ys.map((y, k) => ({ x: xs[k]!, y }));
      const datasets = fans.flatMap((f, i) => {
        const { color: col, dash } = seriesStyle(i);
        return [
          {
            label: `${f.name} p95`,
            data: pts(f.high, f.years),
            borderWidth: 0,
            pointRadius: 0,
            backgroundColor: alpha(col, 0.14),
            fill: '+1' as const,
            order: 2,
          },
          {
            label: `${f.name} p05`,
            data: pts(f.low, f.years),
            borderWidth: 0,
            pointRadius: 0,
            backgroundColor: alpha(col, 0.14),
            fill: false as const,
            order: 2,
          },
          {
            label: f.name,
            data: pts(f.mean, f.years),
            borderColor: col,
            backgroundColor: col,
            borderWidth: 2,
            borderDash: dash,
            pointRadius: 0,
            fill: false as const,
            order: 1,
          },
        ];
      });
      const chart = new Chart(canvas, {
        type: 'line',
        data: { datasets },
        options: {
          locale: lang() === 'fi' ? 'fi-FI' : 'en-US',
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: {
              type: 'linear',
              title: { display: true, text: S.scenarios.simulatedYear },
              ticks: { precision: 0 },
              min: 0,
              max: this.maxYear,
            },
            y: {
              beginAtZero: m !== 'lockIn' ? undefined : true,
              ...(SHARES.has(m) || MONEY.has(m) ? { ticks: { callback: (v: string | number) => valueText(m, Number(v)) } } : {}),
            },
          },
          plugins: {
            legend: { labels: { filter: (item) => !/ p(05|95)$/.test(item.text), usePointStyle: true, pointStyle: 'line', boxWidth: 24 } },
            tooltip: {
              filter: (item) => !/ p(05|95)$/.test(item.dataset.label ?? ''),
              callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${valueText(m, item.parsed.y)}` },
            },
          },
        },
        plugins: [marker],
      });
      this.charts.push(chart);
    }
  }

  /** Fill the network selector with the series that carry a recorded network; show the first. */
  private setNetworks(): void {
    const withNet = this.series.map((s, i) => ({ s, i })).filter(({ s }) => s.network !== null);
    clear(this.netSelect);
    for (const { s, i } of withNet) append(this.netSelect, h('option', { value: String(i) }, s.name));
    this.netSelect.hidden = withNet.length < 2;
    this.netCard.classList.toggle('hidden', withNet.length === 0);
    if (withNet.length === 0) {
      this.killNetwork();
      return;
    }
    const keep = this.net && withNet.some(({ i }) => i === this.net!.series) && this.series[this.net.series]!.network === this.net.history;
    this.showNetwork(keep ? this.net!.series : withNet[0]!.i);
  }

  private killNetwork(): void {
    this.net?.sigma.kill();
    this.net = null;
    this.netView = null;
    clear(this.netBox);
  }

  /** Show the recorded network of series `i` at the current year. */
  private showNetwork(i: number): void {
    const s = this.series[i];
    const history = s?.network;
    if (!s || !history) return;
    this.netSelect.value = String(i);
    if (!this.net || this.net.history !== history) {
      this.killNetwork();
      let graph = this.layouts.get(history);
      if (!graph) {
        graph = historyGraph(history);
        this.layouts.set(history, graph);
      }
      const sigma = new Sigma<HistoryNodeAttributes, HistoryEdgeAttributes>(graph, this.netBox, {
        styles: DEPTHLESS_STYLES,
        settings: {
          allowInvalidContainer: true, // the tab may be hidden: shown() resizes
          renderEdgeLabels: false,
          enableNodeDrag: false,
          itemSizesReference: 'screen',
          autoRescaleContent: 'positions', // the extent of every actor ever placed: the view does not move between years
          labelRenderedSizeThreshold: 100, // labels on hover only (ids carry no name)
          minEdgeThickness: 0.5,
          stagePadding: 20,
        },
        nodeReducer: (id, _d, attrs) => this.nodeReducer(id, attrs),
        edgeReducer: (id) => this.edgeReducer(id),
      });
      this.net = { series: i, history, graph, sigma };
    }
    this.net.series = i;
    this.netTitle.textContent = S.scenarios.simulatedTitle(s.name, history.run, String(history.seed));
    this.updateNetwork();
  }

  private nodeReducer(id: string, attrs: HistoryNodeAttributes): Partial<NodeDisplayData> {
    if (!this.netVisible.has(id)) return { visibility: 'hidden', label: null };
    // the hover label in the current language (the graph's own was made when it was laid out)
    const label = this.net ? actorLabel(this.net.history, Number(id)) : attrs.label;
    return { color: helixColor(attrs.helix), size: attrs.anchor ? 7 : 4.5, label };
  }

  private edgeReducer(id: string): Partial<EdgeDisplayData> {
    const trust = this.netView?.ties.get(id);
    if (trust === undefined) return { visibility: 'hidden' };
    return tieAppearance(trust);
  }

  /** Redraw the network panel for the current year; the caption carries what sigma drew. */
  private updateNetwork(): void {
    if (!this.net) return;
    const { history, graph, sigma } = this.net;
    const view = networkAtYear(history, this.year);
    this.netView = view;
    this.netVisible = new Set(view.actors.map(String));
    sigma.refresh();
    // count what sigma holds as visible after the reducers (not the view-model's own numbers)
    let actors = 0;
    let ties = 0;
    graph.forEachNode((n) => {
      if (sigma.getNodeDisplayData(n)?.visibility === 'visible') actors++;
    });
    graph.forEachEdge((e) => {
      if (sigma.getEdgeDisplayData(e)?.visibility === 'visible') ties++;
    });
    this.netCaption.textContent = networkCaption(view);
    this.netCaption.dataset.year = String(view.year);
    this.netCaption.dataset.actors = String(actors);
    this.netCaption.dataset.ties = String(ties);
    const byRole = new Map<string, number>();
    for (const a of view.actors) byRole.set(history.actors[a]!.helix, (byRole.get(history.actors[a]!.helix) ?? 0) + 1);
    replace(
      this.netLegend,
      ...HELIX_ROLES.filter((r) => history.actors.some((a) => a.helix === r)).map((r) =>
        h(
          'span',
          { class: 'chip' },
          h('span', {
            class: 'swatch',
            style: `display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px;background:${HELIX_COLORS[r]}`,
          }),
          `${HELIX_LABELS[r]} ${fmt(byRole.get(r) ?? 0)}`,
        ),
      ),
    );
  }

  private setYear(y: number): void {
    this.year = y;
    this.slider.value = String(y);
    this.yearLabel.textContent = S.scenarios.year(y);
    for (const c of this.charts) c.draw();
    this.updateNetwork();
    const metrics = KEY_METRICS.filter((m) => this.series.length > 0 && commonMetrics(this.series).includes(m)).slice(0, 6);
    if (this.series.length === 0) return this.renderEmpty();
    replace(
      this.readout,
      h('h3', {}, S.scenarios.yearTitle(y)),
      h(
        'table',
        { class: 't' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { attrs: { scope: 'col' } }, S.scenarios.scenario),
            ...metrics.map((m) => h('th', { class: 'n', attrs: { scope: 'col' } }, metricLabel(m))),
          ),
        ),
        h(
          'tbody',
          {},
          ...this.series.map((s, i) =>
            h(
              'tr',
              {},
              h('td', {}, seriesSwatch(i), s.name),
              ...metrics.map((m) => {
                const st = valuesAtYear([s], m, y)[0]!.stat;
                const v = (x: number | null) => valueText(m, x);
                return h('td', { class: 'n' }, st ? `${v(st.mean)} (${v(st.p05)}–${v(st.p95)})` : '–');
              }),
            ),
          ),
        ),
      ),
    );
  }

  private togglePlay(): void {
    if (this.timer) return this.stop();
    if (this.series.length === 0) return;
    if (this.year >= this.maxYear) this.setYear(0);
    this.playBtn.textContent = S.panels.pause;
    this.timer = setInterval(() => {
      if (this.year >= this.maxYear) return this.stop();
      this.setYear(this.year + 1);
    }, 450);
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.playBtn.textContent = S.panels.play;
  }

  private async run(): Promise<void> {
    const chosen = [...this.presetBox.querySelectorAll<HTMLInputElement>('input[type=checkbox]')]
      .filter((c) => c.checked)
      .map((c) => c.dataset.preset!);
    if (chosen.length === 0) {
      this.host.showErrors([{ severity: 'error', code: 'no-scenario', message: S.errors.noScenario }]);
      return;
    }
    const runs = Number(this.runs.value);
    const years = this.years.value.trim() === '' ? undefined : Number(this.years.value);
    if (!Number.isInteger(runs) || runs < 1 || runs > 2000) {
      this.host.showErrors([{ severity: 'error', code: 'bad-runs', field: 'runs', message: S.errors.badRuns }]);
      return;
    }
    const scenarios = await Promise.all(
      chosen.map(async (name) => {
        const key = Object.keys(PRESETS).find((k) => k.endsWith('/' + name))!;
        return { name, text: await PRESETS[key]!() };
      }),
    );
    this.worker?.terminate();
    const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    this.runBtn.disabled = true;
    this.progress.style.width = '0%';
    this.status(() => S.scenarios.starting);
    const t0 = performance.now();
    worker.onmessage = (ev: MessageEvent<SimMessage>) => {
      const m = ev.data;
      if (m.type === 'progress') {
        this.progress.style.width = `${Math.round((100 * m.done) / m.total)}%`;
        this.status(() => S.scenarios.progress(m.done, m.total));
        return;
      }
      this.runBtn.disabled = false;
      worker.terminate();
      if (this.worker === worker) this.worker = null;
      if (m.type === 'error') {
        this.status(() => S.scenarios.failed);
        this.host.showErrors(m.diagnostics);
        return;
      }
      this.progress.style.width = '100%';
      const seconds = (performance.now() - t0) / 1000;
      this.status(() => S.scenarios.done(runs, scenarios.length, NF.num(seconds, 1)));
      this.loadResults(m.json, S.scenarios.simulation);
    };
    worker.onerror = (ev) => {
      this.runBtn.disabled = false;
      this.status(() => S.scenarios.failed);
      this.host.showErrors([{ severity: 'error', code: 'simulation', message: ev.message || S.scenarios.workerFailed }]);
    };
    const req: SimRequest = {
      lang: lang(),
      scenarios,
      runs,
      seed: /^-?\d+$/.test(this.seed.value.trim()) ? Number(this.seed.value.trim()) : this.seed.value.trim(),
    };
    if (years !== undefined) req.years = years;
    const net = this.host.currentNetwork();
    if (this.fromMap.checked && net) req.start = { name: net.name ?? S.scenarios.mapNetworkName, doc: networkToDocument(net) };
    worker.postMessage(req);
  }
}
