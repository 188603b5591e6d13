/**
 * Node-only. Loading result directories for the impact report and reading Chart.js's UMD build
 * from node_modules at report time (so the report inlines it and opens with no network access).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InputError } from '../model/errors.js';
import { parseCsv } from './csv.js';
import { settingAt, settingLabel } from './grid.js';
import { planFromManifest, readSweepManifest } from './merge.js';
import { buildReport, type ReportInput, type SensitivityReportInput, type SummaryRecord } from './report.js';

/** The Chart.js UMD bundle (minified when available). */
export function chartJsSource(): string {
  const req = createRequire(import.meta.url);
  const main = req.resolve('chart.js'); // …/chart.js/dist/chart.cjs
  for (const f of ['chart.umd.min.js', 'chart.umd.js']) {
    const p = join(dirname(main), f);
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  throw new Error(`Chart.js UMD build not found beside ${main}`);
}

function readSummary(dir: string, axes: number, metrics: readonly string[]): SummaryRecord[] {
  const file = join(dir, 'summary.csv');
  const { header, rows } = parseCsv(readFileSync(file, 'utf8'));
  const want = ['year', 'metric', 'n', 'mean', 'sd', 'ci95_lo', 'ci95_hi', 'p05', 'p50', 'p95'];
  if (header[0] !== 'setting' || JSON.stringify(header.slice(axes + 1)) !== JSON.stringify(want)) {
    throw new InputError([{ severity: 'error', code: 'bad-summary', file, line: 1, message: `unexpected header; expected setting,<grid paths>,${want.join(',')}` }]);
  }
  const known = new Set(metrics);
  return rows.map((r, i) => {
    const c = (k: number): number => (r[axes + 1 + k] === '' ? NaN : Number(r[axes + 1 + k]));
    const metric = r[axes + 2]!;
    if (!known.has(metric)) throw new InputError([{ severity: 'error', code: 'bad-summary', file, line: i + 2, message: `unknown metric '${metric}'` }]);
    return { setting: Number(r[0]), year: c(0), metric, n: c(2), mean: c(3), sd: c(4), ci95lo: c(5), ci95hi: c(6), p05: c(7), p50: c(8), p95: c(9) };
  });
}

/** Read a sweep or sensitivity output directory. */
export function loadReportInput(dir: string): ReportInput {
  const mp = join(dir, 'manifest.json');
  if (existsSync(mp)) {
    let kind: unknown;
    try {
      kind = (JSON.parse(readFileSync(mp, 'utf8')) as { kind?: unknown }).kind;
    } catch (err) {
      throw new InputError([{ severity: 'error', code: 'bad-manifest', file: mp, message: `not valid JSON (${(err as Error).message})` }]);
    }
    if (kind === 'sensitivity') {
      const sp = join(dir, 'sensitivity.json');
      const doc = JSON.parse(readFileSync(sp, 'utf8')) as SensitivityReportInput['doc'];
      return { kind: 'sensitivity', source: dir, doc };
    }
  }
  const manifest = readSweepManifest(dir);
  const plan = planFromManifest(manifest);
  const settings = Array.from({ length: manifest.settings }, (_, s) => settingAt(plan.axes, s));
  return {
    kind: 'sweep',
    source: dir,
    manifest,
    settingLabels: settings.map((s) => settingLabel(plan.axes, s)),
    settingValues: settings.map((s) => s.values),
    summary: readSummary(dir, plan.axes.length, manifest.metrics),
  };
}

/** Build the report HTML for `dirs`. */
export function reportFromDirs(dirs: readonly string[], options: { title?: string; helixlab: string }): string {
  if (dirs.length === 0) throw new InputError([{ severity: 'error', code: 'no-input', message: 'give at least one sweep or sensitivity output directory' }]);
  return buildReport(dirs.map(loadReportInput), chartJsSource(), options);
}
