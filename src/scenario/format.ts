/**
 * Rendering simulation and comparison results: JSON (numbers rounded to 6 significant digits so
 * that the bytes are stable and readable), CSV (one row per scenario, metric and year) and aligned
 * text tables for people. Pure functions: result in, text out.
 */
import { csvPreamble, csvRows, type Cell, type CsvDialect, type CsvWriteOptions } from '../util/csv.js';
import { METRIC_UNITS, SCENARIO_METRICS, type MetricName } from './engine.js';
import {
  meanOverYears,
  sumOverYears,
  type ComparisonResult,
  type Difference,
  type PublicMoney,
  type SimulationResult,
  type TieDiagnostics,
} from './simulate.js';
import type { RunOutput } from './engine.js';
import { CORDIS_H2020_SMALL_TIES } from './ties.js';
import { networkHistoryToJson, type NetworkHistory } from './snapshots.js';
import type { UncertaintyStatement } from './posterior.js';
import { messages, numberFormats, type Locale } from '../i18n/index.js';

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

/**
 * A number for people: thousands separated, 3 significant digits for small values, 'M' for millions.
 * In Finnish a decimal comma, a no-break space between thousands and 'milj.' for millions.
 */
export function fmt(x: number | null | undefined, lang: Locale = 'en'): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (lang !== 'en') {
    const f = numberFormats(lang);
    if (a >= 1e6) return f.num(x / 1e6, a >= 1e8 ? 0 : 2) + messages(lang).scenario.millions;
    if (a >= 1000) return f.int(x);
    if (a >= 100) return f.num(x, 0);
    if (a >= 10) return f.num(x, 1);
    if (a >= 1) return f.num(x, 2);
    if (a === 0) return '0';
    return f.num(x, 3);
  }
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

/** A metric's name and unit as the tables of `lang` show them. */
function metricWords(m: MetricName, lang: Locale): { name: string; unit: string } {
  const w = messages(lang).scenario;
  return { name: w.metricNames[m] ?? m, unit: w.units[m] ?? METRIC_UNITS[m] };
}

/** A share as a percentage with one decimal: 12.2% (en), 12,2 % (fi). */
function pct(x: number | null, lang: Locale): string {
  if (x === null) return '–';
  return lang === 'en' ? `${(x * 100).toFixed(1)}%` : `${numberFormats(lang).num(x * 100, 1)}\u00a0%`;
}

/** The tie-dynamics line of a result (empty when the run has no window or no pairs). */
export function tieText(t: TieDiagnostics, lang: Locale = 'en'): string {
  if (!t.window || t.shareAgain === null) return '';
  const c = CORDIS_H2020_SMALL_TIES;
  const p = (x: number | null) => pct(x, lang);
  return messages(lang).scenario.ties(
    `${t.window[0]}–${t.window[1]}`,
    t.pairs,
    [p(t.shareAgain), p(t.shareOverlap), p(t.shareAfter)],
    [p(c.shareAgain), p(c.shareOverlap), p(c.shareAfter)],
  );
}

/** What the bands of a result contain, in `lang` (the English one is `u.statement`). */
export function bandsText(u: UncertaintyStatement, lang: Locale = 'en'): string {
  return lang === 'en' ? u.statement : messages(lang).scenario.bands(u.posterior);
}

/** The default `simulate` table: for each metric, the mean and 90 % band (p05–p95) at a few years. */
export function simulationTable(r: SimulationResult, metrics: readonly MetricName[] = SCENARIO_METRICS, lang: Locale = 'en'): string {
  const w = messages(lang).scenario;
  const f = (x: number | null | undefined) => fmt(x, lang);
  const ys = tableYears(r.years);
  const rows: string[][] = [];
  for (const m of metrics) {
    const s = r.metrics[m];
    const mw = metricWords(m, lang);
    ys.forEach((y, k) => {
      const b = s.byYear[y]!;
      rows.push([k === 0 ? mw.name : '', k === 0 ? mw.unit : '', String(y), f(b.mean), w.band(f(b.p05), f(b.p95))]);
    });
  }
  const head = w.simHead(r.scenario, r.runs, String(r.seed), r.years, moneyText(r.publicMoney, lang), bandsText(r.uncertainty, lang));
  const final = r.metrics.partnerships.final;
  const foot = w.finalPartnerships(f(final.mean), f(final.ci95?.[0]), f(final.ci95?.[1])) + tieText(r.diagnostics.ties, lang);
  return head + '\n\n' + table([...w.simCols], rows, (c) => c >= 2) + '\n' + foot + '\n';
}

/** The `compare` table: final means per scenario, then paired differences against the baseline. */
export function comparisonTable(c: ComparisonResult, metrics: readonly MetricName[] = SCENARIO_METRICS, lang: Locale = 'en'): string {
  const w = messages(lang).scenario;
  const f = (x: number | null | undefined) => fmt(x, lang);
  const names = c.scenarios.map((s) => s.scenario);
  const head = w.cmpHead(c.years, c.runs, String(c.seed), c.baseline);
  const money = c.scenarios.map((s) => `  ${s.scenario}: ${moneyText(s.publicMoney, lang)}`).join('\n');
  const kinds = new Set(c.scenarios.map((s) => s.uncertainty.statement));
  const uncertainty =
    kinds.size === 1
      ? `${bandsText(c.scenarios[0]!.uncertainty, lang)}\n`
      : c.scenarios.map((s) => `  ${s.scenario}: ${bandsText(s.uncertainty, lang)}`).join('\n') + '\n';
  const rows1 = metrics.map((m) => [metricWords(m, lang).name, ...c.scenarios.map((s) => f(s.metrics[m].final.mean))]);
  const check = lang === 'en' ? c.moneyCheck.message : moneyCheckText(c, lang);
  let out = head + uncertainty + '\n' + check + '\n' + money + '\n\n' + table([w.metric, ...names], rows1, (col) => col >= 1) + '\n';
  const ci = (x: Difference): string => (x.ci95 ? w.ci(f(x.ci95[0]), f(x.ci95[1])) : '–');
  const p = (x: number): string => (lang === 'en' ? x.toFixed(2) : numberFormats(lang).num(x, 2));
  for (const n of names.slice(1)) {
    const d = c.differences[n]!;
    const dm = c.differencesOverYears[n]!;
    const rows = metrics.map((m) => {
      const x = d[m];
      const y = dm[m];
      return [metricWords(m, lang).name, f(x.meanDiff), ci(x), x.probGreater === null ? '–' : p(x.probGreater), f(y.meanDiff), ci(y)];
    });
    out += w.diffHead(n, c.baseline, c.years) + table([...w.diffCols], rows, (col) => col >= 1) + '\n';
  }
  return out;
}

/** The money check of a comparison in `lang` (the English one is `c.moneyCheck.message`). */
function moneyCheckText(c: ComparisonResult, lang: Locale): string {
  const w = messages(lang).scenario;
  const nf = numberFormats(lang);
  const list = c.scenarios.map((s) => `${s.scenario} ${nf.money(s.publicMoney.expectedEur)}`).join(', ');
  const base = c.scenarios[0]?.publicMoney.expectedEur ?? 0;
  if (!(base > 0)) return c.scenarios.every((s) => s.publicMoney.expectedEur === 0) ? w.moneyNone : w.moneyBaselineZero(list);
  const max = c.moneyCheck.maxRelativeDifference ?? 0;
  return c.moneyCheck.equal ? w.moneyEqual(list) : w.moneyUnequal(`${nf.num(100 * max, 1)}\u00a0%`, list);
}

/** "1.62 M EUR expected over the horizon (scaled ×0.721 to equal project-driven.json); realised mean 1.63 M EUR". */
export function moneyText(m: PublicMoney, lang: Locale = 'en'): string {
  const p = Number.isFinite(m.scale) ? m.scale.toPrecision(4) : '–'; // '–': an overflow, not a number
  const scale = lang === 'en' ? p : p.replace('.', ',');
  return messages(lang).scenario.moneyText(
    fmt(m.expectedEur, lang),
    m.equalMoneyWith ? { scale, with: m.equalMoneyWith } : null,
    fmt(m.realisedMeanEur, lang),
  );
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

/**
 * CSV: scenario,metric,year,mean,sd,p05,p50,p95 (one row per year), in the dialect (default rfc4180)
 * with its byte order mark; formula cells escaped unless `formulas` is 'keep'. The second argument is
 * the dialect or the writer options.
 */
export function simulationCsv(rs: readonly SimulationResult[], dialectOrOpts: CsvDialect | CsvWriteOptions = 'rfc4180'): string {
  const opts: CsvWriteOptions = typeof dialectOrOpts === 'string' ? { dialect: dialectOrOpts } : dialectOrOpts;
  const rows: Cell[][] = [['scenario', 'metric', 'year', 'mean', 'sd', 'p05', 'p50', 'p95']];
  const num = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : round6(x));
  for (const r of rs) {
    for (const m of SCENARIO_METRICS) {
      for (const b of r.metrics[m].byYear) rows.push([r.scenario, m, b.year, num(b.mean), num(b.sd), num(b.p05), num(b.p50), num(b.p95)]);
    }
  }
  return csvPreamble(opts.dialect) + csvRows(rows, opts);
}
