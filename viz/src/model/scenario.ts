/**
 * Reading scenario results for the scenario view: the JSON written by `helixlab simulate
 * --format json` (top-level `scenario`, `runs`, `seed`, `years`, `metrics.<name>.byYear[]` with
 * `{year, mean, sd, p05, p50, p95}`) or by `helixlab compare --format json` (each scenario's own
 * summary as in simulate, plus `differences`). Also accepted: an array of simulate results.
 * Problems are reported as diagnostics naming the file and the JSON path, never thrown raw.
 * A scenario result may carry `network`, the recorded network of one run (`--network-run`, and
 * run 0 of a simulation in the browser): read by `parseNetworkHistory` (model/network-history.ts).
 *
 * Fan chart convention: the line is the mean over runs, the band the 5th–95th percentile
 * (a 90% band of the run-to-run distribution, not a confidence interval of the mean).
 */
import type { Diagnostic, YearSummary } from 'helixlab';
import { S } from '../strings.js';
import { parseNetworkHistory, type NetworkHistory } from './network-history.js';

/** One year of a metric; null where the engine has no value (e.g. a ratio with a zero denominator). */
export type YearStat = YearSummary;

export interface ScenarioSeries {
  name: string;
  runs: number | null;
  seed: string | null;
  years: number | null;
  metrics: Map<string, YearStat[]>;
  /** The recorded network of one run, when the result has the key `network`. */
  network: NetworkHistory | null;
}

export interface ScenarioLoad {
  series: ScenarioSeries[];
  diagnostics: Diagnostic[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function readSeries(v: unknown, path: string, file: string, fallbackName: string, diags: Diagnostic[]): ScenarioSeries | null {
  const err = (field: string, message: string) => diags.push({ severity: 'error', file, field, message, code: 'bad-scenario-result' });
  if (!isObj(v)) {
    err(path || S.resultsFile.topLevel, S.resultsFile.notResult);
    return null;
  }
  const metricsRaw = v.metrics;
  if (!isObj(metricsRaw)) {
    err(`${path}metrics`, S.resultsFile.noMetrics);
    return null;
  }
  let name = fallbackName;
  if (typeof v.scenario === 'string') name = v.scenario;
  else if (isObj(v.scenario) && typeof v.scenario.name === 'string') name = v.scenario.name;
  else if (typeof v.name === 'string') name = v.name;
  const metrics = new Map<string, YearStat[]>();
  for (const [m, spec] of Object.entries(metricsRaw)) {
    const by = isObj(spec) ? spec.byYear : undefined;
    if (!Array.isArray(by)) {
      err(`${path}metrics.${m}.byYear`, S.resultsFile.byYear);
      continue;
    }
    const rows: YearStat[] = [];
    let bad = false;
    by.forEach((row, i) => {
      if (bad) return;
      const okNum = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isFinite(v));
      if (!isObj(row) || typeof row.year !== 'number' || !['mean', 'sd', 'p05', 'p50', 'p95'].every((k) => okNum(row[k]))) {
        err(`${path}metrics.${m}.byYear[${i}]`, S.resultsFile.yearRow);
        bad = true;
        return;
      }
      const n = (k: string): number | null => (typeof row[k] === 'number' ? (row[k] as number) : null);
      rows.push({
        year: row.year,
        mean: n('mean'),
        sd: n('sd'),
        p05: n('p05') ?? n('mean'),
        p50: n('p50') ?? n('mean'),
        p95: n('p95') ?? n('mean'),
      });
    });
    if (!bad)
      metrics.set(
        m,
        rows.sort((a, b) => a.year - b.year),
      );
  }
  if (metrics.size === 0) {
    err(`${path}metrics`, S.resultsFile.noMetric);
    return null;
  }
  const seed = typeof v.seed === 'number' || typeof v.seed === 'string' ? String(v.seed) : null;
  // a bad network is reported; the fan charts of the scenario are still shown
  const network = v.network === undefined ? null : parseNetworkHistory(v.network, `${path}network`, file, diags);
  return {
    name,
    runs: typeof v.runs === 'number' ? v.runs : null,
    seed,
    years: typeof v.years === 'number' ? v.years : null,
    metrics,
    network,
  };
}

/** Parse the text of a simulate / compare result file. */
export function parseScenarioResults(text: string, file: string): ScenarioLoad {
  const diagnostics: Diagnostic[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    diagnostics.push({ severity: 'error', file, message: S.resultsFile.notJson(msg), code: 'json-syntax' });
    return { series: [], diagnostics };
  }
  const series: ScenarioSeries[] = [];
  const add = (v: unknown, path: string, name: string) => {
    const s = readSeries(v, path, file, name, diagnostics);
    if (s) series.push(s);
  };
  if (Array.isArray(data)) data.forEach((v, i) => add(v, `[${i}].`, `scenario ${i + 1}`));
  else if (isObj(data) && Array.isArray(data.scenarios)) data.scenarios.forEach((v, i) => add(v, `scenarios[${i}].`, `scenario ${i + 1}`));
  else if (isObj(data) && isObj(data.scenarios)) for (const [k, v] of Object.entries(data.scenarios)) add(v, `scenarios.${k}.`, k);
  else if (isObj(data) && isObj(data.results)) for (const [k, v] of Object.entries(data.results)) add(v, `results.${k}.`, k);
  else add(data, '', file.replace(/\.json$/i, ''));
  // Unique names (two runs of the same scenario file).
  const seen = new Map<string, number>();
  for (const s of series) {
    const k = seen.get(s.name) ?? 0;
    seen.set(s.name, k + 1);
    if (k > 0) s.name = `${s.name} (${k + 1})`;
  }
  return { series, diagnostics };
}

/** Metric names present in every series (in the first series' order), for the metric picker. */
export function commonMetrics(series: readonly ScenarioSeries[]): string[] {
  if (series.length === 0) return [];
  return [...series[0]!.metrics.keys()].filter((m) => series.every((s) => s.metrics.has(m)));
}

export interface FanSeries {
  name: string;
  years: number[];
  mean: Array<number | null>;
  low: Array<number | null>;
  high: Array<number | null>;
}

/** The fan chart data of one metric for each scenario: mean line and the p05–p95 band. */
export function fanData(series: readonly ScenarioSeries[], metric: string): FanSeries[] {
  return series
    .filter((s) => s.metrics.has(metric))
    .map((s) => {
      const rows = s.metrics.get(metric)!;
      return {
        name: s.name,
        years: rows.map((r) => r.year),
        mean: rows.map((r) => r.mean),
        low: rows.map((r) => r.p05),
        high: rows.map((r) => r.p95),
      };
    });
}

/** Value of a metric at a year for each scenario (for the slider readout). */
export function valuesAtYear(
  series: readonly ScenarioSeries[],
  metric: string,
  year: number,
): Array<{ name: string; stat: YearStat | null }> {
  return series.map((s) => ({ name: s.name, stat: s.metrics.get(metric)?.find((r) => r.year === year) ?? null }));
}

/** Human label for a metric name of the engine, in the current language (its own name when the catalogue has none). */
export function metricLabel(m: string): string {
  return S.metrics[m] ?? m;
}
