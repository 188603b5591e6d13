/**
 * The impact report: one self-contained HTML file (browser-safe, pure: data and the Chart.js
 * source in, HTML text out; the Node loader of output directories is `src/node/batch/report.ts`).
 *
 * Contents, per sweep directory: fan charts by year for every metric (the mean line and the
 * 90% band between the 5th and 95th percentiles over runs, one setting at a time, chosen with a
 * selector), a comparison table of the final year (mean and 95% confidence interval of the mean
 * for every setting and metric), heatmaps of the final-year mean over the first two grid axes
 * (averaged over the other axes), and the scenario, grids, runs, seed and versions. Per sensitivity
 * directory: a bar chart of the indices (Sobol S1 and ST, or Morris μ* and σ) with their bootstrap
 * intervals drawn as whiskers, and the table of indices. Per `helixlab simulate` / `helixlab compare`
 * JSON result ({@link ScenarioReportInput}): fan charts by year for every metric with every scenario
 * on the same chart, a table of the final year (each scenario's mean with its 95% confidence
 * interval; the paired differences against the first scenario, the baseline, with their 95%
 * intervals and P(greater)), the tie-renewal diagnostics, and the scenario names, runs, seed and
 * years. Charts use Chart.js (inlined, so the file opens with no network access); tables and
 * heatmaps are plain HTML. The output has no timestamp: the same inputs give the same bytes.
 *
 * Indexing: indices are loop counters below the lengths of the arrays they read; the `!` on element
 * reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 *
 * Size: over 500 lines because one self-contained HTML page holds three kinds of input (sweeps,
 * sensitivity, simulate/compare results), each with its charts and tables.
 */
import type { SweepManifest } from '../batch/sweep.js';
import type { SensitivityResult } from '../batch/sensitivity/run.js';
import type { ComparisonResult, Difference, SimulationResult, TieDiagnostics } from '../scenario/simulate.js';
import { METRIC_UNITS } from '../scenario/observers.js';
import { escapeHtml } from './render.js';
import { explorationStatement, type ExploreSummary } from '../batch/explore.js';
import { messages, type Locale, type Messages } from '../i18n/index.js';
import { CALIBRATION_STYLE, calibrationSection, type CalibrationReportInput } from './calibration.js';

export type { CalibrationReportInput } from './calibration.js';

export interface SummaryRecord {
  setting: number;
  year: number;
  metric: string;
  n: number;
  mean: number;
  sd: number;
  ci95lo: number;
  ci95hi: number;
  p05: number;
  p50: number;
  p95: number;
}

export interface SweepReportInput {
  kind: 'sweep';
  /** Directory as given. */
  source: string;
  manifest: SweepManifest;
  /** Setting labels in setting order. */
  settingLabels: string[];
  /** Grid values per setting (axis order). */
  settingValues: unknown[][];
  summary: SummaryRecord[];
}

export interface SensitivityReportInput {
  kind: 'sensitivity';
  source: string;
  /** The sensitivity.json document (manifest fields + result). */
  doc: {
    scenario: { file: string; name: string; sha256: string };
    method: string;
    metric: string;
    year: number;
    runs: number;
    seed: number | string;
    samples: number;
    points: number;
    params: { name: string; lo: number; hi: number; integer?: boolean }[];
    helixlab: string;
    node: string;
    result: SensitivityResult;
  };
}

/**
 * One scenario's summary as the report reads it from the JSON of `helixlab simulate` (the whole
 * document) or `helixlab compare` (each element of `scenarios`): {@link SimulationResult} fits it.
 */
export interface ScenarioSummary {
  scenario: string;
  runs: number;
  seed: number | string;
  years: number;
  /** Metric → mean and percentiles by year (index = year, 0 … years) and the final-year summary. */
  metrics: Record<
    string,
    {
      byYear: { year: number; mean: number | null; p05: number | null; p95: number | null }[];
      final: { mean: number | null; ci95: [number, number] | null; n: number };
    }
  >;
  diagnostics: ScenarioDiagnostics;
  /** What the bands contain (results written since posterior draws: run-to-run noise, or parameter uncertainty too). */
  uncertainty?: { statement: string; posterior?: { file: string; particles: number; parameters: string[] } | null };
}

/**
 * The diagnostics of a result: tie dynamics measured as in CORDIS (`ties`, current results), or the
 * tie renewal share of results written before that measure (`renewalPairs`, …; rendered as then).
 */
export type ScenarioDiagnostics = { ties: TieDiagnostics } | { renewalPairs: number; renewedAfterEnd: number; renewalShare: number | null };

/** A paired difference (scenario − baseline, final year): the compare JSON's own type. */
export type ScenarioDifference = Difference;

/** A `helixlab simulate --format json` or `helixlab compare --format json` result. */
export interface ScenarioReportInput {
  kind: 'scenarios';
  /** File as given. */
  source: string;
  /** The command that wrote it. */
  command: 'simulate' | 'compare';
  /** The first scenario's name (a simulate result: its only scenario). */
  baseline: string;
  runs: number;
  seed: number | string;
  years: number;
  /** In the file's order; the first is the baseline. */
  scenarios: ScenarioSummary[];
  /** differences[scenario][metric] for every scenario after the first (empty for simulate). */
  differences: Record<string, Record<string, ScenarioDifference>>;
  /** HelixLab version, when the file records one (a top-level `helixlab` string). */
  helixlab?: string;
  /** The file also holds recorded network histories (`--network-run`, key `network`): not used. */
  hasNetwork: boolean;
}

/** An exploration directory (`helixlab explore --out DIR`): its explore.json. */
export interface ExploreReportInput {
  kind: 'explore';
  source: string;
  summary: ExploreSummary;
  provenance: Record<string, unknown>;
}

export type ReportInput = SweepReportInput | SensitivityReportInput | ScenarioReportInput | ExploreReportInput | CalibrationReportInput;

/** The report input of a result made in this process by `simulate` or `compare` (src/scenario). */
export function scenarioReportInput(result: SimulationResult | ComparisonResult, source: string): ScenarioReportInput {
  if ('scenarios' in result) {
    return {
      kind: 'scenarios',
      source,
      command: 'compare',
      baseline: result.baseline,
      runs: result.runs,
      seed: result.seed,
      years: result.years,
      scenarios: result.scenarios,
      differences: result.differences,
      hasNetwork: false,
    };
  }
  return {
    kind: 'scenarios',
    source,
    command: 'simulate',
    baseline: result.scenario,
    runs: result.runs,
    seed: result.seed,
    years: result.years,
    scenarios: [result],
    differences: {},
    hasNetwork: false,
  };
}

export interface ReportOptions {
  /** The title (default: "HelixLab impact report" in the report's language). */
  title?: string;
  /** Language of the report (default `en`); the embedded data stays numeric. */
  lang?: Locale;
  /** HelixLab version that wrote the report. */
  helixlab: string;
}

/** JSON safe inside a <script> element. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The words and the decimal mark of the report's language. */
interface Lang {
  lang: Locale;
  w: Messages['impact'];
  /** A number as {@link num} writes it, with the language's decimal mark. */
  num: (x: number, digits?: number) => string;
  /** A number as {@link exact} writes it, with the language's decimal mark. */
  exact: (x: number | null | undefined) => string;
  /** A whole percentage. */
  pct: (x: number) => string;
  /** A number written in English style, with the language's decimal mark. */
  dec: (t: string) => string;
}

function langOf(lang: Locale): Lang {
  const dec = lang === 'en' ? (t: string) => t : (t: string) => t.replace('.', ',').replace(/^-/, '−');
  return {
    lang,
    w: messages(lang).impact,
    num: (x, digits) => dec(num(x, digits)),
    exact: (x) => dec(exact(x)),
    pct: lang === 'en' ? (x) => `${Math.round(100 * x)}%` : (x) => `${Math.round(100 * x)}\u00a0%`,
    dec,
  };
}

function num(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '–' : String(x);
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toString();
}

function round6(x: number): number | null {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : null;
}

/** Interpolate white → blue for t in [0, 1]. */
function heatColour(t: number): string {
  const c = (a: number, b: number): number => Math.round(a + (b - a) * Math.min(1, Math.max(0, t)));
  return `rgb(${c(247, 8)},${c(251, 69)},${c(255, 148)})`;
}

function sweepSection(inp: SweepReportInput, id: number, L: Lang): { html: string; data: unknown } {
  const { w } = L;
  const m = inp.manifest;
  const years = m.years;
  const finalRows = inp.summary.filter((r) => r.year === years);
  const byKey = new Map<string, SummaryRecord>();
  for (const r of inp.summary) byKey.set(`${r.setting}|${r.year}|${r.metric}`, r);
  // chart data: metric → setting → {mean, lo, hi} by year
  const series: Record<string, { mean: (number | null)[]; p05: (number | null)[]; p95: (number | null)[] }[]> = {};
  for (const metric of m.metrics) {
    series[metric] = inp.settingLabels.map((_, s) => {
      const mean: (number | null)[] = [];
      const p05: (number | null)[] = [];
      const p95: (number | null)[] = [];
      for (let y = 0; y <= years; y++) {
        const r = byKey.get(`${s}|${y}|${metric}`);
        mean.push(r ? round6(r.mean) : null);
        p05.push(r ? round6(r.p05) : null);
        p95.push(r ? round6(r.p95) : null);
      }
      return { mean, p05, p95 };
    });
  }
  let h = `<section class="sweep" id="sweep-${id}">\n<h2>${escapeHtml(w.sweep(m.scenario.name))} <small>(${escapeHtml(inp.source)})</small></h2>\n`;
  h += '<table class="meta">';
  h += `<tr><th>${w.scenario}</th><td>${escapeHtml(m.scenario.file)} <code>sha256 ${escapeHtml(m.scenario.sha256.slice(0, 16))}…</code></td></tr>`;
  h += `<tr><th>${w.grids}</th><td>${m.grids.length ? m.grids.map((g) => `<code>${escapeHtml(g.path)}</code> = ${escapeHtml(g.values.map((v) => JSON.stringify(v)).join(', '))}`).join('<br>') : w.noGrids}</td></tr>`;
  h += `<tr><th>${w.settingsRuns}</th><td>${w.settingsRunsValue(m.settings, m.runs, m.years)}</td></tr>`;
  h += `<tr><th>${w.seed}</th><td><code>${escapeHtml(String(m.seed))}</code> — ${escapeHtml(m.seedRule)}</td></tr>`;
  h += `<tr><th>${w.versions}</th><td>${escapeHtml(w.versionsValue(m.helixlab, m.node))}</td></tr>`;
  if (m.uncertainty !== undefined) {
    const posterior = m.posterior ? { file: m.posterior.file, particles: m.posterior.particles, parameters: m.posterior.drawn } : null;
    h += `<tr><th>${w.bandsContain}</th><td>${escapeHtml(bandsOf({ statement: m.uncertainty, posterior }, L))}</td></tr>`;
  }
  h += '</table>\n';
  h += `<h3>${w.fanCharts}</h3>\n`;
  h += `<label>${w.settingLabel}<select class="setting-select" data-sweep="${id}">`;
  inp.settingLabels.forEach((l, s) => {
    h += `<option value="${s}">${escapeHtml(`#${s} ${l}`)}</option>`;
  });
  h += '</select></label>\n<div class="charts">';
  m.metrics.forEach((metric, k) => {
    h += `<figure><figcaption>${escapeHtml(metric)}</figcaption><canvas id="fan-${id}-${k}" data-sweep="${id}" data-metric="${escapeHtml(metric)}" width="360" height="220"></canvas></figure>`;
  });
  h += '</div>\n';
  // comparison table (final year)
  h += `<h3>${escapeHtml(w.comparisonAt(years, m.runs))}</h3>\n<div class="scroll"><table class="cmp"><thead><tr><th>${w.setting}</th>`;
  for (const g of m.grids) h += `<th>${escapeHtml(g.path)}</th>`;
  for (const metric of m.metrics) h += `<th>${escapeHtml(metric)}</th>`;
  h += '</tr></thead><tbody>';
  inp.settingLabels.forEach((_, s) => {
    h += `<tr><td>${s}</td>`;
    for (const v of inp.settingValues[s] ?? []) h += `<td>${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</td>`;
    for (const metric of m.metrics) {
      const r = byKey.get(`${s}|${years}|${metric}`);
      h += r ? `<td>${L.num(r.mean)} <span class="ci">[${L.num(r.ci95lo)}, ${L.num(r.ci95hi)}]</span></td>` : '<td>–</td>';
    }
    h += '</tr>';
  });
  h += '</tbody></table></div>\n';
  // heatmaps over the first two axes (or one)
  if (m.grids.length >= 1) {
    const ax0 = m.grids[0]!;
    const ax1 = m.grids[1];
    h += `<h3>${w.heatmaps(
      years,
      m.grids.length > 2
        ? m.grids
            .slice(2)
            .map((g) => escapeHtml(g.path))
            .join(', ')
        : null,
    )}</h3>\n`;
    h += `<label>${w.metricLabel}<select class="heat-select" data-sweep="${id}">`;
    m.metrics.forEach((metric, k) => {
      h += `<option value="${k}">${escapeHtml(metric)}</option>`;
    });
    h += '</select></label>\n';
    m.metrics.forEach((metric, k) => {
      const rowsVals = ax0.values;
      const colVals = ax1 ? ax1.values : [null];
      const cell: number[][] = rowsVals.map(() => colVals.map(() => 0));
      const cnt: number[][] = rowsVals.map(() => colVals.map(() => 0));
      for (const r of finalRows) {
        if (r.metric !== metric || !Number.isFinite(r.mean)) continue;
        const vals = inp.settingValues[r.setting] ?? [];
        const i = rowsVals.findIndex((v) => JSON.stringify(v) === JSON.stringify(vals[0]));
        const j = ax1 ? colVals.findIndex((v) => JSON.stringify(v) === JSON.stringify(vals[1])) : 0;
        if (i < 0 || j < 0) continue;
        cell[i]![j]! += r.mean;
        cnt[i]![j]!++;
      }
      const means = cell.map((row, i) => row.map((v, j) => (cnt[i]![j]! > 0 ? v / cnt[i]![j]! : NaN)));
      const flat = means.flat().filter(Number.isFinite);
      const lo = flat.length ? Math.min(...flat) : 0;
      const hi = flat.length ? Math.max(...flat) : 1;
      h += `<table class="heat" data-sweep="${id}" data-k="${k}"${k === 0 ? '' : ' hidden'}><caption>${escapeHtml(metric)}</caption><tr><th>${escapeHtml(ax0.path)}${ax1 ? ` \\ ${escapeHtml(ax1.path)}` : ''}</th>`;
      for (const v of colVals) h += `<th>${v === null && !ax1 ? w.mean : escapeHtml(JSON.stringify(v))}</th>`;
      h += '</tr>';
      means.forEach((row, i) => {
        h += `<tr><th>${escapeHtml(JSON.stringify(rowsVals[i]))}</th>`;
        for (const v of row) {
          const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
          h += Number.isFinite(v)
            ? `<td style="background:${heatColour(t)};color:${t > 0.6 ? '#fff' : '#000'}">${L.num(v)}</td>`
            : '<td>–</td>';
        }
        h += '</tr>';
      });
      h += '</table>';
    });
    h += '\n';
  }
  h += '</section>\n';
  return {
    html: h,
    data: { id, name: `${m.scenario.name} (${inp.source})`, years, settings: inp.settingLabels, metrics: m.metrics, series },
  };
}

function sensitivitySection(inp: SensitivityReportInput, id: number, L: Lang): { html: string; data: unknown } {
  const { w } = L;
  const d = inp.doc;
  const r = d.result;
  const pct = Math.round(r.confidence * 100);
  let h = `<section class="sensitivity" id="sens-${id}">\n<h2>${escapeHtml(w.sensitivity(d.method, d.metric, d.year))} <small>(${escapeHtml(inp.source)})</small></h2>\n`;
  h += '<table class="meta">';
  h += `<tr><th>${w.scenario}</th><td>${escapeHtml(d.scenario.name)} — ${escapeHtml(d.scenario.file)} <code>sha256 ${escapeHtml(d.scenario.sha256.slice(0, 16))}…</code></td></tr>`;
  h += `<tr><th>${w.parameters}</th><td>${d.params.map((p) => `<code>${escapeHtml(p.name)}</code> ∈ [${L.num(p.lo, 6)}, ${L.num(p.hi, 6)}]${p.integer ? w.integer : ''}`).join('<br>')}</td></tr>`;
  h += `<tr><th>${w.design}</th><td>${d.method === 'sobol' ? w.saltelli(d.samples) : w.morris(d.samples)}; ${w.designValue(d.points, d.runs, r.bootstrap)}</td></tr>`;
  h += `<tr><th>${w.seed}</th><td><code>${escapeHtml(String(d.seed))}</code></td></tr>`;
  h += `<tr><th>${w.versions}</th><td>${escapeHtml(w.versionsValue(d.helixlab, d.node))}</td></tr>`;
  h += '</table>\n';
  h += `<figure class="wide"><canvas id="sens-chart-${id}" width="720" height="${Math.max(200, 60 + 40 * r.indices.length)}"></canvas></figure>\n`;
  h += `<table class="cmp"><thead><tr><th>${w.parameter}</th>`;
  let bars: { labels: string[]; sets: { label: string; values: number[]; lo: number[]; hi: number[] }[] };
  if (r.method === 'sobol') {
    h += `<th>S1</th><th>${w.ciCol('S1', pct)}</th><th>ST</th><th>${w.ciCol('ST', pct)}</th></tr></thead><tbody>`;
    for (const ix of r.indices)
      h += `<tr><td>${escapeHtml(ix.name)}</td><td>${L.num(ix.S1.value)}</td><td>[${L.num(ix.S1.lo)}, ${L.num(ix.S1.hi)}]</td><td>${L.num(ix.ST.value)}</td><td>[${L.num(ix.ST.lo)}, ${L.num(ix.ST.hi)}]</td></tr>`;
    bars = {
      labels: r.indices.map((ix) => ix.name),
      sets: [
        {
          label: w.firstOrder,
          values: r.indices.map((ix) => ix.S1.value),
          lo: r.indices.map((ix) => ix.S1.lo),
          hi: r.indices.map((ix) => ix.S1.hi),
        },
        {
          label: w.totalOrder,
          values: r.indices.map((ix) => ix.ST.value),
          lo: r.indices.map((ix) => ix.ST.lo),
          hi: r.indices.map((ix) => ix.ST.hi),
        },
      ],
    };
  } else {
    h += `<th>μ*</th><th>${w.ciCol('μ*', pct)}</th><th>μ</th><th>σ</th></tr></thead><tbody>`;
    for (const ix of r.indices)
      h += `<tr><td>${escapeHtml(ix.name)}</td><td>${L.num(ix.muStar.value)}</td><td>[${L.num(ix.muStar.lo)}, ${L.num(ix.muStar.hi)}]</td><td>${L.num(ix.mu)}</td><td>${L.num(ix.sigma)}</td></tr>`;
    bars = {
      labels: r.indices.map((ix) => ix.name),
      sets: [
        {
          label: 'μ*',
          values: r.indices.map((ix) => ix.muStar.value),
          lo: r.indices.map((ix) => ix.muStar.lo),
          hi: r.indices.map((ix) => ix.muStar.hi),
        },
        { label: 'σ', values: r.indices.map((ix) => ix.sigma), lo: r.indices.map((ix) => ix.sigma), hi: r.indices.map((ix) => ix.sigma) },
      ],
    };
  }
  h += '</tbody></table>\n</section>\n';
  return { html: h, data: { id, bars } };
}

/** A number of the scenario tables as the JSON holds it (6 significant digits), '–' for none. */
function exact(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : String(Number(x.toPrecision(6)));
}

function ciText(ci: [number, number] | null, L: Lang): string {
  return ci ? ` <span class="ci">[${L.exact(ci[0])}, ${L.exact(ci[1])}]</span>` : '';
}

function unitOf(metric: string, L?: Lang): string {
  const own = L ? messages(L.lang).scenario.units[metric] : undefined;
  if (own !== undefined) return own;
  return Object.prototype.hasOwnProperty.call(METRIC_UNITS, metric) ? METRIC_UNITS[metric as keyof typeof METRIC_UNITS] : '';
}

function scenarioSection(inp: ScenarioReportInput, id: number, L: Lang): { html: string; data: unknown } {
  const { w } = L;
  const names = inp.scenarios.map((s) => s.scenario);
  const base = inp.scenarios[0]!;
  const others = inp.scenarios.slice(1);
  const metrics = Object.keys(base.metrics);
  const years = inp.years;
  const series: Record<string, { mean: (number | null)[]; p05: (number | null)[]; p95: (number | null)[] }[]> = {};
  const r6 = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : round6(x));
  for (const metric of metrics) {
    series[metric] = inp.scenarios.map((sc) => {
      const byYear = sc.metrics[metric]?.byYear ?? [];
      const at = (y: number) => byYear.find((r) => r.year === y);
      const mean: (number | null)[] = [];
      const p05: (number | null)[] = [];
      const p95: (number | null)[] = [];
      for (let y = 0; y <= years; y++) {
        const r = at(y);
        mean.push(r6(r?.mean));
        p05.push(r6(r?.p05));
        p95.push(r6(r?.p95));
      }
      return { mean, p05, p95 };
    });
  }
  const heading = inp.command === 'compare' ? w.comparisonOf(names.join(w.vs)) : w.simulationOf(names[0]!);
  let h = `<section class="scenarios" id="scn-${id}">\n<h2>${escapeHtml(heading)} <small>(${escapeHtml(inp.source)})</small></h2>\n`;
  h += '<table class="meta">';
  h += `<tr><th>${w.resultOf}</th><td><code>helixlab ${inp.command} --format json</code></td></tr>`;
  h += `<tr><th>${w.scenarios}</th><td>${names.map((n, i) => escapeHtml(n) + (i === 0 && others.length ? w.baseline : '')).join('<br>')}</td></tr>`;
  h += `<tr><th>${w.runsYears}</th><td>${w.runsYearsValue(inp.runs, others.length > 0, years)}</td></tr>`;
  h += `<tr><th>${w.seed}</th><td><code>${escapeHtml(String(inp.seed))}</code>${w.seedRule(others.length > 0)}</td></tr>`;
  h += `<tr><th>${w.versions}</th><td>${inp.helixlab !== undefined ? `HelixLab ${escapeHtml(inp.helixlab)}` : w.noVersion}</td></tr>`;
  if (inp.hasNetwork) h += `<tr><th>${w.network}</th><td>${w.networkNote}</td></tr>`;
  const bands = inp.scenarios.filter((sc) => sc.uncertainty !== undefined);
  if (bands.length > 0)
    h += `<tr><th>${w.bandsContain}</th><td>${bands.map((sc) => (inp.scenarios.length > 1 ? `${escapeHtml(sc.scenario)}: ` : '') + escapeHtml(bandsOf(sc.uncertainty!, L))).join('<br>')}</td></tr>`;
  h += '</table>\n';
  h += `<h3>${w.fanCharts}${others.length ? w.everyScenario : ''}</h3>\n<div class="charts">`;
  metrics.forEach((metric, k) => {
    const unit = unitOf(metric, L);
    h += `<figure><figcaption>${escapeHtml(metric)}${unit ? ` <small>(${escapeHtml(unit)})</small>` : ''}</figcaption><canvas id="scn-${id}-${k}" data-metric="${escapeHtml(metric)}" width="360" height="220"></canvas></figure>`;
  });
  h += '</div>\n';
  // final-year table: one row per metric
  const baseName = escapeHtml(names[0]!);
  h += `<h3>${w.finalYear(years, inp.runs, others.length ? baseName : null)}</h3>\n`;
  h += `<div class="scroll"><table class="cmp scn-final" data-id="${id}"><thead><tr><th>${w.metric}</th><th>${w.unit}</th>`;
  for (const n of names) h += `<th>${escapeHtml(n)}</th>`;
  for (const sc of others) {
    const n = escapeHtml(sc.scenario);
    h += `<th>${n} − ${baseName}</th><th>P(${n} &gt; ${baseName})</th>`;
  }
  h += '</tr></thead><tbody>';
  for (const metric of metrics) {
    h += `<tr data-metric="${escapeHtml(metric)}"><th>${escapeHtml(metric)}</th><td>${escapeHtml(unitOf(metric, L))}</td>`;
    for (const sc of inp.scenarios) {
      const f = sc.metrics[metric]?.final;
      h += f
        ? `<td>${L.exact(f.mean)}${ciText(f.ci95, L)}${f.n < sc.runs ? ` <span class="ci">(n = ${f.n})</span>` : ''}</td>`
        : '<td>–</td>';
    }
    for (const sc of others) {
      const d = inp.differences[sc.scenario]?.[metric];
      h += d ? `<td>${L.exact(d.meanDiff)}${ciText(d.ci95, L)}</td><td>${L.exact(d.probGreater)}</td>` : '<td>–</td><td>–</td>';
    }
    h += '</tr>';
  }
  h += '</tbody></table></div>\n';
  h += inp.scenarios.every((sc) => 'renewalPairs' in sc.diagnostics)
    ? legacyRenewalHtml(inp.scenarios, L)
    : tieDynamicsHtml(inp.scenarios, L);
  h += '</section>\n';
  return { html: h, data: { id, names, years, metrics, series } };
}

/** What the bands contain, in the report's language. */
function bandsOf(u: NonNullable<ScenarioSummary['uncertainty']>, L: Lang): string {
  // English: the statement the result was written with; other languages: built again from the posterior
  return L.lang === 'en' || u.posterior === undefined ? u.statement : messages(L.lang).scenario.bands(u.posterior);
}

/** The tie renewal table of results written before the CORDIS tie-dynamics measure (as it was rendered then). */
function legacyRenewalHtml(scenarios: readonly ScenarioSummary[], L: Lang): string {
  const { w } = L;
  let h = `<h3>${w.renewalTitle}</h3>\n`;
  h += `<p>${w.renewalText}</p>\n`;
  h += `<table class="cmp scn-renewal"><thead><tr>${w.renewalCols.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>`;
  for (const sc of scenarios) {
    const d = sc.diagnostics;
    if (!('renewalPairs' in d)) continue;
    h += `<tr><th>${escapeHtml(sc.scenario)}</th><td>${L.exact(d.renewalPairs)}</td><td>${L.exact(d.renewedAfterEnd)}</td><td>${L.exact(d.renewalShare)}</td></tr>`;
  }
  return h + '</tbody></table>\n';
}

/** The tie-dynamics table (docs/model.md 3.5): pairs in the window, again, overlap, after. */
function tieDynamicsHtml(scenarios: readonly ScenarioSummary[], L: Lang): string {
  const { w } = L;
  let h = `<h3>${w.tiesTitle}</h3>\n`;
  h += `<p>${w.tiesText}</p>\n`;
  h += `<table class="cmp scn-ties"><thead><tr>${w.tiesCols.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>`;
  for (const sc of scenarios) {
    const d = sc.diagnostics;
    if (!('ties' in d)) {
      h += `<tr><th>${escapeHtml(sc.scenario)}</th><td>–</td><td>–</td><td>–</td><td>–</td><td>–</td></tr>`;
      continue;
    }
    const t = d.ties;
    h += `<tr><th>${escapeHtml(sc.scenario)}</th><td>${t.window ? `${t.window[0]}–${t.window[1]}` : '–'}</td><td>${L.exact(t.pairs)}</td><td>${L.exact(t.shareAgain)}</td><td>${L.exact(t.shareOverlap)}</td><td>${L.exact(t.shareAfter)}</td></tr>`;
  }
  return h + '</tbody></table>\n';
}

/**
 * With two or more sweeps (e.g. one per funding regime): overlay fan charts per shared metric (each
 * sweep's setting chosen in its own selector) and one table of final-year means with 95% intervals.
 */
function comparisonSection(sweeps: readonly { inp: SweepReportInput; id: number }[], L: Lang): string {
  const { w } = L;
  const metrics = sweeps[0]!.inp.manifest.metrics.filter((m) => sweeps.every((s) => s.inp.manifest.metrics.includes(m)));
  let h = `<section class="comparison" id="comparison">\n<h2>${w.comparisonTitle}</h2>\n`;
  h += `<p>${w.comparisonText}</p>\n<div class="charts">`;
  metrics.forEach((metric, k) => {
    h += `<figure><figcaption>${escapeHtml(metric)}</figcaption><canvas id="cmp-${k}" data-metric="${escapeHtml(metric)}" width="360" height="220"></canvas></figure>`;
  });
  h += `</div>\n<h3>${w.finalYearMeans}</h3>\n<div class="scroll"><table class="cmp"><thead><tr>${w.comparisonCols.map((c) => `<th>${c}</th>`).join('')}`;
  for (const m of metrics) h += `<th>${escapeHtml(m)}</th>`;
  h += '</tr></thead><tbody>';
  for (const { inp } of sweeps) {
    const years = inp.manifest.years;
    const byKey = new Map<string, SummaryRecord>();
    for (const r of inp.summary) if (r.year === years) byKey.set(`${r.setting}|${r.metric}`, r);
    inp.settingLabels.forEach((label, st) => {
      h += `<tr><td>${escapeHtml(inp.manifest.scenario.name)}</td><td>${escapeHtml(label)}</td><td>${years}</td><td>${inp.manifest.runs}</td>`;
      for (const m of metrics) {
        const r = byKey.get(`${st}|${m}`);
        h += r ? `<td>${L.num(r.mean)} <span class="ci">[${L.num(r.ci95lo)}, ${L.num(r.ci95hi)}]</span></td>` : '<td>–</td>';
      }
      h += '</tr>';
    });
  }
  h += '</tbody></table></div>\n</section>\n';
  return h;
}

const STYLE = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}h2 small{color:#777;font-weight:normal;font-size:.6em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid #ddd;padding:.25em .5em;text-align:right}th{background:#f4f4f4}
table.meta th,table.meta td{text-align:left}.ci{color:#666;font-size:.85em}.scroll{overflow-x:auto}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:1em}figure{margin:0}figcaption{font-weight:600;font-size:.9em}
table.heat td{min-width:4em}table.cmp td{white-space:nowrap}caption{font-weight:600;text-align:left}code{background:#f4f4f4;padding:0 .2em}footer{margin-top:3em;color:#777;font-size:.85em}`;

/**
 * Client JS shared by every overlay chart (the sweep comparison and the simulate/compare fan charts):
 * push the dataset triple of series `d` — its 95th percentile (an invisible edge), the 90% band filled
 * from the 5th percentile up to it, and the mean line — in colour `c` onto `ds`, labelled by the JS
 * expression `name`.
 */
const pushBand = (name: string): string => `ds.push({label:${name}+' p95',data:d.p95,borderWidth:0,pointRadius:0,fill:false});
ds.push({label:${name}+' 90% band',data:d.p05,borderWidth:0,pointRadius:0,backgroundColor:c+'33',fill:'-1'});
ds.push({label:${name},data:d.mean,borderColor:c,backgroundColor:c,pointRadius:1.5,borderWidth:2,fill:false});`;

/** Client JS: the options of an overlay line chart (the legend lists the mean lines only). */
const OVERLAY_OPTIONS = `{animation:false,responsive:true,
plugins:{legend:{labels:{filter:function(item){return !/ (p95|90% band)$/.test(item.text);}}},tooltip:{mode:'index',intersect:false}},scales:{x:{title:{display:true,text:'year'}}}}`;

const CLIENT = `(function(){
var DATA=JSON.parse(document.getElementById('helixlab-data').textContent);
var COLORS=['#1f77b4','#d62728','#2ca02c','#9467bd','#ff7f0e','#8c564b'];
var fans={};
function fanData(sw,metric,s){var d=sw.series[metric][s];var labels=[];for(var y=0;y<=sw.years;y++)labels.push(y);
return{labels:labels,datasets:[{label:'95th pct',data:d.p95,borderWidth:0,pointRadius:0,fill:false},
{label:'90% band',data:d.p05,borderWidth:0,pointRadius:0,backgroundColor:'rgba(31,119,180,0.2)',fill:'-1'},
{label:'mean',data:d.mean,borderColor:'#1f77b4',backgroundColor:'#1f77b4',pointRadius:1.5,borderWidth:2,fill:false}]};}
DATA.sweeps.forEach(function(sw){fans[sw.id]=[];sw.metrics.forEach(function(metric,k){var el=document.getElementById('fan-'+sw.id+'-'+k);
if(!el||typeof Chart==='undefined')return;fans[sw.id].push({metric:metric,chart:new Chart(el,{type:'line',data:fanData(sw,metric,0),
options:{animation:false,responsive:true,plugins:{legend:{display:false},tooltip:{mode:'index',intersect:false}},scales:{x:{title:{display:true,text:'year'}}}}})});});});
var chosen={};DATA.sweeps.forEach(function(sw){chosen[sw.id]=0;});var overlays=[];
function overlayData(metric){var sws=DATA.sweeps.filter(function(sw){return sw.series[metric];});var n=0;sws.forEach(function(sw){n=Math.max(n,sw.years+1);});
var labels=[];for(var y=0;y<n;y++)labels.push(y);var ds=[];sws.forEach(function(sw,i){var d=sw.series[metric][chosen[sw.id]];var c=COLORS[i%COLORS.length];
${pushBand('sw.name')}});return{labels:labels,datasets:ds};}
if(DATA.sweeps.length>1)document.querySelectorAll('canvas[id^="cmp-"]').forEach(function(el){if(typeof Chart==='undefined')return;var metric=el.dataset.metric;
overlays.push({metric:metric,chart:new Chart(el,{type:'line',data:overlayData(metric),options:${OVERLAY_OPTIONS}})});});
document.querySelectorAll('select.setting-select').forEach(function(sel){sel.addEventListener('change',function(){var id=+sel.dataset.sweep;chosen[id]=+sel.value;
var sw=DATA.sweeps.filter(function(x){return x.id===id;})[0];(fans[id]||[]).forEach(function(f){f.chart.data=fanData(sw,f.metric,+sel.value);f.chart.update();});
overlays.forEach(function(o){o.chart.data=overlayData(o.metric);o.chart.update();});});});
document.querySelectorAll('select.heat-select').forEach(function(sel){sel.addEventListener('change',function(){
document.querySelectorAll('table.heat[data-sweep="'+sel.dataset.sweep+'"]').forEach(function(t){t.hidden=t.dataset.k!==sel.value;});});});
var whiskers={id:'whiskers',afterDatasetsDraw:function(chart){var ctx=chart.ctx;chart.data.datasets.forEach(function(ds,i){var meta=chart.getDatasetMeta(i);if(meta.hidden||!ds.lo)return;
meta.data.forEach(function(bar,j){var x=chart.scales.x,y0=bar.y,a=x.getPixelForValue(ds.lo[j]),b=x.getPixelForValue(ds.hi[j]);if(!(b>a))return;
ctx.save();ctx.strokeStyle='#000';ctx.lineWidth=1.2;ctx.beginPath();ctx.moveTo(a,y0);ctx.lineTo(b,y0);ctx.moveTo(a,y0-4);ctx.lineTo(a,y0+4);ctx.moveTo(b,y0-4);ctx.lineTo(b,y0+4);ctx.stroke();ctx.restore();});});}};
DATA.sensitivity.forEach(function(se){var el=document.getElementById('sens-chart-'+se.id);if(!el||typeof Chart==='undefined')return;
var all=[0];se.bars.sets.forEach(function(s){all=all.concat(s.lo,s.hi,s.values);});
new Chart(el,{type:'bar',data:{labels:se.bars.labels,datasets:se.bars.sets.map(function(s,i){return{label:s.label,data:s.values,lo:s.lo,hi:s.hi,backgroundColor:COLORS[i%COLORS.length]};})},
options:{indexAxis:'y',animation:false,responsive:true,scales:{x:{suggestedMin:Math.min.apply(null,all),suggestedMax:Math.max.apply(null,all)}},plugins:{legend:{position:'top'}}},plugins:[whiskers]});});
`;

/** Extra style of the simulate/compare sections (only when there are such results). */
const SCENARIO_STYLE = '\ntable.scn-final tbody th,table.scn-renewal tbody th{text-align:left}';

/** Client JS of the simulate/compare fan charts (inside {@link CLIENT}, only when there are such results). */
const SCENARIO_CLIENT = `DATA.scenarios.forEach(function(sc){sc.metrics.forEach(function(metric,k){var el=document.getElementById('scn-'+sc.id+'-'+k);if(!el||typeof Chart==='undefined')return;
var labels=[];for(var y=0;y<=sc.years;y++)labels.push(y);var ds=[];sc.names.forEach(function(name,i){var d=sc.series[metric][i];var c=COLORS[i%COLORS.length];
${pushBand('name')}});
new Chart(el,{type:'line',data:{labels:labels,datasets:ds},options:${OVERLAY_OPTIONS}});});});
`;

/** Closes {@link CLIENT}; the scenario charts' code goes before it when the report has scenario results. */
const CLIENT_END = '})();';

/** An exploration: the statements, the shares (with a bar), the deciding parameters, the flip regions. */
function exploreSection(inp: ExploreReportInput, id: number, L: Lang): string {
  const { w } = L;
  const s = inp.summary;
  const pct = L.pct;
  const bar = (x: number) =>
    `<span style="display:inline-block;width:${Math.round(120 * x)}px;height:0.8em;background:#0072B2;vertical-align:middle"></span> `;
  const rows = s.metrics
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.metric)}</td><td>${w.directions[m.direction] ?? m.direction}</td><td>${bar(m.bBetter.share)}${pct(m.bBetter.share)} (${pct(m.bBetter.ci95[0])}–${pct(m.bBetter.ci95[1])})</td>` +
        `<td>${pct(m.aBetter.share)}</td><td>${pct(m.bSignificant.share)}</td><td>${pct(m.aSignificant.share)}</td></tr>`,
    )
    .join('\n');
  const deciding = s.metrics
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.metric)}</td><td>${m.deciding
          .slice(0, 5)
          .map((d) => `${escapeHtml(d.path)} ${L.dec(d.index.toFixed(2))}`)
          .join(', ')}</td></tr>`,
    )
    .join('\n');
  const flips = s.metrics
    .flatMap((m) =>
      m.flips.length === 0
        ? [`<li>${escapeHtml(w.noRegion(m.metric, m.flipPoints))}</li>`]
        : m.flips.map(
            (f) => `<li>${escapeHtml(w.region(m.metric, f.conditions.join(w.and), pct(f.density), pct(f.coverage), pct(f.mass)))}</li>`,
          ),
    )
    .join('\n');
  return `<section id="explore-${id}">
<h2>${escapeHtml(w.exploreTitle(s.b, s.a))}</h2>
<p>${escapeHtml(w.exploreText(s.points, s.runs, s.measure === 'final', inp.source))}</p>
<ul>${s.metrics.map((m) => `<li>${escapeHtml(L.lang === 'en' ? m.statement : explorationStatement(m, { a: s.a, b: s.b }, L.lang))}</li>`).join('\n')}</ul>
<table><thead><tr><th>${w.metric}</th><th>${w.betterIs}</th><th>${escapeHtml(w.betterCi(s.b))}</th><th>${escapeHtml(w.better(s.a))}</th><th>${escapeHtml(w.significantly(s.b))}</th><th>${escapeHtml(w.significantly(s.a))}</th></tr></thead>
<tbody>${rows}</tbody></table>
<h3>${w.deciding(escapeHtml(s.b))}${w.decidingEnd}</h3>
<table><tbody>${deciding}</tbody></table>
<h3>${escapeHtml(w.flipsTitle(s.a))}</h3>
<ul>${flips}</ul>
<details><summary>${w.provenance}</summary><pre>${escapeHtml(JSON.stringify(inp.provenance, null, 2))}</pre></details>
</section>
`;
}

/** Render the report. `chartJs` is the source of Chart.js's UMD build (inlined verbatim). */
/** The client JS in the report's language: the words inside the charts (labels, axis, legend filter). */
function localClient(js: string, L: Lang): string {
  if (L.lang === 'en') return js;
  const c = L.w.chart;
  return js
    .replace(/text:'year'/g, `text:${JSON.stringify(c.year)}`)
    .replace(/label:'95th pct'/g, `label:${JSON.stringify(c.p95)}`)
    .replace(/label:'90% band'/g, `label:${JSON.stringify(c.band)}`)
    .replace(/label:'mean'/g, `label:${JSON.stringify(c.mean)}`)
    .replace(/\+' 90% band'/g, `+${JSON.stringify(' ' + c.band)}`)
    .replace('/ (p95|90% band)$/', `/ (p95|${c.band.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')})$/`);
}

/** Render the report. `chartJs` is the source of Chart.js's UMD build (inlined verbatim). */
export function buildReport(inputs: readonly ReportInput[], chartJs: string, options: ReportOptions): string {
  const L = langOf(options.lang ?? 'en');
  const { w } = L;
  const title = options.title ?? w.title;
  const sweeps: unknown[] = [];
  const sens: unknown[] = [];
  const scen: unknown[] = [];
  let body = '';
  inputs.forEach((inp, i) => {
    if (inp.kind === 'explore') {
      body += exploreSection(inp, i, L);
      return;
    }
    if (inp.kind === 'calibration') {
      body += calibrationSection(inp, i, L.lang);
      return;
    }
    const part =
      inp.kind === 'sweep'
        ? sweepSection(inp, i, L)
        : inp.kind === 'sensitivity'
          ? sensitivitySection(inp, i, L)
          : scenarioSection(inp, i, L);
    body += part.html;
    (inp.kind === 'sweep' ? sweeps : inp.kind === 'sensitivity' ? sens : scen).push(part.data);
  });
  const sweepInputs = inputs.flatMap((inp, id) => (inp.kind === 'sweep' ? [{ inp, id }] : []));
  if (sweepInputs.length >= 2) body = comparisonSection(sweepInputs, L) + body;
  const toc = (sweepInputs.length >= 2 ? [`<li><a href="#comparison">${w.comparisonTitle}</a></li>`] : [])
    .concat(
      inputs.map((inp, i) =>
        inp.kind === 'calibration'
          ? `<li><a href="#cal-${i}">${escapeHtml(w.tocCalibration(String(inp.result.provenance.scenario ?? 'simulator')))}</a> — ${escapeHtml(inp.source)}</li>`
          : inp.kind === 'explore'
            ? `<li><a href="#explore-${i}">${escapeHtml(w.tocExplore(inp.summary.b, inp.summary.a))}</a> — ${escapeHtml(inp.source)}</li>`
            : inp.kind === 'sweep'
              ? `<li><a href="#sweep-${i}">${escapeHtml(w.sweep(inp.manifest.scenario.name))}</a> — ${escapeHtml(inp.source)}</li>`
              : inp.kind === 'sensitivity'
                ? `<li><a href="#sens-${i}">${escapeHtml(w.tocSensitivity(inp.doc.method, inp.doc.metric))}</a> — ${escapeHtml(inp.source)}</li>`
                : `<li><a href="#scn-${i}">${escapeHtml(
                    inp.command === 'compare'
                      ? w.comparisonOf(inp.scenarios.map((s) => s.scenario).join(w.vs))
                      : w.simulationOf(inp.scenarios.map((s) => s.scenario).join(w.vs)),
                  )}</a> — ${escapeHtml(inp.source)}</li>`,
      ),
    )
    .join('\n');
  // Reports of directories only keep exactly the text they had before simulate/compare files were read.
  const files = scen.length;
  const dirs = inputs.length - files;
  const from = files === 0 ? w.fromDirs(inputs.length) : w.fromMixed(dirs, files);
  const footer = files ? w.footerPaired : '';
  const data = files ? { sweeps, sensitivity: sens, scenarios: scen } : { sweeps, sensitivity: sens };
  return `<!DOCTYPE html>
<html lang="${L.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="HelixLab ${escapeHtml(options.helixlab)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${files ? SCENARIO_STYLE : ''}${inputs.some((x) => x.kind === 'calibration') ? CALIBRATION_STYLE : ''}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${w.generated(escapeHtml(options.helixlab), from)}</p>
<ul>
${toc}
</ul>
${body}<footer>${w.footer}${footer}</footer>
<script type="application/json" id="helixlab-data">${scriptJson(data)}</script>
<script>${chartJs.replace(/<\/script/gi, '<\\/script')}</script>
<script>${localClient(`${CLIENT}${files ? SCENARIO_CLIENT : ''}${CLIENT_END}`, L)}</script>
</body>
</html>
`;
}
