/**
 * Rendering simulation and comparison results: JSON (numbers rounded to 6 significant digits so
 * that the bytes are stable and readable), CSV (one row per scenario, metric and year) and aligned
 * text tables for people. Pure functions: result in, text out.
 */
import { csvRows, type Cell, type CsvWriteOptions } from '../util/csv.js';
import { METRIC_UNITS, SCENARIO_METRICS, type MetricName } from './engine.js';
import {
  meanOverYears,
  sumOverYears,
  type ComparisonResult,
  type Difference,
  type PublicMoney,
  type SimulationResult,
} from './simulate.js';
import type { RunOutput } from './engine.js';
import { networkHistoryToJson, type NetworkHistory } from './snapshots.js';

function round6(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(6));
}

/** JSON text of a result; numbers to 6 significant digits, NaN/Infinity as null. */
export function resultToJson(result: SimulationResult | ComparisonResult): string {
  return JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' ? (Number.isFinite(v) ? round6(v) : null) : v), 2) + '\n';
}

const TOKEN = (i: number) => `@@helixlab-network-${i}@@`;

/**
 * The JSON of {@link resultToJson} with `network` added to each scenario's result (simulate: the
 * top-level object; compare: each element of `scenarios`); the networks are written one actor / tie
 * spell per line (`networkHistoryToJson`) instead of one number per line.
 */
export function resultWithNetworksToJson(result: SimulationResult | ComparisonResult, networks: readonly NetworkHistory[]): string {
  const tagged: SimulationResult | ComparisonResult =
    'scenarios' in result
      ? { ...result, scenarios: result.scenarios.map((s, i) => ({ ...s, network: TOKEN(i) })) }
      : ({ ...result, network: TOKEN(0) } as SimulationResult);
  return resultToJson(tagged).replace(/^( *)"network": "@@helixlab-network-(\d+)@@"/gm, (_m, indent: string, i: string) => {
    const h = networks[Number(i)];
    if (!h) throw new Error(`no recorded network for scenario ${i}`);
    return `${indent}"network": ${networkHistoryToJson(h, indent)}`;
  });
}

/** A number for people: thousands separated, 3 significant digits for small values, 'M' for millions. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1e6) return (x / 1e6).toFixed(a >= 1e8 ? 0 : 2) + ' M';
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  if (a === 0) return '0';
  return x.toFixed(3);
}

function table(header: string[], rows: string[][], rightAlign: (col: number) => boolean): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((v, c) => (rightAlign(c) ? v.padStart(widths[c]!) : v.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Years shown in tables: 0, about five steps, and the last year. */
export function tableYears(years: number): number[] {
  const step = Math.max(1, Math.ceil(years / 5));
  const ys: number[] = [];
  for (let y = 0; y < years; y += step) ys.push(y);
  ys.push(years);
  return ys;
}

/** The default `simulate` table: for each metric, the mean and 90 % band (p05–p95) at a few years. */
export function simulationTable(r: SimulationResult, metrics: readonly MetricName[] = SCENARIO_METRICS): string {
  const ys = tableYears(r.years);
  const rows: string[][] = [];
  for (const m of metrics) {
    const s = r.metrics[m];
    ys.forEach((y, k) => {
      const b = s.byYear[y]!;
      rows.push([k === 0 ? m : '', k === 0 ? METRIC_UNITS[m] : '', String(y), fmt(b.mean), `${fmt(b.p05)} – ${fmt(b.p95)}`]);
    });
  }
  const head =
    `Scenario ${r.scenario}: ${r.runs} runs, seed ${r.seed}, ${r.years} years (year 0 = start). Mean and 90% band of the runs.\n` +
    `Public money: ${moneyText(r.publicMoney)}.`;
  const final = r.metrics.partnerships.final;
  const foot =
    `\nFinal partnerships: ${fmt(final.mean)} (95% CI of the mean ${fmt(final.ci95?.[0])} – ${fmt(final.ci95?.[1])}).` +
    (r.diagnostics.renewalShare !== null
      ? `\nTie renewal after a first joint project: ${(r.diagnostics.renewalShare * 100).toFixed(1)}% of ${r.diagnostics.renewalPairs} pairs (CORDIS H2020: about 5%).`
      : '');
  return head + '\n\n' + table(['metric', 'unit', 'year', 'mean', '90% band'], rows, (c) => c >= 2) + '\n' + foot + '\n';
}

/** The `compare` table: final means per scenario, then paired differences against the baseline. */
export function comparisonTable(c: ComparisonResult, metrics: readonly MetricName[] = SCENARIO_METRICS): string {
  const names = c.scenarios.map((s) => s.scenario);
  const head =
    `Compared over ${c.years} years, ${c.runs} paired runs each (common random numbers, seed ${c.seed}).\n` +
    `Final-year means; differences are paired (scenario − ${c.baseline}) with the 95% CI of the mean difference\n` +
    `and P(>) = share of paired runs where the scenario's value is greater than the baseline's (ties count 1/2).\n`;
  const money = c.scenarios.map((s) => `  ${s.scenario}: ${moneyText(s.publicMoney)}`).join('\n');
  const rows1 = metrics.map((m) => [m, ...c.scenarios.map((s) => fmt(s.metrics[m].final.mean))]);
  let out = head + '\n' + c.moneyCheck.message + '\n' + money + '\n\n' + table(['metric', ...names], rows1, (col) => col >= 1) + '\n';
  const ci = (x: Difference): string => (x.ci95 ? `${fmt(x.ci95[0])} … ${fmt(x.ci95[1])}` : '–');
  for (const n of names.slice(1)) {
    const d = c.differences[n]!;
    const dm = c.differencesOverYears[n]!;
    const rows = metrics.map((m) => {
      const x = d[m];
      const y = dm[m];
      return [m, fmt(x.meanDiff), ci(x), x.probGreater === null ? '–' : x.probGreater.toFixed(2), fmt(y.meanDiff), ci(y)];
    });
    out +=
      `\n${n} − ${c.baseline} (final year; and the mean over years 1–${c.years}):\n` +
      table(['metric', 'difference', '95% CI', 'P(>)', 'over the years', '95% CI'], rows, (col) => col >= 1) +
      '\n';
  }
  return out;
}

/** "1.62 M EUR expected over the horizon (scaled ×0.721 to equal project-driven.json); realised mean 1.63 M EUR". */
export function moneyText(m: PublicMoney): string {
  const eq = m.equalMoneyWith ? ` (public streams scaled ×${m.scale.toPrecision(4)} to equal ${m.equalMoneyWith})` : '';
  return `${fmt(m.expectedEur)} EUR expected over the horizon${eq}; realised mean ${fmt(m.realisedMeanEur)} EUR`;
}

/** Header of the tidy per-run CSV of `compare --format csv` ({@link pairedRunRows}). */
export const PAIRED_RUN_COLUMNS = ['run', 'scenario', 'metric', 'final', 'mean_over_years', 'cumulated'] as const;

/**
 * Tidy per-run rows of one replication: one row per scenario and metric with the final value, the
 * mean over years 1..years and the sum over them (paired across scenarios by `run`).
 */
export function pairedRunRows(run: number, names: readonly string[], outs: readonly RunOutput[], years: number): Cell[][] {
  const rows: Cell[][] = [];
  const num = (x: number): number | null => (Number.isFinite(x) ? round6(x) : null);
  outs.forEach((o, i) => {
    for (const m of SCENARIO_METRICS) {
      const v = o.metrics[m];
      rows.push([run, names[i] ?? `scenario ${i}`, m, num(v[years]!), num(meanOverYears(v, years)), num(sumOverYears(v, years))]);
    }
  });
  return rows;
}

/** CSV: scenario,metric,year,mean,sd,p05,p50,p95 (one row per year). */
export function simulationCsv(rs: readonly SimulationResult[], csv: CsvWriteOptions = {}): string {
  const rows: Cell[][] = [['scenario', 'metric', 'year', 'mean', 'sd', 'p05', 'p50', 'p95']];
  const num = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : round6(x));
  for (const r of rs) {
    for (const m of SCENARIO_METRICS) {
      for (const b of r.metrics[m].byYear) rows.push([r.scenario, m, b.year, num(b.mean), num(b.sd), num(b.p05), num(b.p50), num(b.p95)]);
    }
  }
  return csvRows(rows, csv);
}
